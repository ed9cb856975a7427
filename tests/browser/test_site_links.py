"""The built site's internal links, narrow screens and print style.

* Every ``href`` and ``src`` that points into the site (a page, a file, an anchor) resolves:
  the file exists and, for ``#anchor``, an element with that ``id`` (or ``name``) exists in it.
* At 360 CSS pixels wide (a small phone), no page scrolls sideways: wide tables, code and
  charts scroll inside their own boxes.
* Printed (print media emulated), a chapter is a clean handout: the header, both sidebars,
  the previous/next links and the footer are hidden, the chapter text is shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import SITE

PAGES = sorted(
    p.relative_to(SITE).as_posix()
    for p in SITE.rglob("*.html")
    # lite/ is the in-browser JupyterLite copy of the exercises: tests/browser/test_lite.py
    if not p.relative_to(SITE).parts[0].startswith("_") and p.relative_to(SITE).parts[0] != "lite"
)
#: Pages that only redirect (Jupyter Book's index.html) are laid out by no one.
LAID_OUT = [
    p for p in PAGES if 'http-equiv="refresh"' not in (SITE / p).read_text(errors="replace").lower()
]
#: Pages printed in the print test: the front page and chapters with charts and self-checks.
PRINTED = ["book/welcome.html", "book/contract-or-trust.html", "book/stakeholders.html"]
NAVIGATION = [
    ".bd-header",
    ".bd-sidebar-primary",
    ".bd-sidebar-secondary",
    ".prev-next-area",
    ".bd-footer",
    ".header-article",
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.anchors.add(value)
            if value and (name == "src" or (name == "href" and tag in ("a", "link", "area"))):
                self.links.append(value)


_PARSED: dict[Path, _Links] = {}


def parsed(path: Path) -> _Links:
    if path not in _PARSED:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        _PARSED[path] = parser
    return _PARSED[path]


def local_target(page: Path, link: str) -> tuple[Path, str] | None:
    """The file and anchor a link points to inside the site, or None for other hosts."""
    url = urlparse(link)
    if url.scheme or url.netloc or link.startswith("//"):
        return None  # another host, or data:, mailto:, javascript:
    if not url.path:
        return page, unquote(url.fragment)
    target = (page.parent / unquote(url.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(url.fragment)


def test_site_was_built_with_the_chapters() -> None:
    for name in ("book/stakeholders.html", "book/facilitator-guide.html", "book/glossary.html"):
        assert name in PAGES


@pytest.mark.parametrize("page_path", PAGES)
def test_internal_links_resolve(page_path: str) -> None:
    page = SITE / page_path
    broken = []
    for link in parsed(page).links:
        target = local_target(page, link)
        if target is None:
            continue
        path, anchor = target
        if not path.is_relative_to(SITE.resolve()) or not path.exists():
            broken.append(f"{link} (no file)")
        elif anchor and path.suffix == ".html" and anchor not in parsed(path).anchors:
            broken.append(f"{link} (no anchor #{anchor})")
    assert broken == [], f"{page_path}: broken links {broken}"


@pytest.fixture
def phone(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost")
            or urlparse(r.request.url).scheme in ("data", "blob", "about")
            else r.abort()
        ),
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("page_path", LAID_OUT)
def test_no_horizontal_scroll_at_360px(page_path: str, site: str, phone) -> None:
    phone.goto(site + page_path, wait_until="load")
    specs = phone.locator("script.toolkit-vega-spec").count()
    if specs:
        phone.wait_for_function(
            "n => document.querySelectorAll('.toolkit-vega[data-drawn]').length >= n",
            arg=specs,
            timeout=20_000,
        )
    widths = phone.evaluate(
        """() => ({page: document.documentElement.scrollWidth,
                   body: document.body.scrollWidth,
                   view: document.documentElement.clientWidth})"""
    )
    assert widths["page"] <= widths["view"] + 1, f"{page_path}: page scrolls sideways {widths}"
    assert widths["body"] <= widths["view"] + 1, f"{page_path}: body scrolls sideways {widths}"


@pytest.mark.parametrize("page_path", PRINTED)
def test_print_hides_navigation(page_path: str, site: str, offline_page) -> None:
    page, _ = offline_page
    page.goto(site + page_path, wait_until="load")
    page.emulate_media(media="print")
    for selector in NAVIGATION:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{page_path}: {selector} is printed"
    article = page.locator("article.bd-article")
    assert article.is_visible()
    assert article.locator("h1").first.is_visible()
    for button in page.locator("button.toolkit-selfcheck-check").all():
        assert not button.is_visible(), f"{page_path}: self-check buttons are printed"
    page.emulate_media(media="screen")
    assert page.locator(".bd-sidebar-primary").first.is_visible()
