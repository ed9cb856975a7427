"""The plan file's schema: the fields of each step, as a tree.

Each schema version is a frozen JSON Schema file in ``planning/schemas/``
(``plan-v2.schema.json``). It fixes what a plan file *means*: its keys, the
kind of each value, the allowed choices and which outputs are required. The
data files (``six_steps.yaml``, ``failure_reasons.yaml``,
``evaluation_frameworks.yaml``) give only the wording: labels, questions and
the comments written into a YAML plan. So editing a data file can reword a
plan, never change what a saved plan means; a change to the structure needs a
new schema version, a frozen file and an upgrade step (see
:mod:`toolkit.planning.upgrades`). ``tests/test_plan_schema.py`` fails when the
data files no longer match the frozen file of :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
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
def derived_schema() -> _Field:
    """The schema as the data files describe it today (structure and wording)."""
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


# --------------------------------------------------------------------------- frozen versions

_KIND = "x-toolkit-kind"
_REQUIRED = "x-toolkit-required"
_CHOICES = "x-toolkit-choices"
_JSON_TYPES = {
    "text": ["string", "number", "null"],
    "number": ["number", "string", "null"],
    "choice": ["string", "null"],
    "status": ["string", "null"],
    "rating": ["integer", "null"],
}


def to_json_schema(spec: _Field, *, version: int | None = None) -> dict[str, Any]:
    """The structure of ``spec`` (keys, kinds, choices, required outputs) as a JSON Schema.

    Wording (labels, help) is left out: it is not part of what a plan means.
    """
    node: dict[str, Any] = {_KIND: spec.kind}
    if spec.required:
        node[_REQUIRED] = True
    if spec.kind in _JSON_TYPES:
        node["type"] = _JSON_TYPES[spec.kind]
        if spec.choices:
            node["enum"] = [*spec.choices, None]
    elif spec.kind == "texts":
        node["type"] = ["array", "string", "null"]
        node["items"] = {"type": ["string", "number"]}
    elif spec.kind == "tags":
        node["type"] = ["array", "string", "null"]
        node["items"] = {"enum": list(spec.choices)}
        node[_CHOICES] = list(spec.choices)
    elif spec.kind in ("records", "observations"):
        node["type"] = ["array", "null"]
        node["items"] = {
            "type": "object",
            "properties": {f.key: to_json_schema(f) for f in spec.fields},
        }
    else:  # section, ratings, checklist: a mapping of known keys
        node["type"] = ["object", "null"]
        node["properties"] = {f.key: to_json_schema(f) for f in spec.fields}
        node["additionalProperties"] = False
        if spec.choices:
            node[_CHOICES] = list(spec.choices)
    if version is not None:
        node = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"Partnership plan, schema version {version}",
            **node,
        }
        node["properties"] = {"schema_version": {"const": version}, **node["properties"]}
        node["required"] = ["schema_version"]
    return node


def _from_json_schema(key: str, node: Mapping[str, Any], wording: _Field | None) -> _Field:
    kind = node[_KIND]
    if kind in ("records", "observations"):
        properties = node["items"]["properties"]
    else:
        properties = node.get("properties", {})
    known = {f.key: f for f in wording.fields} if wording is not None else {}
    fields = tuple(
        _from_json_schema(k, v, known.get(k))
        for k, v in properties.items()
        if k != "schema_version"
    )
    if kind in _JSON_TYPES:
        choices = tuple(c for c in node.get("enum", ()) if c is not None)
    else:
        choices = tuple(node.get(_CHOICES, ()))
    same = wording is not None and wording.kind == kind
    return _Field(
        key,
        kind,
        wording.label if wording is not None else key,
        bool(node.get(_REQUIRED, False)),
        choices,
        fields,
        labels=wording.labels if same and len(wording.labels) == len(choices) else (),
        help=wording.help if wording is not None else (),
    )


@cache
def frozen_schema(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The frozen JSON Schema of plan files of ``version`` (cached: treat it as read-only)."""
    name = f"plan-v{version}.schema.json"
    text = resources.files("toolkit.planning").joinpath("schemas", name).read_text("utf-8")
    return json.loads(text)


@cache
def _schema() -> _Field:
    """The schema plans are checked against: the frozen structure of :data:`SCHEMA_VERSION`,
    worded from the data files."""
    return _from_json_schema("", frozen_schema(SCHEMA_VERSION), derived_schema())
