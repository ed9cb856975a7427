"""Worksheets for the six-step plan, blank or filled in, as Markdown or HTML.

A *blank* worksheet (``plan=None``) is for a workshop wall: every output has a
write-in box, every choice a row of tick boxes, every table empty rows. A
*filled* worksheet shows what the plan records and keeps a write-in box wherever
the plan is still empty, so it can be printed and completed by hand; given the
plan check's summary sentences (``plan export`` gives them) it opens with a
Summary. Both formats come from the same document
(:func:`worksheet_document`), rendered by :mod:`toolkit.reports`: the HTML is
one self-contained page that works offline and prints on A4 and Letter.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..reports.document import (
    Bullets,
    Choices,
    Column,
    Group,
    Heading,
    Paragraph,
    Report,
    Section,
    Table,
    WriteIn,
    chart_block,
)
from ..reports.humanise import file_name
from ..reports.render import render_html, render_markdown
from .plan import Plan, _as_plan
from .progress import next_action, plan_progress
from .readiness import readiness_check
from .schema import SCHEMA_VERSION, _schema, _section
from .steps import READINESS_ANSWERS, _data, _steps_data

__all__ = ["worksheet_document", "worksheet_html", "worksheet_markdown"]

PlanLike = Plan | Mapping[str, Any] | str | os.PathLike[str]

_BLANK_ROWS = 4

SOURCES = [
    "Roberts, J. Is an alliance, coalition or partnership the right strategy for your problem? "
    "(six-step model after Thomas Cummings).",
    "Armistead, C. & Pettigrew, P. (2007). Partnerships in the provision of services by "
    "multi-agencies: four dimensions of service leadership and service quality. Service Business.",
    "Pulido-Gómez, S., de Jong, J. & Rivkin, J. W. (2025). Cross-Sector Collaboration in Cities: "
    "Learning Journey or Blame Game? Journal of Public Administration Research and Theory. "
    "doi:10.1093/jopart/muae026",
    "Unattributed summary of the ideas in O'Leary, R. Big Ideas in Collaborative Public "
    "Management (social impact measurement).",
    "US Government Accountability Office (2005). GAO-06-15: practices that can help enhance and "
    "sustain collaboration among federal agencies.",
]


_chart = chart_block


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def _text(value: Any, label: str, blank: bool) -> Any:
    if blank or not _filled(value):
        return WriteIn(label)
    return Paragraph(str(value), "lines")


def _blank_table(headers: list[str], caption: str = "") -> Table:
    return Table(
        caption=caption,
        columns=[_col(h) for h in headers],
        rows=[[""] * len(headers) for _ in range(_BLANK_ROWS)],
        sheet=caption or headers[0],
        blank=True,
    )


def _col(heading: str) -> Column:
    return Column(heading)


def _frame_table(frame: pd.DataFrame, caption: str = "") -> Table:
    return Table(
        caption=caption,
        columns=[_col(str(c)) for c in frame.columns],
        rows=[list(r) for r in frame.itertuples(index=False, name=None)],
        sheet=caption or str(frame.columns[0]),
    )


def _output(spec: Any, value: Any, blank: bool) -> Group:
    title = Heading(f"{spec.label}{'' if spec.required else ' (optional)'}", 4)
    if spec.kind in ("records", "observations"):
        headers = [f.label for f in spec.fields]
        if blank or not value:
            return Group([title, _blank_table(headers, spec.label)])
        frame = pd.DataFrame(value, columns=[f.key for f in spec.fields])
        frame.columns = headers
        return Group([title, _frame_table(frame, spec.label)])
    if spec.kind == "checklist":
        rows = [
            [f.label, Choices([str(c) for c in spec.choices]) if blank else value.get(f.key)]
            for f in spec.fields
        ]
        if not blank:
            rows = [[p, "not answered" if s is None else s] for p, s in rows]
        table = Table(spec.label, [_col("Practice"), _col("Status")], rows, sheet=spec.label)
        return Group([title, table])
    if spec.kind == "choice":
        if blank or value is None:
            return Group([title, Choices([str(c) for c in spec.choices], value)])
        return Group([title, Paragraph(str(value))])
    if spec.kind == "texts":
        items = [v for v in value if v.strip()]
        if blank or not items:
            return Group([title, WriteIn(spec.label)])
        return Group([title, Bullets(items)])
    return Group([title, _text(value, spec.label, blank)])


def _readiness(plan: Any, blank: bool) -> Section:
    ready = _data("six_steps.yaml")["readiness"]
    answers = plan.readiness
    section = Section("readiness", f"Before step 1: {ready['question']}")
    section.blocks.append(
        Paragraph(
            "Roberts: if single organisations have a history of failing to develop sustainable "
            "solutions and the partners are willing to collaborate, the group can move forward "
            "with confidence. A partnership also costs more time, energy and resources than a "
            "single organisation."
        )
    )
    for cond in ready["conditions"]:
        evidence = answers[cond["evidence"]]
        section.blocks.append(
            Group(
                [
                    Paragraph(cond["question"], "strong"),
                    Choices(list(READINESS_ANSWERS), None if blank else answers[cond["key"]]),
                    Paragraph("Evidence:", "meta"),
                    _text(evidence, "Evidence", blank),
                ]
            )
        )
    costs = Table(
        "Costs",
        [_col("Cost"), _col("Question"), _col("Estimate")],
        [
            [c["label"], c["question"], "" if blank else answers["costs"][c["key"]]]
            for c in ready["costs"]
        ],
        sheet="Costs",
        blank=blank,
    )
    section.blocks.append(costs)
    section.blocks.append(Paragraph(ready["costs_accepted"]["question"], "strong"))
    section.blocks.append(
        Choices(list(READINESS_ANSWERS), None if blank else answers["costs_accepted"])
    )
    if not blank:
        result = readiness_check(plan)
        section.blocks.append(Paragraph(f"Recommendation: {result.recommendation}", "flag"))
        section.blocks.append(Bullets(list(result.reasons)))
    return section


def _progress(plan: Any, charts: bool) -> Section:
    progress = plan_progress(plan)
    frame = pd.DataFrame(
        {
            "Step": progress["number"].astype(str) + ". " + progress["name"],
            "Status": progress["status"],
            "Outputs done": progress["filled"].astype(str)
            + " of "
            + progress["required"].astype(str),
            "Missing": progress["missing"].map("; ".join),
        }
    )
    section = Section("progress", "Progress")
    if charts:
        from .charts import progress_chart

        section.blocks.append(_chart(progress_chart(plan)))
    section.blocks.append(_frame_table(frame, "Progress through the six steps"))
    section.blocks.append(Paragraph(next_action(plan), lead="Next:"))
    return section


def _steps(plan: Any, blank: bool) -> list[Section]:
    out = []
    for sdata, sspec in zip(_steps_data(), _section(_schema(), "steps").fields, strict=True):
        values = plan.steps[sspec.key]
        section = Section(
            f"step-{sdata['number']}", f"Step {sdata['number']}. {sdata['name']}", new_page=True
        )
        section.blocks.append(Paragraph(sdata["question"], "em"))
        section.blocks.append(
            Group([Heading("Guiding questions"), Bullets(list(sdata["questions"]))])
        )
        section.blocks.append(Heading("Outputs"))
        for f in sspec.fields:
            if f.key != "notes":
                section.blocks.append(_output(f, values[f.key], blank))
        section.blocks.append(Group([Heading("Notes", 4), _text(values["notes"], "Notes", blank)]))
        out.append(section)
    return out


def _risks(plan: Any, blank: bool, charts: bool) -> Section:
    from .diagnostics import failure_risks, risk_summary

    risks = failure_risks(plan)
    section = Section("risks", "Failure risks", new_page=True)
    section.blocks.append(
        Paragraph(
            "The nine reasons partnerships fail that Armistead & Pettigrew (2007) report from "
            "managers' experience. Rate each for this partnership: 0 no risk, 1 some risk, 2 "
            'serious risk. Every question is put so that "yes" means low risk. The last column '
            "points to the step that addresses it."
        )
    )
    where = ("Step " + risks["step"].astype(str) + ": " + risks["step_name"]).tolist()
    if blank:
        rows = [
            [r.reason, r.question, Choices(["0", "1", "2"]), w]
            for r, w in zip(risks.itertuples(), where, strict=True)
        ]
        section.blocks.append(
            Table(
                "Failure-risk checklist",
                [_col("Reason"), _col("Question"), _col("Rating"), _col("Addressed in")],
                rows,
                sheet="Failure risks",
                cards_from=9,
            )
        )
        return section
    summary = risk_summary(plan)
    score = "" if summary["score"] is None else f" (score {summary['score']:.2f} of 1)"
    section.blocks.append(Paragraph(f"{summary['level']}{score}.", lead="Overall risk:"))
    if charts:
        from .charts import risk_chart

        section.blocks.append(_chart(risk_chart(plan)))
    frame = pd.DataFrame(
        {
            "Reason": risks["reason"],
            "Rating": risks["rating_label"],
            "Status": risks["status"],
            "Addressed in": where,
        }
    )
    section.blocks.append(_frame_table(frame, "Failure-risk checklist"))
    return section


def _setbacks(plan: Any, blank: bool) -> Section:
    from .diagnostics import learning_actions, read_setbacks, setback_signs, setback_summary

    section = Section("setbacks", "Setbacks log")
    section.blocks.append(
        Paragraph(
            "Pulido-Gómez, de Jong & Rivkin (2025): collaborations that answer setbacks with "
            "mutual learning succeed; those drawn into mutual blaming fail. For each setback, "
            "tick the signs you saw and the actions you took."
        )
    )
    signs = [f"\u2610 {r.label} ({r.kind}: {r.key})" for r in setback_signs().itertuples()]
    actions = [f"\u2610 {r.label} ({r.key})" for r in learning_actions().itertuples()]
    section.blocks.append(
        Group(
            [
                Heading("Signs"),
                Bullets(signs),
                Heading("Actions that foster mutual learning"),
                Bullets(actions),
            ]
        )
    )
    read = read_setbacks(plan)
    if blank or read.empty:
        section.blocks.append(
            _blank_table(
                ["Date", "What went wrong", "How the group responded", "Signs", "Actions"],
                "Setbacks",
            )
        )
        return section
    frame = pd.DataFrame(
        {
            "Date": read["date"],
            "What went wrong": read["setback"],
            "How the group responded": read["response"],
            "Reading": read["reading"],
            "Actions used": read["actions"].map("; ".join),
        }
    )
    section.blocks.append(_frame_table(frame, "Setbacks"))
    unused = setback_summary(plan)["actions_not_used"]
    if unused:
        section.blocks.append(Paragraph("Actions not tried yet: " + "; ".join(unused) + "."))
    return section


def _evaluation(plan: Any, blank: bool, charts: bool) -> Section:
    from .diagnostics import evaluation_frameworks, gao_summary, impact_indicators

    fw = evaluation_frameworks()
    section = Section("evaluation", "Evaluation frameworks (step 6)")
    section.blocks += [
        Heading("Social impact indicators"),
        Paragraph(fw["social_impact"]["summary"]),
    ]
    table = impact_indicators(plan)
    headers = ["Goal", "Indicator", "Unit", "Target", "Observed", "Share of target", "Met"]
    if blank or table.empty:
        section.blocks.append(_blank_table(headers, "Indicators against targets"))
    else:
        if charts:
            from .charts import indicator_chart

            section.blocks.append(_chart(indicator_chart(plan)))
        frame = pd.DataFrame(
            {
                "goal": table["goal"] + ": " + table["description"],
                "indicator": table["indicator"],
                "unit": table["unit"],
                "target": table["target"],
                "observed": table["observed"],
                "attainment": table["attainment"],
                "met": table["met"].map({True: "yes", False: "no"}).fillna("not measured"),
            }
        )
        section.blocks.append(
            Table.from_frame(
                frame,
                [
                    ("goal", "Goal", "text"),
                    ("indicator", "Indicator", "text"),
                    ("unit", "Unit", "text"),
                    ("target", "Target", "number"),
                    ("observed", "Observed", "number"),
                    ("attainment", "Share of target", "share"),
                    ("met", "Met", "text"),
                ],
                caption="Indicators against targets",
                sheet="Indicators",
            )
        )
    if not blank:
        gao = gao_summary(plan)
        score = "not answered" if gao["score"] is None else f"{gao['score']:.2f} of 1"
        section.blocks.append(
            Paragraph(
                f"GAO practices: {gao['in place']} in place, {gao['partly in place']} partly, "
                f"{gao['not in place']} not in place, {8 - gao['answered']} not answered "
                f"(score {score})."
            )
        )
    section.blocks.append(
        Paragraph(
            "The eight GAO practices are on the step 6 checklist above; Roberts' three "
            "dimensions are the first three outputs of step 6."
        )
    )
    return section


def worksheet_document(
    plan: PlanLike | None = None,
    *,
    charts: bool = True,
    summary: Sequence[str] = (),
    source: str = "",
) -> Report:
    """The worksheet as a :class:`~toolkit.reports.document.Report`.

    ``plan`` is a :class:`~toolkit.planning.Plan` (or what ``load_plan``
    accepts); ``None`` gives the blank wall version. ``charts`` adds the
    progress, risk and indicator charts (filled only); ``summary`` (sentences)
    opens it with a Summary; ``source`` names the plan file (without folders).
    """
    blank = plan is None
    p = _as_plan({"schema_version": SCHEMA_VERSION}) if plan is None else _as_plan(plan)
    title = p.title.strip() or "Six-step partnership plan"
    kind = (
        "Blank worksheet for a workshop wall"
        if blank
        else "Worksheet filled in from the plan; empty boxes are still to be decided"
    )
    readiness = _readiness(p, blank)
    if not blank and p.description.strip():
        readiness.blocks.insert(0, Paragraph(p.description, "lines"))
    sections = [readiness]
    if not blank:
        sections.append(_progress(p, charts))
    sections += _steps(p, blank)
    sections.append(_risks(p, blank, charts and not blank))
    sections.append(_setbacks(p, blank))
    sections.append(_evaluation(p, blank, charts and not blank))
    name = file_name(source)
    meta = [
        f"{kind}. Six steps to a working partnership (Roberts, after Thomas Cummings)."
        + (f" Plan: {name}." if name else "")
    ]
    return Report(
        title=title,
        summary=[] if blank else list(summary),
        sections=sections,
        meta=meta,
        sources=SOURCES,
        id="worksheet",
    )


def worksheet_html(
    plan: PlanLike | None = None,
    *,
    charts: bool = True,
    summary: Sequence[str] = (),
    source: str = "",
) -> str:
    """Return the worksheet as one self-contained HTML page (see :func:`worksheet_document`).

    Examples
    --------
    >>> page = worksheet_html()
    >>> page.startswith("<!DOCTYPE html>") and page.count('class="write-in"') > 20
    True
    >>> from toolkit.planning import blank_plan
    >>> "&lt;b&gt;" in worksheet_html(blank_plan("<b>Bold</b>"), charts=False)
    True
    """
    return render_html(worksheet_document(plan, charts=charts, summary=summary, source=source))


def worksheet_markdown(
    plan: PlanLike | None = None, *, summary: Sequence[str] = (), source: str = ""
) -> str:
    """Return the worksheet as Markdown (blank when ``plan`` is None), from the same
    document as the HTML page.

    >>> text = worksheet_markdown()
    >>> text.splitlines()[0]
    '# Six-step partnership plan'
    >>> "## Step 6. Evaluation" in text
    True
    """
    return render_markdown(worksheet_document(plan, charts=False, summary=summary, source=source))
