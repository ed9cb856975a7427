"""Build the in-browser copy of the exercises (JupyterLite + Pyodide) into ``_build/html/lite/``.

Everything comes from package registries or from files kept with the project, and each
WebAssembly file is verified before use:

* the Pyodide runtime: the npm package ``pyodide@VERSION`` (its tarball checked against the
  npm integrity recorded in ``lite/pyodide-packages.json``); its ``pyodide-lock.json`` is the
  official list of package sha256 sums;
* the official Pyodide wheels kept in ``lite/pyodide-packages/``: each one's sha256 must equal
  the official lock's (and the manifest's); see ``scripts/refresh_pyodide_packages.py``;
* wheels from PyPI (pandas for WebAssembly, Altair, ipywidgets, ...): ``lite/requirements.txt``,
  downloaded by pip with ``--require-hashes``;
* the toolkit: built from this checkout.

Then every Python file is compiled to bytecode by Pyodide itself, under Node
(``scripts/lite_compile.py``): the participant's browser no longer compiles pandas, Altair and
IPython at each start. The lock the site ships gives the sha256 of the compiled files, which the
sources were verified against the official ones before compiling; compiled files are cached in
``_build/.lite-cache/compiled`` by the source's and the compiler's sha256.

The kernel is told to load Pyodide from the site itself, never to look on PyPI, and to load every
package at start from a trimmed ``pyodide-lock.json`` that lists only the files shipped, so the
exercises run with no network once the site is loaded.

Usage: ``python scripts/build_lite.py [--out _build/html/lite]`` (``make book`` runs it).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LITE = ROOT / "lite"
MANIFEST = LITE / "pyodide-packages.json"
VENDORED = LITE / "pyodide-packages"
REQUIREMENTS = LITE / "requirements.txt"
CACHE = ROOT / "_build" / ".lite-cache"
SOURCE = ROOT / "_build" / ".lite-src"
DEFAULT_OUT = ROOT / "_build" / "html" / "lite"
EXERCISES = ROOT / "exercises"

#: Files of the npm package that make the runtime.
CORE_FILES = [
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "package.json",
]
COMPILER = [ROOT / "scripts" / "lite_compile.py", ROOT / "scripts" / "lite_compile.js"]
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
PLATFORM = "pyemscripten_2024_0_wasm32"


class BuildError(SystemExit):
    """A failed check: one readable line, exit status 2."""

    def __init__(self, message: str) -> None:
        print(f"build_lite: {message}", file=sys.stderr)
        super().__init__(2)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(args: list[str], **kwargs) -> None:
    subprocess.run(args, check=True, **kwargs)


# --- the runtime ----------------------------------------------------------------------------


def pyodide_runtime(manifest: dict) -> tuple[Path, dict]:
    """Unpacked ``pyodide@VERSION`` (npm) and its official lock, the tarball verified."""
    version = manifest["pyodide"]["version"]
    integrity = manifest["pyodide"]["integrity"]
    tarball = CACHE / f"pyodide-{version}.tgz"
    if not tarball.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        run(
            ["npm", "pack", f"pyodide@{version}", "--silent", "--pack-destination", str(CACHE)],
            cwd=CACHE,
            stdout=subprocess.DEVNULL,
        )
    algorithm, _, expected = integrity.partition("-")
    got = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if got != expected:
        tarball.unlink()
        raise BuildError(f"{tarball.name}: {algorithm} {got} is not the npm integrity {expected}")
    unpacked = CACHE / f"pyodide-{version}"
    if not unpacked.exists():
        with tarfile.open(tarball) as tar:
            tar.extractall(unpacked, filter="data")
    package = unpacked / "package"
    lock = json.loads((package / "pyodide-lock.json").read_text(encoding="utf-8"))
    if lock["info"]["version"] != version:
        raise BuildError(f"pyodide-lock.json is for {lock['info']['version']}, not {version}")
    return package, lock


def verified_vendored(manifest: dict, lock: dict) -> list[dict]:
    """The files in ``lite/pyodide-packages/``, each checked against the official lock."""
    official = lock["packages"]
    files = []
    for entry in manifest["files"]:
        path = VENDORED / entry["file_name"]
        if not path.exists():
            raise BuildError(f"{path.relative_to(ROOT)} is missing (run refresh_pyodide_packages)")
        digest = sha256(path)
        if digest != entry["sha256"]:
            raise BuildError(f"{path.name}: sha256 {digest} differs from the manifest")
        if entry["source"] == "official":
            listed = official.get(entry["name"])
            if listed is None or listed["file_name"] != path.name or listed["sha256"] != digest:
                raise BuildError(f"{path.name}: not the file the official pyodide-lock.json lists")
        files.append({**entry, "path": path})
    return files


# --- wheels from PyPI and the toolkit ------------------------------------------------------


def pypi_wheels() -> list[Path]:
    target = CACHE / "pypi"
    target.mkdir(parents=True, exist_ok=True)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--python-version",
            "3.12",
            "--implementation",
            "cp",
            "--abi",
            "cp312",
            "--platform",
            PLATFORM,
            "-d",
            str(target),
            "-r",
            str(REQUIREMENTS),
        ]
    )
    wanted = {
        line.split("==")[0].lower().replace("_", "-")
        for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    wheels = [w for w in sorted(target.glob("*.whl")) if dist_name(w) in wanted]
    if {dist_name(w) for w in wheels} != wanted:
        raise BuildError(f"missing wheels: {sorted(wanted - {dist_name(w) for w in wheels})}")
    return wheels


def toolkit_wheel() -> Path:
    target = CACHE / "toolkit"
    if target.exists():
        shutil.rmtree(target)
    leftover = ROOT / "build"  # setuptools builds in the tree: leave no trace of it
    existed = leftover.exists()
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "-w",
            str(target),
            str(ROOT),
        ]
    )
    if not existed and leftover.exists():
        shutil.rmtree(leftover)
    (wheel,) = target.glob("*.whl")
    return wheel


def kernel_wheels() -> list[Path]:
    """The kernel's own wheels (piplite, ipykernel shim, ...) from jupyterlite-pyodide-kernel."""
    import jupyterlite_pyodide_kernel  # noqa: F401  (it must be installed)

    share = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    pypi = share / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
    names = ("piplite-", "pyodide_kernel-", "ipykernel-", "widgetsnbextension-4")
    wheels = [w for w in sorted(pypi.glob("*.whl")) if w.name.startswith(names)]
    if len(wheels) != len(names):
        raise BuildError(f"the kernel's wheels are not all in {pypi}")
    return wheels


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def dist_name(wheel: Path) -> str:
    return canonical(wheel.name.split("-")[0])


