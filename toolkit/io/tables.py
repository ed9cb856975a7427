"""Reading a CSV or XLSX table into text cells, refusing what would be a silent wrong result."""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning
from .reading import STDIN, decode_text, read_input_bytes
from .text import shown_path


def read_table(
    path: str | os.PathLike[str],
    *,
    sheet: int | str | None = None,
    numeric: Callable[[str], bool] | None = None,
) -> pd.DataFrame:
    """Read a CSV or XLSX file into a DataFrame of strings, with clear errors.

    Every cell is read as text (``dtype=str``) with empty cells as missing, so
    that the caller validates values itself and can name the cell that is
    wrong; ``numeric``, if given, names CSV columns pandas may parse as
    numbers instead (a speed-up for large files; they are validated later all
    the same). ``path`` may be ``-`` for standard input.

    The rules (each one an :class:`InputError` naming the file and line
    rather than a silent guess):

    * encoding: see :func:`decode_text` (:data:`ENCODING_RULE`);
    * the header row is checked as written: two columns with the same title
      are refused (pandas would quietly rename the second ``name.1``);
    * pandas never infers an index: a row with more or fewer fields than the
      header is refused, naming its line, except that when *every* data row
      has exactly one extra, empty field (each line ends with a comma) the
      table is read correctly and an :class:`~toolkit.errors.InputWarning`
      says so;
    * XLSX: ``sheet`` picks a worksheet by name or position. Without it, the
      one sheet holding data is read; when several do, the error names them
      (choose with ``--sheet``); an empty first sheet is skipped, saying so.

    Raises
    ------
    InputError
        When the file does not exist, is a folder, is empty, has no header,
        cannot be decoded, has rows that do not match the header, or is not
        a readable spreadsheet.
    """
    name = shown_path(path)
    raw = read_input_bytes(path, name)
    if not raw or raw.isspace():
        raise InputError("the file is empty", file=name)
    suffix = "" if os.fspath(path) == STDIN else Path(path).suffix.lower()
    if suffix in {".xls", ".ods", ".numbers"}:
        raise InputError(
            "this spreadsheet format cannot be read",
            file=name,
            value=suffix,
            allowed="CSV (.csv) or Excel workbook (.xlsx); save the sheet as one of these",
        )
    if suffix in {".xlsx", ".xlsm"} or raw.startswith(b"PK\x03\x04"):
        frame = _read_xlsx(raw, name, sheet)
    else:
        frame = _read_csv(raw, name, numeric)
    if frame.columns.size == 0:
        raise InputError("the file has no header row", file=name)
    return frame


def _physical_records(text: str) -> tuple[list[list[str]], list[int]]:
    """The records of a CSV text with the line each starts on (blank lines skipped)."""
    records: list[list[str]] = []
    starts: list[int] = []
    if '"' not in text:
        for number, line in enumerate(_LINE_BREAK.split(text), start=1):
            if line.strip():
                records.append(line.split(","))
                starts.append(number)
        return records, starts
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    try:
        for record in reader:
            if len(record) > 1 or (record and record[0].strip()):
                records.append(record)
                starts.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error as exc:
        raise InputError(
            f"the file is not a well-formed CSV table ({exc})",
            file=None,
            line=reader.line_num,
        ) from None
    return records, starts


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*(?:\r\n|\r|\n))+")


def _field_counts_bytes(raw: bytes) -> tuple[np.ndarray, np.ndarray, list[bytes]] | None:
    """Field count and line number of every non-blank line, and the lines, from the bytes.

    For the common large file: an ASCII-compatible encoding (UTF-8,
    Windows-1252), no quote characters and no lone carriage returns. Returns
    None otherwise (the caller uses :func:`_field_counts`). The first line
    returned is the header.
    """
    if b'"' in raw:
        return None
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return None
    lines = raw.split(b"\n")
    while lines and not lines[-1].strip():  # the end of the file is not a line of its own
        lines.pop()
    commas = np.fromiter(
        map(bytes.count, lines, itertools.repeat(b",", len(lines))),
        dtype=np.int64,
        count=len(lines),
    )
    keep = np.ones(len(lines), dtype=bool)
    for i in np.flatnonzero(commas == 0):  # blank lines (spaces, tabs, \r) have no comma
        if not lines[i].strip():
            keep[i] = False
    if keep.all():
        return commas + 1, np.arange(1, len(lines) + 1), lines
    numbers = np.flatnonzero(keep)
    return commas[numbers] + 1, numbers + 1, [lines[i] for i in numbers]


