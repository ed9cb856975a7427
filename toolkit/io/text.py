"""Text that leaves the program: cleaned of what cannot be encoded or would control a terminal."""

from __future__ import annotations

import os
import re
from typing import Any

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