def pyodide_markers(python: str) -> dict[str, str]:
    """The environment a requirement's marker is evaluated in: Pyodide's ``python`` on wasm32."""
    return {
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "os_name": "posix",
        "platform_machine": "wasm32",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "python_version": python.rsplit(".", 1)[0],
        "python_full_version": python,
        "extra": "",
    }


#: Requirements that are JupyterLab's side of a package: the site's JupyterLab carries them.
FRONTEND_ONLY = {"jupyterlab-widgets"}


def requirements(meta, python: str) -> list[str]:
    """The names a wheel's ``Requires-Dist`` asks for in Pyodide's ``python`` (no extras, no
    front end)."""
    from packaging.requirements import Requirement

    markers = pyodide_markers(python)
    names = set()
    for line in meta.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(markers):
            names.add(canonical(requirement.name))
    return sorted(names - FRONTEND_ONLY)


def wheel_entry(wheel: Path, python: str) -> dict:
    """A pyodide-lock.json entry for a wheel: name, version, imports, sha256, and dependencies
    as Pyodide's ``python`` (the lock's ``info.python``) sees them."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = HeaderParser().parsestr(archive.read(meta_name).decode("utf-8"))
        top = next((n for n in names if n.endswith(".dist-info/top_level.txt")), None)
        if top:
            imports = archive.read(top).decode().split()
        else:
            imports = sorted(
                {
                    n.split("/")[0].removesuffix(".py")
                    for n in names
                    if "/" in n and ".dist-info/" not in n and not n.startswith(".")
                }
                | {n.removesuffix(".py") for n in names if "/" not in n and n.endswith(".py")}
            )
    return {
        "name": dist_name(wheel),
        "version": meta["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": [i for i in imports if not i.endswith(".data")],
        "depends": requirements(meta, python),
        "unvendored_tests": False,
        "shared_library": False,
    }


# --- compiling to bytecode ------------------------------------------------------------------


def compiled(core: Path, sources: list[tuple[Path, str, bool]]) -> dict[Path, Path]:
    """Each ``(file, kind, keep_source)``'s compiled copy, made by Pyodide under Node."""
    salt = hashlib.sha256(core.joinpath("package.json").read_bytes())
    for script in COMPILER:
        salt.update(script.read_bytes())
    shipped: dict[Path, Path] = {}
    jobs, pending = [], []
    for source, kind, keep_source in sources:
        key = hashlib.sha256(salt.digest() + sha256(source).encode()).hexdigest()[:32]
        target = CACHE / "compiled" / key / source.name
        shipped[source] = target
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")  # renamed once complete
            jobs.append(
                {"kind": kind, "src": str(source), "dst": str(part), "keep_source": keep_source}
            )
            pending.append((part, target))
    if jobs:
        node = shutil.which("node")
        if node is None:
            raise BuildError("Node.js (node) is needed to compile the in-browser copy")
        listing = CACHE / "compile-jobs.json"
        listing.write_text(json.dumps(jobs), encoding="utf-8")
        run([node, str(COMPILER[1]), str(core), str(listing)])
        for part, target in pending:
            part.rename(target)
    return shipped