def _field_counts(text: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    """Header as written, and for each data record: its field count, line, last field empty."""
    if '"' not in text:
        lines = [
            (n, line) for n, line in enumerate(_LINE_BREAK.split(text), start=1) if line.strip()
        ]
        if not lines:
            return [], [], [], []
        header = lines[0][1].split(",")
        counts = [line.count(",") + 1 for _, line in lines[1:]]
        starts = [n for n, _ in lines[1:]]
        trailing = [line.rstrip().endswith(",") for _, line in lines[1:]]
        return header, counts, starts, trailing
    records, starts = _physical_records(text)
    if not records:
        return [], [], [], []
    data = records[1:]
    return (
        records[0],
        [len(r) for r in data],
        starts[1:],
        [not r[-1].strip() for r in data],
    )


def _first_line(text: str) -> str:
    """The first line of ``text`` that is not blank (without its line break)."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() or end < 0:
            return line.rstrip("\r")
        start = end + 1


def check_header(header: Sequence[Any], name: str) -> list[str]:
    """Return the header titles stripped, refusing two columns with the same title."""
    titles = ["" if h is None or h != h else str(h).strip() for h in header]
    seen: dict[str, int] = {}
    for position, title in enumerate(titles, start=1):
        if not title:
            continue
        if title in seen:
            raise InputError(
                f"two columns have the same title (columns {seen[title]} and {position})",
                file=name,
                line=1,
                column=title if len(title) <= 60 else title[:57] + "...",
                allowed="a different title for every column",
            )
        seen[title] = position
    return titles


def _read_csv(raw: bytes, name: str, numeric: Callable[[str], bool] | None) -> pd.DataFrame:
    text, encoding = decode_text(raw, name)
    if encoding == "Windows-1252" and not text.isascii():
        warnings.warn(
            InputWarning(
                f"{name}: read as Windows-1252 text (it is not UTF-8); if accented letters "
                "look wrong, save the file as 'CSV UTF-8'"
            ),
            stacklevel=3,
        )
    if not text.strip():
        raise InputError("the file is empty", file=name)
    fast = _field_counts_bytes(raw) if encoding in ("UTF-8", "Windows-1252") else None
    if fast is not None:
        counts, starts, kept = fast[0][1:], fast[1][1:], fast[2]

        def trailing() -> np.ndarray:
            return np.array([line.rstrip().endswith(b",") for line in kept[1:]], dtype=bool)

        header = _first_line(text).lstrip("\ufeff").split(",")
    else:
        try:
            header, count_list, start_list, trailing_list = _field_counts(text)
        except InputError as exc:
            raise exc.located(file=name) from None
        counts, starts = np.asarray(count_list, dtype=np.int64), np.asarray(start_list)

        def trailing() -> np.ndarray:
            return np.asarray(trailing_list, dtype=bool)

    titles = check_header(header, name)
    width = len(header)
    if counts.size and (counts != width).any():
        extra_trailing = bool((counts == width + 1).all() and trailing().all())
        if not extra_trailing:
            at = int(np.flatnonzero(counts != width)[0])
            more = counts[at] > width
            raise InputError(
                f"this row has {counts[at]} fields but the header has {width} "
                + (
                    "(a comma too many, or a value holding a comma without quotes around it)"
                    if more
                    else "(a missing comma, or a value holding a line break without quotes)"
                ),
                file=name,
                line=int(starts[at]),
                allowed=f"{width} fields on every row, as in the header",
            )
        warnings.warn(
            InputWarning(
                f"{name}: every data row ends with one extra, empty field (a comma at the end "
                "of the line); it was ignored"
            ),
            stacklevel=3,
        )
    dtype: Any = str
    if numeric is not None:
        dtype = {i: str for i, t in enumerate(titles) if not numeric(t)}
    with warnings.catch_warnings():
        # Chunks of a numeric column may parse differently (numbers, labels); the
        # values are validated one by one afterwards, so the warning says nothing.
        warnings.simplefilter("ignore", pd.errors.DtypeWarning)
        try:
            if fast is not None and not _LEADING_BLANK_LINES.match(text):
                source: Any = io.BytesIO(raw)
                codec: str | None = "utf-8-sig" if encoding == "UTF-8" else "cp1252"
            else:
                source = io.StringIO(_LEADING_BLANK_LINES.sub("", text, count=1))
                codec = None  # already text
            frame = pd.read_csv(
                source,
                encoding=codec,
                header=None,
                skiprows=1,
                names=list(range(width)),
                index_col=False,
                dtype=dtype,
                keep_default_na=False,
                na_values=[""],
                skipinitialspace=True,
                skip_blank_lines=True,
            )
        except pd.errors.ParserError as exc:
            raise InputError(
                "the file is not a well-formed CSV table", file=name, value=str(exc).strip()
            ) from None
        except pd.errors.EmptyDataError:
            raise InputError("the file is empty", file=name) from None
    frame.columns = [t if t else f"Unnamed: {i}" for i, t in enumerate(titles)]
    return frame


def _sheet_frames(raw: bytes, name: str) -> dict[str, pd.DataFrame]:
    try:
        return pd.read_excel(
            io.BytesIO(raw), sheet_name=None, header=None, dtype=str, engine="openpyxl"
        )
    except (ValueError, KeyError, OSError) as exc:
        raise InputError(
            "the workbook cannot be read",
            file=name,
            value=str(exc).strip(),
            allowed="an Excel workbook (.xlsx) with a header row",
        ) from None
    except Exception as exc:  # openpyxl raises zipfile.BadZipFile and friends
        raise InputError(
            "the file is not a readable Excel workbook",
            file=name,
            value=type(exc).__name__,
            allowed="an Excel workbook (.xlsx) with a header row",
        ) from None


def _trimmed(frame: pd.DataFrame) -> pd.DataFrame:
    """A sheet without its entirely blank rows and columns at the edges."""
    filled = frame.notna() & frame.apply(lambda c: c.astype(str).str.strip() != "")
    rows = np.flatnonzero(filled.any(axis=1).to_numpy())
    cols = np.flatnonzero(filled.any(axis=0).to_numpy())
    if rows.size == 0:
        return frame.iloc[0:0, 0:0]
    return frame.iloc[rows[0] :, : cols[-1] + 1]


def _read_xlsx(raw: bytes, name: str, sheet: int | str | None) -> pd.DataFrame:
    sheets = {str(k): _trimmed(v) for k, v in _sheet_frames(raw, name).items()}
    names = list(sheets)
    listed = ", ".join(f"'{n}'" for n in names)
    if sheet is not None:
        chosen: str | None = None
        if isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit()):
            index = int(sheet)
            chosen = names[index] if 0 <= index < len(names) else None
        if sheet in sheets:
            chosen = str(sheet)
        if chosen is None:
            raise InputError(
                "the workbook has no such sheet",
                file=name,
                value=sheet,
                allowed=f"one of the sheets {listed}",
            )
    else:
        with_data = [n for n, f in sheets.items() if len(f) >= 2]
        with_header = [n for n, f in sheets.items() if len(f) >= 1]
        if len(with_data) > 1:
            raise InputError(
                f"the workbook has data on {len(with_data)} sheets: "
                + ", ".join(f"'{n}'" for n in with_data),
                file=name,
                allowed="one sheet: choose it with --sheet NAME (or put all rows on one sheet, "
                "with a round column if the sheets are rounds)",
            )
        if with_data:
            chosen = with_data[0]
        elif with_header:
            chosen = with_header[0]
        else:
            raise InputError("the workbook has no header row on any sheet", file=name, value=listed)
        if chosen != names[0]:
            warnings.warn(
                InputWarning(f"{name}: read sheet '{chosen}' (the first sheet is empty)"),
                stacklevel=3,
            )
    frame = sheets[chosen]
    if frame.empty:
        others = [n for n in names if n != chosen and len(sheets[n])]
        raise InputError(
            f"sheet '{chosen}' has no header row"
            + (f" (other sheets: {', '.join(repr(n) for n in others)})" if others else ""),
            file=name,
            allowed="a header row and one row per record" + (", or --sheet NAME" if others else ""),
        )
    titles = check_header(frame.iloc[0].tolist(), f"{name} (sheet '{chosen}')")
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = [t if t else f"Unnamed: {i}" for i, t in enumerate(titles)]
    body = body.where(body.notna() & (body.astype(str).apply(lambda c: c.str.strip()) != ""))
    return body
