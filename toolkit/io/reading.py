"""Reading input: bounded reads of a file or standard input, and one rule for its encoding."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from .text import shown_path

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
