"""Reading tables and writing files safely.

Two promises hold for every file the toolkit touches:

* a bad input file raises :class:`toolkit.errors.InputError` naming the file
  (and, where it applies, the line, the column, the value and what is allowed);
* a file is never left half-written: :func:`atomic_write_text` writes to a
  temporary file in the same folder, flushes it to disk, then renames it over
  the target, so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import itertools
import os
import re
import stat
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError, InputWarning

__all__ = [
    "ENCODING_RULE",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_header",
    "check_out_not_input",
    "clean_text",
    "decode_text",
    "neutralise_cell",
    "neutralise_frame",
    "printable",
    "read_input_bytes",
    "read_table",
    "safe_csv_text",
    "same_file",
    "shown_path",
    "write_terminal",
]


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
            out.isetitem(position, series.map(neutralise_cell))
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


# --- text that leaves the program ---------------------------------------------

_SURROGATE_ESCAPES = re.compile("[\udc80-\udcff]+")
_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters (ESC, BEL, backspace, carriage return...) and the
# bidirectional overrides; newline and tab are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    r"""Return ``text`` encodable as UTF-8: undecodable bytes kept as best they can be.

    A file name that is not valid UTF-8 (common after unzipping an archive
    made on Windows), or a title typed in a terminal that is not set to
    UTF-8, reaches Python as "surrogate escapes". Those bytes are decoded as
    Windows-1252 here; any other lone surrogate becomes U+FFFD.

    >>> clean_text("caf\udce9.csv"), clean_text("ok")
    ('café.csv', 'ok')
    """
    if not _SURROGATES.search(text):
        return text

    def _bytes(match: re.Match[str]) -> str:
        raw = bytes(ord(c) - 0xDC00 for c in match.group())
        return raw.decode("cp1252", errors="replace")

    return _SURROGATES.sub("\ufffd", _SURROGATE_ESCAPES.sub(_bytes, text))


def printable(text: str, *, keep_newlines: bool = True) -> str:
    r"""Return ``text`` safe to show in a terminal: control characters written as escapes.

    A partnership name holding ``ESC[2J`` would otherwise clear the screen,
    and colour codes could fake a message. Control characters (and lone
    surrogates) are shown as ``\x1b``-style escapes; newlines (unless
    ``keep_newlines`` is False) and tabs are kept.

    >>> printable("A\x1b[2Jplan OK")
    'A\\x1b[2Jplan OK'
    >>> printable("two\nlines", keep_newlines=False)
    'two\\nlines'
    """

    def _escape(match: re.Match[str]) -> str:
        return match.group().encode("unicode_escape", errors="backslashreplace").decode("ascii")

    text = _CONTROL.sub(_escape, text)
    text = _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if not keep_newlines:
        text = text.replace("\n", "\\n")
    return text


def shown_path(path: str | bytes | os.PathLike[str]) -> str:
    r"""A path as a person should see it: undecodable bytes as text, control characters escaped.

    >>> shown_path(b"caf\xe9.csv"), shown_path("a\x1b[2J.csv")
    ('café.csv', 'a\\x1b[2J.csv')
    """
    return printable(clean_text(os.fsdecode(path)), keep_newlines=False)


def write_terminal(stream: Any, text: str) -> None:
    """Write ``text`` to ``stream``, escaping control characters when it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    text = printable(text) if isatty is not None and isatty() else clean_text(text)
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, errors="backslashreplace").decode(encoding))


# --- reading input --------------------------------------------------------------

STDIN = "-"


