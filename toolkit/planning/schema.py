"""The plan file's schema: the fields of each step, as a tree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .steps import READINESS_ANSWERS, _data

#: The schema version this toolkit writes.
SCHEMA_VERSION = 2
#: The oldest schema version it can upgrade.
OLDEST_SCHEMA = 1


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
