"""Keep a participant's exercise answers: autosave, restore, download and upload.

Every exercise notebook keeps its answers in one small JSON file beside the
notebook, named after the exercise (``04-trust-game.answers.json``). The file
is written atomically (:func:`toolkit.io.atomic_write_text`) after every
change, so a kernel restart, a closed tab or Binder's idle cull (when the file
system survives) loses nothing; running the notebook again restores it.

Where the file goes
-------------------
By default the answers folder is the kernel's working directory, which
Jupyter, Binder and Colab set to the notebook's own folder. The environment
variable ``TOOLKIT_ANSWERS_DIR`` names another folder (tests and the nbval
run point it at a temporary folder, so no answers file in ``exercises/`` can
be read or written by them). Setting it to ``off`` turns saving and restoring
off altogether.

The file
--------
A JSON object with ``format`` (always ``"partnership-toolkit-answers"``),
``version`` (1), ``exercise`` (the exercise id) and ``answers`` (an object,
the exercise's own answers). There is no time stamp, so saving the same
answers twice gives the same bytes. A file that is not valid JSON, not of
this format, of a newer version or for another exercise is *not* restored:
:func:`load_answers` says why, in one sentence, and the first save after that
keeps a copy of the file as ``NAME.answers.json.bak`` (``.bak-2``, ``.bak-3``...
if that exists) before writing, so nothing is overwritten without a backup.

Download and upload
-------------------
:func:`download_link_html` makes an HTML link that carries the file itself
(a ``data:`` URL), so "download my answers" needs no server; an uploaded file
is checked with :func:`parse_answers`, exactly like a file on disk.
"""

from __future__ import annotations

import base64
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .io import atomic_write_text, clean_text
from .report import esc

__all__ = [
    "ANSWERS_DIR_ENV",
    "ANSWERS_FORMAT",
    "ANSWERS_VERSION",
    "LoadResult",
    "answers_dir",
    "answers_json",
    "answers_path",
    "backup_path",
    "download_link_html",
    "load_answers",
    "parse_answers",
    "save_answers",
]

#: Environment variable naming the folder the answer files live in (``off`` disables them).
ANSWERS_DIR_ENV = "TOOLKIT_ANSWERS_DIR"
#: The ``format`` field every answers file carries.
ANSWERS_FORMAT = "partnership-toolkit-answers"
#: The current version of the answers file.
ANSWERS_VERSION = 1
_SUFFIX = ".answers.json"


