"""What ``python -m toolkit plan`` prints, made without the command line.

:func:`check_report` gathers the plan check (readiness, progress, risks,
setbacks, indicators and the next action) as data; :func:`plan_template`,
:func:`plan_check` and :func:`plan_export` return the text of the
``template``, ``check`` and ``export`` actions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from ..records import records
from ..reports.render import render_html, render_markdown
from ..reports.summaries import plan_summary
from ..reports.xlsx import workbook_bytes
from . import diagnostics
from .document import plan_check_report
from .plan import Plan, _as_plan, blank_plan
from .progress import next_action, plan_progress
from .readiness import readiness_check
from .schema import SCHEMA_VERSION
from .steps import _data, _steps_data
from .worksheets import worksheet_html, worksheet_markdown

__all__ = [
    "CHECK_FORMATS",
    "EXPORT_FORMATS",
    "TEMPLATE_FORMATS",
    "check_html",
    "check_markdown",
    "check_report",
    "check_xlsx",
    "plan_check",
    "plan_export",
    "plan_template",
    "template_json",
]

PlanLike = Plan | Mapping[str, Any] | str | os.PathLike[str]

#: The formats of :func:`plan_template`, :func:`plan_check` and :func:`plan_export`.
TEMPLATE_FORMATS: tuple[str, ...] = ("md", "json", "html")
CHECK_FORMATS: tuple[str, ...] = ("json", "md", "html", "xlsx")
EXPORT_FORMATS: tuple[str, ...] = ("md", "html")


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
                "number": int(r["number"]),
                "key": r["key"],
                "name": r["name"],
                "complete": bool(r["complete"]),
                "status": r["status"],
                "filled": int(r["filled"]),
                "required": int(r["required"]),
                "missing": list(r["missing"]),
            }
            for r in records(progress)
        ],
        "risks": records(risks),
        "risk_summary": diagnostics.risk_summary(plan),
        "setbacks": {"log": records(setbacks), "summary": diagnostics.setback_summary(plan)},
        "indicators": records(indicators),
        "gao_practices": {"items": records(gao), "summary": diagnostics.gao_summary(plan)},
        "next": next_action(plan, require_costs=require_costs),
    }


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


def check_markdown(report: dict[str, Any], *, source: str = "") -> str:
    """The plan check (what :func:`check_report` returns) as Markdown: the same document
    as the HTML page, its Summary first."""
    return render_markdown(plan_check_report(report, source=source))


def check_html(report: dict[str, Any], *, source: str = "") -> str:
    """The plan check as one self-contained HTML page, its Summary first."""
    return render_html(plan_check_report(report, source=source))


def check_xlsx(report: dict[str, Any], *, source: str = "") -> bytes:
    """The plan check as a workbook: the summary, then one sheet per table."""
    doc = plan_check_report(report, source=source)
    return workbook_bytes(doc.title, doc.summary, [doc])


def plan_template(format: str = "md") -> str:
    """The blank plan: a worksheet for a workshop wall (``md``, ``html``) or the six steps
    with their questions and outputs as data (``json``)."""
    if format == "json":
        return json.dumps(template_json(), indent=2, ensure_ascii=False)
    if format == "html":
        return worksheet_html(None)
    if format == "md":
        return worksheet_markdown(None)
    raise ValueError(f"format must be one of {', '.join(TEMPLATE_FORMATS)}, not {format!r}")


def plan_check(plan: PlanLike, format: str = "md", *, source: str = "") -> str | bytes:
    """The plan check (:func:`check_report`) as JSON, Markdown, an HTML page or a workbook
    (``xlsx``, as bytes); ``source`` is the plan file (shown without its folder)."""
    report = check_report(plan)
    if format == "json":
        return json.dumps(report, indent=2, ensure_ascii=False)
    if format == "md":
        return check_markdown(report, source=source)
    if format == "html":
        return check_html(report, source=source)
    if format == "xlsx":
        return check_xlsx(report, source=source)
    raise ValueError(f"format must be one of {', '.join(CHECK_FORMATS)}, not {format!r}")


def plan_export(plan: PlanLike, format: str = "md", *, source: str = "") -> str:
    """The plan as a filled-in worksheet, opening with the plan check's Summary: Markdown or
    one self-contained HTML page."""
    summary = plan_summary(check_report(plan))
    if format == "html":
        return worksheet_html(plan, summary=summary, source=source)
    if format == "md":
        return worksheet_markdown(plan, summary=summary, source=source)
    raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {format!r}")
