"""The classification report for people: Summary, map, partnerships, continuum, travel,
organisations, item by item, who was not scored, and how to read it.

:func:`classification_report` turns a :class:`~toolkit.classification.Classification`
(and the answers it came from, for the item charts) into a
:class:`~toolkit.reports.document.Report`; :mod:`toolkit.reports.render` and
:mod:`toolkit.reports.xlsx` make the HTML page, Markdown and workbook from it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..reports.document import Bullets, Paragraph, Report, Section, Table, chart_block
from ..reports.humanise import file_name, join_words, round_text
from ..reports.summaries import classification_summary, excluded_reason

__all__ = ["MAX_PROFILES", "classification_report"]

#: Item-by-item charts drawn (one per partnership, latest round); more are left out.
MAX_PROFILES = 6

_PARTNERSHIP_COLUMNS = [
    ("partnership", "Partnership", "text"),
    ("round", "Round", "round"),
    ("mode", "Mode", "text"),
    ("continuum", "Continuum level", "text"),
    ("voluntary", "Voluntary score", "score"),
    ("trust", "Trust score", "score"),
    ("position", "Position", "text"),
    ("voluntary_interval", "Voluntary score, 95% interval", "text"),
    ("trust_interval", "Trust score, 95% interval", "text"),
    ("near_boundary", "Close to a boundary?", "yesno"),
    ("neighbour", "Nearest other mode", "text"),
    ("partners_differ", "Partners see it differently?", "yesno"),
    ("disagreement_voluntary", "Spread on voluntary", "score"),
    ("disagreement_trust", "Spread on trust", "score"),
    ("agreement_voluntary", "Agreement on voluntary (r_wg)", "score"),
    ("agreement_trust", "Agreement on trust (r_wg)", "score"),
    ("agreement", "Do the partners agree?", "text"),
    ("respondents", "Respondents scored", "count"),
    ("excluded", "Not scored", "count"),
]
_TRAVEL_COLUMNS = [
    ("partnership", "Partnership", "text"),
    ("rounds", "Rounds", "text"),
    ("direction", "Direction of travel", "text"),
    ("voluntary_change", "Change in voluntary", "change"),
    ("trust_change", "Change in trust", "change"),
    ("clear_change_voluntary", "Clear change in voluntary?", "yesno"),
    ("clear_change_trust", "Clear change in trust?", "yesno"),
    ("mode_from", "Mode before", "text"),
    ("mode_to", "Mode after", "text"),
    ("continuum_from", "Level before", "text"),
    ("continuum_to", "Level after", "text"),
]
_ORGANISATION_COLUMNS = [
    ("partnership", "Partnership", "text"),
    ("round", "Round", "round"),
    ("organization", "Organisation", "text"),
    ("mode", "Mode", "text"),
    ("voluntary", "Voluntary score", "score"),
    ("trust", "Trust score", "score"),
    ("near_boundary", "Close to a boundary?", "yesno"),
    ("agreement_voluntary", "Agreement on voluntary (r_wg)", "score"),
    ("agreement_trust", "Agreement on trust (r_wg)", "score"),
    ("respondents", "Respondents scored", "count"),
]
_EXCLUDED_COLUMNS = [
    ("respondent", "Respondent", "text"),
    ("partnership", "Partnership", "text"),
    ("round", "Round", "round"),
    ("organization", "Organisation", "text"),
    ("reason", "Why not scored", "text"),
]
SOURCES = [
    "Armistead, C. & Pettigrew, P. (2007). Partnerships in the provision of services by "
    "multi-agencies: four dimensions of service leadership and service quality. Service "
    "Business (the questionnaire's statements and the three modes).",
    "Himmelman, A. T. (2002). Collaboration for a Change, revised edition (the continuum of "
    "networking, coordinating, cooperating and collaborating).",
]


_chart = chart_block


def _with_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    """Each score's 95% interval in words ("0.41 to 0.50")."""
    from .measurement import interval_words

    out = frame.copy()
    for axis in ("voluntary", "trust"):
        if f"{axis}_low" in out.columns:
            out[f"{axis}_interval"] = [
                interval_words(low, high)
                for low, high in zip(out[f"{axis}_low"], out[f"{axis}_high"], strict=True)
            ]
    return out


def _measurement(result: Any) -> list[str]:
    """Reliability of each axis in sentences (empty without the measurement figures)."""
    from .measurement import reliability_words

    if not getattr(result, "reliability", None):
        return []
    return [reliability_words(axis, figures) for axis, figures in result.reliability.items()]


def _reading(result: Any) -> list[str]:
    b, s = result.boundaries, result.settings
    extra: list[str] = []
    if getattr(result, "reliability", None) is not None and "seed" in s:
        from .measurement import how_to_read

        extra = [
            f"{name}: {text}"
            for name, text in how_to_read(s["confidence"], s["resamples"], s["seed"])
        ]
    base = [
        "Scores run from 0 to 1 and are rounded to two decimals. The voluntary score is 0 when "
        "every answer says the partnership was imposed (mandatory) and 1 when every answer says "
        "it is voluntary; the trust score is 0 when the partners rely entirely on contract and "
        "1 when they rely entirely on trust; 0.5 is the middle of the scale.",
        f"Modes: creating when the trust score is above {b.trust_above:g}; complying when it "
        f"is below {b.contract_below:g} and the voluntary score is below {b.mandatory_below:g}; "
        "constraining otherwise. A partnership within "
        f"{b.margin:g} of the line between two modes is close to a boundary and is best read as "
        "between them.",
        "Spread is how far apart the respondents' scores are (their standard deviation); the "
        "partners see a partnership differently when the spread on either score is at least "
        f"{s['disagreement_threshold']:g}.",
        f"A respondent is scored when they answered at least {s['min_answered']:.0%} of the "
        "statements on each score. A change between rounds smaller than "
        f"{s['steady']:g} counts as steady.",
        "The heuristic locates a partnership; it is not a verdict.",
    ]
    return [*extra, *base]