def answers_dir(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the folder answers are kept in, or None when saving is turned off.

    ``folder`` wins; otherwise ``$TOOLKIT_ANSWERS_DIR``; otherwise the working
    directory (the notebook's folder in Jupyter, Binder and Colab). A leading
    ``~`` is the home folder (``TOOLKIT_ANSWERS_DIR=~/answers``).

    >>> answers_dir("/tmp/answers").as_posix()
    '/tmp/answers'
    """
    if folder is not None:
        return Path(folder).expanduser()
    env = os.environ.get(ANSWERS_DIR_ENV, "").strip()
    if env.lower() == "off":
        return None
    return Path(env).expanduser() if env else Path.cwd()


def _check_exercise(exercise: str) -> str:
    if not exercise or any(c in exercise for c in "/\\:") or exercise.startswith("."):
        raise InputError("an exercise id must be a plain file name", value=exercise)
    return exercise


def answers_path(exercise: str, folder: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the answers file of ``exercise`` (None when saving is turned off).

    >>> answers_path("04-trust-game", "/tmp").name
    '04-trust-game.answers.json'
    """
    base = answers_dir(folder)
    return None if base is None else base / f"{_check_exercise(exercise)}{_SUFFIX}"


def answers_json(exercise: str, answers: dict[str, Any]) -> str:
    """Return the text of an answers file (stable: sorted keys, no time stamp).

    >>> print(answers_json("01-continuum", {"H1": True}))
    {
      "answers": {
        "H1": true
      },
      "exercise": "01-continuum",
      "format": "partnership-toolkit-answers",
      "version": 1
    }
    """
    document = {
        "format": ANSWERS_FORMAT,
        "version": ANSWERS_VERSION,
        "exercise": _check_exercise(exercise),
        "answers": _json_safe(answers, 0),
    }
    return (
        json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    )


#: Deepest nesting of lists and objects kept in an answers file; deeper values become null.
MAX_DEPTH = 50


def _json_safe(value: Any, depth: int) -> Any:
    """``value`` as strict JSON data: NaN and infinity become null (JSON has neither),
    integers too long to write become null, keys become text, other objects their text,
    and anything nested deeper than :data:`MAX_DEPTH` becomes null."""
    if depth > MAX_DEPTH:
        return None
    if value is None or isinstance(value, bool | str):
        return clean_text(value) if isinstance(value, str) else value
    if isinstance(value, int):
        try:
            str(value)
        except ValueError:  # more digits than Python will write
            return None
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {clean_text(str(k)): _json_safe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v, depth + 1) for v in value]
    number = getattr(value, "item", None)  # numpy scalars
    if callable(number):
        try:
            return _json_safe(number(), depth)
        except Exception:
            return None
    return clean_text(str(value))


def parse_answers(text: str | bytes, exercise: str, *, file: str | None = None) -> dict[str, Any]:
    """Check the text of an answers file and return its answers.

    Raises :class:`~toolkit.errors.InputError` saying what is wrong: not text,
    not JSON, not an answers file, a newer version, or another exercise's.

    >>> parse_answers(answers_json("02-classify", {"MV01": 3}), "02-classify")
    {'MV01': 3}
    >>> other = answers_json("01-continuum", {})
    >>> try:
    ...     parse_answers(other, "02-classify")
    ... except InputError as exc:
    ...     print(str(exc).split(":")[0])
    these are the answers to another exercise
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("this is not an answers file (not UTF-8 text)", file=file) from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"this is not an answers file (not valid JSON: {exc.msg})", file=file, line=exc.lineno
        ) from None
    except RecursionError:
        raise InputError("this is not an answers file (nested too deeply)", file=file) from None
    except ValueError as exc:
        raise InputError(f"this is not an answers file ({exc})", file=file) from None
    if not isinstance(document, dict) or document.get("format") != ANSWERS_FORMAT:
        raise InputError(
            f"this is not an answers file of the course toolkit (no 'format': '{ANSWERS_FORMAT}')",
            file=file,
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError("the answers file has no valid version", file=file, value=version)
    if version > ANSWERS_VERSION:
        raise InputError(
            "the answers file was written by a newer toolkit: update the toolkit to read it",
            file=file,
            value=version,
            allowed=f"1-{ANSWERS_VERSION}",
        )
    if document.get("exercise") != exercise:
        raise InputError(
            "these are the answers to another exercise",
            file=file,
            value=document.get("exercise"),
            allowed=exercise,
        )
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise InputError("the answers file has no 'answers' object", file=file)
    return answers


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"not valid JSON: {name} is not a JSON number")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 1000:
        raise ValueError(f"a number with {len(text)} digits")
    return int(text)


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load_answers` found.

    ``answers`` is what to restore (empty when nothing can be); ``status`` is
    ``"off"``, ``"none"`` (no file yet), ``"restored"`` or ``"invalid"``;
    ``message`` says it in a sentence for the participant; ``path`` is the file.
    """

    answers: dict[str, Any]
    status: str
    message: str
    path: Path | None


def load_answers(exercise: str, folder: str | os.PathLike[str] | None = None) -> LoadResult:
    """Read the saved answers of ``exercise``; never raises for a bad file, never writes.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = save_answers("02-classify", {"MV01": 4}, tmp)
    ...     load_answers("02-classify", tmp).answers
    {'MV01': 4}
    """
    path = answers_path(exercise, folder)
    if path is None:
        return LoadResult({}, "off", "Autosave is turned off (TOOLKIT_ANSWERS_DIR=off).", None)
    try:
        exists = path.exists()
    except (OSError, ValueError):
        exists = False
    if not exists:
        return LoadResult({}, "none", f"Your answers will be saved in {path.name} as you go.", path)
    try:
        answers = parse_answers(path.read_bytes(), exercise, file=str(path.name))
    except Exception as exc:  # never raises: a bad file is reported and left alone
        return LoadResult(
            {},
            "invalid",
            f"Your saved answers could not be restored: {exc}. The exercise starts blank; "
            f"the file will be kept as {backup_path(path).name} before anything is saved.",
            path,
        )
    return LoadResult(answers, "restored", f"Restored your saved answers from {path.name}.", path)


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Return a free name to move a bad answers file to (``.bak``, ``.bak-2``, ...).

    >>> backup_path("/nonexistent/x.answers.json").name
    'x.answers.json.bak'
    """
    path = Path(path)
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak-{n}")
        n += 1
    return candidate


def save_answers(
    exercise: str, answers: dict[str, Any], folder: str | os.PathLike[str] | None = None
) -> tuple[Path | None, Path | None]:
    """Save ``answers`` atomically; return ``(file, backup)``.

    When the existing file is not a valid answers file of this exercise, it is
    first copied to :func:`backup_path` (returned as ``backup``; None otherwise).
    Returns ``(None, None)`` when saving is turned off.
    """
    path = answers_path(exercise, folder)
    if path is None:
        return None, None
    text = answers_json(exercise, answers)
    backup = None
    try:
        old = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        old = None
    if old is not None:
        try:
            parse_answers(old, exercise)
        except InputError:
            backup = _keep_copy(path, old)
    atomic_write_text(path, text)
    return path, backup


def _keep_copy(path: Path, data: bytes) -> Path:
    """Write ``data`` (the unreadable file's bytes) to a free backup name; return it.

    Each backup name is created exclusively, so two saves at the same moment
    never overwrite each other's backup, and neither fails because the other
    moved the file first.
    """
    while True:
        candidate = backup_path(path)
        try:
            with open(candidate, "xb") as handle:
                handle.write(data)
        except FileExistsError:
            continue
        return candidate


def download_link_html(exercise: str, answers: dict[str, Any]) -> str:
    """An HTML link that downloads the answers file (the file travels inside the link).

    >>> html = download_link_html("04-trust-game", {})
    >>> 'download="04-trust-game.answers.json"' in html and "data:application/json" in html
    True
    """
    payload = base64.b64encode(answers_json(exercise, answers).encode("utf-8")).decode("ascii")
    name = f"{_check_exercise(exercise)}{_SUFFIX}"
    return (
        f'<a class="toolkit-download" download="{esc(name)}" '
        f'href="data:application/json;base64,{payload}">Download my answers ({esc(name)})</a>'
    )
