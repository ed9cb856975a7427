"""The built site, page by page, in headless Chromium with no network but 127.0.0.1.

For every HTML page of ``_build/html``:

* nothing (script, style sheet, image, font, frame, fetch) is requested from another host;
* no request fails (a missing vendored file would show here);
* every Vega-Lite chart on the page has drawn: one ``svg.marks`` (or ``canvas.marks``)
  per chart spec, and no chart shows its error note;
* no script error is raised;
* no dead widget: no widget view is embedded, and exercise pages say how to launch them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, SITE

PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in SITE.rglob("*.html")
    # lite/ is the in-browser JupyterLite copy of the exercises: tests/browser/test_lite.py
    if not p.relative_to(SITE).parts[0].startswith("_") and p.relative_to(SITE).parts[0] != "lite"
)


def test_site_has_pages() -> None:
    assert "index.html" in PAGES
    assert "book/what-is-a-partnership.html" in PAGES
    assert len(PAGES) >= 5


@pytest.mark.parametrize("page_path", PAGES)
def test_page_works_offline(page_path: str, site: str, offline_page) -> None:
    page, log = offline_page
    response = page.goto(site + page_path, wait_until="load")
    assert response is not None and response.ok, f"{page_path}: HTTP {response and response.status}"
    specs = page.locator("script.toolkit-vega-spec").count()
    if specs:
        page.wait_for_function(
            """n => document.querySelectorAll('.toolkit-vega[data-drawn="yes"],'
                 + ' .toolkit-vega[data-drawn="error"]').length >= n""",
            arg=specs,
            timeout=20_000,
        )
    page.wait_for_load_state("networkidle")
    assert log.external == [], f"{page_path} asked other hosts for: {log.external}"
    assert log.failed == [], f"{page_path} had failed requests: {log.failed}"
    drawn = page.locator(".toolkit-vega svg.marks, .toolkit-vega canvas.marks").count()
    assert drawn == specs, f"{page_path}: {drawn} of {specs} charts drawn"
    assert page.locator(".toolkit-vega-error").count() == 0
    assert log.console_errors == [], f"{page_path}: script errors {log.console_errors}"
    assert page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count() == 0
    assert page.locator(".jupyter-widgets, .widget-area").count() == 0


def test_chart_has_accessible_label(site: str, offline_page) -> None:
    page, _ = offline_page
    page.goto(site + "book/what-is-a-partnership.html", wait_until="load")
    page.wait_for_selector(".toolkit-vega svg.marks", timeout=20_000)
    # vega-embed puts the spec's description on the chart's graphics-document wrapper.
    wrapper = page.locator('.toolkit-vega [role="graphics-document"]').first
    assert "Himmelman's continuum" in (wrapper.get_attribute("aria-label") or "")


def test_exercise_page_says_how_to_launch(site: str, offline_page) -> None:
    """Launch links to the repository the build found (toolkit/launch.py), or none at all
    and a note on running the exercise locally; never a placeholder; Colab only on
    notebooks."""
    import yaml

    from toolkit.launch import repository_url

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo = repository_url(ROOT, (config.get("repository") or {}).get("url"))
    hub = (config.get("launch_buttons") or {}).get("jupyterhub_url")
    page, _ = offline_page
    page.goto(site + "exercises/01-continuum.html", wait_until="load")
    note = page.locator(".toolkit-kernel-note")
    assert note.count() == 1
    assert note.is_visible() and "live Python kernel" in note.inner_text()
    # The "run this cell" note is for Jupyter only: hidden on the static site.
    run_note = page.locator(".toolkit-run-note")
    assert run_note.count() == 1 and not run_note.is_visible()
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert not any("example.org" in h or "your-org" in h for h in hrefs), hrefs
    binder = [h for h in hrefs if "mybinder.org/v2/gh/" in h]
    colab = [h for h in hrefs if "colab.research.google.com/github/" in h]
    hubs = [h for h in hrefs if "git-pull?repo=" in h]
    if repo:
        slug = repo.removeprefix("https://github.com/")
        assert binder and all(f"/v2/gh/{slug}/" in h for h in binder), binder
        assert colab and all(f"/github/{slug}/blob/" in h for h in colab), colab
        assert bool(hubs) == bool(hub), hubs
    else:
        assert binder == colab == hubs == [], "no launch link without a known repository"
        assert "Run this exercise" in page.locator(".toolkit-run-locally").inner_text()
    page.goto(site + "book/what-is-a-partnership.html", wait_until="load")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert not any("colab.research.google.com" in h for h in hrefs), "Colab only on notebooks"


def test_no_page_refers_to_a_cdn() -> None:
    """Belt and braces for pages the browser test did not draw: no CDN in any tag's src/href."""
    import re

    pattern = re.compile(
        r'<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)="(https?:)?//'
    )
    offenders = [
        str(p.relative_to(SITE))
        for p in SITE.rglob("*.html")
        if pattern.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_vendored_files_are_in_the_site() -> None:
    for name in ("vega-bundle.js", "toolkit-charts.js", "mathjax/tex-svg.js"):
        assert (Path(SITE) / "_static" / name).is_file(), name
