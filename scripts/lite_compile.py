"""Compile the in-browser copy's Python files to bytecode, once, at build time.

Pyodide ships its standard library and its packages as source, so every module is compiled
again at each start in the participant's browser: for the exercises (pandas, Altair, IPython,
ipywidgets) that is most of the start-up time. ``scripts/build_lite.py`` runs this module inside
Pyodide itself, under Node (``scripts/lite_compile.js``), so the bytecode is made by exactly the
Python that will run it (3.12 in Pyodide 0.27) with no second Python installed here.

Each file is compiled as a hash-based, unchecked ``.pyc`` (PEP 552): deterministic (no
timestamps) and used as it is. Third-party files become sourceless (``module.pyc`` where
``module.py`` was, as ``compileall --legacy`` does), which keeps the copy about the size it was;
directories named ``tests`` inside a package are left out (pandas ships 1,143 test files), and so
are the type stubs jedi never reads under Python 3 (Python 2's typeshed, and Django's: 737 of
its 1,872 files, each unpacked at every start). The toolkit keeps its sources beside the
bytecode, so a participant's traceback shows its lines.

Only the standard library runs here, and nothing depends on the running Python's version, so the
unit tests check the archive handling under the host's CPython.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]

SITE = "/lib/python3.12/site-packages/"
STDLIB = "/lib/python312.zip/"
#: The date the rewritten RECORD carries (every other entry keeps its own): builds repeat exactly.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def bytecode(source: bytes, filename: str) -> bytes:
    """A hash-based, unchecked ``.pyc`` of ``source``, its tracebacks naming ``filename``."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


#: jedi's stubs that Python 3 never reads: jedi takes typeshed's ``2and3``, ``3`` and ``3.N``
#: folders only, and Django's stubs only when Django is imported (it is not shipped).
UNREAD_STUBS = (
    "jedi/third_party/typeshed/stdlib/2/",
    "jedi/third_party/typeshed/third_party/2/",
    "jedi/third_party/django-stubs/",
)


def left_out(name: str) -> bool:
    """A package's test suite, stale bytecode or stubs never read: not shipped."""
    parts = name.split("/")
    return "tests" in parts[1:-1] or "__pycache__" in parts[:-1] or name.startswith(UNREAD_STUBS)


def is_module(name: str) -> bool:
    top = name.split("/")[0]
    return name.endswith(".py") and not top.endswith((".data", ".dist-info"))


def cached_name(name: str) -> str:
    """Where CPython looks for the bytecode of ``name`` beside its source."""
    folder, _, file = name.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    return f"{prefix}__pycache__/{file[:-3]}.cpython-312.pyc"


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def compile_wheel(src: str, dst: str, keep_source: bool = False) -> int:
    """Write ``dst``: the wheel ``src`` with its modules compiled; returns the modules compiled."""
    entries: list[tuple[zipfile.ZipInfo, str, bytes]] = []
    record_name = None
    compiled = 0
    with zipfile.ZipFile(src) as wheel:
        for info in wheel.infolist():
            name = info.filename
            if name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            if info.is_dir() or left_out(name):
                continue
            data = wheel.read(info)
            if not is_module(name):
                entries.append((info, name, data))
                continue
            pyc = bytecode(data, SITE + name)
            compiled += 1
            if keep_source:
                entries.append((info, name, data))
                entries.append((info, cached_name(name), pyc))
            else:
                entries.append((info, name + "c", pyc))
    with zipfile.ZipFile(dst, "w") as out:
        lines = []
        for info, name, data in entries:
            out.writestr(_entry(name, info.date_time, info.external_attr), data)
            lines.append(record_line(name, data))
        if record_name is not None:
            lines.append(f"{record_name},,")
            out.writestr(_entry(record_name, FIXED_DATE, 0o644 << 16), "\n".join(lines) + "\n")
    return compiled


def compile_stdlib(src: str, dst: str) -> int:
    """Write ``dst``: Pyodide's ``python_stdlib.zip`` with every module as sourceless bytecode."""
    compiled = 0
    with zipfile.ZipFile(src) as stdlib, zipfile.ZipFile(dst, "w") as out:
        for info in stdlib.infolist():
            data = stdlib.read(info)
            name = info.filename
            if name.endswith(".py"):
                data = bytecode(data, STDLIB + name)
                name += "c"
                compiled += 1
            out.writestr(_entry(name, info.date_time, info.external_attr), data)
    return compiled


def _entry(name: str, date_time: tuple, attributes: int) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = attributes
    return entry


def compile_all(jobs: list[dict]) -> list[int]:
    """Run each job ``{"kind": "wheel"|"stdlib", "src", "dst", "keep_source"}``."""
    done = []
    for job in jobs:
        if job["kind"] == "stdlib":
            done.append(compile_stdlib(job["src"], job["dst"]))
        else:
            done.append(compile_wheel(job["src"], job["dst"], job.get("keep_source", False)))
    return done
