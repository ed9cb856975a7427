"""Himmelman's continuum of working together.

Himmelman (2002) describes four nested strategies, each adding one activity to
the one before: networking (exchange information), coordinating (also alter
activities), cooperating (also share resources) and collaborating (also enhance
the other's capacity). The items ``H1`` to ``H4`` ask, yes or no, whether a
partnership does each of these.

**The rule for the level reached.** Because the strategies are cumulative, the
level is the last strategy in an unbroken run of "yes" answers that starts at
``H1``. A "yes" after the first "no" (or unanswered item), for example yes to
``H3`` but no to ``H2``, does not raise the level; the pattern is flagged as
*inconsistent* and the skipped strategies are listed, because such a pattern is
worth discussing with the partners rather than silently "correcting". When no
``H`` item is answered at all, the level is missing (``None``), not ``none``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from .io import safe_csv_text
from .records import records

__all__ = [
    "CONTINUUM_ITEMS",
    "CONTINUUM_LEVELS",
    "continuum_feedback",
    "continuum_levels",
    "continuum_report",
    "himmelman_strategies",
]

#: The five levels, from no joint work at all to collaborating.
CONTINUUM_LEVELS: tuple[str, ...] = (
    "none",
    "networking",
    "coordinating",
    "cooperating",
    "collaborating",
)
#: The item ids, one per strategy, in the continuum's order.
CONTINUUM_ITEMS: tuple[str, ...] = ("H1", "H2", "H3", "H4")


@cache
def _strategies() -> pd.DataFrame:
    with resources.files("toolkit.data").joinpath("himmelman.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh)


def himmelman_strategies() -> pd.DataFrame:
    """Return the four strategies of the continuum, in order, as a new DataFrame.

    Columns: ``item``, ``level``, ``order``, ``strategy``, ``adds``, ``source``.

    >>> himmelman_strategies()[["item", "level"]].values.tolist()
    [['H1', 'networking'], ['H2', 'coordinating'], ['H3', 'cooperating'], ['H4', 'collaborating']]
    """
    return _strategies().copy()


def continuum_levels(answers: pd.DataFrame) -> pd.DataFrame:
    """Place each row of yes/no answers on the continuum.

    Parameters
    ----------
    answers : DataFrame
        Columns ``H1`` to ``H4`` holding 1 (yes), 0 (no) or missing
        (unanswered). Other columns are ignored; missing ``H`` columns count as
        unanswered. The input is not modified.

    Returns
    -------
    DataFrame
        Same index, with columns ``continuum`` (one of :data:`CONTINUUM_LEVELS`,
        or ``None`` when no ``H`` item was answered), ``continuum_inconsistent``
        (a "yes" beyond the first gap) and ``continuum_skipped`` (the strategies
        answered "no" or left blank below a "yes", comma separated).

    Examples
    --------
    >>> rows = pd.DataFrame({"H1": [1, 1, 0, None], "H2": [1, 0, 0, None],
    ...                      "H3": [0, 1, 0, None], "H4": [0, 0, 0, None]})
    >>> continuum_levels(rows)
          continuum  continuum_inconsistent continuum_skipped
    0  coordinating                   False
    1    networking                    True  alter activities
    2          none                   False
    3          None                   False
    """
    frame = pd.DataFrame(index=answers.index)
    values = np.full((len(answers), len(CONTINUUM_ITEMS)), np.nan)
    for j, item in enumerate(CONTINUUM_ITEMS):
        if item in answers.columns:
            values[:, j] = pd.to_numeric(answers[item], errors="coerce").to_numpy(dtype=float)
    yes = values == 1
    answered_any = ~np.isnan(values).all(axis=1)
    run = np.cumprod(yes, axis=1).sum(axis=1)  # length of the unbroken run of "yes" from H1
    levels = np.array(CONTINUUM_LEVELS, dtype=object)[run]
    levels[~answered_any] = None
    # A "yes" past the run means a gap below it.
    position = np.arange(len(CONTINUUM_ITEMS))
    beyond = position[None, :] >= run[:, None]
    last_yes = np.where(yes, position[None, :], -1).max(axis=1)
    inconsistent = (yes & beyond).any(axis=1)
    skipped_mask = beyond & ~yes & (position[None, :] < last_yes[:, None])
    names = _strategies()["strategy"].tolist()
    pieces = np.where(skipped_mask, np.array([n + ", " for n in names], dtype=object), "")
    skipped = pd.Series(
        pieces.sum(axis=1) if len(pieces) else [], index=answers.index, dtype=object
    ).str.removesuffix(", ")
    frame["continuum"] = pd.Series(levels, index=answers.index, dtype=object)
    frame["continuum_inconsistent"] = inconsistent
    frame["continuum_skipped"] = skipped
    return frame


def continuum_feedback(answers: dict[str, object]) -> str:
    """Explain, in a few sentences, where one set of ``H1``-``H4`` answers stands.

    ``answers`` maps item ids to ``True``/``1`` (yes), ``False``/``0`` (no) or
    ``None`` (not answered yet). This is the feedback the continuum exercise
    shows.

    >>> print(continuum_feedback({"H1": True, "H2": True, "H3": False, "H4": False}))
    Level reached: coordinating. You exchange information and alter activities.
    The next step on the continuum, cooperating, would add: share resources.
    >>> print(continuum_feedback({"H1": True, "H2": False, "H3": True}))
    Level reached: networking. You exchange information. The next step on the
    continuum, coordinating, would add: alter activities. You also said yes to share
    resources, but the continuum is cumulative: each level builds on the ones before it,
    so the step to work on first is: alter activities.
    """
    row = pd.DataFrame([{k: (None if v is None else int(bool(v))) for k, v in answers.items()}])
    result = continuum_levels(row).iloc[0]
    level = result["continuum"]
    table = _strategies()
    if level is None:
        return "Answer at least the first question to see where you stand."
    rank = CONTINUUM_LEVELS.index(level)
    done = table["strategy"].iloc[:rank].tolist()
    if rank == 0:
        text = "Level reached: none. You do not yet exchange information."
    else:
        text = f"Level reached: {level}. You {_join(done)}."
    if rank < len(CONTINUUM_ITEMS):
        text += (
            f" The next step on the continuum, {CONTINUUM_LEVELS[rank + 1]}, would add: "
            f"{table['strategy'].iloc[rank]}."
        )
    else:
        text += " This is the top of the continuum."
    if result["continuum_inconsistent"]:
        position = [i for i, item in enumerate(CONTINUUM_ITEMS) if answers.get(item)]
        extra = [table["strategy"].iloc[i] for i in position if i > rank]
        text += (
            f" You also said yes to {_join(extra)}, but the continuum is cumulative: each "
            f"level builds on the ones before it, so the step to work on first is: "
            f"{result['continuum_skipped']}."
        )
    return text


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


#: The formats :func:`continuum_report` can write.
CONTINUUM_FORMATS: tuple[str, ...] = ("md", "csv", "json")


def continuum_report(format: str = "md") -> str:
    """Himmelman's continuum as a handout table: Markdown, CSV or JSON.

    >>> continuum_report("md").splitlines()[0]
    '| Item | Level | Strategy | What it adds |'
    """
    table = himmelman_strategies()
    if format == "csv":
        return safe_csv_text(table)
    if format == "json":
        return json.dumps({"levels": records(table)}, indent=2)
    if format not in CONTINUUM_FORMATS:
        raise ValueError(f"format must be one of {', '.join(CONTINUUM_FORMATS)}, not {format!r}")
    lines = ["| Item | Level | Strategy | What it adds |", "|---|---|---|---|"]
    lines += [f"| {r.item} | {r.level} | {r.strategy} | {r.adds} |" for r in table.itertuples()]
    return "\n".join(lines) + "\n\nSource: " + table["source"].iloc[0] + "\n"