# --- assembling the site ---------------------------------------------------------------------


def trimmed_lock(
    lock: dict, vendored: list[dict], wheels: list[Path], shipped: dict[Path, Path]
) -> dict:
    """The lock the site ships: the files it holds, each with the sha256 of the shipped copy.

    Each wheel not built by Pyodide lists what its metadata requires in Pyodide, so loading
    one package loads what it needs (the official entries already do).
    """
    python = lock["info"]["python"]
    packages = {}
    for entry in vendored:
        if entry["source"] == "official":
            item = dict(lock["packages"][entry["name"]])
        else:
            item = wheel_entry(entry["path"], python)
        packages[entry["name"]] = item
        item["sha256"] = sha256(shipped.get(entry["path"], entry["path"]))
    for wheel in wheels:
        item = wheel_entry(wheel, python)
        item["sha256"] = sha256(shipped[wheel])
        packages[item["name"]] = item
    for name, item in packages.items():
        missing = {canonical(d) for d in item["depends"]} - {canonical(p) for p in packages}
        if missing:
            raise BuildError(f"{name} depends on {sorted(missing)}, which is not shipped")
    return {"info": lock["info"], "packages": dict(sorted(packages.items()))}


#: The kernel installs its own packages again unless the preload list spells them as it does.
KERNEL_SPELLING = {"pyodide-kernel": "pyodide_kernel"}


def lite_config(packages: list[str]) -> dict:
    packages = [KERNEL_SPELLING.get(name, name) for name in packages]
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Collaborative Partnerships exercises",
            # JupyterLite's service worker keeps every file it served (the runtime, the
            # packages) in the browser's cache storage: a second open needs no download.
            "enableServiceWorkerCache": True,
            "litePluginSettings": {
                KERNEL_PLUGIN: {
                    "pyodideUrl": "./static/pyodide/pyodide.js",
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": packages},
                }
            },
        },
    }


def build(out: Path) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    core, lock = pyodide_runtime(manifest)
    vendored = verified_vendored(manifest, lock)
    toolkit = toolkit_wheel()
    wheels = [*pypi_wheels(), *kernel_wheels(), toolkit]
    sources = [(core / "python_stdlib.zip", "stdlib", False)]
    sources += [(e["path"], "wheel", False) for e in vendored if e["path"].suffix == ".whl"]
    sources += [(wheel, "wheel", wheel == toolkit) for wheel in wheels]
    shipped = compiled(core, sources)
    trimmed = trimmed_lock(lock, vendored, wheels, shipped)

    if SOURCE.exists():
        shutil.rmtree(SOURCE)
    files = SOURCE / "files"
    files.mkdir(parents=True)
    for notebook in sorted(EXERCISES.glob("*.ipynb")):
        shutil.copy2(notebook, files / notebook.name)
    preload = sorted(trimmed["packages"])
    (SOURCE / "jupyter-lite.json").write_text(
        json.dumps(lite_config(preload), indent=2) + "\n", encoding="utf-8"
    )
    if out.exists():
        shutil.rmtree(out)
    # A stale doit database silently drops the settings above: never reuse one.
    for stale in (SOURCE / ".jupyterlite.doit.db", ROOT / ".jupyterlite.doit.db"):
        stale.unlink(missing_ok=True)
    run(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lite",
            "build",
            "--lite-dir",
            str(SOURCE),
            "--contents",
            str(files),
            "--output-dir",
            str(out),
            "--no-sourcemaps",
            "--no-unused-shared-packages",
            "--log-level",
            "WARN",
        ],
        cwd=SOURCE,
    )

    static = out / "static" / "pyodide"
    static.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        shutil.copy2(shipped.get(core / name, core / name), static / name)
    for entry in vendored:
        shutil.copy2(shipped.get(entry["path"], entry["path"]), static / entry["file_name"])
    for wheel in wheels:
        shutil.copy2(shipped[wheel], static / wheel.name)
    (static / "pyodide-lock.json").write_text(json.dumps(trimmed), encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"JupyterLite: {len(preload)} packages, {size / 1e6:.1f} MB in {os.path.relpath(out)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the in-browser exercises (JupyterLite).")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    try:
        build(args.out.resolve())
    except subprocess.CalledProcessError as error:
        command = " ".join(error.cmd[:4])
        raise BuildError(f"command failed ({error.returncode}): {command} ...") from None
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
