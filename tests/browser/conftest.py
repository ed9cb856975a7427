"""Fixtures for tests in real headless Chromium (Debian's, driven by Playwright).

* ``browser``: a Chromium that may reach nothing but 127.0.0.1.
* ``site``: the built course site (``_build/html``) served on 127.0.0.1.
* ``offline_page``: a new page whose requests to any other host are recorded
  and aborted, with failed requests and console errors recorded too.
"""

from __future__ import annotations

import functools
import http.server
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
