"""The stakeholder report: JSON, CSV, Markdown or a self-contained HTML page.

:func:`report` is what ``python -m toolkit stakeholders`` prints, made without
the command line: ``report(register, relationships, format="html")``.
:func:`analyse` returns the data the report shows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..io import safe_csv_text
from ..records import json_value, records
from ..reports.document import Report
from ..reports.render import render_html, render_markdown
from ..reports.xlsx import workbook_bytes
from .analysis import analyse_stakeholders
from .document import stakeholder_report
from .gaps import stakeholder_summary
from .members import (
    expanding_network_candidates,
    self_selection_candidates,
    stakeholder_analysis_candidates,
)
from .network import network_measures
from .register import DEFAULT_DOMINANCE_THRESHOLD, resolve_thresholds

__all__ = [
    "REPORT_FORMATS",
    "analyse",
    "document",
    "report",
    "to_html",
    "to_json",
    "to_markdown",
    "to_xlsx",
]

#: The formats :func:`report` can write (``xlsx`` as bytes).
REPORT_FORMATS: tuple[str, ...] = ("json", "csv", "html", "md", "xlsx")

_STAKEHOLDER_COLUMNS = [
    "name", "organization", "sector", "power", "interest", "legitimacy", "urgency", "grid",
    "salience", "salience_group", "marginal", "marginal_source", "recommendation", "resources",
    "notes", "sector_mapped_from",
]  # fmt: skip
_NETWORK_COLUMNS = ["degree", "betweenness", "other_sectors", "boundary_spanner", "isolate"]


def analyse(
    register: pd.DataFrame,
    relationships: pd.DataFrame | None = None,
    *,
    threshold: float | Mapping[str, float] | None = None,
    dominance_threshold: float = DEFAULT_DOMINANCE_THRESHOLD,
    founders: Sequence[str] | None = None,
    members: Sequence[str] | None = None,
    source: str = "register",
) -> dict[str, Any]:
    """Compute everything the stakeholder report shows, from a checked register.

    ``register`` and ``relationships`` are what :func:`read_register` and
    :func:`read_relationships` return (or :func:`validate_register` /
    :func:`validate_relationships` made). ``founders`` seeds the expanding
    network model (it needs ``relationships``); ``members`` are the current
    members for the stakeholder analysis model. ``source`` names the register in
    the report's title.
    """
    reg, rel = register, relationships
    thresholds = resolve_thresholds(threshold)
    table = analyse_stakeholders(reg, thresholds)
    net = None
    if rel is not None:
        net = network_measures(reg, rel)
        for column in _NETWORK_COLUMNS:
            table[column] = net[column]
    summary = stakeholder_summary(reg, rel, thresholds, dominance_threshold=dominance_threshold)
    candidates: dict[str, pd.DataFrame] = {
        "stakeholder_analysis": stakeholder_analysis_candidates(
            reg, list(members) if members is not None else None, thresholds
        ),
        "self_selection": self_selection_candidates(reg, thresholds["interest"]),
    }
    notes = []
    if founders and rel is not None:
        candidates["expanding_network"] = expanding_network_candidates(reg, rel, list(founders))
    elif founders:
        notes.append("the expanding network model needs --relationships; it was not run")
    else:
        notes.append("the expanding network model needs --founder NAME; it was not run")
    columns = [c for c in _STAKEHOLDER_COLUMNS + _NETWORK_COLUMNS if c in table.columns]
    return {
        "register": reg,
        "relationships": rel,
        "table": table[columns],
        "network": net,
        "summary": summary,
        "candidates": candidates,
        "notes": notes,
        "thresholds": thresholds,
        "source": source,
    }


def report(
    register: pd.DataFrame,
    relationships: pd.DataFrame | None = None,
    *,
    format: str = "md",
    **options: Any,
) -> str | bytes:
    """The stakeholder report in ``format`` (one of :data:`REPORT_FORMATS`).

    ``options`` are those of :func:`analyse`.

    >>> from toolkit.stakeholders import example_register, example_relationships
    >>> text = report(example_register(), example_relationships(), format="md")
    >>> text.splitlines()[0]
    '# Stakeholder map: register'
    """
    if format not in REPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(REPORT_FORMATS)}, not {format!r}")
    result = analyse(register, relationships, **options)
    if format == "json":
        return to_json(result)
    if format == "csv":
        return safe_csv_text(result["table"])
    if format == "html":
        return to_html(result)
    if format == "xlsx":
        return to_xlsx(result)
    return to_markdown(result)


def to_json(result: dict[str, Any]) -> str:
    payload = {
        "stakeholders": records(result["table"]),
        "summary": json_value(result["summary"]),
        "candidates": {k: records(v) for k, v in result["candidates"].items()},
        "notes": result["notes"],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def document(result: dict[str, Any]) -> Report:
    """The report as a document (see :func:`toolkit.stakeholders.document.stakeholder_report`)."""
    return stakeholder_report(result)


def to_html(result: dict[str, Any]) -> str:
    """The report as one self-contained HTML page: a Summary, then the detail."""
    return render_html(document(result))


def to_markdown(result: dict[str, Any]) -> str:
    """The report as Markdown, from the same document as the HTML page."""
    return render_markdown(document(result))


def to_xlsx(result: dict[str, Any]) -> bytes:
    """The report as a workbook: the summary, then one sheet per table."""
    doc = document(result)
    return workbook_bytes(doc.title, doc.summary, [doc])
