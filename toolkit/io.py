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
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError

__all__ = [
    "ENCODING_RULE",
    "atomic_write_bytes",
    "atomic_write_text",
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

_ENCODINGS = ("utf-8-sig", "cp1252")


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
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(neutralise_cell)
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


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a person should see it in a message (control characters escaped)."""
    return printable(os.fsdecode(path), keep_newlines=False)


def write_terminal(stream: Any, text: str) -> None:
    """Write ``text`` to ``stream``, escaping control characters when it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        text = printable(text)
    else:
        text = clean_text(text)
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
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        with p.open("rb") as handle:
            return handle.read()
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
        "the file is not valid UTF-8" + (" (nor Windows-1252)" if legacy else ""),
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


def _write_direct(target: str, data: bytes, shown: str) -> None:
    try:
        with open(target, "wb") as handle:
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
    target_name = given
    if os.path.islink(given):
        target_name = os.path.realpath(given)
    try:
        st = os.stat(target_name)
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
    target = Path(target_name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
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


def read_table(path: str | os.PathLike[str], *, sheet: int | str = 0) -> pd.DataFrame:
    """Read a CSV or XLSX file into a DataFrame of strings, with clear errors.

    Every cell is read as text (``dtype=str``) with empty cells as missing, so
    that the caller validates values itself and can name the cell that is
    wrong. CSV files are decoded as UTF-8 (with or without a byte-order mark,
    as Excel and Google Forms write them), then as Windows-1252.

    Raises
    ------
    InputError
        When the file does not exist, is a folder, is empty, has no header,
        cannot be decoded, or is not a readable spreadsheet.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("the file does not exist", file=name)
    if p.is_dir():
        raise InputError("this is a folder, not a file", file=name)
    if p.stat().st_size == 0:
        raise InputError("the file is empty", file=name)
    suffix = p.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        frame = _read_xlsx(p, name, sheet)
    elif suffix in {".xls", ".ods", ".numbers"}:
        raise InputError(
            "this spreadsheet format cannot be read",
            file=name,
            value=suffix,
            allowed="CSV (.csv) or Excel workbook (.xlsx); save the sheet as one of these",
        )
    else:
        frame = _read_csv(p, name)
    unnamed = all(str(c).startswith("Unnamed") for c in frame.columns)
    if frame.columns.size == 0 or (frame.empty and unnamed):
        raise InputError("the file has no header row", file=name)
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _read_csv(p: Path, name: str) -> pd.DataFrame:
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError(
            "the file is not text (it contains NUL bytes)",
            file=name,
            allowed="a CSV file saved as UTF-8 text",
        )
    text = None
    for encoding in _ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:  # pragma: no cover - cp1252 decodes almost anything
        raise InputError(
            "the file's text encoding cannot be read",
            file=name,
            allowed="UTF-8 or Windows-1252 text",
        )
    if not text.strip():
        raise InputError("the file is empty", file=name)
    import io

    try:
        return pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
        )
    except pd.errors.ParserError as exc:
        raise InputError(
            "the file is not a well-formed CSV table", file=name, value=str(exc).strip()
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", file=name) from None


def _read_xlsx(p: Path, name: str, sheet: int | str) -> pd.DataFrame:
    try:
        return pd.read_excel(p, sheet_name=sheet, dtype=str, engine="openpyxl")
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
