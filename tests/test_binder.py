"""Binder (repo2docker) builds the course with the Python that runtime.txt declares, and
runs `pip install -r requirements.txt`, which installs this package: that Python must
satisfy the package's requires-python, or no exercise starts on Binder."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def test_binder_python_satisfies_requires_python() -> None:
    declared = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", declared)
    assert match, f"runtime.txt must read python-X.Y (repo2docker's format), not {declared!r}"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    assert Version(match[1]) in SpecifierSet(requires), (declared, requires)


def test_binder_reads_the_root_configuration() -> None:
    # repo2docker ignores the root's requirements.txt and runtime.txt if a binder/ or
    # .binder/ folder exists.
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "requirements.txt").exists()
