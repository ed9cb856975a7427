"""Self-check questions on a phone (375 x 740): set as questions, not as huge headings, and
feedback that reads naturally when several answers are right (never "Yes. Yes. Yes.")."""

from __future__ import annotations

import pytest

from .conftest import SITE

PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}
PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in (SITE / "book").glob("*.html")
    if 'class="toolkit-selfcheck"' in p.read_text(encoding="utf-8")
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, service_workers="block")
    yield context.new_page()
    context.close()


def test_there_are_self_checks_with_several_right_answers() -> None:
    assert len(PAGES) >= 8
    several = [p for p in PAGES if 'data-kind="checkbox"' in (SITE / p).read_text("utf-8")]
    assert len(several) >= 3, several


@pytest.mark.parametrize("page_path", PAGES)
def test_questions_are_set_as_questions_and_read_naturally(page_path: str, site: str, phone):
    page = phone
    page.goto(site + page_path, wait_until="load")
    body = float(
        page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    )
    forms = page.locator("form.toolkit-selfcheck")
    assert forms.count() >= 1
    for i in range(forms.count()):
        form = forms.nth(i)
        legend = form.locator("legend")
        size = float(legend.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        where = f"{page_path} {form.get_attribute('id')}"
        # A question, not a heading: no larger than 1.15 x the text, and no heading element.
        assert size <= body * 1.15, f"{where}: question at {size} px, text at {body} px"
        assert form.locator("h1, h2, h3, h4, h5, h6").count() == 0, where
        assert legend.bounding_box()["height"] <= 740 * 0.4, f"{where}: question fills the screen"
        kind = form.get_attribute("data-kind")
        hint = form.locator(".toolkit-selfcheck-hint").inner_text()
        if kind != "checkbox":
            assert hint == "Choose one answer.", where
            continue
        assert hint == "Choose every answer that applies.", where
        question = legend.inner_text().lower()
        assert " one of " not in f" {question} ", f"{where}: several ticks, worded 'one of'"
        # Tick every right answer: "Correct.", then each reason once, none saying "Yes" again.
        right = form.locator("input[data-correct='true']")
        assert right.count() >= 2, where
        for k in range(right.count()):
            right.nth(k).check()
        form.get_by_role("button", name="Check my answer").click()
        paragraphs = form.locator(".toolkit-selfcheck-feedback p").all_inner_texts()
        assert paragraphs[0] == "Correct.", f"{where}: {paragraphs}"
        reasons = paragraphs[1:]
        assert reasons and len(reasons) == len(set(reasons)), f"{where}: {paragraphs}"
        for reason in reasons:
            assert not reason.lower().startswith(("yes", "correct")), f"{where}: {paragraphs}"
