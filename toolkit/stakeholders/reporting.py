"""The stakeholder report: JSON, CSV, Markdown or a self-contained HTML page.

:func:`report` is what ``python -m toolkit stakeholders`` prints, made without
the command line: ``report(register, relationships, format="html")``.
:func:`analyse` returns the data the report shows.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..io import safe_csv_text
from ..report import chart_html, esc, html_page, md_cell, md_table, table_html
from .analysis import analyse_stakeholders
from .charts import grid_chart, network_chart, sector_coverage_chart
from .gaps import stakeholder_summary
from .members import (
    expanding_network_candidates,
    self_selection_candidates,
    stakeholder_analysis_candidates,
)
from .network import network_measures
from .register import DEFAULT_DOMINANCE_THRESHOLD, resolve_thresholds

__all__ = ["REPORT_FORMATS", "analyse", "report", "to_html", "to_json", "to_markdown"]

#: The formats :func:`report` can write.
REPORT_FORMATS: tuple[str, ...] = ("json", "csv", "html", "md")

_STAKEHOLDER_COLUMNS = [
    "name", "organization", "sector", "power", "interest", "legitimacy", "urgency", "grid",
    "salience", "salience_group", "marginal", "marginal_source", "recommendation", "resources",
    "notes", "sector_mapped_from",
]  # fmt: skip
_NETWORK_COLUMNS = ["degree", "betweenness", "other_sectors", "boundary_spanner", "isolate"]
_HTML_ROWS = 500
_CANDIDATE_ROWS = 100


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
) -> str:
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
    return to_markdown(result)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: _plain(v) for k, v in row.items()}
        for row in frame.astype(object).to_dict(orient="records")
    ]


def to_json(result: dict[str, Any]) -> str:
    payload = {
        "stakeholders": _records(result["table"]),
        "summary": result["summary"],
        "candidates": {k: _records(v) for k, v in result["candidates"].items()},
        "notes": result["notes"],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _display(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for HTML and Markdown tables: whole ratings without decimals, no long advice."""
    out = frame.drop(columns=["recommendation"], errors="ignore").copy()
    for column in ("power", "interest", "legitimacy", "urgency", "strength"):
        if column in out.columns:
            out[column] = out[column].map(lambda v: "" if pd.isna(v) else f"{v:g}")
    if "betweenness" in out.columns:
        out["betweenness"] = out["betweenness"].map(lambda v: f"{v:.3f}")
    return out


def _capped(frame: pd.DataFrame, limit: int, what: str) -> tuple[pd.DataFrame, str]:
    if len(frame) <= limit:
        return frame, ""
    return frame.head(limit), (
        f"Showing the first {limit:,} of {len(frame):,} {what}; "
        "use --format csv or json for all of them."
    )


def _candidate_titles() -> dict[str, str]:
    return {
        "stakeholder_analysis": "Stakeholder analysis model: ranked by salience and gaps filled",
        "self_selection": "Self-selection model: who would answer an open call",
        "expanding_network": "Expanding network model: founders' ties, round by round",
    }


