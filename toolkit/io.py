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
import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import InputError

__all__ = ["atomic_write_bytes", "atomic_write_text", "read_table"]

_ENCODINGS = ("utf-8-sig", "cp1252")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    The data goes to a temporary file beside ``path`` first; only a complete,
    flushed file is renamed over the target. If anything fails, the target is
    left exactly as it was and the temporary file is removed.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "plan.yaml"
    >>> _ = atomic_write_bytes(target, b"steps: []\\n")
    >>> target.read_bytes()
    b'steps: []\\n'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode(encoding))


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
