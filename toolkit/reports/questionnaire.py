"""The classification questionnaire as a printable page (and Markdown), on the report layer.

The statements come from the item bank in order, each starting with its id in
brackets, so answers typed into a form built from it can be read back as they
are. A paper copy has write-in boxes for the partnership, organisation and
respondent and a row of tick boxes under every statement.
"""

from __future__ import annotations

from .document import Choices, Group, Paragraph, Report, Section, WriteIn

__all__ = ["questionnaire_report"]

_PARTS = (
    ("voluntary", "Part 1. How the partnership came about: mandatory or voluntary"),
    ("trust", "Part 2. What service provision relies on: contract or trust"),
    ("continuum", "Part 3. What the partners do together (answer yes or no)"),
)
_ABOUT = (
    ("Partnership", "required: the name of the partnership"),
    ("Organisation", "optional: your organisation"),
    ("Respondent", "optional: a code or name for yourself"),
)


def questionnaire_report(intro: str) -> Report:
    """The questionnaire as a :class:`~toolkit.reports.document.Report` (no Summary: it
    is a form to fill in). ``intro`` is the paragraph that explains the scale."""
    from ..classification import item_bank
    from ..forms import ANSWER_LABELS, YES_NO_LABELS

    bank = item_bank()
    scale = " | ".join(f"{k} = {v}" for k, v in ANSWER_LABELS.items())
    about = Section("about", "Before the statements", [Paragraph(intro)])
    about.blocks.append(Paragraph(f"Answer scale: {scale}.", "meta"))
    for label, what in _ABOUT:
        about.blocks.append(Group([Paragraph(f"{label} ({what})", "strong"), WriteIn(label)]))
    sections = [about]
    for axis, heading in _PARTS:
        part = Section(f"part-{axis}", heading)
        for row in bank[bank["axis"] == axis].itertuples(index=False):
            if axis == "continuum":
                yes = str(row.right_pole).removeprefix("Yes: ")
                part.blocks.append(
                    Group(
                        [
                            Paragraph(f"[{row.id}] Do the partners {row.topic}?", "strong"),
                            Paragraph(f"Yes: {yes}"),
                            Choices([YES_NO_LABELS[1], YES_NO_LABELS[0]]),
                        ]
                    )
                )
            else:
                part.blocks.append(
                    Group(
                        [
                            Paragraph(f"[{row.id}] {row.topic}.", "strong"),
                            Paragraph(f"A: {row.left_pole}"),
                            Paragraph(f"B: {row.right_pole}"),
                            Choices([str(k) for k in ANSWER_LABELS]),
                        ]
                    )
                )
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
