"""Worksheets for the six-step plan, blank or filled in, as Markdown or HTML.

A *blank* worksheet (``plan=None``) is for a workshop wall: every output has a
write-in box, every choice a row of tick boxes, every table empty rows. A
*filled* worksheet shows what a plan records and keeps a write-in box wherever
the plan is still empty, so it can be printed and completed by hand. Both
formats carry the same sections: readiness, (filled only) progress, the six
steps with their guiding questions, failure risks, the setbacks log, the
evaluation frameworks and the sources.

The HTML is one self-contained page (:func:`toolkit.report.html_page`): it
works opened from disk with no network, and its print style sheet fits A4 and
Letter (``@page { size: auto }``; sections are kept whole where they fit).
Every user-supplied string is escaped through :mod:`toolkit.report`.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..report import chart_html, esc, html_page, md_cell, md_table, table_html
from .plan import Plan, _as_plan
from .progress import plan_progress
from .readiness import readiness_check
from .schema import SCHEMA_VERSION, _schema, _section
from .steps import _data, _steps_data

__all__ = ["worksheet_html", "worksheet_markdown"]

PlanLike = Plan | Mapping[str, Any] | str | os.PathLike[str]

_BOX = "\u2610"  # ballot box
_BLANK_ROWS = 4
_SOURCES = (
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
)


def _filled_text(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


# --------------------------------------------------------------------------- HTML pieces


def _p(text: str) -> str:
    return "<p>" + "<br>".join(esc(line) for line in str(text).splitlines()) + "</p>"


def _write_in(label: str) -> str:
    return f'<div class="write-in" role="note" aria-label="Space to write: {esc(label)}"></div>'


def _boxes(choices: Any, chosen: Any = None) -> str:
    parts = []
    for c in choices:
        mark = "\u2612" if chosen is not None and str(c) == str(chosen) else _BOX
        parts.append(f"{mark}\u00a0{esc(c)}")
    return "<p>" + " &nbsp; ".join(parts) + "</p>"


def _blank_table(headers: list[str], rows: int = _BLANK_ROWS, caption: str | None = None) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    cells = "".join("<td>\u00a0</td>" for _ in headers)
    body = "".join(f'<tr style="height: 2.4rem">{cells}</tr>' for _ in range(rows))
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _records_frame(spec: Any, items: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(items, columns=[f.key for f in spec.fields])
    return frame.rename(columns={f.key: f.label for f in spec.fields})


def _html_output(spec: Any, value: Any, blank: bool) -> str:
    title = f"<h4>{esc(spec.label)}{'' if spec.required else ' (optional)'}</h4>"
    if spec.kind in ("records", "observations"):
        headers = [f.label for f in spec.fields]
        if blank or not value:
            return title + _blank_table(headers)
        return title + table_html(_records_frame(spec, value))
    if spec.kind == "checklist":
        rows = [{"Practice": f.label, "Status": value.get(f.key)} for f in spec.fields]
        if blank:
            body = "".join(
                f"<tr><td>{esc(r['Practice'])}</td><td>{_boxes(spec.choices)}</td></tr>"
                for r in rows
            )
            return (
                title + '<table><thead><tr><th scope="col">Practice</th><th scope="col">Status'
                f"</th></tr></thead><tbody>{body}</tbody></table>"
            )
        frame = pd.DataFrame(rows).fillna("not answered")
        return title + table_html(frame)
    if spec.kind == "choice":
        if blank or value is None:
            return title + _boxes(spec.choices, value)
        return title + _p(value)
    if spec.kind == "texts":
        items = [v for v in value if v.strip()]
        if blank or not items:
            return title + _write_in(spec.label)
        return title + "<ul>" + "".join(f"<li>{esc(v)}</li>" for v in items) + "</ul>"
    if blank or not _filled_text(value):
        return title + _write_in(spec.label)
    return title + _p(value)


def _readiness_html(plan: Plan, blank: bool) -> str:
    ready = _data("six_steps.yaml")["readiness"]
    answers = plan.readiness
    out = [
        '<section class="keep-together" id="readiness">',
        f"<h2>Before step 1: {esc(ready['question'])}</h2>",
        "<p>Roberts: if single organisations have a history of failing to develop sustainable "
        "solutions and the partners are willing to collaborate, the group can move forward with "
        "confidence. A partnership also costs more time, energy and resources than a single "
        "organisation.</p>",
    ]
    rows = []
    for cond in ready["conditions"]:
        answer = _boxes(("yes", "no", "unsure"), None if blank else answers[cond["key"]])
        evidence = answers[cond["evidence"]]
        ev = _write_in("Evidence") if blank or not evidence.strip() else _p(evidence)
        rows.append(f"<tr><td>{esc(cond['question'])}</td><td>{answer}</td><td>{ev}</td></tr>")
    out.append(
        '<table><caption>Conditions</caption><thead><tr><th scope="col">Question</th>'
        '<th scope="col">Answer</th><th scope="col">Evidence</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
    cost_rows = []
    for cost in ready["costs"]:
        text = answers["costs"][cost["key"]]
        cell = _write_in(cost["label"]) if blank or not text.strip() else _p(text)
        cost_rows.append(
            f"<tr><td>{esc(cost['label'])}</td><td>{esc(cost['question'])}</td><td>{cell}</td></tr>"
        )
    out.append(
        '<table><caption>Costs</caption><thead><tr><th scope="col">Cost</th>'
        '<th scope="col">Question</th><th scope="col">Estimate</th></tr></thead><tbody>'
        + "".join(cost_rows)
        + "</tbody></table>"
    )
    accepted = None if blank else answers["costs_accepted"]
    out.append(
        f"<p><strong>{esc(ready['costs_accepted']['question'])}</strong></p>"
        + _boxes(("yes", "no", "unsure"), accepted)
    )
    if not blank:
        result = readiness_check(plan)
        out.append(
            f'<p><strong>Recommendation: <span class="flag">{esc(result.recommendation)}'
            "</span></strong></p><ul>"
            + "".join(f"<li>{esc(r)}</li>" for r in result.reasons)
            + "</ul>"
        )
    out.append("</section>")
    return "\n".join(out)


def _progress_html(plan: Plan, charts: bool) -> str:
    from .progress import next_action

    progress = plan_progress(plan)
    table = pd.DataFrame(
        {
            "Step": progress["number"].astype(str) + ". " + progress["name"],
            "Status": progress["status"],
            "Outputs done": progress["filled"].astype(str)
            + " of "
            + progress["required"].astype(str),
            "Missing": progress["missing"].map("; ".join),
        }
    )
    out = ['<section id="progress">', "<h2>Progress</h2>"]
    if charts:
        from .charts import progress_chart

        out.append(chart_html(progress_chart(plan)))
    out.append(table_html(table, caption="Progress through the six steps"))
    out.append(f"<p><strong>Next:</strong> {esc(next_action(plan))}</p>")
    out.append("</section>")
    return "\n".join(out)


def _steps_html(plan: Plan, blank: bool) -> str:
    steps_spec = _section(_schema(), "steps")
    out = []
    for sdata, sspec in zip(_steps_data(), steps_spec.fields, strict=True):
        section = plan.steps[sspec.key]
        out.append(f'<section id="step-{sdata["number"]}">')
        out.append(f"<h2>Step {sdata['number']}. {esc(sdata['name'])}</h2>")
        out.append(f"<p><em>{esc(sdata['question'])}</em></p>")
        out.append(
            '<div class="keep-together"><h3>Guiding questions</h3><ul>'
            + "".join(f"<li>{esc(q)}</li>" for q in sdata["questions"])
            + "</ul></div>"
        )
        out.append("<h3>Outputs</h3>")
        for f in sspec.fields:
            if f.key == "notes":
                continue
            out.append(f'<div class="keep-together">{_html_output(f, section[f.key], blank)}</div>')
        notes = section["notes"]
        out.append(
            '<div class="keep-together"><h4>Notes</h4>'
            + (_write_in("Notes") if blank or not notes.strip() else _p(notes))
            + "</div>"
        )
        out.append("</section>")
    return "\n".join(out)


def _risks_html(plan: Plan, blank: bool, charts: bool) -> str:
    from .diagnostics import failure_risks, risk_summary

    risks = failure_risks(plan)
    out = [
        '<section id="risks">',
        "<h2>Failure risks</h2>",
        "<p>The nine reasons partnerships fail that Armistead &amp; Pettigrew (2007) report from "
        "managers' experience. Rate each for this partnership: 0 no risk, 1 some risk, 2 serious "
        'risk. Every question is put so that "yes" means low risk. The last column points to '
        "the step that addresses it.</p>",
    ]
    if blank:
        body = "".join(
            f"<tr><td>{esc(r.reason)}</td><td>{esc(r.question)}</td>"
            f"<td>{_boxes(('0', '1', '2'))}</td><td>Step {r.step}: {esc(r.step_name)}</td></tr>"
            for r in risks.itertuples()
        )
        out.append(
            '<table><thead><tr><th scope="col">Reason</th><th scope="col">Question</th>'
            '<th scope="col">Rating</th><th scope="col">Addressed in</th></tr></thead><tbody>'
            + body
            + "</tbody></table>"
        )
    else:
        summary = risk_summary(plan)
        score = "" if summary["score"] is None else f" (score {summary['score']:.2f} of 1)"
        out.append(f"<p><strong>Overall risk: {esc(summary['level'])}</strong>{score}.</p>")
        if charts:
            from .charts import risk_chart

            out.append(chart_html(risk_chart(plan)))
        table = pd.DataFrame(
            {
                "Reason": risks["reason"],
                "Rating": risks["rating_label"],
                "Status": risks["status"],
                "Addressed in": "Step " + risks["step"].astype(str) + ": " + risks["step_name"],
            }
        )
        out.append(table_html(table, caption="Failure-risk checklist"))
    out.append("</section>")
    return "\n".join(out)


def _setbacks_html(plan: Plan, blank: bool) -> str:
    from .diagnostics import learning_actions, read_setbacks, setback_signs, setback_summary

    signs = setback_signs()
    actions = learning_actions()
    out = [
        '<section id="setbacks">',
        "<h2>Setbacks log</h2>",
        "<p>Pulido-Gómez, de Jong &amp; Rivkin (2025): collaborations that answer setbacks with "
        "mutual learning succeed; those drawn into mutual blaming fail. For each setback, tick the "
        "signs you saw and the actions you took.</p>",
        '<div class="keep-together"><h3>Signs</h3><ul>',
    ]
    out += [
        f"<li>{_BOX} {esc(r.label)} <span class='meta'>({esc(r.kind)}: {esc(r.key)})</span></li>"
        for r in signs.itertuples()
    ]
    out.append("</ul><h3>Actions that foster mutual learning</h3><ul>")
    out += [
        f"<li>{_BOX} {esc(r.label)} <span class='meta'>({esc(r.key)})</span></li>"
        for r in actions.itertuples()
    ]
    out.append("</ul></div>")
    headers = ["Date", "What went wrong", "How the group responded", "Signs", "Actions"]
    read = read_setbacks(plan)
    if blank or read.empty:
        out.append(_blank_table(headers, caption="Setbacks"))
    else:
        table = pd.DataFrame(
            {
                "Date": read["date"],
                "What went wrong": read["setback"],
                "How the group responded": read["response"],
                "Reading": read["reading"],
                "Actions used": read["actions"].map("; ".join),
            }
        )
        out.append(table_html(table, caption="Setbacks"))
        summary = setback_summary(plan)
        if summary["actions_not_used"]:
            out.append(
                "<p>Actions not tried yet: " + esc("; ".join(summary["actions_not_used"])) + ".</p>"
            )
    out.append("</section>")
    return "\n".join(out)


def _evaluation_html(plan: Plan, blank: bool, charts: bool) -> str:
    from .diagnostics import evaluation_frameworks, gao_summary, impact_indicators

    fw = evaluation_frameworks()
    out = [
        '<section id="evaluation">',
        "<h2>Evaluation frameworks (step 6)</h2>",
        "<h3>Social impact indicators</h3>",
        f"<p>{esc(fw['social_impact']['summary'])}</p>",
    ]
    table = impact_indicators(plan)
    headers = ["Goal", "Indicator", "Unit", "Target", "Observed", "Share of target", "Met"]
    if blank or table.empty:
        out.append(_blank_table(headers, caption="Indicators against targets"))
    else:
        if charts:
            from .charts import indicator_chart

            out.append(chart_html(indicator_chart(plan)))
        frame = pd.DataFrame(
            {
                "Goal": table["goal"] + ": " + table["description"],
                "Indicator": table["indicator"],
                "Unit": table["unit"],
                "Target": table["target"],
                "Observed": table["observed"],
                "Share of target": table["attainment"].map(
                    lambda v: "" if pd.isna(v) else f"{v:.0%}"
                ),
                "Met": table["met"].map({True: "yes", False: "no"}).fillna("not measured"),
            }
        )
        out.append(table_html(frame, caption="Indicators against targets"))
    if not blank:
        gao = gao_summary(plan)
        score = "not answered" if gao["score"] is None else f"{gao['score']:.2f} of 1"
        out.append(
            f"<p>GAO practices: {gao['in place']} in place, {gao['partly in place']} partly, "
            f"{gao['not in place']} not in place, {8 - gao['answered']} not answered "
            f"(score {score}).</p>"
        )
    out.append(
        "<p>The eight GAO practices are on the step 6 checklist above; Roberts' three dimensions "
        "are the first three outputs of step 6.</p></section>"
    )
    return "\n".join(out)


def worksheet_html(plan: PlanLike | None = None, *, charts: bool = True) -> str:
    """Return the worksheet as one self-contained HTML page.

    Parameters
    ----------
    plan : Plan, mapping or path, optional
        The plan to fill in from; ``None`` gives the blank wall version.
    charts : bool, default True
        Include the progress, risk and indicator charts (filled version only);
        the page then inlines the offline Vega bundle.

    Examples
    --------
    >>> page = worksheet_html()
    >>> page.startswith("<!DOCTYPE html>") and page.count('class="write-in"') > 20
    True
    >>> from toolkit.planning import blank_plan
    >>> "&lt;b&gt;" in worksheet_html(blank_plan("<b>Bold</b>"), charts=False)
    True
    """
    blank = plan is None
    p = _as_plan({"schema_version": SCHEMA_VERSION}) if blank else _as_plan(plan)
    title = p.title.strip() or "Six-step partnership plan"
    kind = (
        "Blank worksheet for a workshop wall"
        if blank
        else "Worksheet filled in from the plan; empty boxes are still to be decided"
    )
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(kind)}. Six steps to a working partnership (Roberts, after '
        "Thomas Cummings).</p>",
    ]
    if not blank and p.description.strip():
        body.append(_p(p.description))
    body.append(_readiness_html(p, blank))
    if not blank:
        body.append(_progress_html(p, charts))
    body.append(_steps_html(p, blank))
    body.append(_risks_html(p, blank, charts and not blank))
    body.append(_setbacks_html(p, blank))
    body.append(_evaluation_html(p, blank, charts and not blank))
    body.append(
        '<section id="sources" class="keep-together"><h2>Sources</h2><ul>'
        + "".join(f"<li>{html.escape(s)}</li>" for s in _SOURCES)
        + "</ul></section>"
    )
    return html_page(title, "\n".join(body))


# --------------------------------------------------------------------------- Markdown


def _md_text(text: str) -> str:
    return "  \n".join(md_cell(line) for line in str(text).splitlines())


_MD_WRITE_IN = (
    "_(to fill in)_\n\n\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_"
)


def _md_boxes(choices: Any, chosen: Any = None) -> str:
    return "  ".join(
        ("[x] " if chosen is not None and str(c) == str(chosen) else "[ ] ") + md_cell(c)
        for c in choices
    )


def _md_blank_table(headers: list[str]) -> str:
    frame = pd.DataFrame([[""] * len(headers)] * _BLANK_ROWS, columns=headers)
    return md_table(frame)


def _md_output(spec: Any, value: Any, blank: bool) -> str:
    title = f"#### {md_cell(spec.label)}{'' if spec.required else ' (optional)'}\n\n"
    if spec.kind in ("records", "observations"):
        if blank or not value:
            return title + _md_blank_table([f.label for f in spec.fields])
        return title + md_table(_records_frame(spec, value))
    if spec.kind == "checklist":
        frame = pd.DataFrame(
            {
                "Practice": [f.label for f in spec.fields],
                "Status": [
                    _md_boxes(spec.choices) if blank else (value.get(f.key) or "not answered")
                    for f in spec.fields
                ],
            }
        )
        return title + md_table(frame)
    if spec.kind == "choice":
        if blank or value is None:
            return title + _md_boxes(spec.choices, value) + "\n"
        return title + md_cell(value) + "\n"
    if spec.kind == "texts":
        items = [v for v in value if v.strip()]
        if blank or not items:
            return title + _MD_WRITE_IN + "\n"
        return title + "".join(f"- {md_cell(v)}\n" for v in items)
    if blank or not _filled_text(value):
        return title + _MD_WRITE_IN + "\n"
    return title + _md_text(value) + "\n"


def worksheet_markdown(plan: PlanLike | None = None) -> str:
    """Return the worksheet as Markdown (blank when ``plan`` is None).

    >>> text = worksheet_markdown()
    >>> text.splitlines()[0]
    '# Six-step partnership plan'
    >>> "## Step 6. Evaluation" in text
    True
    """
    from .diagnostics import (
        failure_risks,
        impact_indicators,
        learning_actions,
        read_setbacks,
        risk_summary,
        setback_signs,
    )
    from .progress import next_action

    blank = plan is None
    p = _as_plan({"schema_version": SCHEMA_VERSION}) if blank else _as_plan(plan)
    title = p.title.strip() or "Six-step partnership plan"
    out = [f"# {md_cell(title)}", ""]
    out.append(
        "_Blank worksheet for a workshop wall._"
        if blank
        else "_Worksheet filled in from the plan; items marked (to fill in) are still to be "
        "decided._"
    )
    out.append("")
    if not blank and p.description.strip():
        out += [_md_text(p.description), ""]
    ready = _data("six_steps.yaml")["readiness"]
    out += [f"## Before step 1: {ready['question']}", ""]
    for cond in ready["conditions"]:
        answer = None if blank else p.readiness[cond["key"]]
        evidence = p.readiness[cond["evidence"]]
        out += [f"**{cond['question']}**", "", _md_boxes(("yes", "no", "unsure"), answer), ""]
        out += [
            "Evidence: " + (_md_text(evidence) if not blank and evidence.strip() else _MD_WRITE_IN),
            "",
        ]
    costs = pd.DataFrame(
        {
            "Cost": [c["label"] for c in ready["costs"]],
            "Question": [c["question"] for c in ready["costs"]],
            "Estimate": ["" if blank else p.readiness["costs"][c["key"]] for c in ready["costs"]],
        }
    )
    out += [md_table(costs)]
    out += [
        f"**{ready['costs_accepted']['question']}** "
        + _md_boxes(("yes", "no", "unsure"), None if blank else p.readiness["costs_accepted"]),
        "",
    ]
    if not blank:
        result = readiness_check(p)
        out += [f"**Recommendation: {result.recommendation}**", ""]
        out += [f"- {md_cell(r)}" for r in result.reasons] + [""]
        progress = plan_progress(p)
        table = pd.DataFrame(
            {
                "Step": progress["number"].astype(str) + ". " + progress["name"],
                "Status": progress["status"],
                "Missing": progress["missing"].map("; ".join),
            }
        )
        out += ["## Progress", "", md_table(table), f"**Next:** {md_cell(next_action(p))}", ""]
    steps_spec = _section(_schema(), "steps")
    for sdata, sspec in zip(_steps_data(), steps_spec.fields, strict=True):
        section = p.steps[sspec.key]
        out += [f"## Step {sdata['number']}. {sdata['name']}", "", f"_{sdata['question']}_", ""]
        out += ["### Guiding questions", ""] + [f"- {q}" for q in sdata["questions"]] + [""]
        out += ["### Outputs", ""]
        for f in sspec.fields:
            if f.key != "notes":
                out += [_md_output(f, section[f.key], blank)]
        notes = section["notes"]
        out += [
            "#### Notes",
            "",
            _md_text(notes) if not blank and notes.strip() else _MD_WRITE_IN,
            "",
        ]
    risks = failure_risks(p)
    out += ["## Failure risks (Armistead & Pettigrew 2007)", ""]
    out += [
        'Rate each: 0 no risk, 1 some risk, 2 serious risk. Every question is put so that "yes" '
        "means low risk.",
        "",
    ]
    if not blank:
        summary = risk_summary(p)
        out += [f"Overall risk: **{summary['level']}**.", ""]
    out.append(
        md_table(
            pd.DataFrame(
                {
                    "Reason": risks["reason"],
                    "Question": risks["question"],
                    "Rating": _md_boxes(("0", "1", "2")) if blank else risks["rating_label"],
                    "Addressed in": "Step " + risks["step"].astype(str) + ": " + risks["step_name"],
                }
            )
        )
    )
    out += ["## Setbacks log (Pulido-Gómez, de Jong & Rivkin 2025)", ""]
    out += [f"- [ ] {s.label} ({s.kind}: `{s.key}`)" for s in setback_signs().itertuples()]
    out += ["", "Actions that foster mutual learning:", ""]
    out += [f"- [ ] {a.label} (`{a.key}`)" for a in learning_actions().itertuples()] + [""]
    read = read_setbacks(p)
    if blank or read.empty:
        out.append(_md_blank_table(["Date", "What went wrong", "Response", "Signs", "Actions"]))
    else:
        out.append(
            md_table(
                pd.DataFrame(
                    {
                        "Date": read["date"],
                        "What went wrong": read["setback"],
                        "Response": read["response"],
                        "Reading": read["reading"],
                        "Actions used": read["actions"].map("; ".join),
                    }
                )
            )
        )
    out += ["## Social impact indicators (step 4 goals carried into step 6)", ""]
    table = impact_indicators(p)
    if blank or table.empty:
        out.append(_md_blank_table(["Goal", "Indicator", "Unit", "Target", "Observed", "Met"]))
    else:
        out.append(
            md_table(
                pd.DataFrame(
                    {
                        "Goal": table["goal"] + ": " + table["description"],
                        "Indicator": table["indicator"],
                        "Unit": table["unit"],
                        "Target": table["target"],
                        "Observed": table["observed"],
                        "Met": table["met"].map({True: "yes", False: "no"}).fillna("not measured"),
                    }
                )
            )
        )
    out += ["## Sources", ""] + [f"- {s}" for s in _SOURCES]
    return "\n".join(out) + "\n"
