"""Time and weigh an exercise opened in the browser (JupyterLite + Pyodide), served locally.

Serves the built site (``_build/html``) on 127.0.0.1, opens an exercise's notebook in headless
Chromium (no network but 127.0.0.1) as a participant does: the page opens, *Run All Cells* is
chosen as soon as the notebook shows, and the clock stops when the first widget is on screen.
Then the same browser opens it again (a second open: the runtime comes from the browser's
caches). Prints, for each open: seconds to the notebook, to the kernel being idle and to the
first widget, and the requests and megabytes transferred. Also prints the size of the
JupyterLite copy and the megabytes of a cold open compressed as a static host serves them
(gzip for text, JavaScript, JSON and WebAssembly; wheels and zips as they are).

Usage: ``python benchmarks/lite.py [--exercise 01-continuum] [--site _build/html] [--floor]
[--repeat N]``. With ``--repeat``, each figure is the median of N fresh browsers (the spread
from run to run on 2 cores is a few seconds), with the range beside it.
Budgets (issue 15, 2 cores, cold, served locally): first widget <= 15 s; second open <= 6 s.

``--floor`` also measures the stack with none of the course in it, in a temporary copy of the
JupyterLite build: the same JupyterLab, Pyodide and kernel, the kernel loading only its own
packages and ipywidgets (the closure of their dependencies in the shipped lock), and a notebook
whose one cell shows an ``IntSlider``. That is the least any exercise can take on this machine;
the ratios printed say how much of the start is the course's own (toolkit, pandas, Altair).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    run_all_in_jupyterlite,
    serve,
)

#: What the kernel loads whatever the notebook (JupyterLite's own list) plus the widget library.
STACK_PACKAGES = (
    "ssl", "sqlite3", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython",
    "micropip", "piplite", "ipywidgets", "widgetsnbextension",
)  # fmt: skip
FLOOR_NOTEBOOK = "floor.ipynb"
#: What the floor notebook runs before importing an extra package, as the course does: the
#: toolkit points dateutil at tzdata in the browser (toolkit/browser.py), or pandas' import
#: alone parses every time zone, which the exercises never pay for.
FLOOR_PRELUDE = {
    "pandas": [
        "import os, tzdata\n",
        "from dateutil.tz import tz\n",
        "tz.TZPATHS.insert(0, os.path.join(os.path.dirname(tzdata.__file__), 'zoneinfo'))\n",
    ],
}
COMPRESSED_AS_IS = (".whl", ".zip", ".png", ".ico", ".woff", ".woff2", ".gz")
BUDGET_COLD, BUDGET_WARM = 15.0, 6.0


def static_host_bytes(site: Path, paths: set[str]) -> tuple[int, int]:
    """Raw and gzip-compressed bytes of the files behind ``paths`` (as a static host sends them)."""
    raw = packed = 0
    for path in paths:
        file = site / unquote(path).lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        raw += len(data)
        packed += len(data) if file.suffix in COMPRESSED_AS_IS else len(gzip.compress(data, 6))
    return raw, packed


def stack_closure(lock: dict, extra: tuple[str, ...] = ()) -> list[str]:
    """The lock's names of :data:`STACK_PACKAGES`, ``extra`` and everything they depend on."""
    from scripts.build_lite import KERNEL_SPELLING, canonical

    by_name = {canonical(name): name for name in lock["packages"]}
    todo, seen = [canonical(n) for n in STACK_PACKAGES + extra], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in by_name:
            raise SystemExit(f"the shipped lock has no package {name!r}")
        seen.add(name)
        todo.extend(canonical(d) for d in lock["packages"][by_name[name]]["depends"])
    return sorted(KERNEL_SPELLING.get(by_name[n], by_name[n]) for n in seen)


