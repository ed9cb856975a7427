"""The questionnaire as Markdown, a CSV form template or a printable HTML page."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..forms import (
    ANSWER_LABELS,
    YES_NO_LABELS,
)
from ..io import safe_csv_text
from ..reports.document import Choices, Group, Paragraph, Report, Section, WriteIn
from ..reports.render import render_html, render_markdown
from .items import _bank

# --------------------------------------------------------------------------- questionnaire

#: The formats :func:`questionnaire` can write.
QUESTIONNAIRE_FORMATS: tuple[str, ...] = ("md", "csv", "html")
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
    if format not in QUESTIONNAIRE_FORMATS:
        raise ValueError(
            f"format must be one of {', '.join(QUESTIONNAIRE_FORMATS)}, got {format!r}"
        )
    bank = _bank()
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
                    "id": str(row.id),
                    "title": _title(row),
                    "type": "yes/no" if continuum else "linear scale 1-5",
                    "required": "no",
                    "options": yes_no if continuum else scale_options,
                    "statement_a": "" if continuum else str(row.left_pole),
                    "statement_b": "" if continuum else str(row.right_pole),
                    "axis": str(row.axis),
                    "source": str(row.source),
                }
            )
        return safe_csv_text(pd.DataFrame(rows))
    doc = questionnaire_document()
    return render_markdown(doc) if format == "md" else render_html(doc)


_PARTS = (
    ("voluntary", "Part 1. How the partnership came about: mandatory or voluntary"),
    ("trust", "Part 2. What service provision relies on: contract or trust"),
    ("continuum", "Part 3. What the partners do together (answer yes or no)"),
)


def questionnaire_document() -> Report:
    """The questionnaire as a :class:`~toolkit.reports.document.Report` (no Summary: it is
    a form to fill in), from which the HTML page and the Markdown are rendered: write-in
    boxes for the partnership, organisation and respondent, then every statement in order,
    starting with its id in brackets, with a row of tick boxes under it."""
    bank = _bank()
    scale = " | ".join(f"{k} = {v}" for k, v in ANSWER_LABELS.items())
    about = Section("about", "Before the statements", [Paragraph(_INTRO)])
    about.blocks.append(Paragraph(f"Answer scale: {scale}.", "meta"))
    for _, label, _, what in _META_QUESTIONS:
        about.blocks.append(Group([Paragraph(f"{label} ({what})", "strong"), WriteIn(label)]))
    sections = [about]
    for axis, heading in _PARTS:
        part = Section(f"part-{axis}", heading)
        for row in bank[bank["axis"] == axis].itertuples(index=False):
            if axis == "continuum":
                blocks = [
                    Paragraph(f"[{row.id}] Do the partners {row.topic}?", "strong"),
                    Paragraph(f"Yes: {_yes_text(str(row.right_pole))}"),
                    Choices([YES_NO_LABELS[1], YES_NO_LABELS[0]]),
                ]
            else:
                blocks = [
                    Paragraph(f"[{row.id}] {row.topic}.", "strong"),
                    Paragraph(f"A: {row.left_pole}"),
                    Paragraph(f"B: {row.right_pole}"),
                    Choices([str(k) for k in ANSWER_LABELS]),
                ]
            part.blocks.append(Group(blocks))
        sections.append(part)
    return Report(
        title="Partnership questionnaire",
        summary=[],
        sections=sections,
        sources=[
            "Armistead & Pettigrew (2007), Tables 1 and 2 (paraphrased).",
            "Himmelman (2002): the continuum of networking, coordinating, cooperating and "
            "collaborating.",
        ],
        id="questionnaire",
    )
