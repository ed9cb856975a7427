"""The stakeholder map for people: Summary, gaps and risks, charts, the stakeholders,
candidate members, and how to read it.

:func:`stakeholder_report` takes what the stakeholder analysis computed (the
register, the relationships, the analysed table, the network measures, the
summary and the candidate lists) and returns a
:class:`~toolkit.reports.document.Report`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..reports.document import (
    Bullets,
    Heading,
    Paragraph,
    Report,
    Section,
    Table,
    chart_block,
)
from ..reports.humanise import file_name, join_words
from ..reports.summaries import stakeholder_summary_sentences

__all__ = ["PAGE_ROWS", "stakeholder_report"]

#: Rows a page shows of the stakeholder table and of each candidate list (the workbook
#: has them all).
PAGE_ROWS = {"stakeholders": 500, "candidates": 100}

_STAKEHOLDER_COLUMNS = [
    ("name", "Name", "text"),
    ("organization", "Organisation", "text"),
    ("sector", "Sector", "text"),
    ("power", "Power", "rating"),
    ("interest", "Interest", "rating"),
    ("legitimacy", "Legitimacy", "rating"),
    ("urgency", "Urgency", "rating"),
    ("grid", "Power/interest grid", "text"),
    ("salience", "Salience", "text"),
    ("marginal", "Marginal?", "yesno"),
    ("resources", "Resources", "text"),
    ("degree", "Ties", "count"),
    ("other_sectors", "Ties to other sectors", "count"),
    ("betweenness", "Betweenness", "number"),
    ("boundary_spanner", "Bridges sectors?", "yesno"),
    ("isolate", "No ties?", "yesno"),
    ("notes", "Notes", "text"),
]
_CANDIDATE_COLUMNS = [
    ("rank", "Rank", "count"),
    ("name", "Name", "text"),
    ("organization", "Organisation", "text"),
    ("sector", "Sector", "text"),
    ("salience", "Salience", "text"),
    ("attributes", "Attributes held", "count"),
    ("fills", "Gap it fills", "text"),
    ("interest", "Interest", "rating"),
    ("round", "Round reached", "count"),
    ("introduced_by", "Introduced by", "text"),
    ("reason", "Why", "text"),
]
_DOMINANCE_COLUMNS = [
    ("level", "Level", "text"),
    ("largest", "Holds the most power", "text"),
    ("power", "Sum of power ratings", "rating"),
    ("share", "Share of all power", "share"),
    ("dominates", "Dominates?", "yesno"),
]
_MODELS = {
    "stakeholder_analysis": (
        "Stakeholder analysis model",
        "ranked by salience and by the gaps each would fill",
        "Stakeholder analysis model",
    ),
    "self_selection": (
        "Self-selection model",
        "who would answer an open call",
        "Self-selection model",
    ),
    "expanding_network": (
        "Expanding network model",
        "the founders' ties, round by round",
        "Expanding network model",
    ),
}
SOURCES = [
    "Mendelow (1991): the power/interest grid.",
    "Mitchell, Agle & Wood (1997): stakeholder salience (power, legitimacy, urgency).",
    "Roberts, the six-step model after Cummings: the three ways of identifying members.",
    "The encyclopedia article “Collaborative partnership”: marginal stakeholders and "
    "power imbalance.",
]


_chart = chart_block


def _missing_model_note(candidates: Mapping[str, Any], relationships: Any) -> str | None:
    if "expanding_network" in candidates:
        return None
    if relationships is None:
        return (
            "The expanding-network model follows the relationships between stakeholders: "
            "add a table of relationships to see who it would invite."
        )
    return (
        "Name the founding organisation to see who the expanding-network model would invite: "
        "it starts from the founders and follows their ties outward."
    )


def stakeholder_report(analysis: Mapping[str, Any], *, id: str = "stakeholders") -> Report:
    """The stakeholder map as a :class:`~toolkit.reports.document.Report`.

    ``analysis`` holds ``register``, ``relationships`` (or None), ``table``
    (the analysed register, with network measures when there are
    relationships), ``network``, ``summary``, ``candidates`` (model name ->
    table), ``thresholds`` and ``source`` (the register's path or name).
    """
    from .charts import grid_chart, network_chart, sector_coverage_chart

    summary = analysis["summary"]
    reg, rel = analysis["register"], analysis["relationships"]
    thresholds = analysis["thresholds"]
    name = file_name(analysis.get("source", ""))

    def sid(key: str) -> str:
        return f"{id}-{key}"

    sections = []
    gaps = Section(sid("gaps"), "Gaps and risks")
    gaps.blocks.append(
        Bullets(list(summary["gaps"])) if summary["gaps"] else Paragraph("No gaps found.")
    )
    if summary.get("sector_mappings"):
        mapped = "; ".join(
            f"“{m['from']}” read as {m['to']} ({m['count']})" for m in summary["sector_mappings"]
        )
        gaps.blocks.append(
            Paragraph(f"Sector names mapped to the three spheres of society: {mapped}.", "meta")
        )
    dominance = pd.DataFrame(summary["dominance"])
    if len(dominance):
        dominance["level"] = (
            dominance["level"]
            .map({"organization": "Organisation", "sector": "Sector"})
            .fillna(dominance["level"])
        )
        gaps.blocks.append(
            Table.from_frame(
                dominance, _DOMINANCE_COLUMNS, caption="Who holds the power", sheet="Power"
            )
        )
    sections.append(gaps)
    grid = Section(sid("grid"), "Power and interest", [_chart(grid_chart(reg, thresholds))])
    sections.append(grid)
    sections.append(Section(sid("sectors"), "Sectors", [_chart(sector_coverage_chart(reg))]))
    if rel is not None:
        net = summary.get("network", {})
        network = Section(
            sid("network"),
            "Relationships",
            [_chart(network_chart(reg, rel, measures=analysis.get("network")))],
        )
        facts = []
        if net.get("most_central"):
            facts.append(
                "The most central (on the most shortest paths between others): "
                + join_words(list(net["most_central"]))
                + "."
            )
        facts.append(
            f"{net.get('boundary_spanners', 0)} stakeholders have ties to other sectors, and "
            + (
                join_words(list(net["isolates"]))
                + " "
                + ("has" if len(net["isolates"]) == 1 else "have")
                + " no ties to anyone in the map."
                if net.get("isolates")
                else "everyone has at least one tie."
            )
        )
        network.blocks.append(Paragraph(" ".join(facts)))
        sections.append(network)
    table = analysis["table"]
    rows = len(table)
    limit = PAGE_ROWS["stakeholders"]
    note = (
        f"The first {limit:,} of {rows:,} stakeholders are shown; the workbook version of this "
        "report lists all of them."
        if rows > limit
        else ""
    )
    sections.append(
        Section(
            sid("register"),
            "Stakeholders",
            [
                Table.from_frame(
                    table,
                    _STAKEHOLDER_COLUMNS,
                    caption="Each stakeholder: ratings, grid, salience, ties",
                    sheet="Stakeholders",
                    note=note,
                    limit=limit,
                )
            ],
            new_page=True,
        )
    )
    members = Section(sid("candidates"), "Candidate members", new_page=True)
    members.blocks.append(
        Paragraph(
            "Three ways of finding members (Roberts): rank stakeholders by salience and the "
            "gaps they fill, see who would answer an open call, or follow the founders' ties."
        )
    )
    for key, frame in analysis["candidates"].items():
        title, what, sheet = _MODELS.get(key, (key, "", key))
        members.blocks.append(Heading(f"{title}: {what}" if what else title))
        if not len(frame):
            members.blocks.append(Paragraph("No candidates."))
            continue
        cap = PAGE_ROWS["candidates"]
        members.blocks.append(
            Table.from_frame(
                frame,
                _CANDIDATE_COLUMNS,
                caption=title,
                sheet=sheet,
                labels=("name",),
                note=(
                    f"The first {cap:,} of {len(frame):,} candidates are shown; the workbook "
                    "lists all of them."
                    if len(frame) > cap
                    else ""
                ),
                limit=cap,
            )
        )
    missing = _missing_model_note(analysis["candidates"], rel)
    if missing:
        members.blocks.append(Paragraph(missing, "meta"))
    sections.append(members)
    high = join_words([f"{k} {v:g}" for k, v in thresholds.items()])
    sections.append(
        Section(
            sid("reading"),
            "How to read this",
            [
                Bullets(
                    [
                        "Power, interest, legitimacy and urgency are rated from 1 to 5; a rating "
                        f"counts as high at or above the threshold ({high}).",
                        "Marginal stakeholders have high interest but little power.",
                        "Betweenness (from 0 to 1) is the share of shortest paths between other "
                        "stakeholders that pass through this one.",
                    ]
                )
            ],
        )
    )
    sentences = stakeholder_summary_sentences(summary, source=name)
    return Report(
        title=f"Stakeholder map: {name}" if name else "Stakeholder map",
        summary=sentences,
        headline=sentences[1:3],
        sections=sections,
        meta=[f"Register: {name}." if name else "Register as given."],
        sources=SOURCES,
        id=id,
    )
