"""The checks of the in-browser build (scripts/build_lite.py) on the files kept with the project.

The full build (npm's Pyodide, PyPI wheels, JupyterLite) runs in ``make book`` and is tested in
headless Chromium by ``tests/browser/test_lite.py``; here, with no network, the verification
itself: every kept file matches its manifest, and a file that differs from the official
``pyodide-lock.json`` is refused.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("build_lite", ROOT / "scripts" / "build_lite.py")
assert SPEC and SPEC.loader
build_lite = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_lite)

MANIFEST = json.loads((ROOT / "lite" / "pyodide-packages.json").read_text(encoding="utf-8"))


def test_every_kept_file_matches_the_manifest() -> None:
    kept = {p.name for p in (ROOT / "lite" / "pyodide-packages").iterdir()}
    listed = {entry["file_name"] for entry in MANIFEST["files"]}
    assert kept == listed
    for entry in MANIFEST["files"]:
        path = ROOT / "lite" / "pyodide-packages" / entry["file_name"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], path.name
    assert MANIFEST["pyodide"]["version"] == "0.27.7"
    assert MANIFEST["pyodide"]["integrity"].startswith("sha512-")
    assert any(e["name"] == "numpy" and e["source"] == "official" for e in MANIFEST["files"])


def _lock_for(files: list[dict]) -> dict:
    return {
        "info": {"version": "0.27.7"},
        "packages": {
            e["name"]: {"file_name": e["file_name"], "sha256": e["sha256"], "depends": []}
            for e in files
        },
    }


def test_the_kept_files_pass_against_a_lock_that_lists_them() -> None:
    files = build_lite.verified_vendored(MANIFEST, _lock_for(MANIFEST["files"]))
    assert len(files) == len(MANIFEST["files"])


def test_a_file_that_differs_from_the_official_lock_is_refused(tmp_path, monkeypatch, capsys):
    wheel = tmp_path / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    wheel.write_bytes(b"not the official numpy")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    entry = {"name": "numpy", "file_name": wheel.name, "sha256": digest, "source": "official"}
    monkeypatch.setattr(build_lite, "VENDORED", tmp_path)
    official = _lock_for([{**entry, "sha256": "0" * 64}])
    with pytest.raises(SystemExit) as stopped:
        build_lite.verified_vendored({"files": [entry]}, official)
    assert stopped.value.code == 2
    assert "not the file the official pyodide-lock.json lists" in capsys.readouterr().err


def test_a_file_changed_since_the_manifest_is_refused(tmp_path, monkeypatch, capsys):
    wheel = tmp_path / "pyyaml-6.0.2-py3-none-any.whl"
    wheel.write_bytes(b"changed")
    entry = {"name": "pyyaml", "file_name": wheel.name, "sha256": "1" * 64, "source": "pure"}
    monkeypatch.setattr(build_lite, "VENDORED", tmp_path)
    with pytest.raises(SystemExit):
        build_lite.verified_vendored({"files": [entry]}, _lock_for([]))
    assert "differs from the manifest" in capsys.readouterr().err
