"""Plan a partnership in six steps, and keep the plan as a file.

Joan Roberts' six-step model for developing a *trans-organizational system*
(after Thomas Cummings) takes a group from a problem to a working partnership
and round again: 1 problem identification, 2 motivation to act, 3 member
identification and selection, 4 collaborative planning, 5 building an
organization, 6 evaluation, which may start a new cycle. The steps, their
guiding questions and the outputs each must produce are package data
(``toolkit/data/six_steps.yaml``); :func:`six_steps` and :func:`step_outputs`
return them as DataFrames.

Before step 1, :func:`readiness_check` asks whether a partnership is the right
strategy at all: Roberts' two conditions (single organisations have a history
of failing to develop sustainable solutions; partners are willing to
collaborate) and the extra time, energy and resources a partnership costs.

A :class:`Plan` is kept as a human-editable YAML file with a schema version.
:func:`load_plan` validates it and reports the first problem with the file, the
line and the field path (``steps.planning.goals[2].target``; item numbers in
paths count from 1, as a person reading the file would). :func:`save_plan`
writes atomically and never writes a plan that does not validate.
:func:`plan_progress` and :func:`next_action` say which steps are complete,
what is missing and what to do next.

Choices made where the source is silent (all documented in the data files or
the functions' parameters):

* **Readiness.** Roberts' two conditions decide; the costs are a warning unless
  ``require_costs=True``. Recommendations are ``proceed``, ``proceed with
  care`` (conditions met, costs not yet weighed), ``assess further`` (a
  condition unknown) and ``reconsider`` (a condition fails, or the partners do
  not accept the costs).
* **Step 5** records the three processes of Roberts' tri-process model and the
  five arrangements the step's question names, each as its own output.
* **Step 6** carries every step-4 goal (with its indicator and target) over as
  a social impact indicator: the step needs an observed value for each.

Schema versions
---------------
* **2** (current): the layout :func:`blank_plan` writes.
* **1**: an earlier, minimal layout: ``readiness`` held two booleans
  (``history_of_failure``, ``partners_willing``) and ``steps`` was a list of
  ``{number, notes}``. Loading upgrades it: the booleans become ``yes``/``no``
  answers and each step's notes go to that step's ``notes`` field.

A newer schema than this toolkit knows, or a file without ``schema_version``,
is refused with a message saying why.

Examples
--------
>>> plan = blank_plan("Reading partnership")
>>> plan.steps["problem"]["problem_statement"] = "Too few children read for pleasure."
>>> progress = plan_progress(plan)
>>> progress[["number", "complete"]].head(2).values.tolist()
[[1, False], [2, False]]
>>> progress.loc[0, "missing"]
['The perspectives the members bring to the problem: none recorded yet']
>>> loads_plan(dumps_plan(plan)) == plan
True
"""

from __future__ import annotations

import copy
import datetime as _dt
import math
import os
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .errors import InputError
from .io import atomic_write_text, read_input_bytes, shown_path
from .safeyaml import as_text, parse_yaml

__all__ = [
    "READINESS_ANSWERS",
    "RECOMMENDATIONS",
    "SCHEMA_VERSION",
    "STEP_KEYS",
    "Plan",
    "PlanError",
    "ReadinessResult",
    "blank_plan",
    "check_report",
    "dumps_plan",
    "load_plan",
    "loads_plan",
    "missing_outputs",
    "next_action",
    "plan_progress",
    "readiness_check",
    "save_plan",
    "six_steps",
    "step_outputs",
    "upgrade_plan_data",
]

#: The schema version this toolkit writes.
SCHEMA_VERSION = 2
#: The oldest schema version it can upgrade.
OLDEST_SCHEMA = 1
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


# --------------------------------------------------------------------------- the schema


@dataclass(frozen=True)
class _Field:
    key: str
    kind: str
    label: str = ""
    required: bool = False
    choices: tuple[Any, ...] = ()
    fields: tuple[_Field, ...] = ()
    labels: tuple[str, ...] = ()  # checklist / ratings: a label per choice or key
    help: tuple[str, ...] = ()  # comment lines for the YAML file


def _field_from_data(d: Mapping[str, Any], help_prefix: str = "") -> _Field:
    kind = d["kind"]
    label = d.get("label", d["key"])
    required = bool(d.get("required", False))
    sub = tuple(_field_from_data(f) for f in d.get("fields", ()))
    hints = {
        "choice": f" (one of: {', '.join(map(str, d.get('choices', ())))})",
        "number": " (a number)",
        "texts": " (a list: one '- ' line each)",
    }
    note = " - required" if required else ""
    help_line = f"{help_prefix}{label}{hints.get(kind, '')}{note}"
    if kind == "checklist":
        framework = _data("evaluation_frameworks.yaml")[d["framework"]]
        statuses = framework["statuses"]
        return _Field(
            d["key"],
            "checklist",
            label,
            required,
            choices=tuple(str(s["value"]) for s in statuses),
            fields=tuple(_Field(i["key"], "status", i["practice"]) for i in framework["items"]),
            help=(
                help_line,
                "  status of each practice: " + ", ".join(str(s["value"]) for s in statuses),
            ),
        )
    return _Field(
        d["key"], kind, label, required, tuple(d.get("choices", ())), sub, help=(help_line,)
    )