def to_html(result: dict[str, Any]) -> str:
    summary = result["summary"]
    reg = result["register"]
    t = result["thresholds"]
    parts = [f"<h1>Stakeholder map: {esc(result['source'])}</h1>"]
    parts.append(
        f'<p class="meta">{summary["stakeholders"]:,} stakeholders'
        + (
            f", {summary['network']['relationships']:,} relationships"
            if "network" in summary
            else ""
        )
        + ". A rating counts as high at or above "
        + esc(", ".join(f"{k} {v:g}" for k, v in t.items()))
        + ".</p>"
    )
    parts.append("<h2>Gaps and warnings</h2>")
    if summary["gaps"]:
        parts.append("<ul>" + "".join(f"<li>{esc(g)}</li>" for g in summary["gaps"]) + "</ul>")
    else:
        parts.append("<p>No gaps found.</p>")
    if summary["sector_mappings"]:
        mapped = "; ".join(
            f"“{esc(m['from'])}” → {esc(m['to'])} ({m['count']})"
            for m in summary["sector_mappings"]
        )
        parts.append(f"<p>Sector names mapped to the three spheres: {mapped}.</p>")
    for note in result["notes"]:
        parts.append(f'<p class="meta">Note: {esc(note)}.</p>')
    dominance = pd.DataFrame(summary["dominance"])
    parts.append(table_html(dominance, caption="Who holds the power (sum of power ratings)"))
    parts.append("<h2>Charts</h2>")
    parts.append(chart_html(grid_chart(reg, t)))
    parts.append(chart_html(sector_coverage_chart(reg)))
    if result["relationships"] is not None:
        parts.append(
            chart_html(network_chart(reg, result["relationships"], measures=result["network"]))
        )
        parts.append(f"<p>Betweenness: {esc(summary['network']['betweenness'])}.</p>")
    parts.append("<h2>Stakeholders</h2>")
    table, note = _capped(_display(result["table"]), _HTML_ROWS, "stakeholders")
    if note:
        parts.append(f'<p class="meta">{esc(note)}</p>')
    parts.append(table_html(table, caption="Stakeholders: grid, salience, marginal"))
    parts.append("<h2>Candidate members</h2>")
    titles = _candidate_titles()
    for key, frame in result["candidates"].items():
        shown, note = _capped(frame, _CANDIDATE_ROWS, "candidates")
        parts.append(f"<h3>{esc(titles[key])}</h3>")
        if note:
            parts.append(f'<p class="meta">{esc(note)}</p>')
        parts.append(table_html(_display(shown)) if len(shown) else "<p>No candidates.</p>")
    parts.append(
        '<p class="meta">Sources: Mendelow (1991), power/interest grid; Mitchell, Agle &amp; '
        "Wood (1997), stakeholder salience; Roberts, the six-step model after Cummings "
        "(member identification); the encyclopedia article “Collaborative partnership” "
        "(marginal stakeholders, power imbalance).</p>"
    )
    return html_page(f"Stakeholder map: {result['source']}", "\n".join(parts))


def to_markdown(result: dict[str, Any]) -> str:
    summary = result["summary"]
    lines = [f"# Stakeholder map: {md_cell(result['source'])}", ""]
    lines.append(
        f"{summary['stakeholders']:,} stakeholders; sectors: "
        + ", ".join(f"{k} {v}" for k, v in summary["sectors"].items())
        + ". High ratings: "
        + ", ".join(f"{k} {v:g}" for k, v in result["thresholds"].items())
        + " and above."
    )
    lines += ["", "## Gaps and warnings", ""]
    lines += [f"- {md_cell(g)}" for g in summary["gaps"]] or ["No gaps found."]
    if summary["sector_mappings"]:
        lines += ["", "Sector names mapped: " + "; ".join(
            f"{md_cell(m['from'])} -> {m['to']} ({m['count']})"
            for m in summary["sector_mappings"]
        )]  # fmt: skip
    lines += [f"\nNote: {n}." for n in result["notes"]]
    if "network" in summary:
        net = summary["network"]
        lines += [
            "",
            "## Network",
            "",
            f"Betweenness: {net['betweenness']}. Most central: "
            + ", ".join(md_cell(x) for x in net["most_central"])
            + f". Boundary spanners: {net['boundary_spanners']}. Isolated: "
            + (", ".join(md_cell(x) for x in net["isolates"]) or "none")
            + ".",
        ]
    lines += ["", "## Stakeholders", ""]
    lines.append(md_table(_display(result["table"])))
    titles = _candidate_titles()
    lines += ["## Candidate members", ""]
    for key, frame in result["candidates"].items():
        shown, note = _capped(frame, _CANDIDATE_ROWS, "candidates")
        lines += [f"### {titles[key]}", ""]
        if note:
            lines += [note, ""]
        lines.append(md_table(_display(shown)) if len(shown) else "No candidates.\n")
    return "\n".join(lines)