def read_input_bytes(path: str | os.PathLike[str], name: str | None = None) -> bytes:
    """Return the bytes of an input file, or of standard input when ``path`` is ``-``.

    Pipes and devices (``/dev/stdin``, ``<(...)``) are read to their end, not
    judged by their size. Raises :class:`InputError` naming the file when it
    does not exist, is a folder or cannot be read.
    """
    shown = name or shown_path(path)
    if os.fspath(path) == STDIN:
        return _bounded_read(sys.stdin.buffer, shown)
    p = Path(path)
    try:
        with p.open("rb") as handle:
            return _bounded_read(handle, shown)
    except FileNotFoundError:
        raise InputError("the file does not exist", file=shown) from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file", file=shown) from None
    except PermissionError:
        raise InputError("the file cannot be read (permission denied)", file=shown) from None
    except OSError as exc:
        if p.is_dir():
            raise InputError("this is a folder, not a file", file=shown) from None
        raise InputError(
            f"the file cannot be read ({(exc.strerror or str(exc)).lower()})", file=shown
        ) from None


#: Largest input file read (bytes); a bigger one (or an endless device) is refused.
MAX_INPUT_BYTES = 256 * 1024 * 1024


def _bounded_read(handle: Any, shown: str) -> bytes:
    data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"the file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB", file=shown
        )
    return data


# Bytes that start a valid multi-byte UTF-8 sequence with its continuation bytes.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
ENCODING_RULE = (
    "a byte-order mark decides (UTF-8, UTF-16 or UTF-32, as Excel's 'Unicode text' "
    "writes); otherwise the file must be UTF-8, except that a file with no UTF-8 "
    "accented letters at all is read as Windows-1252 (older Excel 'CSV' on Windows); "
    "a file that mixes the two is refused, naming the line of the first bad byte"
)