@cache
def _schema() -> _Field:
    data = _data("six_steps.yaml")
    ready = data["readiness"]
    answers = f" ({' / '.join(READINESS_ANSWERS)})"
    readiness_fields: list[_Field] = []
    for cond in ready["conditions"]:
        readiness_fields.append(
            _Field(
                cond["key"],
                "choice",
                cond["label"],
                choices=READINESS_ANSWERS,
                help=(cond["question"] + answers,),
            )
        )
        readiness_fields.append(
            _Field(cond["evidence"], "text", "Evidence", help=("What shows this?",))
        )
    costs = _Field(
        "costs",
        "section",
        "Costs",
        fields=tuple(
            _Field(c["key"], "text", c["label"], help=(c["question"],)) for c in ready["costs"]
        ),
        help=("A partnership needs more time, energy and resources than a single organisation.",),
    )
    readiness_fields.append(costs)
    readiness_fields.append(
        _Field(
            "costs_accepted",
            "choice",
            ready["costs_accepted"]["label"],
            choices=READINESS_ANSWERS,
            help=(ready["costs_accepted"]["question"] + answers,),
        )
    )
    readiness = _Field(
        "readiness",
        "section",
        "Readiness",
        fields=tuple(readiness_fields),
        help=("Before step 1: " + ready["question"],),
    )
    step_fields = []
    for s in data["steps"]:
        outputs = tuple(_field_from_data(o, "Output: ") for o in s["outputs"])
        notes = _Field("notes", "text", "Notes", help=("Notes (free text; not an output)",))
        step_fields.append(
            _Field(
                s["key"],
                "section",
                s["name"],
                fields=(*outputs, notes),
                help=(f"Step {s['number']}. {s['name']}", f"Question: {s['question']}"),
            )
        )
    steps = _Field("steps", "section", "Steps", fields=tuple(step_fields), help=("The six steps",))
    reasons = _data("failure_reasons.yaml")
    ratings = reasons["ratings"]
    risks = _Field(
        "risks",
        "ratings",
        "Failure risks",
        choices=tuple(r["value"] for r in ratings),
        labels=tuple(r["label"] for r in ratings),
        fields=tuple(_Field(r["id"], "rating", r["reason"]) for r in reasons["reasons"]),
        help=(
            "Failure risks (Armistead & Pettigrew 2007): rate each "
            + ", ".join(f"{r['value']} = {r['label']}" for r in ratings)
            + "; leave empty if not rated",
        ),
    )
    fw = _data("evaluation_frameworks.yaml")["setbacks"]
    signs = tuple(s["key"] for s in fw["learning_signs"] + fw["blaming_signs"])
    actions = tuple(a["key"] for a in fw["actions"])
    setbacks = _Field(
        "setbacks",
        "records",
        "Setbacks log",
        fields=(
            _Field("date", "text", "Date"),
            _Field("setback", "text", "What went wrong", required=True),
            _Field("response", "text", "How the group responded"),
            _Field("signs", "tags", "Signs seen", choices=signs),
            _Field("actions", "tags", "Actions taken", choices=actions),
        ),
        help=(
            "Setbacks log: one item per setback (date, setback, response, signs, actions)",
            "  signs: " + ", ".join(signs),
            "  actions: " + ", ".join(actions),
        ),
    )
    top = (
        _Field("title", "text", "Title", help=("The partnership's name",)),
        _Field("description", "text", "Description", help=("What this plan is for (free text)",)),
        readiness,
        steps,
        risks,
        setbacks,
    )
    return _Field("", "section", "Plan", fields=top)


def _section(spec: _Field, key: str) -> _Field:
    return next(f for f in spec.fields if f.key == key)


# --------------------------------------------------------------------------- validation


