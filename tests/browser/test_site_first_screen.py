"""The landing page's first screen on a phone, and one search box on a desktop.

On a 375 x 740 phone the landing page (index.html redirects to book/welcome.html) shows what
the course is, where to start and a small picture of the course's path (parts and exercises)
without scrolling. On a 1280 px desktop exactly one search control is visible, and it finds a
word of the course.
"""

from __future__ import annotations

from xml.etree import ElementTree

from .conftest import SITE

PHONE = {"viewport": {"width": 375, "height": 740}, "has_touch": True, "is_mobile": True}
PARTS = (
    "Understanding partnerships",
    "Classifying partnerships",
    "Working with partners",
    "Building and evaluating",
)
#: Everything a user can see that is a search control: the theme's search buttons (in the
#: header bar, the sidebar and the article header) and any search field.
SEARCH_CONTROLS = "button.search-button__button, button.search-button, input[type=search]"


def within_first_screen(page, locator, what: str) -> None:  # type: ignore[no-untyped-def]
    assert locator.count() >= 1, f"{what} is missing"
    assert locator.first.is_visible(), f"{what} is not visible"
    box = locator.first.bounding_box()
    assert box is not None and box["height"] > 0, what
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, f"{what} is below the fold: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, f"{what} is off screen: {box}"


def test_first_screen_says_what_the_course_is_and_where_to_start(site: str, browser) -> None:
    context = browser.new_context(**PHONE, service_workers="block")
    page = context.new_page()
    try:
        page.goto(site, wait_until="load")
        page.wait_for_url("**/book/welcome.html", timeout=10_000)
        page.wait_for_load_state("load")
        assert page.evaluate("window.scrollY") == 0
        title = page.locator("article h1")
        within_first_screen(page, title, "the course's title")
        assert "Collaborative Partnerships" in title.first.inner_text()
        intro = page.locator("article h1 ~ p").first
        within_first_screen(page, intro, "what the course is")
        assert "This course helps you" in intro.inner_text()
        start = page.locator(".toolkit-start")
        within_first_screen(page, start, "the start-here path")
        assert "Start here" in start.first.inner_text()
        for target in ("what-is-a-partnership.html", "01-continuum.html"):
            within_first_screen(page, start.locator(f"a[href$='{target}']"), f"link to {target}")
        picture = page.locator("img.toolkit-course-path")
        within_first_screen(page, picture, "the picture of the course path")
        assert page.evaluate(
            "img => img.complete && img.naturalWidth > 0", picture.first.element_handle()
        ), "the picture did not load"
        alt = picture.first.get_attribute("alt") or ""
        assert all(part in alt for part in PARTS), alt
        assert "exercise 7" in alt.lower()
        # A tap on the first step goes to the first chapter.
        start.locator("a[href$='what-is-a-partnership.html']").first.tap()
        page.wait_for_url("**/what-is-a-partnership.html")
    finally:
        context.close()


def test_course_path_picture_is_small_offline_and_has_a_text_alternative() -> None:
    svg = SITE / "_images" / "course-path.svg"
    assert svg.exists()
    text = svg.read_text(encoding="utf-8")
    assert "http" not in text.replace("http://www.w3.org/2000/svg", ""), "nothing from a host"
    assert len(text.encode()) < 4_000
    root = ElementTree.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "course-path-title"
    title = root.find(f"{ns}title")
    assert title is not None and title.get("id") == "course-path-title"
    assert all(part in (title.text or "") for part in PARTS)
    words = " ".join(t.text or "" for t in root.iter(f"{ns}text"))
    for word in ("Understanding", "Classifying", "Working", "Building", "Exercise 1", "7"):
        assert word in words


def test_desktop_shows_one_search_box_that_finds_a_word(site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    try:
        for path in ("book/welcome.html", "book/stakeholders.html", "exercises/01-continuum.html"):
            page.goto(site + path, wait_until="load")
            visible = page.locator(SEARCH_CONTROLS).filter(visible=True)
            assert visible.count() == 1, f"{path}: {visible.count()} search controls at 1280 px"
        visible.first.click()
        field = page.locator("#pst-search-dialog input[type=search]")
        field.wait_for(state="visible", timeout=5_000)
        field.fill("stakeholder")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=stakeholder*", timeout=10_000)
        results = page.locator("#search-results li a")
        results.first.wait_for(timeout=20_000)
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        assert any("stakeholders.html" in h for h in hrefs), hrefs
    finally:
        context.close()
