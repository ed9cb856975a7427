"""The heuristic explorer works in a browser with no kernel: sliders change the area."""

from __future__ import annotations

import pytest

from toolkit.classification.charts import heuristic_explorer
from toolkit.reports import Report, Section, render_html
from toolkit.reports.document import chart_block

pytestmark = pytest.mark.browser


def caption(page) -> str:
    texts = page.locator("svg text").all_text_contents()
    return next(t for t in texts if t.startswith("Area: "))


def move(page, name: str, value: float) -> None:
    page.evaluate(
        """([name, value]) => {
            const input = document.querySelector(`input[type=range][name=${name}]`);
            input.value = String(value);
            input.dispatchEvent(new Event("input", {bubbles: true}));
        }""",
        [name, value],
    )
    page.wait_for_timeout(200)


def test_sliders_move_the_point_between_areas(browser, tmp_path):
    chart = chart_block(heuristic_explorer(0.5, 0.5))
    page_html = render_html(Report("Explorer", [], [Section("explorer", "Explorer", [chart])]))
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content(page_html)
    page.wait_for_selector(".toolkit-vega[data-drawn=yes]", timeout=20000)
    assert caption(page) == "Area: constraining"
    move(page, "trust", 0.9)
    assert caption(page) == "Area: creating"
    move(page, "trust", 0.1)
    move(page, "voluntary", 0.2)
    assert caption(page) == "Area: complying"
    move(page, "voluntary", 0.47)
    assert caption(page).startswith("Area: complying (near a boundary")
    assert errors == []
    assert [u for u in requests if u.startswith("http")] == []
    context.close()
