"""Cells that leave for a spreadsheet: neutralised so that no cell runs as a formula."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

# --- spreadsheet (CSV/XLSX) formula injection ---------------------------------
#
# OWASP "CSV Injection" guidance: a cell whose text begins with ``=``, ``+``,
# ``-``, ``@``, a tab (0x09) or a carriage return (0x0D) may be run as a formula
# by Excel, LibreOffice or Google Sheets. Such a cell is written with a single
# quote in front, which spreadsheets show as text; the CSV writer quotes cells
# holding separators or quotes. A plain number ("-3", "+1.5e3") cannot carry a
# formula and is left as it is, so negative numbers stay numbers.

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    r"""Return ``value`` safe to write into a CSV or XLSX cell.

    Text that a spreadsheet could run as a formula (it begins with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) gets a single quote in
    front, as the OWASP CSV-injection guidance advises. Numbers, missing
    values and text that is a plain number are returned unchanged. Every CSV
    and XLSX file the toolkit writes passes its cells through this function
    (see :func:`neutralise_frame` and :func:`safe_csv_text`).

    >>> neutralise_cell("=HYPERLINK(\"http://x\")")
    '\'=HYPERLINK("http://x")'
    >>> neutralise_cell("\t=1+1")
    "'\t=1+1"
    >>> neutralise_cell("-3"), neutralise_cell(-3), neutralise_cell("Riverside")
    ('-3', -3, 'Riverside')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell and column title neutralised.

    See :func:`neutralise_cell`. Numeric columns are left as they are.
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out.isetitem(position, series.map(neutralise_cell).array)
    out.columns = [neutralise_cell(c) for c in out.columns]
    if out.index.dtype == object:
        out.index = out.index.map(neutralise_cell)
    return out


def safe_csv_text(frame: pd.DataFrame, **kwargs: Any) -> str:
    """Return ``frame`` as CSV text with every cell neutralised (no index by default).

    >>> import pandas as pd
    >>> print(safe_csv_text(pd.DataFrame({"name": ["@SUM(A1)", "Ann"], "n": [-1, 2]})), end="")
    name,n
    '@SUM(A1),-1
    Ann,2
    """
    kwargs.setdefault("index", False)
    kwargs.setdefault("lineterminator", "\n")
    return neutralise_frame(frame).to_csv(**kwargs)
