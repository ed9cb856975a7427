"""What ``python -m toolkit plan`` prints, made without the command line.

:func:`check_report` gathers the plan check (readiness, progress, risks,
setbacks, indicators and the next action) as data; :func:`plan_template`,
:func:`plan_check` and :func:`plan_export` return the text of the
``template``, ``check`` and ``export`` actions.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..report import md_cell
from . import diagnostics
from .plan import Plan, _as_plan, blank_plan
from .progress import next_action, plan_progress
from .readiness import readiness_check
from .schema import SCHEMA_VERSION
from .steps import _data, _steps_data
from .worksheets import worksheet_html, worksheet_markdown

__all__ = [
    "check_markdown",
    "check_report",
    "plan_check",
    "plan_export",
    "plan_template",
    "template_json",
]

PlanLike = Plan | Mapping[str, Any] | str | os.PathLike[str]


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


def template_json() -> dict[str, Any]:
    """The six steps (number, name, questions, outputs) and the readiness check, as data."""
    steps = [
        {
            "number": s["number"],
            "key": s["key"],
            "name": s["name"],
            "question": s["question"],
            "questions": list(s["questions"]),
            "outputs": [
                {
                    "key": o["key"],
                    "label": o["label"],
                    "kind": o["kind"],
                    "required": bool(o.get("required", False)),
                }
                for o in s["outputs"]
            ],
        }
        for s in _steps_data()
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "readiness": _data("six_steps.yaml")["readiness"],
        "steps": steps,
        "plan": blank_plan().to_dict(),
    }


def check_markdown(report: dict[str, Any]) -> str:
    """The plan check (what :func:`check_report` returns) as Markdown."""
    lines = [f"# Plan check: {md_cell(report['title'] or '(untitled plan)')}", ""]
    ready = report["readiness"]
    lines += [f"**Readiness:** {ready['recommendation']}", ""]
    lines += [f"- {md_cell(r)}" for r in ready["reasons"]] + [""]
    lines += ["| Step | Status | Missing |", "|---|---|---|"]
    for s in report["steps"]:
        missing = "; ".join(s["missing"]) or "-"
        lines.append(f"| {s['number']}. {s['name']} | {s['status']} | {md_cell(missing)} |")
    summary = report["risk_summary"]
    lines += ["", f"**Failure risk:** {summary['level']} ({summary['rated']} of 9 rated)"]
    open_risks = [r for r in report["risks"] if r["status"] == "open"]
    lines += [f"- open: {md_cell(r['reason'])}: {md_cell(r['action'])}" for r in open_risks]
    readings = report["setbacks"]["summary"]["readings"]
    if readings:
        lines += ["", "**Setbacks:** " + ", ".join(f"{v} {k}" for k, v in readings.items())]
    lines += ["", f"**Next:** {md_cell(report['next'])}", ""]
    return "\n".join(lines)


def plan_template(format: str = "md") -> str:
    """The blank plan: a worksheet for a workshop wall (``md``, ``html``) or the six steps
    with their questions and outputs as data (``json``)."""
    if format == "json":
        return json.dumps(template_json(), indent=2, ensure_ascii=False)
    if format == "html":
        return worksheet_html(None)
    if format == "md":
        return worksheet_markdown(None)
    raise ValueError(f"format must be md, json or html, not {format!r}")


def plan_check(plan: PlanLike, format: str = "md") -> str:
    """The plan check (:func:`check_report`) as JSON or Markdown."""
    report = check_report(plan)
    if format == "json":
        return json.dumps(report, indent=2, ensure_ascii=False)
    if format == "md":
        return check_markdown(report)
    raise ValueError(f"format must be json or md, not {format!r}")


def plan_export(plan: PlanLike, format: str = "md") -> str:
    """The plan as a filled-in worksheet: Markdown or one self-contained HTML page."""
    if format == "html":
        return worksheet_html(plan)
    if format == "md":
        return worksheet_markdown(plan)
    raise ValueError(f"format must be md or html, not {format!r}")
