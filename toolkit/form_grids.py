"""A grid-ready questionnaire: the rows to paste into a form's grid question.

Building thirty-one five-point questions one by one is tedious, so many
facilitators build them as grids: a Google Forms "multiple-choice grid" or a
Microsoft Forms "Likert" question, one per part. :func:`questionnaire_grid`
gives, for each part, the grid's title, its columns (the answer labels) and
its rows (one per statement, each starting with its id in brackets). Pasted as
they are, the form's export reads with :func:`toolkit.forms.read_responses`:
Google exports a grid row as a column titled ``Grid title [Row text]`` and
Microsoft as one column per statement, and the reader finds the ``[MV01]`` id
wherever it stands in the title.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .io import safe_csv_text

__all__ = ["GRID_FORMATS", "questionnaire_grid"]

GRID_FORMATS = ("md", "csv")

_PARTS = (
    (
        "voluntary",
        "Part 1. How the partnership came about: which statement fits better, A or B?",
    ),
    ("trust", "Part 2. What service provision relies on: which statement fits better, A or B?"),
    ("continuum", "Part 3. What the partners do together (yes or no)"),
)


def _rows() -> list[dict[str, Any]]:
    from .classification.items import _bank
    from .classification.questionnaire import _title
    from .forms import ANSWER_LABELS, YES_NO_LABELS

    bank = _bank()
    rows = []
    for number, (axis, title) in enumerate(_PARTS, start=1):
        columns = (
            [YES_NO_LABELS[1], YES_NO_LABELS[0]]
            if axis == "continuum"
            else list(ANSWER_LABELS.values())
        )
        for row in bank[bank["axis"] == axis].itertuples(index=False):
            rows.append(
                {
                    "grid": number,
                    "grid_title": title,
                    "columns": "|".join(columns),
                    "id": row.id,
                    "row_text": _title(row),
                }
            )
    return rows


def questionnaire_grid(format: str = "md") -> str:
    """Return the grid-ready questionnaire as Markdown (to read and paste) or CSV.

    The CSV has one row per grid row: ``grid`` (1-3), ``grid_title``,
    ``columns`` (the answer labels, separated by ``|``), ``id`` and ``row_text``.

    >>> text = questionnaire_grid("md")
    >>> "[MV01] Governance" in text and "B fits much better" in text
    True
    >>> questionnaire_grid("csv").splitlines()[0]
    'grid,grid_title,columns,id,row_text'
    """
    if format not in GRID_FORMATS:
        raise ValueError(f"format must be one of {', '.join(GRID_FORMATS)}, got {format!r}")
    rows = _rows()
    if format == "csv":
        return safe_csv_text(pd.DataFrame(rows))
    out = [
        "# Partnership questionnaire: grid layout",
        "",
        "Build the form with three grid questions (Google Forms: *Multiple choice grid*; "
        "Microsoft Forms: *Likert*) after the questions **Partnership** (required), "
        "**Organisation** and **Respondent**. Paste each grid's rows exactly as below, one per "
        "line: each starts with its id in brackets, which is how the toolkit recognises the "
        "answers in the form's export.",
        "",
    ]
    for number, (_, title) in enumerate(_PARTS, start=1):
        part = [r for r in rows if r["grid"] == number]
        out += [f"## Grid {number}", "", f"Title: {title}", ""]
        out += ["Columns (in this order): " + ", ".join(part[0]["columns"].split("|")), ""]
        out += ["Rows:", "", "```text", *[r["row_text"] for r in part], "```", ""]
    return "\n".join(out)
