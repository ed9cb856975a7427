"""Writing output: never over an input, never half-written (a temporary file, then a rename)."""

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

from ..errors import InputError
from .reading import STDIN
from .text import clean_text, shown_path

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