def classification_report(
    result: Any, responses: pd.DataFrame | None = None, *, source: str = "", id: str = "classify"
) -> Report:
    """The classification report as a :class:`~toolkit.reports.document.Report`.

    ``result`` is what :func:`toolkit.classification.classify` returns;
    ``responses`` (the answers, as read) adds one item-by-item chart per
    partnership; ``source`` is the file's path or name (only the name is shown).
    """
    from .charts import heuristic_map
    from .item_charts import continuum_bar, item_profile

    name = file_name(source or getattr(result, "source", "") or "")
    summary = result.summary
    has_rounds = "round" in summary.columns

    def sid(key: str) -> str:
        return f"{id}-{key}"

    sections = []
    where = Section(sid("map"), "Where the partnerships stand")
    where.blocks.append(
        _chart(
            heuristic_map(
                summary, result.scored, boundaries=result.boundaries, travel=result.travel
            )
        )
    )
    differ = summary[summary["partners_differ"].astype(bool)]
    if len(differ):
        names = [
            str(r.partnership) + (f" ({round_text(r.round)})" if has_rounds else "")
            for r in differ.itertuples()
        ]
        where.blocks.append(
            Paragraph(f"Partners see these very differently: {join_words(names)}.", "flag")
        )
    sections.append(where)
    sections.append(
        Section(
            sid("partnerships"),
            "Partnerships",
            [
                Table.from_frame(
                    _with_intervals(summary),
                    _PARTNERSHIP_COLUMNS,
                    caption="Where each partnership stands",
                    sheet="Partnerships",
                    labels=("partnership", "round"),
                )
            ],
        )
    )
    sections.append(
        Section(sid("continuum"), "Himmelman's continuum", [_chart(continuum_bar(summary))])
    )
    if len(result.travel):
        travel = result.travel.copy()
        travel["rounds"] = (
            travel["from_round"].map(round_text) + " to " + travel["to_round"].map(round_text)
        )
        sections.append(
            Section(
                sid("travel"),
                "Direction of travel",
                [
                    Table.from_frame(
                        travel,
                        _TRAVEL_COLUMNS,
                        caption="Change between rounds",
                        sheet="Direction of travel",
                        labels=("partnership", "rounds"),
                    )
                ],
            )
        )
    if len(result.organizations):
        sections.append(
            Section(
                sid("organisations"),
                "By organisation",
                [
                    Table.from_frame(
                        result.organizations,
                        _ORGANISATION_COLUMNS,
                        caption="Mean scores by organisation",
                        sheet="By organisation",
                        labels=("organization", "partnership", "round"),
                    )
                ],
            )
        )
    if responses is not None and len(responses):
        items = Section(sid("items"), "Item by item", new_page=True)
        items.blocks.append(
            Paragraph(
                "For each statement, a dot marks each organisation's mean answer in the latest "
                "round, and a line joins the lowest to the highest: a long line is a statement "
                "the partners see differently."
            )
        )
        partnerships = list(dict.fromkeys(summary["partnership"].astype(str)))
        if len(partnerships) > MAX_PROFILES:
            items.blocks.append(
                Paragraph(
                    f"The first {MAX_PROFILES} of {len(partnerships)} partnerships are shown.",
                    "meta",
                )
            )
        items.blocks += [_chart(item_profile(responses, p)) for p in partnerships[:MAX_PROFILES]]
        sections.append(items)
    if len(result.excluded):
        excluded = result.excluded.copy()
        excluded["reason"] = excluded["reason"].map(excluded_reason)
        sections.append(
            Section(
                sid("excluded"),
                "Respondents not scored",
                [
                    Paragraph(
                        "Each is named by the id given in the answers file. Their answers do "
                        "not count towards any score."
                    ),
                    Table.from_frame(
                        excluded,
                        _EXCLUDED_COLUMNS,
                        caption="Respondents with too few answers to score",
                        sheet="Not scored",
                    ),
                ],
            )
        )
    reliability = _measurement(result)
    if reliability:
        sections.append(
            Section(sid("reliability"), "Do the items measure one thing?", [Bullets(reliability)])
        )
    reading = Section(sid("reading"), "How to read this", [Bullets(_reading(result))])
    if result.ignored_columns:
        reading.blocks.append(
            Paragraph(
                "Columns in the file that are not part of the questionnaire were ignored: "
                + join_words([str(c) for c in result.ignored_columns])
                + ".",
                "meta",
            )
        )
    sections.append(reading)
    meta = [f"Answers from {name}." if name else "Answers as given."]
    sentences = classification_summary(result, source=name)
    return Report(
        title="Partnership classification",
        summary=sentences,
        headline=sentences[2:],
        sections=sections,
        meta=meta,
        sources=SOURCES,
        id=id,
    )
