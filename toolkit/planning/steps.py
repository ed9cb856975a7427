"""Roberts' six steps and the readiness conditions, as data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

#: Answers to the readiness conditions.
READINESS_ANSWERS: tuple[str, ...] = ("yes", "no", "unsure")
#: What :func:`readiness_check` can recommend, from best to worst.
RECOMMENDATIONS: tuple[str, ...] = ("proceed", "proceed with care", "assess further", "reconsider")
#: The keys of the six steps in a plan file, in order.
STEP_KEYS: tuple[str, ...] = (
    "problem",
    "motivation",
    "members",
    "planning",
    "organization",
    "evaluation",
)


@cache
def _data(name: str) -> Any:
    text = resources.files("toolkit.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _steps_data() -> list[dict[str, Any]]:
    return _data("six_steps.yaml")["steps"]


# --------------------------------------------------------------------------- the steps as data


def six_steps() -> pd.DataFrame:
    """Return Roberts' six steps, in order, as a new DataFrame.

    Columns: ``number``, ``key`` (the step's key in a plan file), ``name``,
    ``source_name`` (as the source spells it), ``question`` (the source's
    question for the step, paraphrased), ``questions`` (guiding questions,
    a tuple) and ``outputs`` (labels of the outputs the step must produce, a
    tuple).

    >>> steps = six_steps()
    >>> steps["name"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Problem identification', 'Motivation to act', 'Member identification and selection',
     'Collaborative planning', 'Building an organization', 'Evaluation']
    """
    rows = [
        {
            "number": s["number"],
            "key": s["key"],
            "name": s["name"],
            "source_name": s["source_name"],
            "question": s["question"],
            "questions": tuple(s["questions"]),
            "outputs": tuple(o["label"] for o in s["outputs"] if o.get("required", False)),
        }
        for s in _steps_data()
    ]
    return pd.DataFrame(rows)


def step_outputs() -> pd.DataFrame:
    """Return every output of every step (one row each) as a new DataFrame.

    Columns: ``number``, ``step`` (key), ``output`` (key in the plan file),
    ``label``, ``kind`` and ``required`` (whether it counts towards completing
    the step).

    >>> outs = step_outputs()
    >>> outs.loc[outs["number"] == 3, "output"].tolist()
    ['selection_model', 'members', 'stakeholder_register']
    """
    rows = [
        {
            "number": s["number"],
            "step": s["key"],
            "output": o["key"],
            "label": o["label"],
            "kind": o["kind"],
            "required": bool(o.get("required", False)),
        }
        for s in _steps_data()
        for o in s["outputs"]
    ]
    return pd.DataFrame(rows)
