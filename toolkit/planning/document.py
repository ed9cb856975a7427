"""The plan check for people: Summary, readiness, progress, risks, setbacks, indicators,
the GAO practices and the next step.

:func:`plan_check_report` turns what ``check_report`` returns (JSON-ready
data) into a :class:`~toolkit.reports.document.Report`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..reports.document import Bullets, Paragraph, Report, Section, Table
from ..reports.humanise import file_name
from ..reports.summaries import plan_summary

__all__ = ["plan_check_report"]

SOURCES = [
    "Roberts, J. Is an alliance, coalition or partnership the right strategy for your problem? "
    "(six-step model after Thomas Cummings).",
    "Armistead, C. & Pettigrew, P. (2007): the nine reasons partnerships fail.",
    "Pulido-Gómez, S., de Jong, J. & Rivkin, J. W. (2025): setbacks met with mutual learning "
    "or mutual blaming.",
    "US Government Accountability Office (2005). GAO-06-15: practices that can help enhance and "
    "sustain collaboration among federal agencies.",
]


def plan_check_report(report: Mapping[str, Any], *, source: str = "", id: str = "plan") -> Report:
    """The plan check as a :class:`~toolkit.reports.document.Report` (``report`` is what
    :func:`toolkit.planning.check_report` returns; ``source`` the plan file's path)."""

    def sid(key: str) -> str:
        return f"{id}-{key}"

    name = file_name(source)
    title = str(report.get("title") or "").strip()
    ready = report["readiness"]
    sections = [
        Section(
            sid("readiness"),
            "Before step 1: is a partnership the right strategy?",
            [
                Paragraph(f"Recommendation: {ready['recommendation']}.", "flag"),
                Bullets([str(r) for r in ready["reasons"]]),
            ],
        )
    ]
    steps = pd.DataFrame(report["steps"])
    steps["step"] = steps["number"].astype(str) + ". " + steps["name"]
    steps["done"] = steps["filled"].astype(str) + " of " + steps["required"].astype(str)
    steps["missing_text"] = steps["missing"].map(lambda m: "; ".join(m) or "nothing")
    sections.append(
        Section(
            sid("progress"),
            "Progress",
            [
                Table.from_frame(
                    steps,
                    [
                        ("step", "Step", "text"),
                        ("status", "Status", "text"),
                        ("done", "Required outputs done", "text"),
                        ("missing_text", "Still missing", "text"),
                    ],
                    caption="Progress through the six steps",
                    sheet="Progress",
                )
            ],
        )
    )
    risk = report["risk_summary"]
    risks = pd.DataFrame(report["risks"])
    risks["where"] = "Step " + risks["step"].astype(str) + ": " + risks["step_name"]
    intro = (
        "Rate each reason partnerships fail for this partnership: 0 no risk, 1 some risk, "
        "2 serious risk."
    )
    level = (
        "None is rated yet."
        if not risk["rated"]
        else f"Overall risk: {risk['level']} ({risk['rated']} of {risk['rated'] + risk['unrated']} "
        "rated)."
    )
    sections.append(
        Section(
            sid("risks"),
            "Failure risks",
            [
                Paragraph(f"{intro} {level}"),
                Table.from_frame(
                    risks,
                    [
                        ("reason", "Reason", "text"),
                        ("rating_label", "Rating", "text"),
                        ("status", "Status", "text"),
                        ("where", "Addressed in", "text"),
                    ],
                    caption="Failure-risk checklist",
                    sheet="Failure risks",
                ),
            ],
            new_page=True,
        )
    )
    setbacks = report["setbacks"]
    block: list[Any] = []
    log = pd.DataFrame(setbacks["log"])
    if len(log):
        if "actions" in log:
            log["actions"] = log["actions"].map(
                lambda a: "; ".join(a) if isinstance(a, list) else a
            )
        block.append(
            Table.from_frame(
                log,
                [
                    ("date", "Date", "round"),
                    ("setback", "What went wrong", "text"),
                    ("response", "How the group responded", "text"),
                    ("reading", "Reading", "text"),
                    ("actions", "Actions used", "text"),
                ],
                caption="Setbacks",
                sheet="Setbacks",
            )
        )
    else:
        block.append(Paragraph("No setbacks recorded yet."))
    unused = setbacks["summary"].get("actions_not_used") or []
    if unused:
        block.append(Paragraph("Actions that foster mutual learning, not tried yet:"))
        block.append(Bullets([str(a) for a in unused]))
    sections.append(Section(sid("setbacks"), "Setbacks", block))
    indicators = pd.DataFrame(report["indicators"])
    if len(indicators):
        indicators["goal_text"] = indicators["goal"] + ": " + indicators["description"]
        sections.append(
            Section(
                sid("indicators"),
                "Social impact indicators",
                [
                    Table.from_frame(
                        indicators,
                        [
                            ("goal_text", "Goal", "text"),
                            ("indicator", "Indicator", "text"),
                            ("unit", "Unit", "text"),
                            ("target", "Target", "number"),
                            ("observed", "Observed", "number"),
                            ("attainment", "Share of target", "share"),
                            ("met", "Target met?", "yesno"),
                        ],
                        caption="Indicators against targets",
                        sheet="Indicators",
                    )
                ],
            )
        )
    gao = pd.DataFrame(report["gao_practices"]["items"])
    if len(gao):
        sections.append(
            Section(
                sid("gao"),
                "Practices that sustain collaboration (GAO)",
                [
                    Table.from_frame(
                        gao,
                        [
                            ("practice", "Practice", "text"),
                            ("step", "Step", "count"),
                            ("label", "Status", "text"),
                        ],
                        caption="GAO practices",
                        sheet="GAO practices",
                    )
                ],
            )
        )
    sections.append(
        Section(sid("next"), "Next step", [Paragraph(str(report.get("next") or ""), lead="Next:")])
    )
    meta = [f"Plan: {name}." if name else "Plan as given."]
    sentences = plan_summary(report)
    return Report(
        title=f"Plan check: {title}" if title else "Plan check",
        summary=sentences,
        headline=[*sentences[:2], sentences[-1]] if len(sentences) > 2 else sentences,
        sections=sections,
        meta=meta,
        sources=SOURCES,
        id=id,
    )