def _fmt_path(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


@dataclass
class _Issue:
    path: tuple[Any, ...]
    problem: str
    value: Any = None
    has_value: bool = False
    allowed: str | None = None


class PlanError(InputError):
    """A plan that does not match the schema. ``issues`` lists every problem found.

    The message (one line) describes the first problem and counts the others.
    """

    issues: list[str]


_YAML_SCALARS = (str, int, float, _dt.date)


def _text(value: Any, path: tuple[Any, ...], issues: list[_Issue]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return as_text(value)  # as typed: goal id 1.10 stays "1.10", 010 stays "010"
    issues.append(
        _Issue(path, "expected text", _kind_name(value), True, "text on one line, or a | block")
    )
    return ""


def _kind_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a section of fields"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _simplify(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def _check(value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]) -> Any:
    kind = spec.kind
    if kind == "section":
        return _check_section(value, spec, path, issues)
    if kind == "text":
        return _text(value, path, issues)
    if kind == "texts":
        if value is None:
            return []
        if isinstance(value, _YAML_SCALARS):
            return [_text(value, path, issues)]
        if not isinstance(value, list):
            issues.append(
                _Issue(path, "expected a list of texts", _kind_name(value), True, "'- ' lines")
            )
            return []
        return [_text(v, (*path, i), issues) for i, v in enumerate(value)]
    if kind in ("choice", "status"):
        return _choice(value, spec.choices, path, issues)
    if kind == "number":
        return _number(value, path, issues)
    if kind in ("records", "observations"):
        if value is None:
            return []
        if not isinstance(value, list):
            issues.append(
                _Issue(
                    path,
                    "expected a list of items",
                    _kind_name(value),
                    True,
                    "one '- ' item per entry, with the fields "
                    + ", ".join(f.key for f in spec.fields),
                )
            )
            return []
        item_spec = _Field(spec.key, "section", spec.label, fields=spec.fields)
        return [_check_section(v, item_spec, (*path, i), issues) for i, v in enumerate(value)]
    if kind in ("ratings", "checklist"):
        value = _section_mapping(value, spec, path, issues)
        out = {}
        for f in spec.fields:
            v = value.get(f.key)
            if kind == "ratings":
                out[f.key] = _rating(v, spec, (*path, f.key), issues)
            else:
                out[f.key] = _choice(v, spec.choices, (*path, f.key), issues)
        return out
    if kind == "tags":
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            issues.append(
                _Issue(path, "expected a list", _kind_name(value), True, ", ".join(spec.choices))
            )
            return []
        out_tags = []
        for i, v in enumerate(items):
            tag = _choice(v, spec.choices, (*path, i), issues)
            if tag is not None:
                out_tags.append(tag)
        return out_tags
    raise AssertionError(f"unknown field kind {kind!r}")  # pragma: no cover


def _unknown_keys(
    value: dict[Any, Any], spec: _Field, path: tuple[Any, ...], issues: list[_Issue]
) -> None:
    known = {f.key for f in spec.fields}
    for key in value:
        if str(key) not in known:
            issues.append(
                _Issue(
                    (*path, str(key)),
                    "unknown field",
                    str(key),
                    True,
                    ", ".join(f.key for f in spec.fields),
                )
            )


def _check_section(
    value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]
) -> dict[str, Any]:
    value = _section_mapping(value, spec, path, issues)
    return {f.key: _check(value.get(f.key), f, (*path, f.key), issues) for f in spec.fields}


def _section_mapping(
    value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]
) -> dict[Any, Any]:
    """``value`` as a section's mapping (empty when absent), recording a non-mapping and
    any unknown keys as issues."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        issues.append(
            _Issue(
                path,
                "expected a section of fields",
                _kind_name(value),
                True,
                "the fields " + ", ".join(f.key for f in spec.fields),
            )
        )
        return {}
    _unknown_keys(value, spec, path, issues)
    return value


def _choice(
    value: Any, choices: tuple[Any, ...], path: tuple[Any, ...], issues: list[_Issue]
) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, str):
        wanted = _simplify(value)
        for c in choices:
            if _simplify(str(c)) == wanted:
                return c
    issues.append(
        _Issue(
            path, "not an allowed value", value, True, ", ".join(map(str, choices)) + " or empty"
        )
    )
    return None


def _number(value: Any, path: tuple[Any, ...], issues: list[_Issue]) -> int | float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: Any = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            try:
                number = float(value.strip())
            except ValueError:
                number = None
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or (isinstance(number, float) and not math.isfinite(number))
    ):
        issues.append(
            _Issue(path, "expected a number", value, True, "a number such as 12 or 0.5, or empty")
        )
        return None
    return int(number) if isinstance(number, int) else float(number)


def _rating(value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in spec.choices:
        return int(value)
    if isinstance(value, str):
        text = _simplify(value)
        for v, label in zip(spec.choices, spec.labels, strict=True):
            if text in (_simplify(label), str(v), _simplify(label).split()[0]):
                return int(v)
    allowed = ", ".join(
        f"{v} ({label})" for v, label in zip(spec.choices, spec.labels, strict=True)
    )
    issues.append(_Issue(path, "not an allowed rating", value, True, allowed + " or empty"))
    return None


def _cross_checks(data: dict[str, Any], issues: list[_Issue]) -> None:
    goals = data["steps"]["planning"]["goals"]
    seen: dict[str, int] = {}
    for i, g in enumerate(goals):
        gid = g["id"].strip()
        if not gid:
            continue
        if gid in seen:
            issues.append(
                _Issue(
                    ("steps", "planning", "goals", i, "id"),
                    "duplicate goal id",
                    gid,
                    True,
                    "a different id for each goal",
                )
            )
        seen.setdefault(gid, i)
    observed: set[str] = set()
    for i, o in enumerate(data["steps"]["evaluation"]["indicators"]):
        gid = o["goal"].strip()
        path = ("steps", "evaluation", "indicators", i, "goal")
        if not gid:
            issues.append(
                _Issue(
                    path, "the goal id is missing", allowed=", ".join(seen) or "a step-4 goal id"
                )
            )
        elif gid not in seen:
            issues.append(
                _Issue(
                    path,
                    "no goal with this id in step 4",
                    gid,
                    True,
                    ", ".join(seen) or "none yet: add goals in steps.planning.goals first",
                )
            )
        elif gid in observed:
            issues.append(
                _Issue(
                    path,
                    "a second observation for the same goal",
                    gid,
                    True,
                    "one observed value per goal",
                )
            )
        observed.add(gid)


def _normalise(
    data: Any,
    *,
    file: str | None = None,
    lines: Mapping[tuple[Any, ...], int] | None = None,
    prefix: str = "",
) -> dict[str, Any]:
    """Validate upgraded plan data; return it normalised (every field present)."""
    issues: list[_Issue] = []
    if not isinstance(data, dict):
        raise InputError(
            prefix + "a plan must be a YAML mapping of fields",
            file=file,
            line=1 if lines is not None else None,
            value=_kind_name(data),
            allowed="fields such as schema_version, title, readiness, steps",
        )
    body = {k: v for k, v in data.items() if k != "schema_version"}
    out = _check_section(body, _schema(), (), issues)
    if not issues:
        _cross_checks(out, issues)
    if issues:
        _raise_issues(issues, file=file, lines=lines or {}, prefix=prefix)
    return out


def _line_for(path: tuple[Any, ...], lines: Mapping[tuple[Any, ...], int]) -> int | None:
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def _raise_issues(
    issues: list[_Issue],
    *,
    file: str | None,
    lines: Mapping[tuple[Any, ...], int],
    prefix: str = "",
) -> None:
    first = issues[0]
    problem = prefix + first.problem
    more = len(issues) - 1
    kwargs: dict[str, Any] = {
        "file": file,
        "line": _line_for(first.path, lines),
        "column": _fmt_path(first.path) or None,
        "allowed": first.allowed,
    }
    if first.has_value:
        kwargs["value"] = first.value
    if more:
        tail = f" (and {more} more problem{'s' if more > 1 else ''})"
        if first.allowed:
            kwargs["allowed"] = first.allowed + tail
        else:
            problem += tail
    err = PlanError(problem, **kwargs)
    err.issues = [
        f"{_fmt_path(i.path)}"
        + (f" (line {_line_for(i.path, lines)})" if _line_for(i.path, lines) else "")
        + f": {i.problem}"
        + (f": got {i.value!r}" if i.has_value else "")
        for i in issues
    ]
    raise err


# --------------------------------------------------------------------------- upgrades


def _upgrade_1_to_2(data: dict[str, Any], file: str | None) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("readiness", "steps")}
    old_ready = data.get("readiness") or {}
    if not isinstance(old_ready, dict):
        raise InputError(
            "cannot upgrade this schema 1 plan: readiness is not a section",
            file=file,
            column="readiness",
        )

    def yes_no(key: str) -> str | None:
        v = old_ready.get(key)
        if v is None:
            return None
        if isinstance(v, bool):
            return "yes" if v else "no"
        raise InputError(
            "cannot upgrade this schema 1 plan: expected true or false",
            file=file,
            column=f"readiness.{key}",
            value=v,
            allowed="true, false or empty",
        )

    unknown = set(old_ready) - {"history_of_failure", "partners_willing"}
    if unknown:
        raise InputError(
            "cannot upgrade this schema 1 plan: unknown readiness field",
            file=file,
            column=f"readiness.{sorted(map(str, unknown))[0]}",
            allowed="history_of_failure, partners_willing",
        )
    out["readiness"] = {
        "single_organisations_failed": yes_no("history_of_failure"),
        "partners_willing": yes_no("partners_willing"),
    }
    old_steps = data.get("steps") or []
    if not isinstance(old_steps, list):
        raise InputError(
            "cannot upgrade this schema 1 plan: steps must be a list of {number, notes}",
            file=file,
            column="steps",
            value=_kind_name(old_steps),
        )
    steps: dict[str, Any] = {}
    for i, item in enumerate(old_steps):
        number = item.get("number") if isinstance(item, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 6:
            raise InputError(
                "cannot upgrade this schema 1 plan: a step without a number from 1 to 6",
                file=file,
                column=_fmt_path(("steps", i, "number")),
                value=number,
            )
        extra = set(item) - {"number", "notes"}
        if extra:
            raise InputError(
                "cannot upgrade this schema 1 plan: unknown step field",
                file=file,
                column=_fmt_path(("steps", i, sorted(map(str, extra))[0])),
                allowed="number, notes",
            )
        steps[STEP_KEYS[number - 1]] = {"notes": item.get("notes")}
    out["steps"] = steps
    out["schema_version"] = 2
    return out


_UPGRADES = {1: _upgrade_1_to_2}


def upgrade_plan_data(data: Any, *, file: str | None = None) -> dict[str, Any]:
    """Bring raw plan data (as read from YAML) up to :data:`SCHEMA_VERSION`.

    Returns a new dict; the input is not modified. Raises :class:`InputError`
    saying why when the data cannot be upgraded: no ``schema_version``, a
    version newer than this toolkit knows, or an old file that does not have
    the old layout.

    >>> old = {"schema_version": 1, "title": "Walk to school",
    ...        "readiness": {"history_of_failure": True, "partners_willing": False},
    ...        "steps": [{"number": 1, "notes": "Traffic near schools"}]}
    >>> new = upgrade_plan_data(old)
    >>> new["schema_version"], new["readiness"]["partners_willing"], new["steps"]["problem"]
    (2, 'no', {'notes': 'Traffic near schools'})
    >>> try:
    ...     upgrade_plan_data({"schema_version": 9})
    ... except InputError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    column 'schema_version': this plan was written for a newer version of the toolkit: got 9;
    allowed: schema versions 1 to 2 (update the toolkit to read it)
    """
    if not isinstance(data, dict):
        raise InputError(
            "a plan must be a YAML mapping of fields",
            file=file,
            value=_kind_name(data),
            allowed="fields such as schema_version, title, steps",
        )
    allowed = f"schema versions {OLDEST_SCHEMA} to {SCHEMA_VERSION}"
    if "schema_version" not in data:
        raise InputError(
            "the plan has no schema_version",
            file=file,
            column="schema_version",
            allowed=f"a first line 'schema_version: {SCHEMA_VERSION}' "
            "(files made by 'plan new' have it)",
        )
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(
            "the schema version must be a whole number",
            file=file,
            column="schema_version",
            value=version,
            allowed=allowed,
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            "this plan was written for a newer version of the toolkit",
            file=file,
            column="schema_version",
            value=version,
            allowed=allowed + " (update the toolkit to read it)",
        )
    if version < OLDEST_SCHEMA:
        raise InputError(
            "unknown schema version",
            file=file,
            column="schema_version",
            value=version,
            allowed=allowed,
        )
    out = copy.deepcopy(data)
    while version < SCHEMA_VERSION:
        out = _UPGRADES[version](out, file)
        version += 1
    return out


# --------------------------------------------------------------------------- the plan


@dataclass
class Plan:
    """A six-step partnership plan, as kept in a YAML file.

    Every field is present (blank when not yet decided): ``title``,
    ``description``, ``readiness`` (the answers to the readiness check),
    ``steps`` (one section per step, keyed by :data:`STEP_KEYS`), ``risks``
    (a rating 0-2 or ``None`` per failure reason), ``setbacks`` (the setbacks
    log). Build one with :func:`blank_plan`, :meth:`from_dict` or
    :func:`load_plan`; two plans are equal when their contents are.

    >>> plan = Plan.from_dict({"schema_version": 2, "title": "Clean river"})
    >>> plan.title, plan.steps["members"]["selection_model"], plan.risks["power_struggles"]
    ('Clean river', None, None)
    """

    title: str = ""
    description: str = ""
    readiness: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, Any] = field(default_factory=dict)
    risks: dict[str, Any] = field(default_factory=dict)
    setbacks: list[dict[str, Any]] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not (self.readiness and self.steps and self.risks):
            blank = _normalise(
                {
                    "title": self.title,
                    "description": self.description,
                    "readiness": self.readiness or None,
                    "steps": self.steps or None,
                    "risks": self.risks or None,
                    "setbacks": self.setbacks,
                }
            )
            self.readiness, self.steps, self.risks = (
                blank["readiness"],
                blank["steps"],
                blank["risks"],
            )
            self.setbacks = blank["setbacks"]

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        file: str | None = None,
        lines: Mapping[tuple[Any, ...], int] | None = None,
    ) -> Plan:
        """Validate (upgrading old schema versions) and build a plan. The input is not modified."""
        upgraded = upgrade_plan_data(dict(data) if isinstance(data, Mapping) else data, file=file)
        clean = _normalise(upgraded, file=file, lines=lines)
        return cls(**clean)

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as plain data (a deep copy), ``schema_version`` first."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "description": self.description,
            "readiness": copy.deepcopy(self.readiness),
            "steps": copy.deepcopy(self.steps),
            "risks": copy.deepcopy(self.risks),
            "setbacks": copy.deepcopy(self.setbacks),
        }

    def validated(self, *, prefix: str = "") -> Plan:
        """Return a validated, normalised copy; raise :class:`PlanError` if the plan is invalid."""
        return Plan(**_normalise(self.to_dict(), prefix=prefix))

    def step(self, step: int | str) -> dict[str, Any]:
        """Return one step's section, by number (1-6) or key.

        >>> blank_plan().step(3)["members"]
        []
        """
        key = STEP_KEYS[int(step) - 1] if isinstance(step, int) else str(step)
        return self.steps[key]


def blank_plan(title: str = "") -> Plan:
    """Return a plan with every field blank.

    >>> blank_plan("Food bank network").readiness["partners_willing"] is None
    True
    """
    return Plan.from_dict({"schema_version": SCHEMA_VERSION, "title": title})


def _as_plan(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> Plan:
    if isinstance(plan, Plan):
        return plan
    if isinstance(plan, Mapping):
        return Plan.from_dict(plan)
    return load_plan(plan)


# --------------------------------------------------------------------------- YAML in and out


def _check_duplicate_keys(node: Any, file: str | None) -> None:
    """Refuse a mapping that has the same key twice (each distinct node checked once)."""
    seen_nodes: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if id(current) in seen_nodes:
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = key_node.value
                if key in seen:
                    raise InputError(
                        "the same field appears twice",
                        file=file,
                        line=key_node.start_mark.line + 1,
                        column=_fmt_path((*path, key)),
                        value=key,
                        allowed="each field once in its section",
                    )
                seen.add(key)
                stack.append((value_node, (*path, key)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(current.value))


def _parse_yaml(text: str, file: str | None) -> tuple[Any, dict[tuple[Any, ...], int]]:
    # YAML 1.2 core-schema scalars (``on``, ``NO``, ``1:30`` and dates stay text; numbers
    # remember how they were typed), bounded depth and alias expansion: see toolkit.safeyaml.
    data, lines = parse_yaml(text, file, check_node=lambda n: _check_duplicate_keys(n, file))
    if data is None:
        raise InputError(
            "the plan is empty",
            file=file,
            allowed=f"a YAML plan starting 'schema_version: {SCHEMA_VERSION}'",
        )
    return data, lines


def loads_plan(text: str, *, file: str | None = None) -> Plan:
    """Read a plan from YAML text, validating (and upgrading) it.

    Raises :class:`InputError` (naming ``file``, the line and the field path)
    when the text is not YAML or does not match the schema.

    >>> try:
    ...     loads_plan("schema_version: 2\\nrisks:\\n  power_struggles: 5\\n", file="plan.yaml")
    ... except InputError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    plan.yaml, line 3, column 'risks.power_struggles': not an allowed rating: got 5;
    allowed: 0 (no risk), 1 (some risk), 2 (serious risk) or empty
    """
    data, lines = _parse_yaml(text, file)
    return Plan.from_dict(data, file=file, lines=lines)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read and validate the plan file at ``path`` (see :func:`loads_plan`)."""
    name = shown_path(path)
    raw = read_input_bytes(path, name)  # '-' is standard input
    if not raw.strip():
        raise InputError(
            "the file is empty", file=name, allowed="a plan made with 'python -m toolkit plan new'"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "the file is not UTF-8 text",
            file=name,
            line=raw.count(b"\n", 0, exc.start) + 1,
            value=f"byte {raw[exc.start]:#04x}",
            allowed="a YAML file saved as UTF-8",
        ) from None
    return loads_plan(text, file=name)


