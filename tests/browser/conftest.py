"""Fixtures for tests in real headless Chromium (Debian's, driven by Playwright).

* ``browser``: a Chromium that may reach nothing but 127.0.0.1.
* ``site``: the built course site (``_build/html``) served on 127.0.0.1.
* ``offline_page``: a new page whose requests to any other host are recorded
  and aborted, with failed requests and console errors recorded too.
* :func:`axe_violations`: audits a page with axe-core, the current release from npm
  (``package.json`` beside this file pins it; ``make test-deps`` installs it into
  ``tests/browser/node_modules``, and ``make update-axe`` moves the pin to the newest).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The built site to test; TOOLKIT_SITE points elsewhere (e.g. a build made with --path-output).
SITE = Path(os.environ.get("TOOLKIT_SITE", ROOT / "_build" / "html"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

HERE = Path(__file__).parent
AXE_PACKAGE = HERE / "node_modules" / "axe-core"
#: Every impact axe-core reports that the site must not have (all but "minor").
BLOCKING_IMPACTS = ("critical", "serious", "moderate")


def axe_version() -> str:
    """The axe-core version the tests audit with (the one package.json pins)."""
    wanted = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    pinned = wanted["dependencies"]["axe-core"]
    installed = AXE_PACKAGE / "package.json"
    if not installed.exists():
        pytest.fail(f"axe-core is not installed: run `make test-deps` (npm ci in {HERE})")
    version = json.loads(installed.read_text(encoding="utf-8"))["version"]
    if version != pinned:
        pytest.fail(
            f"axe-core {version} is installed but package.json pins {pinned}: run `make test-deps`"
        )
    return version


@functools.cache
def axe_source() -> str:
    axe_version()
    return (AXE_PACKAGE / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: object, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict]:
    """Run axe-core on ``page``; return its violations of the given impacts, summarised."""
    page.add_script_tag(content=axe_source())  # type: ignore[attr-defined]
    found = page.evaluate(  # type: ignore[attr-defined]
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                count: v.nodes.length,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in found if v["impact"] in impacts]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


#: Evidence that "Run All" reached a kernel: a cell waiting or running ([*]), a widget, an error.
RUN_STARTED_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]
    .some(e => e.textContent.includes('*'))
  || !!document.querySelector('.jp-Notebook .jupyter-widgets')
  || !!document.querySelector(
       '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')"""


def run_all_in_jupyterlite(page: object, timeout_ms: int) -> None:
    """Run > Run All Cells in JupyterLite once the toolbar says idle, again if it reached no kernel.

    JupyterLite starts the kernel after it shows the notebook, and its toolbar can say "idle"
    before the kernel exists; "Run All" chosen then is dropped, not queued (a participant sees
    nothing happen and chooses it again). A run that reached the kernel marks a cell [*] at
    once, so the menu is used again only when no cell is marked within 20 s.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator(  # type: ignore[attr-defined]
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]'
    ).first.wait_for(timeout=timeout_ms)
    waited = 0
    while True:
        page.get_by_role("menuitem", name="Run", exact=True).click()  # type: ignore[attr-defined]
        page.locator('li[data-command="runmenu:run-all"]').click()  # type: ignore[attr-defined]
        try:
            page.wait_for_function(RUN_STARTED_JS, timeout=20_000)  # type: ignore[attr-defined]
            return
        except PlaywrightTimeout:
            waited += 20_000
            if waited >= timeout_ms:
                raise


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 on a free port; return the base URL and server."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    if not (SITE / "index.html").exists():
        pytest.fail(f"{SITE} has no built site: run `make book` first")
    url, server = serve(SITE)
    yield url
    server.shutdown()


@dataclass
class NetworkLog:
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline_page(browser: object) -> Iterator[tuple[object, NetworkLog]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    log = NetworkLog()

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "file") or parsed.hostname in LOCAL_HOSTS:
            r.continue_()  # type: ignore[attr-defined]
        else:
            log.external.append(f"{r.request.resource_type} {url}")  # type: ignore[attr-defined]
            r.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfailed", lambda req: log.failed.append(f"{req.resource_type} {req.url}"))
    page.on(
        "response",
        lambda resp: resp.status >= 400 and log.failed.append(f"HTTP {resp.status} {resp.url}"),
    )
    page.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: log.console_errors.append(f"page error: {exc}"))
    yield page, log
    context.close()