def floor_site(site: Path, into: Path, extra: tuple[str, ...] = ()) -> Path:
    """A copy of ``site``'s JupyterLite build that preloads only the stack and ``extra``.

    Its notebook imports ``extra`` (after :data:`FLOOR_PRELUDE`) and shows an ``IntSlider``
    (see ``--floor``).
    """
    from scripts.build_lite import KERNEL_PLUGIN

    lite = into / "lite"
    shutil.copytree(site / "lite", lite)
    config_path = lite / "jupyter-lite.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    lock = json.loads((lite / "static" / "pyodide" / "pyodide-lock.json").read_text("utf-8"))
    kernel["loadPyodideOptions"]["packages"] = stack_closure(lock, extra)
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    notebook = {
        "cells": [
            {
                "cell_type": "code", "execution_count": None, "id": "floor", "metadata": {},
                "outputs": [],
                "source": [line for name in extra for line in FLOOR_PRELUDE.get(name, [])]
                + [f"import {name}\n" for name in extra]
                + ["import ipywidgets\n", "ipywidgets.IntSlider()"],
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python (Pyodide)", "language": "python",
                           "name": "python"}
        },
        "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    text = json.dumps(notebook)
    (lite / "files" / FLOOR_NOTEBOOK).write_text(text, encoding="utf-8")
    listing_path = lite / "api" / "contents" / "all.json"
    listing = json.loads(listing_path.read_text(encoding="utf-8"))
    entry = dict(next(e for e in listing["content"] if e["type"] == "notebook"))
    entry.update(name=FLOOR_NOTEBOOK, path=FLOOR_NOTEBOOK, size=len(text.encode()))
    listing["content"].append(entry)
    listing_path.write_text(json.dumps(listing), encoding="utf-8")
    return into


def open_once(context, url: str, label: str) -> tuple[float, set[str], int]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    transferred = {"bytes": 0, "requests": 0}

    def finished(event: dict) -> None:
        transferred["bytes"] += int(event.get("encodedDataLength", 0))
        transferred["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    paths: set[str] = set()
    page.on("request", lambda r: paths.add(urlparse(r.url).path))
    start = time.monotonic()
    page.goto(url, wait_until="load")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=600_000)
    shown = time.monotonic() - start
    # "Run All" before the kernel is ready is not queued in JupyterLite: wait for it, as a
    # participant waits for the kernel indicator (the in-browser tests do the same).
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').first.wait_for(
        timeout=600_000
    )
    ready = time.monotonic() - start
    run_all_in_jupyterlite(page, 600_000)
    page.locator(".jupyter-widgets").first.wait_for(timeout=600_000)
    widget = time.monotonic() - start
    page.wait_for_timeout(1000)  # let the last responses be counted
    print(
        f"{label}: notebook shown {shown:5.1f} s, kernel idle {ready:5.1f} s, "
        f"first widget {widget:5.1f} s; "
        f"{transferred['requests']} requests (in page and kernel), "
        f"{transferred['bytes'] / 1e6:.1f} MB over the wire"
    )
    page.close()
    return widget, paths, transferred["bytes"]


def measure(site: Path, notebook: str) -> tuple[float, float, set[str]]:
    """Open ``notebook`` twice in one fresh browser profile: (cold, second open, paths)."""
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    url = f"{base}lite/lab/index.html?path={notebook}"
    try:
        with sync_playwright() as pw, tempfile.TemporaryDirectory() as profile:
            context = pw.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                viewport={"width": 1280, "height": 900},
            )  # fmt: skip

            def route(r) -> None:
                host = urlparse(r.request.url).hostname
                if host in ("127.0.0.1", "localhost") or r.request.url.startswith(
                    ("data:", "blob:")
                ):
                    r.continue_()
                else:
                    print(f"blocked: {r.request.url}")
                    r.abort()

            context.route("**/*", route)
            cold, paths, _ = open_once(context, url, "cold open  ")
            warm, _, _ = open_once(context, url, "second open")
            context.close()
    finally:
        server.shutdown()
    return cold, warm, paths


def measured(site: Path, notebook: str, repeat: int) -> tuple[float, float, set[str]]:
    """:func:`measure` ``repeat`` times: the median cold and second-open times, and paths."""
    colds, warms, paths = [], [], set()
    for _ in range(repeat):
        cold, warm, paths = measure(site, notebook)
        colds.append(cold)
        warms.append(warm)
    if repeat > 1:
        print(
            f"  over {repeat} runs: cold {min(colds):.1f}-{max(colds):.1f} s, second open "
            f"{min(warms):.1f}-{max(warms):.1f} s (medians below)"
        )
    return statistics.median(colds), statistics.median(warms), paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercise", default="01-continuum")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument(
        "--floor", action="store_true",
        help="also measure the bare stack (no course code) in a temporary copy",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (median)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sys.stdout.reconfigure(line_buffering=True)  # each figure shows as soon as it is measured
    site = args.site.resolve()
    lite = site / "lite"
    if not (lite / "lab" / "index.html").exists():
        print(f"{lite} has no JupyterLite build: run `make book` first", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in lite.rglob("*") if p.is_file())
    whole = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(
        f"JupyterLite copy: {size / 1e6:.1f} MB ({whole / 1e6:.1f} MB the whole site)", flush=True
    )
    print(
        f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )
    cold, warm, paths = measured(site, f"{args.exercise}.ipynb", args.repeat)
    raw, packed = static_host_bytes(site, paths)
    print(
        f"cold open: {len(paths)} files, {raw / 1e6:.1f} MB, {packed / 1e6:.1f} MB compressed "
        "as a static host serves them (gzip)"
    )
    print(
        f"first widget: cold {cold:.1f} s (budget {BUDGET_COLD:.0f} s, ratio "
        f"{cold / BUDGET_COLD:.2f}); second open {warm:.1f} s (budget {BUDGET_WARM:.0f} s, "
        f"ratio {warm / BUDGET_WARM:.2f})"
    )
    if args.floor:
        for extra, what in (((), "the bare stack"), (("pandas",), "the bare stack + pandas")):
            with tempfile.TemporaryDirectory() as scratch:
                print(f"{what} (no course code: see --floor):")
                floor = floor_site(site, Path(scratch), extra)
                floor_cold, floor_warm, _ = measured(floor, FLOOR_NOTEBOOK, args.repeat)
            print(
                f"{what}: cold {floor_cold:.1f} s (budget ratio "
                f"{floor_cold / BUDGET_COLD:.2f}), second open {floor_warm:.1f} s (budget ratio "
                f"{floor_warm / BUDGET_WARM:.2f}); the exercise takes {cold / floor_cold:.2f} "
                f"and {warm / floor_warm:.2f} times that"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
