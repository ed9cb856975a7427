"""Write reports as one Excel workbook (openpyxl): the summary first, then one sheet per table.

Every sheet has human headings in a bold, frozen header row, column widths to
fit, numbers stored as numbers (with a number format: two decimals for
scores, a percentage for shares), Yes/No for true/false, and every text cell
stored as text, never as a formula.

Formula injection
-----------------
A spreadsheet may run text that begins with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (OWASP, "CSV Injection"). In a workbook the
toolkit writes every string as a string cell (inline text, never ``<f>``);
text that could be a formula is also neutralised by
:func:`toolkit.io.neutralise_cell` (a leading quote, as in every CSV the
toolkit writes) and marked with Excel's "quote prefix", so that editing it in
Excel keeps it text too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from ..io import neutralise_cell
from .document import Report, Table
from .humanise import cell_text

__all__ = ["formula_like", "workbook_bytes"]

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_NUMBER_FORMATS = {
    "score": "0.00",
    "change": "+0.00;-0.00;0.00",
    "share": "0%",
    "count": "#,##0",
    "rating": "0.##",
    "number": "0.00",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 60


def formula_like(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula (the rule of
    :func:`toolkit.io.neutralise_cell`, which the workbook applies to such text).

    >>> formula_like("=HYPERLINK(1)"), formula_like("\\t@SUM(A1)"), formula_like("-3")
    (True, True, False)
    >>> formula_like("Riverside"), formula_like("-")
    (False, True)
    """
    return text.startswith(_FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def _sheet_name(title: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip().strip("'")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def _number(value: Any) -> float | int | None:
    if value is None or isinstance(value, bool | str):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if value != value else value
    return None


def _put(sheet: Any, row: int, col: int, value: Any, kind: str = "text") -> int:
    """Write one cell; return the width its text needs."""
    cell = sheet.cell(row=row, column=col)
    number = _number(value) if kind in _NUMBER_FORMATS else None
    if number is not None:
        cell.value = number
        cell.number_format = _NUMBER_FORMATS[kind]
        return len(cell_text(value, kind)) + 1
    text = cell_text(value, kind)
    if text == "":
        return 0
    if formula_like(text):
        text = neutralise_cell(text)  # the toolkit's one rule: a leading quote
        cell.quotePrefix = True
    cell.value = text
    cell.data_type = "s"  # stored as text, never as a formula
    return max(len(line) for line in text.splitlines() or [""])


def _write_table(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Alignment, Font

    widths = [len(c.heading) + 2 for c in table.columns]
    for j, column in enumerate(table.columns, start=1):
        _put(sheet, 1, j, column.heading)
        cell = sheet.cell(row=1, column=j)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(table.rows, start=2):
        for j, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            widths[j - 1] = max(widths[j - 1], _put(sheet, i, j, value, column.kind) + 2)
    sheet.freeze_panes = "B2" if table.label == 0 and len(table.columns) > 3 else "A2"
    _widths(sheet, widths)
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions


def _widths(sheet: Any, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(max(width, 8), _MAX_WIDTH)


def workbook_bytes(title: str, summary: Sequence[str], reports: Sequence[Report]) -> bytes:
    """One workbook: a Summary sheet (the title and the summary sentences, one per row),
    then one sheet per table of every report, in order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    # A new workbook has one worksheet, named "Sheet": the summary goes there.
    sheet = book.worksheets[0]
    used: set[str] = set()
    sheet.title = _sheet_name("Summary", used)
    _put(sheet, 1, 1, title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = 3
    for line in summary:
        _put(sheet, row, 1, line)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    if len(reports) > 1:
        for report in reports:
            row += 1
            _put(sheet, row, 1, report.title)
            sheet.cell(row=row, column=1).font = Font(bold=True)
            for line in report.summary:
                row += 1
                _put(sheet, row, 1, line)
                sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 110
    sheet.freeze_panes = "A2"
    for report in reports:
        for table in report.tables():
            _write_table(book.create_sheet(_sheet_name(table.sheet or table.caption, used)), table)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
