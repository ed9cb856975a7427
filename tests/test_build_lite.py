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


# --- compiling the copy to bytecode (scripts/lite_compile.py) -------------------------------
# The build runs it inside Pyodide (Python 3.12) under Node; the archive handling does not depend
# on the Python that runs it, so here it runs under the host's CPython and the bytecode it makes
# is imported for real.

CSPEC = importlib.util.spec_from_file_location("lite_compile", ROOT / "scripts" / "lite_compile.py")
assert CSPEC and CSPEC.loader
lite_compile = importlib.util.module_from_spec(CSPEC)
CSPEC.loader.exec_module(lite_compile)


def _wheel(path: Path, *requires: str) -> Path:
    import zipfile

    files = {
        "demo/__init__.py": "from demo.core import answer\n",
        "demo/core.py": "def answer():\n    return 6 * 7\n",
        "demo/data/schema.json": '{"kept": true}\n',
        "demo/tests/test_core.py": "def test_it():\n    assert True\n",
        "demo/__pycache__/core.cpython-311.pyc": "stale",
        "single.py": "VALUE = 'top-level module'\n",
        "demo-1.0.dist-info/METADATA": "Name: demo\nVersion: 1.0\n"
        + "".join(f"Requires-Dist: {r}\n" for r in requires),
        "demo-1.0.dist-info/RECORD": "stale record\n",
        "demo-1.0.data/scripts/tool.py": "print('a script, not a module')\n",
    }
    with zipfile.ZipFile(path, "w") as wheel:
        for name, text in files.items():
            wheel.writestr(zipfile.ZipInfo(name, date_time=(2024, 5, 6, 7, 8, 10)), text)
    return path


