"""Charts a phone can read: on a phone (375 px) and on a desktop (1280 px), every chart on
every page has its text at 10 px or more as rendered, stays inside its box, and has no label
cut (shortened with an ellipsis or clipped at the edge of the drawing) or run over another."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SITE

MEASURE = (Path(__file__).with_name("chart_text.js")).read_text(encoding="utf-8")
CHART_PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in SITE.rglob("*.html")
    if not p.relative_to(SITE).parts[0].startswith(("_", "lite"))
    and "toolkit-vega-spec" in p.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("page_path", CHART_PAGES)
def test_charts_are_legible(page_path: str, width: int, site: str, browser) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 740}, has_touch=width < 992, service_workers="block"
    )
    page = context.new_page()
    try:
        page.goto(site + page_path, wait_until="load")
        page.wait_for_function(
            "document.querySelectorAll('.toolkit-vega:not([data-drawn=\"yes\"])').length === 0",
            timeout=30_000,
        )
        charts = page.evaluate(MEASURE)
    finally:
        context.close()
    assert charts
    for number, chart in enumerate(charts):
        where = f"{page_path} chart {number + 1} at {width} px: {chart}"
        assert chart["smallest"] >= 10, where
        assert chart["overflow"] <= 0, where
        assert chart["overlaps"] == 0 and chart["cut"] == 0, where


def test_tapping_a_chart_shows_its_tooltip(site: str, browser) -> None:
    """The prose says "tap or hover": a tap on a mark shows the same tooltip as hovering."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        has_touch=True,
        is_mobile=True,
        service_workers="block",
    )
    page = context.new_page()
    try:
        page.goto(site + "book/what-is-a-partnership.html", wait_until="load")
        page.wait_for_selector(".toolkit-vega[data-drawn='yes']", timeout=30_000)
        mark = page.locator(".toolkit-vega svg.marks g.mark-rect path").first
        mark.scroll_into_view_if_needed()
        mark.tap()
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert "Level" in tooltip.inner_text()
    finally:
        context.close()