def decode_text(raw: bytes, name: str, *, legacy: bool = True) -> tuple[str, str]:
    r"""Decode the bytes of a text file by one documented rule; return (text, encoding).

    The rule (:data:`ENCODING_RULE`): a byte-order mark decides the encoding;
    without one the text must be UTF-8, except that (when ``legacy`` is True)
    a file that holds no multi-byte UTF-8 sequence at all is read as
    Windows-1252. A file that mixes valid UTF-8 with other bytes is never
    guessed at: the error names the line and the byte. A file with NUL bytes
    and no byte-order mark (UTF-16 saved without one, or not text) is refused
    with how to save it as UTF-8.

    >>> decode_text("café".encode("utf-16"), "a.csv")
    ('café', 'UTF-16')
    >>> decode_text("café".encode("cp1252"), "a.csv")
    ('café', 'Windows-1252')
    >>> try:
    ...     decode_text("café\n".encode() + b"caf\xe9\n", "a.csv")
    ... except InputError as exc:
    ...     print(exc)  # doctest: +ELLIPSIS
    a.csv, line 2: the file is not valid UTF-8...
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), label
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file starts with a {label} byte-order mark but is not valid {label}",
                    file=name,
                    value=f"byte {exc.start}",
                    allowed="a file saved as UTF-8 (in Excel: Save As > 'CSV UTF-8')",
                ) from None
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        looks_utf16 = raw[1::2].count(0) > len(raw) // 4 or raw[0::2].count(0) > len(raw) // 4
        raise InputError(
            "the file looks like UTF-16 text without a byte-order mark"
            if looks_utf16
            else "the file is not text (it contains NUL bytes)",
            file=name,
            line=None if looks_utf16 else line,
            allowed="a file saved as UTF-8 (in Excel: Save As > 'CSV UTF-8'; "
            "in a text editor: Save with encoding UTF-8)",
        )
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if legacy and not _UTF8_MULTIBYTE.search(raw):
        try:
            return raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as exc:
            bad = exc.start
    line = raw.count(b"\n", 0, bad) + 1
    line_start = raw.rfind(b"\n", 0, bad) + 1
    raise InputError(
        "the file is not valid UTF-8"
        + (" (it mixes UTF-8 with another encoding)" if legacy else ""),
        file=name,
        line=line,
        value=f"byte {raw[bad]:#04x} at character {bad - line_start + 1} of the line",
        allowed="a file saved as UTF-8 (in Excel: Save As > 'CSV UTF-8'); "
        "retype or delete the character on that line",
    )


# --- writing output -------------------------------------------------------------


def _is_special(st: os.stat_result) -> bool:
    return not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing regular file (links followed)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(sa.st_mode):
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def check_out_not_input(
    out: str | os.PathLike[str] | None, inputs: Sequence[str | os.PathLike[str] | None]
) -> None:
    """Refuse an output path that is one of the input files (the input would be lost)."""
    if out is None or os.fspath(out) == STDIN:
        return
    for given in inputs:
        if given is None or os.fspath(given) == STDIN:
            continue
        if same_file(out, given):
            raise InputError(
                f"--out {shown_path(out)} is the input file {shown_path(given)}; "
                "writing there would destroy the input",
                file=shown_path(out),
                allowed="a different file name for the output",
            )


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot write here (permission denied)"
    if exc.errno == errno.ENOSPC:
        return "the disk is full; nothing was written"
    if exc.errno == errno.EROFS:
        return "cannot write here (read-only file system)"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded; nothing was written"
    if isinstance(exc, IsADirectoryError):
        return "this is a folder, not a file"
    if isinstance(exc, NotADirectoryError):
        return "a part of this path is a file, not a folder"
    return f"cannot write the file ({(exc.strerror or str(exc)).lower()})"


_STREAM_PATH = re.compile(r"^/(?:dev/(?:stdout|stderr|fd/\d+)|proc/(?:self|\d+)/fd/\d+)$")


def _write_direct(target: str, data: bytes, shown: str, mode: str = "wb") -> None:
    try:
        with open(target, mode) as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        raise InputError(_os_problem(exc), file=shown) from None


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` safely and return the path.

    For a regular file, the data goes to a temporary file beside it first;
    only a complete, flushed file is renamed over the target. If anything
    fails, the target is left exactly as it was and the temporary file is
    removed. Besides:

    * a symbolic link is written *through*: its target gets the data and the
      link stays a link;
    * a device or pipe (``/dev/stdout``, a terminal, a FIFO) is written to
      directly, never renamed over;
    * ``-`` writes to standard output;
    * a folder, a read-only place or a full disk raise :class:`InputError`
      naming ``path`` as given (never the hidden temporary file).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "plan.yaml"
    >>> _ = atomic_write_bytes(target, b"steps: []\\n")
    >>> target.read_bytes()
    b'steps: []\\n'
    """
    shown = shown_path(path)
    if os.fspath(path) == STDIN:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path(STDIN)
    given = os.fspath(path)
    if _STREAM_PATH.match(given):  # /dev/stdout and friends: write to the open stream
        _write_direct(given, data, shown, mode="ab")
        return Path(given)
    try:
        st: os.stat_result | None = os.stat(given)  # links followed
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(_os_problem(exc), file=shown) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(
            "this is a folder, not a file", file=shown, allowed="a file name inside the folder"
        )
    if st is not None and _is_special(st):
        _write_direct(given, data, shown)
        return Path(given)
    # A link (even one whose target does not exist yet) is written through to its target.
    target_name = os.path.realpath(given) if os.path.islink(given) else given
    target = Path(target_name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(_os_problem(exc), file=shown) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if st is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, st.st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise InputError(_os_problem(exc), file=shown) from None
        raise
    return Path(given)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` safely (see :func:`atomic_write_bytes`).

    Text that cannot be encoded (undecodable bytes from a file name or a
    terminal) is cleaned first (:func:`clean_text`), never a crash.
    """
    return atomic_write_bytes(path, clean_text(text).encode(encoding, errors="replace"))


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
                options = {"encoding": "utf-8-sig" if encoding == "UTF-8" else "cp1252"}
            else:
                source = io.StringIO(_LEADING_BLANK_LINES.sub("", text, count=1))
                options = {}
            frame = pd.read_csv(
                source,
                **options,
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
