"""End to end in a real JupyterLab: answer, restart the kernel, run again, find the answer kept.

Starts ``jupyter lab`` (from the project's virtualenv) on 127.0.0.1, on a free
port, with a random token, in a temporary copy of the exercises; opens
exercise 1 in headless Chromium; runs all cells; chooses an answer and sees
the feedback change; checks the answers file beside the notebook; restarts the
kernel, runs all cells again, and sees the answer restored. The browser may
reach nothing but 127.0.0.1. The server is shut down cleanly (then killed if it
does not stop).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = Path(sys.executable).parent / "jupyter"
NOTEBOOK = "01-continuum.ipynb"
START_TIMEOUT = 120  # seconds for the server to answer
CELL_TIMEOUT = 180_000  # milliseconds for a run of all cells to show the widgets


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    if not JUPYTER.exists():
        pytest.fail(f"{JUPYTER} is missing: install requirements.txt into the virtualenv")
    work = tmp_path_factory.mktemp("lab")
    notebooks = work / "exercises"
    shutil.copytree(ROOT / "exercises", notebooks, ignore=shutil.ignore_patterns("*.answers.*"))
    home = work / "home"
    home.mkdir()
    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k != "TOOLKIT_ANSWERS_DIR"}
    env |= {
        "HOME": str(home),  # no user settings or workspaces leak in
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    log = (work / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            str(JUPYTER),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={notebooks}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",
            *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        ],
        cwd=notebooks,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited: {(work / 'lab.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not start: {(work / 'lab.log').read_text()[-2000:]}")
            time.sleep(0.5)
        yield {"base": base, "token": token, "folder": notebooks, "log": work / "lab.log"}
    finally:
        try:
            request = urllib.request.Request(
                f"{base}/api/shutdown?token={token}", method="POST", data=b""
            )
            urllib.request.urlopen(request, timeout=10).close()
        except OSError:
            pass
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        log.close()


def _run_all(page: object) -> None:
    page.evaluate(  # type: ignore[attr-defined]
        "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
    )


def test_answer_survives_a_kernel_restart(lab: dict[str, object], browser: object) -> None:
    base, token, folder = lab["base"], lab["token"], Path(lab["folder"])  # type: ignore[arg-type]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    external: list[str] = []

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1":
            r.continue_()  # type: ignore[attr-defined]
        else:
            external.append(url)
            r.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}", wait_until="load", timeout=120_000)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
            " === 'idle'",
            timeout=CELL_TIMEOUT,
        )
        _run_all(page)
        group = page.locator(".widget-radio").filter(has_text="Case 3 level:")
        group.wait_for(timeout=CELL_TIMEOUT)
        case = group.locator("xpath=..")
        feedback = case.locator(".toolkit-feedback")
        assert "Choose a level for this case." in feedback.inner_text()

        group.get_by_label("Cooperating").check()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.toolkit-feedback')]"
            ".some(e => e.textContent.includes('Correct: cooperating'))",
            timeout=60_000,
        )
        assert "Correct: cooperating" in feedback.inner_text()
        status = page.locator(".toolkit-autosave .toolkit-status")
        status.filter(has_text="Saved your answers").wait_for(timeout=60_000)
        saved = json.loads((folder / "01-continuum.answers.json").read_text(encoding="utf-8"))
        assert saved["answers"]["case:mental-health"] == "cooperating"
        link = page.locator(".toolkit-autosave a.toolkit-download")
        assert link.get_attribute("href").startswith("data:application/json;base64,")
        assert link.get_attribute("download") == "01-continuum.answers.json"

        # Restart the kernel (as Kernel > Restart does, without the dialog) and run again.
        page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.restart()"
        )
        page.wait_for_function(
            "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
            " === 'idle'",
            timeout=CELL_TIMEOUT,
        )
        _run_all(page)
        page.locator(".toolkit-autosave .toolkit-status").filter(
            has_text="Restored your saved answers"
        ).wait_for(timeout=CELL_TIMEOUT)
        group = page.locator(".widget-radio").filter(has_text="Case 3 level:")
        assert group.count() == 1, "the old widget views must be gone"
        assert group.get_by_label("Cooperating").is_checked()
        assert "Correct: cooperating" in (
            group.locator("xpath=..").locator(".toolkit-feedback").inner_text()
        )
        assert external == [] or all("127.0.0.1" not in u for u in external)
        assert errors == [], errors
    finally:
        context.close()
