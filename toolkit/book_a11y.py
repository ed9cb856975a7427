"""Theme and extension markup that the current axe-core rightly rejects, fixed in every page.

A Sphinx extension (listed in ``_config.yml``): when the HTML build finishes it rewrites the
built pages (not ``lite/``) with the fixes below, each a plain string replacement that fails
the strict build (a warning) if the theme stops emitting the markup it expects, so a theme
update cannot silently undo or break a fix.

* label-in-name (WCAG 2.5.3): the search field's ``aria-label="Search"`` hides its visible
  text "Search Ctrl+K"; without it the button is named by what it shows. The code-cell
  toggles' ``aria-label="Toggle hidden content"`` hides "Show code cell source" likewise.
* region: the primary sidebar (the course's title and the chapter list) becomes a named
  navigation landmark, so no content sits outside a landmark.
* empty-table-header: the blank corner cells of pandas tables are ``<th></th>``; they head
  nothing, so they become ``<td></td>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["FIXES", "fix_page"]

#: (what the theme writes, what the page gets, must it be present on every page?)
FIXES: tuple[tuple[str, str, bool], ...] = (
    (
        '<button class="btn search-button-field search-button__button pst-js-only" '
        'title="Search" aria-label="Search" ',
        '<button class="btn search-button-field search-button__button pst-js-only" title="Search" ',
        True,
    ),
    (
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">',
        '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" role="navigation"'
        ' aria-label="Course contents">',
        True,
    ),
    ('<summary aria-label="Toggle hidden content">', "<summary>", False),
    ("<th></th>", "<td></td>", False),
)


def fix_page(text: str) -> tuple[str, list[str]]:
    """Apply :data:`FIXES` to one page; return it and the required markup it lacked.

    A page without the theme's frame (the redirect ``index.html``) needs no fix."""
    missing: list[str] = []
    if "bd-container" not in text:
        return text, missing
    for old, new, required in FIXES:
        if old in text:
            text = text.replace(old, new)
        elif required and new not in text:
            missing.append(old)
    return text, missing


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging

    site = Path(app.outdir)
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] in ("lite", "_static", "_sources"):
            continue
        text = page.read_text(encoding="utf-8")
        fixed, missing = fix_page(text)
        if fixed != text:
            partial = page.with_name(page.name + ".tmp")
            partial.write_text(fixed, encoding="utf-8")
            partial.replace(page)
        for old in missing:
            logging.getLogger(__name__).warning(
                "%s: the theme no longer writes %r: update toolkit/book_a11y.py", rel, old
            )


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: fix the built pages (before icons and the offline copy are made)."""
    app.connect("build-finished", _build_finished, priority=300)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
