"""``python -m toolkit stakeholders``: map a stakeholder register (and its relationships).

Reads a register (CSV or XLSX) and, optionally, a relationships table, and
writes the analysis as JSON, CSV, a self-contained HTML report with charts, or
Markdown. See :mod:`toolkit.stakeholders` for the analyses and their rules.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from ..cli import add_output_options

_STAKEHOLDER_COLUMNS = [
    "name", "organization", "sector", "power", "interest", "legitimacy", "urgency", "grid",
    "salience", "salience_group", "marginal", "marginal_source", "recommendation", "resources",
    "notes", "sector_mapped_from",
]  # fmt: skip
_NETWORK_COLUMNS = ["degree", "betweenness", "other_sectors", "boundary_spanner", "isolate"]
_HTML_ROWS = 500
_CANDIDATE_ROWS = 100


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stakeholders",
        help="map a stakeholder register: grid, salience, marginal, coverage, network",
        description=(
            "Analyse a stakeholder register: Mendelow's power/interest grid, salience "
            "(Mitchell, Agle & Wood), marginal stakeholders, sector coverage and dominance, "
            "candidate members under the three member-identification models and, with "
            "relationships, who is central, who bridges sectors and who is isolated."
        ),
    )
    parser.add_argument("register", metavar="REGISTER.csv", help="the register (CSV or XLSX)")
    parser.add_argument(
        "--relationships", metavar="REL.csv", help="relationships (source, target, kind, strength)"
    )
    add_output_options(parser, ("json", "csv", "html", "md"), "md")
    parser.add_argument(
        "--sheet", metavar="NAME", help="the worksheet of an .xlsx register (name or position)"
    )
    parser.add_argument(
        "--relationships-sheet",
        metavar="NAME",
        help="the worksheet of an .xlsx relationships file (name or position)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="T",
        help="a rating counts as high at or above T (greater than 1, at most 5; default 4)",
    )
    parser.add_argument(
        "--dominance-threshold",
        type=float,
        metavar="SHARE",
        default=0.5,
        help="share of all power at which one organisation or sector dominates (default 0.5)",
    )
    parser.add_argument(
        "--founder",
        action="append",
        metavar="NAME",
        help="a founding member for the expanding network model (repeat for several)",
    )
    parser.add_argument(
        "--member",
        action="append",
        metavar="NAME",
        help="a current member, for the stakeholder analysis model (repeat for several)",
    )
    parser.set_defaults(func=run)


def analyse(args: argparse.Namespace) -> dict[str, Any]:
    """Read the inputs and compute everything the outputs need."""
    from .. import stakeholders as sk

    reg = sk.read_register(args.register, sheet=args.sheet)
    rel = (
        sk.read_relationships(args.relationships, reg, sheet=args.relationships_sheet)
        if args.relationships is not None
        else None
    )
    thresholds = sk.resolve_thresholds(args.threshold)
    table = sk.analyse_stakeholders(reg, thresholds)
    net = None
    if rel is not None:
        net = sk.network_measures(reg, rel)
        for column in _NETWORK_COLUMNS:
            table[column] = net[column]
    summary = sk.stakeholder_summary(
        reg, rel, thresholds, dominance_threshold=args.dominance_threshold
    )
    candidates: dict[str, pd.DataFrame] = {
        "stakeholder_analysis": sk.stakeholder_analysis_candidates(reg, args.member, thresholds),
        "self_selection": sk.self_selection_candidates(reg, thresholds["interest"]),
    }
    notes = []
    if args.founder and rel is not None:
        candidates["expanding_network"] = sk.expanding_network_candidates(reg, rel, args.founder)
    elif args.founder:
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
        "source": Path(args.register).name,
    }


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
    from ..report import chart_html, esc, html_page, table_html
    from ..stakeholder_charts import grid_chart, network_chart, sector_coverage_chart

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
    from ..report import md_cell, md_table

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


def run(args: argparse.Namespace) -> int:
    from ..cli import emit
    from ..io import safe_csv_text

    result = analyse(args)
    if args.format == "json":
        text = to_json(result)
    elif args.format == "csv":
        text = safe_csv_text(result["table"])
    elif args.format == "html":
        text = to_html(result)
    else:
        text = to_markdown(result)
    emit(text, args.out)
    return 0
