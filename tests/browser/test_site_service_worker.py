"""Readable offline after one visit: the service worker precaches the whole site, a new
build replaces the old copy (never a stale page), and file:// works without it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from toolkit.book_offline import SERVICE_WORKER, precache_files, write_service_worker

from .conftest import SITE, serve

PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in SITE.rglob("*.html")
    if not p.relative_to(SITE).parts[0].startswith(("_", "lite"))
)


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[tuple[Path, str, object]]:
    """A copy of the built site (so a test may rebuild it), served on 127.0.0.1."""
    copy = tmp_path / "html"
    shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns("lite"))
    url, server = serve(copy)
    yield copy, url, server
    server.shutdown()


def wait_until_precached(page, files: int) -> str:  # type: ignore[no-untyped-def]
    """Wait for the service worker to control the page with the whole site cached."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
    return page.evaluate(
        """async files => {
            for (let i = 0; i < 600; i++) {
                const names = (await caches.keys()).filter(k => k.startsWith('toolkit-site-'));
                if (names.length === 1) {
                    const cache = await caches.open(names[0]);
                    if ((await cache.keys()).length >= files) { return names[0]; }
                }
                await new Promise(r => setTimeout(r, 100));
            }
            return 'timed out: ' + (await caches.keys()).join(', ');
        }""",
        files,
    )


def test_the_build_writes_a_versioned_manifest_without_lite() -> None:
    worker = (SITE / SERVICE_WORKER).read_text(encoding="utf-8")
    files = precache_files(SITE)
    assert "index.html" in files and "book/stakeholders.html" in files
    assert not any(f.startswith(("lite/", "_sources/")) for f in files)
    assert all(f'"{f}"' in worker for f in files)
    assert "toolkit-vega" not in worker  # the list of files, not their contents


def test_every_page_opens_offline_after_one_visit(site_copy, browser) -> None:
    root, url, server = site_copy
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url + "index.html", wait_until="load")
        assert wait_until_precached(page, len(precache_files(root))).startswith("toolkit-site-")
        server.shutdown()  # the network is gone for real, not only emulated
        context.set_offline(True)
        for rel in PAGES:
            response = page.goto(url + rel, wait_until="load")
            assert response is not None and response.ok, rel
            if rel == "index.html":  # redirects to the welcome page
                page.wait_for_url("**/book/welcome.html")
            assert page.locator("article, main").count() >= 1, rel
            if page.locator("script.toolkit-vega-spec").count():
                page.wait_for_selector(".toolkit-vega[data-drawn='yes']", timeout=20_000)
            if page.locator("form.toolkit-selfcheck").count():
                form = page.locator("form.toolkit-selfcheck").first
                form.locator("input").first.check()
                form.get_by_role("button", name="Check my answer").click()
                assert form.locator(".toolkit-selfcheck-verdict").inner_text() != "", rel
        # A page's address without index.html works too.
        assert page.goto(url, wait_until="load").ok
    finally:
        context.close()
    assert errors == []


def test_a_new_build_replaces_the_old_copy(site_copy, browser) -> None:
    root, url, _ = site_copy
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url + "book/glossary.html", wait_until="load")
        first = wait_until_precached(page, len(precache_files(root)))
        # A new build: one page changes, and so does the service worker's version.
        glossary = root / "book" / "glossary.html"
        glossary.write_text(
            glossary.read_text(encoding="utf-8").replace(
                "</article>", '<p id="new-build">Added by the new build.</p></article>', 1
            ),
            encoding="utf-8",
        )
        version, _ = write_service_worker(root)
        assert version not in first
        # The next visit with a network gets the new page at once, not the cached one.
        page.goto(url + "book/glossary.html", wait_until="load")
        assert page.locator("#new-build").count() == 1
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        only = page.evaluate(
            """async v => {
                for (let i = 0; i < 600; i++) {
                    const ours = (await caches.keys()).filter(k => k.startsWith('toolkit-site-'));
                    if (ours.length === 1 && ours[0] === 'toolkit-site-' + v) { return ours; }
                    await new Promise(r => setTimeout(r, 100));
                }
                return await caches.keys();
            }""",
            version,
        )
        assert only == [f"toolkit-site-{version}"], "the old copy is deleted"
        cached = page.evaluate(
            """v => caches.open('toolkit-site-' + v)
                .then(c => c.match(new URL('glossary.html', location.href).href))
                .then(r => r ? r.text() : 'none')""",
            version,
        )
        assert 'id="new-build"' in cached, "the new copy holds the new page"
        context.set_offline(True)
        page.goto(url + "book/glossary.html", wait_until="load")
        assert page.locator("#new-build").count() == 1, "offline shows the new build"
    finally:
        context.close()


def test_lite_is_neither_precached_nor_intercepted(site_copy, browser) -> None:
    root, url, _ = site_copy
    lite = root / "lite"
    lite.mkdir()
    (lite / "index.html").write_text("<title>lite</title><p>JupyterLite</p>", encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(url + "index.html", wait_until="load")
        wait_until_precached(page, len(precache_files(SITE)))
        assert "lite/index.html" not in precache_files(root)
        assert page.goto(url + "book/glossary.html").from_service_worker
        response = page.goto(url + "lite/index.html")
        assert response.ok and not response.from_service_worker
    finally:
        context.close()


def test_from_a_usb_stick_nothing_is_registered(offline_page) -> None:
    page, log = offline_page
    page.goto((SITE / "book" / "stakeholders.html").as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    assert (
        page.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
    )
    assert log.console_errors == [] and log.failed == []
