"""The questionnaire as Markdown, a CSV form template or a printable HTML page."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..forms import (
    ANSWER_LABELS,
    YES_NO_LABELS,
)
from ..io import safe_csv_text
from ..report import esc, html_page, md_cell
from .items import _bank

# --------------------------------------------------------------------------- questionnaire

_FORMATS = ("md", "csv", "html")
_INTRO = (
    "Each question shows two statements about the partnership, A and B, taken from "
    "Armistead & Pettigrew (2007). Choose where the partnership stands between them today: "
    "1 = A fits much better, 3 = A and B fit equally, 5 = B fits much better. "
    "There are no right answers, and partners often see things differently."
)
_META_QUESTIONS = (
    ("partnership", "Partnership", "short answer", "required: the name of the partnership"),
    ("organization", "Organisation", "short answer", "your organisation (optional)"),
    ("respondent", "Respondent", "short answer", "a code or name for yourself (optional)"),
)


def _title(row: Any) -> str:
    if row.axis == "continuum":
        return f"[{row.id}] Do the partners {row.topic}? Yes: {_yes_text(row.right_pole)}"
    return f"[{row.id}] {row.topic}. A: {row.left_pole} B: {row.right_pole}"


def _yes_text(text: str) -> str:
    return text.removeprefix("Yes: ")


def questionnaire(format: str = "md") -> str:
    """Return the questionnaire, statements in order with their ids, as Markdown, CSV or HTML.

    Every question title starts with the item id in brackets (``[MV01] ...``),
    so that a Google Forms or Microsoft Forms export built from it can be read
    by :func:`read_responses` as it is. The CSV is a form template: one row per
    question with ``id``, ``title``, ``type``, ``required``, ``options`` (separated by ``|``),
    ``statement_a``, ``statement_b``, ``axis`` and ``source``; the first rows are the
    partnership, organisation and respondent questions.

    Parameters
    ----------
    format : {"md", "csv", "html"}

    Examples
    --------
    >>> lines = questionnaire("csv").splitlines()
    >>> lines[0]
    'id,title,type,required,options,statement_a,statement_b,axis,source'
    >>> lines[4][:46]
    'MV01,"[MV01] Governance and accountability. A:'
    >>> "[H4]" in questionnaire("md") and "<h1>" in questionnaire("html")
    True
    """
    if format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(_FORMATS)}, got {format!r}")
    bank = _bank()
    scale = " | ".join(f"{k} = {v}" for k, v in ANSWER_LABELS.items())
    scale_options = "|".join(ANSWER_LABELS.values())
    yes_no = "|".join(YES_NO_LABELS[k] for k in (1, 0))
    if format == "csv":
        rows = [
            {
                "id": key,
                "title": title,
                "type": kind,
                "required": "yes" if key == "partnership" else "no",
                "options": "",
                "statement_a": "",
                "statement_b": "",
                "axis": "",
                "source": "",
            }
            for key, title, kind, _ in _META_QUESTIONS
        ]
        for row in bank.itertuples(index=False):
            continuum = row.axis == "continuum"
            rows.append(
                {
                    "id": row.id,
                    "title": _title(row),
                    "type": "yes/no" if continuum else "linear scale 1-5",
                    "required": "no",
                    "options": yes_no if continuum else scale_options,
                    "statement_a": "" if continuum else row.left_pole,
                    "statement_b": "" if continuum else row.right_pole,
                    "axis": row.axis,
                    "source": row.source,
                }
            )
        return safe_csv_text(pd.DataFrame(rows))
    sections = [
        ("voluntary", "Part 1. How the partnership came about: mandatory or voluntary"),
        ("trust", "Part 2. What service provision relies on: contract or trust"),
        ("continuum", "Part 3. What the partners do together (answer yes or no)"),
    ]
    if format == "md":
        out = [
            "# Partnership questionnaire",
            "",
            _INTRO,
            "",
            "Answer scale: " + scale + ".",
            "",
            "Before the statements: **Partnership** (required), **Organisation** "
            "(optional), **Respondent** (optional code or name).",
            "",
        ]
        for axis, heading in sections:
            out += [f"## {heading}", ""]
            for row in bank[bank["axis"] == axis].itertuples(index=False):
                if axis == "continuum":
                    out.append(
                        f"- **[{row.id}]** Do the partners {md_cell(row.topic)}? "
                        f"Yes: {md_cell(_yes_text(row.right_pole))} (Yes / No)"
                    )
                else:
                    out.append(
                        f"- **[{row.id}] {md_cell(row.topic)}.** "
                        f"A: {md_cell(row.left_pole)} B: {md_cell(row.right_pole)} "
                        "(1 2 3 4 5)"
                    )
            out.append("")
        out.append(
            "Sources: Armistead & Pettigrew (2007), Tables 1 and 2 (paraphrased); Himmelman (2002)."
        )
        return "\n".join(out) + "\n"
    body = [
        f"<h1>{esc('Partnership questionnaire')}</h1>",
        f"<p>{esc(_INTRO)}</p>",
        f'<p class="meta">Answer scale: {esc(scale)}.</p>',
        '<p><strong>Partnership</strong> (required): <span class="write-in"></span>'
        '<strong>Organisation</strong> (optional): <span class="write-in"></span>'
        "<strong>Respondent</strong> (optional code or name): "
        '<span class="write-in"></span></p>',
    ]
    for axis, heading in sections:
        body.append(f'<h2>{esc(heading)}</h2><ol class="questions">')
        for row in bank[bank["axis"] == axis].itertuples(index=False):
            if axis == "continuum":
                body.append(
                    f'<li class="keep-together"><strong>[{esc(row.id)}]</strong> Do the partners '
                    f"{esc(row.topic)}? Yes: {esc(_yes_text(row.right_pole))} "
                    '<span class="meta">Yes &#9744; No &#9744;</span></li>'
                )
            else:
                boxes = " ".join(f"{k} &#9744;" for k in ANSWER_LABELS)
                body.append(
                    f'<li class="keep-together"><strong>[{esc(row.id)}] {esc(row.topic)}.</strong>'
                    f"<br>A: {esc(row.left_pole)}<br>B: {esc(row.right_pole)}<br>"
                    f'<span class="meta">A {boxes} B</span></li>'
                )
        body.append("</ol>")
    body.append(
        '<p class="meta">Sources: Armistead &amp; Pettigrew (2007), Tables 1 and 2 '
        "(paraphrased); Himmelman (2002).</p>"
    )
    return html_page("Partnership questionnaire", "\n".join(body))
