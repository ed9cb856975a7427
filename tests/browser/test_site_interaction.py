"""What a reader does on the static site, with no kernel and no network."""

from __future__ import annotations

import json

import pytest

from .conftest import SITE, axe_version, axe_violations

PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in SITE.rglob("*.html")
    # lite/ is the JupyterLite app (a third-party application, audited by tests/browser/test_lite.py
    # when it runs an exercise), not a page of the course.
    if not p.relative_to(SITE).parts[0].startswith("_")
    and p.relative_to(SITE).parts[0] != "lite"
    # index.html redirects at once to the first chapter (audited here under its own name): an
    # audit of it races the redirect, so test_landing_page_is_a_page_before_it_redirects holds
    # it on screen and audits it there.
    and p.relative_to(SITE).as_posix() != "index.html"
)


def test_self_check_gives_feedback(site: str, offline_page) -> None:
    page, log = offline_page
    page.goto(site + "book/what-is-a-partnership.html", wait_until="load")
    form = page.locator("form#sc-continuum-gap")
    assert form.count() == 1
    form.get_by_role("button", name="Check my answer").click()
    assert "Choose an answer first" in form.locator(".toolkit-selfcheck-feedback").inner_text()
    form.get_by_label("Cooperating").check()
    form.get_by_role("button", name="Check my answer").click()
    feedback = form.locator(".toolkit-selfcheck-feedback")
    assert feedback.inner_text().startswith("Not quite.")
    assert "Cooperating builds on coordinating" in feedback.inner_text()
    form.get_by_label("Networking").check()
    form.get_by_role("button", name="Check my answer").click()
    assert feedback.inner_text().startswith("Correct.")
    assert "cumulative" in feedback.inner_text()
    assert page.url.endswith("what-is-a-partnership.html"), "the form must not navigate"
    assert log.external == []


def test_self_check_works_by_keyboard(site: str, offline_page) -> None:
    page, _ = offline_page
    page.goto(site + "book/what-is-a-partnership.html", wait_until="load")
    form = page.locator("form#sc-continuum-gap")
    form.get_by_label("Networking").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # a radio group is one tab stop: next is the button
    assert page.evaluate("document.activeElement.textContent") == "Check my answer"
    page.keyboard.press("Enter")
    assert form.locator(".toolkit-selfcheck-feedback").inner_text().startswith("Correct.")


@pytest.mark.parametrize("page_path", PAGES)
def test_no_accessibility_violations(page_path: str, site: str, offline_page) -> None:
    """No critical, serious or moderate violation, by the current axe-core, on every page."""
    page, _ = offline_page
    page.goto(site + page_path, wait_until="load")
    if page.locator("script.toolkit-vega-spec").count():
        page.wait_for_selector(".toolkit-vega[data-drawn]", timeout=20_000)
    found = axe_violations(page)
    assert found == [], f"{page_path} (axe-core {axe_version()}): {json.dumps(found, indent=1)}"


@pytest.mark.parametrize("width", [375, 1280])
def test_no_accessibility_violations_on_a_phone_or_with_menus_open(
    width: int, site: str, browser
) -> None:
    """The phone layout, and the chapter list opened on it, pass the same audit."""
    context = browser.new_context(viewport={"width": width, "height": 740 if width < 992 else 900})
    page = context.new_page()
    try:
        page.goto(site + "book/stakeholders.html", wait_until="load")
        page.wait_for_selector(".toolkit-vega[data-drawn]", timeout=20_000)
        assert axe_violations(page) == []
        if width < 992:
            page.locator("button.primary-toggle:visible").first.click()
            page.wait_for_selector("#pst-primary-sidebar-modal[open]")
            assert axe_violations(page) == []
    finally:
        context.close()


def test_landing_page_is_a_page_before_it_redirects(site: str, offline_page) -> None:
    """``index.html`` passes the audit as it is shown for the moment before the redirect.

    The first chapter answers "204 No Content" here, so the browser stays on the landing page
    (a 204 never navigates) and the audit cannot race the redirect. Then, served normally, the
    landing page takes the reader to the first chapter.
    """
    page, log = offline_page
    page.route("**/book/welcome.html", lambda r: r.fulfill(status=204, body=""))
    page.goto(site + "index.html", wait_until="load")
    page.wait_for_timeout(500)  # time for the meta refresh to try (and be refused by the 204)
    assert page.url.endswith("/index.html")
    assert page.locator("main h1").inner_text() == "Collaborative Partnerships"
    assert page.evaluate("document.documentElement.lang") == "en"
    found = axe_violations(page)
    assert found == [], f"index.html (axe-core {axe_version()}): {json.dumps(found, indent=1)}"
    page.unroute("**/book/welcome.html")
    page.goto(site + "index.html", wait_until="load")
    page.wait_for_url("**/book/welcome.html", timeout=10_000)
    assert page.locator("main h1").count() >= 1
    assert log.external == []