def test_compiled_wheel_is_sourceless_bytecode_that_imports(tmp_path, monkeypatch) -> None:
    import base64
    import sys
    import zipfile

    source = _wheel(tmp_path / "demo-1.0-py3-none-any.whl")
    target = tmp_path / "out.whl"
    assert lite_compile.compile_wheel(str(source), str(target)) == 3
    with zipfile.ZipFile(target) as wheel:
        names = set(wheel.namelist())
        assert names == {
            "demo/__init__.pyc",
            "demo/core.pyc",
            "demo/data/schema.json",
            "single.pyc",
            "demo-1.0.dist-info/METADATA",
            "demo-1.0.dist-info/RECORD",
            "demo-1.0.data/scripts/tool.py",
        }
        record = wheel.read("demo-1.0.dist-info/RECORD").decode().splitlines()
        for line in record:
            name, digest, size = line.rsplit(",", 2)
            if name.endswith("RECORD"):
                assert digest == size == ""
                continue
            data = wheel.read(name)
            assert int(size) == len(data)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert digest == "sha256=" + expected.decode()
        assert {line.split(",")[0] for line in record} == names
        wheel.extractall(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    for name in ("demo", "demo.core", "single"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import demo  # type: ignore[import-not-found]
    import single  # type: ignore[import-not-found]

    assert demo.answer() == 42
    assert single.VALUE == "top-level module"
    assert demo.core.__file__.endswith("core.pyc")
    assert demo.answer.__code__.co_filename == lite_compile.SITE + "demo/core.py"


def test_compiling_is_deterministic_and_keeps_the_toolkits_sources(tmp_path) -> None:
    import zipfile

    source = _wheel(tmp_path / "demo-1.0-py3-none-any.whl")
    first, second, kept = tmp_path / "1.whl", tmp_path / "2.whl", tmp_path / "kept.whl"
    lite_compile.compile_wheel(str(source), str(first))
    lite_compile.compile_wheel(str(source), str(second))
    assert first.read_bytes() == second.read_bytes()
    lite_compile.compile_wheel(str(source), str(kept), keep_source=True)
    with zipfile.ZipFile(kept) as wheel:
        names = set(wheel.namelist())
        assert {"demo/core.py", "demo/__pycache__/core.cpython-312.pyc"} <= names
        assert "single.py" in names and "__pycache__/single.cpython-312.pyc" in names
        assert not any("/tests/" in n or n.endswith("cpython-311.pyc") for n in names)
        pyc = wheel.read("demo/__pycache__/core.cpython-312.pyc")
    # PEP 552 flags: hash-based (bit 0) and unchecked (bit 1 clear), so the build's date and
    # the participant's file times never matter.
    assert int.from_bytes(pyc[4:8], "little") == 0b01


def test_jedis_stubs_for_python_2_and_django_are_left_out_and_python_3s_kept(tmp_path) -> None:
    import zipfile

    typeshed = "jedi/third_party/typeshed"
    stubs = {
        f"{typeshed}/stdlib/2/os.pyi": False,
        f"{typeshed}/third_party/2/six/__init__.pyi": False,
        "jedi/third_party/django-stubs/django-stubs/__init__.pyi": False,
        f"{typeshed}/stdlib/2and3/json.pyi": True,
        f"{typeshed}/stdlib/3/os/__init__.pyi": True,
        f"{typeshed}/stdlib/3.7/contextvars.pyi": True,
        f"{typeshed}/third_party/2and3/six/__init__.pyi": True,
        f"{typeshed}/third_party/3/six/moves/__init__.pyi": True,
        "jedi/__init__.py": True,
    }
    source, compiled = tmp_path / "jedi-0.19.1-py3-none-any.whl", tmp_path / "out.whl"
    with zipfile.ZipFile(source, "w") as wheel:
        for name in stubs:
            wheel.writestr(name, "x: int\n")
        wheel.writestr("jedi-0.19.1.dist-info/METADATA", "Name: jedi\nVersion: 0.19.1\n")
    lite_compile.compile_wheel(str(source), str(compiled))
    with zipfile.ZipFile(compiled) as wheel:
        names = set(wheel.namelist())
    shipped = {name: (name in names or name + "c" in names) for name in stubs}
    assert shipped == stubs


def test_compiled_standard_library_imports_from_its_zip(tmp_path, monkeypatch) -> None:
    import sys
    import zipfile

    source = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(source, "w") as stdlib:
        stdlib.writestr("pkg_in_zip/__init__.py", "NAME = 'from the zip'\n")
        stdlib.writestr("pkg_in_zip/data.txt", "kept as it is\n")
    target = tmp_path / "compiled.zip"
    assert lite_compile.compile_stdlib(str(source), str(target)) == 1
    with zipfile.ZipFile(target) as stdlib:
        assert set(stdlib.namelist()) == {"pkg_in_zip/__init__.pyc", "pkg_in_zip/data.txt"}
    monkeypatch.syspath_prepend(str(target))
    monkeypatch.delitem(sys.modules, "pkg_in_zip", raising=False)
    import pkg_in_zip  # type: ignore[import-not-found]

    assert pkg_in_zip.NAME == "from the zip"


def test_the_shipped_lock_gives_the_compiled_files_sha256(tmp_path) -> None:
    source = _wheel(tmp_path / "demo-1.0-py3-none-any.whl")
    compiled = tmp_path / "compiled" / source.name
    compiled.parent.mkdir()
    lite_compile.compile_wheel(str(source), str(compiled))
    official = tmp_path / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    official.write_bytes(b"verified official wheel")
    official_compiled = tmp_path / "compiled" / official.name
    official_compiled.write_bytes(b"the same, compiled")
    lock = {
        "info": {"version": "0.27.7", "python": "3.12.7"},
        "packages": {
            "numpy": {"file_name": official.name, "sha256": "0" * 64, "depends": []},
        },
    }
    vendored = [{"name": "numpy", "source": "official", "path": official}]
    shipped = {official: official_compiled, source: compiled}
    trimmed = build_lite.trimmed_lock(lock, vendored, [source], shipped)
    packages = trimmed["packages"]
    assert packages["numpy"]["sha256"] == hashlib.sha256(b"the same, compiled").hexdigest()
    assert packages["demo"]["sha256"] == hashlib.sha256(compiled.read_bytes()).hexdigest()
    assert packages["demo"]["imports"] == ["demo", "single"]
    assert lock["packages"]["numpy"]["sha256"] == "0" * 64  # the official lock is not changed


def test_a_wheels_lock_entry_lists_what_it_requires_in_pyodide(tmp_path) -> None:
    # Loading one package must load what it needs: pandas from PyPI listed nothing before.
    wheel = _wheel(
        tmp_path / "demo-1.0-py3-none-any.whl",
        'numpy>=2.0.2; python_version < "3.14"',
        'numpy>=2.3.3; python_version >= "3.14"',
        "python_dateutil>=2.9",
        'tzdata; sys_platform == "emscripten"',
        'pywin32; sys_platform == "win32"',
        'pytest>=8; extra == "test"',
        "jupyterlab_widgets~=3.0.15",  # JupyterLab's side: the site carries it
    )
    depends = build_lite.wheel_entry(wheel, "3.12.7")["depends"]
    assert depends == ["numpy", "python-dateutil", "tzdata"]


def test_a_requirement_the_site_does_not_ship_stops_the_build(tmp_path, capsys) -> None:
    wheel = _wheel(tmp_path / "demo-1.0-py3-none-any.whl", "requests>=2")
    lock = {"info": {"version": "0.27.7", "python": "3.12.7"}, "packages": {}}
    with pytest.raises(build_lite.BuildError):
        build_lite.trimmed_lock(lock, [], [wheel], {wheel: wheel})
    assert "demo depends on ['requests'], which is not shipped" in capsys.readouterr().err


def test_the_kernel_finds_its_packages_preloaded() -> None:
    # JupyterLite's kernel installs each of its own packages again unless the preload list
    # names it exactly as it does ("pyodide_kernel"), which costs a start-up step.
    config = build_lite.lite_config(["comm", "ipython", "pyodide-kernel", "ssl"])
    settings = config["jupyter-config-data"]["litePluginSettings"][build_lite.KERNEL_PLUGIN]
    preload = settings["loadPyodideOptions"]["packages"]
    assert preload == ["comm", "ipython", "pyodide_kernel", "ssl"]