class _Dumper(yaml.SafeDumper):
    pass


# Characters YAML reads as line breaks besides "\n": a string holding any of them, or
# ending in a line break, is written double-quoted, where they are escaped, so it reads
# back unchanged. Other text over several lines is written as a | block.
_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style: str | None = None
    if _ODD_BREAKS.intersection(value) or value.endswith("\n"):
        style = '"' if "\n" in value or _ODD_BREAKS.intersection(value) else None
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), lambda d, v: d.represent_scalar("tag:yaml.org,2002:null", ""))


def _dump(obj: Any, indent: int) -> list[str]:
    text = yaml.dump(
        obj, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=90
    )
    lines = text.rstrip("\n").split("\n")
    if lines[-1] == "...":  # a document-end marker would end the whole plan file
        raise AssertionError(f"open-ended YAML scalar in {obj!r}")  # pragma: no cover
    pad = " " * indent
    return [pad + line if line else line for line in lines]


def _comments(lines: Iterable[str], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for line in lines:
        out += textwrap.wrap(
            line, 96 - indent, initial_indent=pad + "# ", subsequent_indent=pad + "#   "
        ) or [pad + "#"]
    return out


def _emit(spec: _Field, value: Any, indent: int, comments: bool) -> list[str]:
    pad = " " * indent
    out = _comments(spec.help, indent) if comments else []
    if spec.kind == "section":
        out.append(f"{pad}{spec.key}:")
        for f in spec.fields:
            out += _emit(f, value[f.key], indent + 2, comments)
    elif spec.kind in ("ratings", "checklist"):
        out.append(f"{pad}{spec.key}:")
        for f in spec.fields:
            if comments:
                out += _comments([f.label], indent + 2)
            out += _dump({f.key: value[f.key]}, indent + 2)
    else:
        out += _dump({spec.key: value}, indent)
        if comments and spec.kind in ("records", "observations") and not value:
            example = {f.key: None for f in spec.fields}
            out += [f"{pad}#   {line}" for line in _dump([example], 0)]
    return out


_HEADER = (
    f"Partnership plan (schema {SCHEMA_VERSION}): Roberts' six steps, after Thomas Cummings.",
    "Edit the values after the colons; leave a value empty until the partners decide it.",
    "Lists take one '- ' line per item. Text over several lines: write | and indent the lines.",
    "Check the file with: python -m toolkit plan check FILE",
)


def dumps_plan(plan: Plan, *, comments: bool = True) -> str:
    """Return the plan as YAML text (with explanatory comments unless ``comments=False``).

    The plan is validated first: a :class:`PlanError` is raised for an invalid
    plan, so invalid text is never produced.

    >>> text = dumps_plan(blank_plan("Clean river"), comments=False)
    >>> text.splitlines()[:2]
    ['schema_version: 2', 'title: Clean river']
    """
    clean = _normalise(plan.to_dict())
    lines = _comments(_HEADER, 0) if comments else []
    lines.append(f"schema_version: {SCHEMA_VERSION}")
    for spec in _schema().fields:
        if comments:
            lines.append("")
        lines += _emit(spec, clean[spec.key], 0, comments)
    return "\n".join(lines) + "\n"


def save_plan(plan: Plan, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Save ``plan`` to ``path`` atomically, only if it is valid; return the path.

    The plan is validated and rendered, the text is read back to make sure it
    loads as the same plan, and only then written to a temporary file beside
    ``path`` and renamed over it (:func:`toolkit.io.atomic_write_text`). If
    anything fails, the file at ``path`` is left exactly as it was. With
    ``overwrite=False`` an existing file is refused.
    """
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise InputError("this is a folder, not a file", file=name)
    if not overwrite and p.exists():
        raise InputError(
            "the file already exists; it was left as it was",
            file=name,
            allowed="a new file name (or delete the old file first)",
        )
    try:
        text = dumps_plan(plan)
    except PlanError as exc:
        raise _relocate(exc, name) from None
    if loads_plan(text, file=name) != plan.validated():  # pragma: no cover - defensive
        raise InputError(
            "the plan did not read back the same after rendering; not saved", file=name
        )
    return atomic_write_text(p, text)


def _relocate(exc: PlanError, file: str) -> PlanError:
    kwargs: dict[str, Any] = {"file": file, "column": exc.column, "allowed": exc.allowed}
    if exc.has_value:
        kwargs["value"] = exc.value
    err = PlanError("plan not saved: " + exc.problem, **kwargs)
    err.issues = exc.issues
    return err


# --------------------------------------------------------------------------- readiness


@dataclass(frozen=True)
class ReadinessResult:
    """What :func:`readiness_check` found.

    ``recommendation`` is one of :data:`RECOMMENDATIONS`; ``ready`` is true
    for ``proceed`` and ``proceed with care``; ``reasons`` explains the
    recommendation in sentences.
    """

    recommendation: str
    ready: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "recommendation": self.recommendation,
            "ready": self.ready,
            "reasons": list(self.reasons),
        }

    def __str__(self) -> str:
        return f"{self.recommendation}: " + " ".join(self.reasons)


def readiness_check(
    plan: Plan | Mapping[str, Any], *, require_costs: bool = False
) -> ReadinessResult:
    """Ask whether a partnership is the right strategy, before step 1.

    Roberts' test: if single organisations have a history of failing to
    develop sustainable solutions *and* the partners are willing to
    collaborate, the group can move forward with confidence. Because a
    partnership costs more time, energy and resources than a single
    organisation, the check also looks at whether those costs were estimated
    and accepted.

    Parameters
    ----------
    plan : Plan or mapping
        A plan, or just its ``readiness`` section (answers ``yes``, ``no``,
        ``unsure``, ``True``/``False`` or empty).
    require_costs : bool, default False
        When true, unestimated or unaccepted costs give ``assess further``
        instead of ``proceed with care``.

    Returns
    -------
    ReadinessResult
        ``recommendation`` (one of :data:`RECOMMENDATIONS`), ``ready`` and
        ``reasons``.

    Examples
    --------
    >>> r = readiness_check({"single_organisations_failed": "yes", "partners_willing": True})
    >>> r.recommendation, r.ready
    ('proceed with care', True)
    >>> print(r.reasons[-1])  # doctest: +NORMALIZE_WHITESPACE
    Not yet estimated: the cost in time, energy, resources. A partnership needs more of each
    than a single organisation does.
    >>> no = readiness_check({"single_organisations_failed": "no", "partners_willing": "yes"})
    >>> no.recommendation
    'reconsider'
    """
    if isinstance(plan, Plan):
        answers = plan.readiness
    else:
        issues: list[_Issue] = []
        answers = _check_section(
            dict(plan), _section(_schema(), "readiness"), ("readiness",), issues
        )
        if issues:
            _raise_issues(issues, file=None, lines={})
    failed = answers["single_organisations_failed"]
    willing = answers["partners_willing"]
    costs = answers["costs"]
    accepted = answers["costs_accepted"]
    reasons: list[str] = []
    blocking = False
    unknown = False

    def evidence(key: str) -> str:
        text = answers[key].strip()
        return f" Evidence: {text}" if text else ""

    if failed == "yes":
        reasons.append(
            "Single organisations have a history of failing to develop sustainable "
            "solutions to this problem." + evidence("failure_evidence")
        )
    elif failed == "no":
        blocking = True
        reasons.append(
            "Single organisations have not been shown to fail at this problem: one "
            "organisation acting alone may be the simpler strategy." + evidence("failure_evidence")
        )
    else:
        unknown = True
        reasons.append(
            "Not yet known whether single organisations have failed to develop "
            "sustainable solutions: find out before step 1." + evidence("failure_evidence")
        )
    if willing == "yes":
        reasons.append(
            "The prospective partners are willing to collaborate."
            + evidence("willingness_evidence")
        )
    elif willing == "no":
        blocking = True
        reasons.append(
            "The prospective partners are not willing to collaborate, and a "
            "partnership cannot be built without willing partners."
            + evidence("willingness_evidence")
        )
    else:
        unknown = True
        reasons.append(
            "Not yet known whether the prospective partners are willing to "
            "collaborate: ask them." + evidence("willingness_evidence")
        )
    missing_costs = [k for k in ("time", "energy", "resources") if not costs[k].strip()]
    costs_open = False
    if accepted == "no":
        blocking = True
        reasons.append(
            "The partners do not accept the extra time, energy and resources a partnership needs."
        )
    elif missing_costs:
        costs_open = True
        reasons.append(
            f"Not yet estimated: the cost in {', '.join(missing_costs)}. A partnership "
            "needs more of each than a single organisation does."
        )
    elif accepted != "yes":
        costs_open = True
        reasons.append(
            "The costs are estimated, but the partners have not yet said that they accept them."
        )
    else:
        reasons.append("The costs in time, energy and resources are estimated and accepted.")
    if blocking:
        recommendation = "reconsider"
    elif unknown or (costs_open and require_costs):
        recommendation = "assess further"
    elif costs_open:
        recommendation = "proceed with care"
    else:
        recommendation = "proceed"
        reasons.append(
            "Both of Roberts' conditions hold: the partners can move forward with confidence."
        )
    return ReadinessResult(recommendation, recommendation in RECOMMENDATIONS[:2], tuple(reasons))


# --------------------------------------------------------------------------- progress


def _filled(kind: str, value: Any) -> bool:
    if kind == "text":
        return bool(value.strip())
    if kind == "texts":
        return any(v.strip() for v in value)
    if kind in ("choice", "number"):
        return value is not None
    if kind == "checklist":
        return any(v is not None for v in value.values())
    return bool(value)


def _record_gaps(spec: _Field, items: list[dict[str, Any]]) -> list[str]:
    gaps = []
    for i, item in enumerate(items, start=1):
        empty = [f.label for f in spec.fields if f.required and not _filled(f.kind, item[f.key])]
        if empty:
            first = next((str(v) for v in item.values() if isinstance(v, str) and v.strip()), "")
            name = f"item {i}" + (f" ({first})" if first else "")
            gaps.append(f"{name}: {', '.join(empty).lower()}")
    return gaps


def _output_rows(plan: Plan) -> list[dict[str, Any]]:
    steps_spec = _section(_schema(), "steps")
    goal_ids = [g["id"].strip() for g in plan.steps["planning"]["goals"] if g["id"].strip()]
    rows = []
    for number, sspec in enumerate(steps_spec.fields, start=1):
        section = plan.steps[sspec.key]
        for f in sspec.fields:
            if not f.required:
                continue
            value = section[f.key]
            detail = ""
            if f.kind == "records":
                gaps = _record_gaps(f, value)
                done = bool(value) and not gaps
                detail = "none recorded yet" if not value else "; ".join(gaps)
            elif f.kind == "observations":
                seen = {o["goal"].strip() for o in value if o["observed"] is not None}
                lacking = [g for g in goal_ids if g not in seen]
                done = bool(goal_ids) and not lacking
                detail = (
                    "no measurable goals in step 4 yet"
                    if not goal_ids
                    else "no observed value for " + ", ".join(lacking)
                )
            else:
                done = _filled(f.kind, value)
            rows.append(
                {
                    "number": number,
                    "step": sspec.key,
                    "name": sspec.label,
                    "output": f.key,
                    "label": f.label,
                    "filled": done,
                    "started": done or _filled("records", value),
                    "detail": "" if done else detail,
                }
            )
    return rows


def missing_outputs(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> pd.DataFrame:
    """Return one row per required output that is not done yet.

    Columns: ``number``, ``step``, ``name``, ``output``, ``label``, ``detail``.

    >>> missing_outputs(blank_plan())["output"].head(3).tolist()
    ['problem_statement', 'perspectives', 'motivations']
    """
    frame = pd.DataFrame(_output_rows(_as_plan(plan)))
    return frame.loc[~frame["filled"]].drop(columns="filled").reset_index(drop=True)


def plan_progress(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> pd.DataFrame:
    """Return the progress of each of the six steps (one row per step, in order).

    Columns: ``number``, ``key``, ``name``, ``filled`` and ``required`` (counts
    of required outputs), ``share`` (filled / required), ``complete``
    (every required output done), ``status`` (``complete``, ``in progress``, or
    ``not started`` when no required output holds anything yet) and ``missing`` (a list
    of what is missing, with details).

    >>> plan_progress(blank_plan())[["number", "status", "required"]].tail(2).values.tolist()
    [[5, 'not started', 8], [6, 'not started', 5]]
    """
    rows = pd.DataFrame(_output_rows(_as_plan(plan)))
    rows["missing_text"] = rows["label"].where(
        rows["detail"] == "", rows["label"] + ": " + rows["detail"]
    )
    grouped = rows.groupby("number", sort=True)
    out = pd.DataFrame(
        {
            "number": grouped["number"].first().astype(int),
            "key": grouped["step"].first(),
            "name": grouped["name"].first(),
            "filled": grouped["filled"].sum().astype(int),
            "required": grouped["filled"].size().astype(int),
            "started": grouped["started"].any().to_numpy(),
        }
    ).reset_index(drop=True)
    out["share"] = out["filled"] / out["required"]
    out["complete"] = out["filled"] == out["required"]
    status = pd.Series("in progress", index=out.index, dtype=object)
    status[out["complete"]] = "complete"
    status[~out.pop("started")] = "not started"
    out["status"] = status
    missing = rows.loc[~rows["filled"]].groupby("number")["missing_text"].agg(list)
    out["missing"] = out["number"].map(missing).apply(lambda v: v if isinstance(v, list) else [])
    return out


def next_action(
    plan: Plan | Mapping[str, Any] | str | os.PathLike[str], *, require_costs: bool = False
) -> str:
    """Say, in a sentence or two, what the group should do next.

    The readiness check comes first; then the first step (in order) with
    something missing; when all six steps are complete, the step-6 decision
    says whether to start a new cycle.

    >>> print(next_action(blank_plan()))  # doctest: +NORMALIZE_WHITESPACE
    Before step 1: not yet known whether single organisations have failed to develop
    sustainable solutions: find out before step 1.
    """
    plan = _as_plan(plan)
    ready = readiness_check(plan, require_costs=require_costs)
    if not ready.ready:
        first = next(
            r
            for r in ready.reasons
            if not r.startswith(
                ("Single organisations have a", "The prospective partners are willing")
            )
        )
        first = first.split(" Evidence: ")[0]
        first = first[0].lower() + first[1:]
        if ready.recommendation == "reconsider":
            return f"Reconsider whether a partnership is the right strategy: {first}"
        return f"Before step 1: {first}"
    progress = plan_progress(plan)
    todo = progress.loc[~progress["complete"]]
    if not todo.empty:
        row = todo.iloc[0]
        question = _steps_data()[int(row["number"]) - 1]["question"]
        return (
            f"Step {row['number']} ({row['name']}): complete {row['missing'][0]}. Ask: {question}"
        )
    decision = plan.steps["evaluation"]["decision"]
    if decision == "end":
        return (
            "All six steps are complete and the partners decided to end the partnership: "
            "record what was learned and what capacity remains for new work."
        )
    return (
        f"All six steps are complete and the partners decided to {decision}: start a new "
        "cycle at step 1 with the problem as it now stands."
    )


def check_report(
    plan: Plan | Mapping[str, Any] | str | os.PathLike[str], *, require_costs: bool = False
) -> dict[str, Any]:
    """Return everything ``plan check`` reports, as JSON-ready data.

    Keys: ``title``, ``schema_version``, ``ready``, ``readiness``, ``steps``
    (six objects with ``number``, ``name``, ``complete``, ``missing``),
    ``risks`` (one object per failure reason), ``risk_summary``, ``setbacks``,
    ``indicators``, ``gao_practices`` and ``next``.

    >>> report = check_report(blank_plan())
    >>> report["ready"], len(report["steps"]), len(report["risks"])
    (False, 6, 9)
    """
    from . import diagnostics

    plan = _as_plan(plan)
    ready = readiness_check(plan, require_costs=require_costs)
    progress = plan_progress(plan)
    risks = diagnostics.failure_risks(plan)
    setbacks = diagnostics.read_setbacks(plan)
    indicators = diagnostics.impact_indicators(plan)
    gao = diagnostics.gao_checklist(plan)
    return {
        "title": plan.title,
        "schema_version": SCHEMA_VERSION,
        "ready": ready.ready,
        "readiness": ready.to_dict(),
        "steps": [
            {
                "number": int(r.number),
                "key": r.key,
                "name": r.name,
                "complete": bool(r.complete),
                "status": r.status,
                "filled": int(r.filled),
                "required": int(r.required),
                "missing": list(r.missing),
            }
            for r in progress.itertuples()
        ],
        "risks": _records(risks),
        "risk_summary": diagnostics.risk_summary(plan),
        "setbacks": {"log": _records(setbacks), "summary": diagnostics.setback_summary(plan)},
        "indicators": _records(indicators),
        "gao_practices": {"items": _records(gao), "summary": diagnostics.gao_summary(plan)},
        "next": next_action(plan, require_costs=require_costs),
    }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts (NaN -> None, numpy scalars -> Python)."""
    out = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for k, v in row.items():
            if isinstance(v, list | tuple):
                clean[k] = list(v)
            elif v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                clean[k] = None
            elif hasattr(v, "item"):
                clean[k] = v.item()
            else:
                clean[k] = v
        out.append(clean)
    return out
