"""The workshop pack: every analysis of one workshop in one file.

:func:`workshop_reports` reads whichever inputs it is given (partners' answers,
a stakeholder register and its relationships, a plan), makes each analysis's
report with the same functions the single commands use, and
:func:`workshop_pack` renders them as one self-contained HTML page (title,
date, a summary across the analyses, contents, then each report starting on a
new printed page), Markdown, or one workbook with every table.

The single reports, run on their own
----------------------------------------
* :func:`classify_report` (``python -m toolkit classify``),
* :func:`stakeholders_report` (``python -m toolkit stakeholders``),
* :func:`plan_report` (``python -m toolkit plan check``).

Each reads its file(s) with the toolkit's readers, so a bad file gives the same
one-line error as the single command.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import Any

from .reports.document import Report
from .reports.render import render_html, render_markdown, render_pack_html, render_pack_markdown
from .reports.summaries import pack_summary
from .reports.xlsx import workbook_bytes

__all__ = [
    "PACK_FORMATS",
    "classify_report",
    "plan_report",
    "render",
    "stakeholders_report",
    "workshop_pack",
    "workshop_reports",
]

#: The formats a workshop pack is written in.
PACK_FORMATS = ("html", "xlsx", "md")

PathLike = str | os.PathLike[str]


def classify_report(responses: PathLike, *, id: str = "classify") -> Report:
    """Read partners' answers and return the classification report."""
    from .classification import classify
    from .classification.document import classification_report
    from .forms import read_responses

    answers = read_responses(responses)
    return classification_report(classify(answers), answers, source=str(responses), id=id)


def stakeholders_report(
    register: PathLike,
    relationships: PathLike | None = None,
    *,
    threshold: float | None = None,
    dominance_threshold: float | None = None,
    founders: Sequence[str] | None = None,
    members: Sequence[str] | None = None,
    id: str = "stakeholders",
) -> Report:
    """Read a stakeholder register (and its relationships) and return the stakeholder map."""
    from .stakeholders import read_register, read_relationships
    from .stakeholders.document import stakeholder_report
    from .stakeholders.register import DEFAULT_DOMINANCE_THRESHOLD
    from .stakeholders.reporting import analyse

    reg = read_register(register)
    rel = read_relationships(relationships, reg) if relationships is not None else None
    analysis = analyse(
        reg,
        rel,
        threshold=threshold,
        dominance_threshold=(
            DEFAULT_DOMINANCE_THRESHOLD if dominance_threshold is None else dominance_threshold
        ),
        founders=founders,
        members=members,
        source=str(register),
    )
    return stakeholder_report(analysis, id=id)


def plan_report(plan: PathLike, *, id: str = "plan") -> Report:
    """Read a plan file and return the plan check."""
    from .planning import check_report, load_plan
    from .planning.document import plan_check_report

    return plan_check_report(check_report(load_plan(plan)), source=str(plan), id=id)


def workshop_reports(
    *,
    responses: PathLike | None = None,
    register: PathLike | None = None,
    relationships: PathLike | None = None,
    plan: PathLike | None = None,
    founders: Sequence[str] | None = None,
) -> list[Report]:
    """The reports of the analyses whose inputs are given, in workshop order:
    classification, stakeholder map, plan. Inputs not given are left out."""
    from .errors import InputError

    if relationships is not None and register is None:
        raise InputError(
            "relationships need a stakeholder register",
            file=str(relationships),
            allowed="give the register too (--register)",
        )
    reports = []
    if responses is not None:
        reports.append(classify_report(responses))
    if register is not None:
        reports.append(stakeholders_report(register, relationships, founders=founders))
    if plan is not None:
        reports.append(plan_report(plan))
    if not reports:
        raise InputError(
            "nothing to put in the pack",
            allowed="at least one of --responses, --register or --plan",
        )
    return reports


_NAMES = {
    "classify": "where the partnerships stand",
    "stakeholders": "the stakeholder map",
    "plan": "the six-step plan",
}


def workshop_pack(
    title: str, reports: Sequence[Report], format: str = "html", *, when: Any = None
) -> str | bytes:
    """Render the pack: HTML or Markdown text, or the workbook's bytes (``xlsx``)."""
    if format not in PACK_FORMATS:
        raise ValueError(f"format must be one of {', '.join(PACK_FORMATS)}, got {format!r}")
    when = when or _dt.date.today()
    summary = pack_summary(
        [(_NAMES.get(r.id, r.title.lower()), r.headline or r.summary[:2]) for r in reports]
    )
    if format == "xlsx":
        return workbook_bytes(title, summary, list(reports))
    if format == "md":
        return render_pack_markdown(title, summary, list(reports), when)
    return render_pack_html(title, summary, list(reports), when)


def render(report: Report, format: str) -> str | bytes:
    """One report as ``html``, ``md`` or ``xlsx`` (bytes)."""
    if format == "html":
        return render_html(report)
    if format == "md":
        return render_markdown(report)
    if format == "xlsx":
        return workbook_bytes(report.title, report.summary, [report])
    raise ValueError(f"format must be html, md or xlsx, got {format!r}")
