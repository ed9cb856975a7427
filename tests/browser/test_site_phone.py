"""The course on a phone (375 x 740, touch) and a tablet (800 px): the menus work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}
TABLET = {"viewport": {"width": 800, "height": 1000}, "has_touch": True, "is_mobile": True}


@pytest.fixture(params=[PHONE, TABLET], ids=["phone", "tablet"])
def touch_page(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    context = browser.new_context(**request.param, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def on_screen(page, locator) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``locator`` is visible and inside the viewport."""
    if not locator.is_visible():
        return False
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["width"] > 0
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"] + 1
        and box["y"] < size["height"]
    )


def test_menu_button_opens_the_chapter_list(site: str, touch_page) -> None:
    page = touch_page
    page.goto(site + "book/stakeholders.html", wait_until="load")
    chapter = page.locator("#pst-primary-sidebar-modal a", has_text="Contract or trust?")
    assert not chapter.is_visible()
    buttons = page.locator("button.primary-toggle:visible")
    assert buttons.count() == 1, "one visible menu button"
    assert on_screen(page, buttons.first)
    buttons.first.tap()
    page.wait_for_selector("#pst-primary-sidebar-modal[open]", timeout=5_000)
    assert on_screen(page, chapter.first)
    # Following a chapter link from the opened menu goes to the chapter.
    chapter.first.tap()
    page.wait_for_url("**/contract-or-trust.html")
    # Escape closes the menu again (the theme's keyboard handling keeps working).
    page.locator("button.primary-toggle:visible").first.tap()
    page.wait_for_selector("#pst-primary-sidebar-modal[open]", timeout=5_000)
    page.keyboard.press("Escape")
    page.wait_for_selector("#pst-primary-sidebar-modal:not([open])", state="attached")


def test_contents_button_opens_this_pages_sections(site: str, touch_page) -> None:
    page = touch_page
    page.goto(site + "book/stakeholders.html", wait_until="load")
    headings = page.locator("article h2")
    assert headings.count() >= 2
    first_section = headings.first.inner_text().strip().rstrip("#").strip()
    buttons = page.locator("button.secondary-toggle:visible")
    assert buttons.count() == 1, "one visible 'contents' button"
    buttons.first.tap()
    page.wait_for_selector("#pst-secondary-sidebar-modal[open]", timeout=5_000)
    link = page.locator("#pst-secondary-sidebar-modal a", has_text=first_section)
    assert on_screen(page, link.first)


def test_desktop_shows_the_sidebars_without_a_menu_button(site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(site + "book/stakeholders.html", wait_until="load")
        assert page.locator(
            "#pst-primary-sidebar a", has_text="Contract or trust?"
        ).first.is_visible()
        assert page.locator("button.primary-toggle:visible").count() <= 1
    finally:
        context.close()
