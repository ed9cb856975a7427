"""The theme's icons without its 1.49 MB icon script.

pydata-sphinx-theme loads Font Awesome's ``all.min.js`` (as ``_static/scripts/fontawesome.js``)
on every page to turn about twenty ``<i class="fa-solid fa-...">`` into inline SVG. This
Sphinx extension (listed in ``_config.yml``) replaces that file, when the HTML build
finishes, with a small script holding only the icons the built pages and the theme's
scripts use, drawn the same way (an ``svg.svg-inline--fa`` that keeps the element's classes
and attributes). The icons come from ``toolkit/data/fontawesome-icons.json``
(``scripts/vendor_icons.py`` refreshes it); an icon the site uses that is missing there
fails the strict build with a warning naming it.

It also marks every external script of every page ``defer`` (Sphinx and its extensions put
a dozen in the page head, where each one blocks the first paint: on a slow link that was
seconds), and drops the saved widget state (``application/vnd.jupyter.widget-state+json``) that
myst-nb embeds in exercise pages: the site loads no widget manager (``nb_ipywidgets_js`` is
empty in ``_config.yml``), so nothing reads it, and it weighed up to 240 KB a page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

__all__ = ["icons_used", "write_icon_script"]

DATA = Path(__file__).with_name("data") / "fontawesome-icons.json"
_STYLES = {
    "fa-solid": "solid",
    "fas": "solid",
    "fa-regular": "regular",
    "far": "regular",
    "fa-brands": "brands",
    "fab": "brands",
}
#: Classes that are Font Awesome modifiers, not icon names.
_MODIFIERS = {"fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-fw", "fa-spin", "fa-pulse"}
_CLASS_ATTR = re.compile(r'class="([^"]*\bfa-[^"]*)"')
_SCRIPT_CLASSES = re.compile(r"\b(fa-solid|fa-regular|fa-brands|fas|far|fab) (fa-[a-z0-9-]+)")

_SCRIPT = """\
/* Font Awesome Free icons (CC BY 4.0, https://fontawesome.com/license/free), only the ones
 * this site uses, drawn as inline SVG like Font Awesome's own script. Written at build time
 * by toolkit/book_icons.py in place of the theme's all.min.js. */
(function () {
  "use strict";
  var ICONS = __ICONS__;
  var STYLES = __STYLES__;
  var NS = "http://www.w3.org/2000/svg";
  function draw(el) {
    var style = "solid", icon = null;
    for (var i = 0; i < el.classList.length; i++) {
      var c = el.classList[i];
      if (STYLES[c]) { style = STYLES[c]; }
    }
    for (var j = 0; j < el.classList.length; j++) {
      var name = el.classList[j];
      if (name.indexOf("fa-") === 0 && ICONS[style + "/" + name.slice(3)]) {
        icon = ICONS[style + "/" + name.slice(3)];
      }
    }
    if (!icon) { return; }
    var svg = document.createElementNS(NS, "svg");
    for (var k = 0; k < el.attributes.length; k++) {
      var a = el.attributes[k];
      if (a.name !== "class") { svg.setAttribute(a.name, a.value); }
    }
    svg.setAttribute("class", "svg-inline--fa " + el.className);
    svg.setAttribute("viewBox", "0 0 " + icon[0] + " " + icon[1]);
    svg.setAttribute("focusable", "false");
    if (!el.hasAttribute("title")) { svg.setAttribute("aria-hidden", "true"); }
    var path = document.createElementNS(NS, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", icon[2]);
    svg.appendChild(path);
    el.parentNode.replaceChild(svg, el);
  }
  function drawAll(root) {
    var found = root.querySelectorAll("i[class*='fa-'], span[class*='fa-']");
    for (var i = 0; i < found.length; i++) { draw(found[i]); }
  }
  function start() {
    drawAll(document);
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        var added = changes[i].addedNodes;
        for (var j = 0; j < added.length; j++) {
          if (added[j].nodeType !== 1) { continue; }
          if (/(^|\\s)fa-/.test(added[j].className)) { draw(added[j]); } else { drawAll(added[j]); }
        }
      }
    }).observe(document.documentElement, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
"""


def _icons_in(classes: list[str]) -> set[str]:
    style = next((_STYLES[c] for c in classes if c in _STYLES), None)
    if style is None:
        return set()
    return {
        f"{style}/{c[3:]}"
        for c in classes
        if c.startswith("fa-") and c not in _STYLES and c not in _MODIFIERS
    }


def icons_used(site: Path) -> set[str]:
    """Every ``style/name`` icon the built pages and the theme's scripts ask for."""
    used: set[str] = set()
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] == "lite":
            continue
        for attr in _CLASS_ATTR.findall(page.read_text(encoding="utf-8", errors="replace")):
            used |= _icons_in(attr.split())
    for script in (site / "_static" / "scripts").glob("*.js"):
        if script.name == "fontawesome.js":
            continue
        for style, name in _SCRIPT_CLASSES.findall(script.read_text(encoding="utf-8")):
            used |= _icons_in([style, name])
    return used


def write_icon_script(site: Path) -> tuple[set[str], set[str]]:
    """Replace the theme's icon script in ``site``; return the icons drawn and those missing."""
    target = Path(site) / "_static" / "scripts" / "fontawesome.js"
    if not target.exists():
        return set(), set()
    known = json.loads(DATA.read_text(encoding="utf-8"))["icons"]
    used = icons_used(Path(site))
    icons = {key: known[key] for key in sorted(used) if key in known}
    text = _SCRIPT.replace("__ICONS__", json.dumps(icons, separators=(",", ":"))).replace(
        "__STYLES__", json.dumps(_STYLES, separators=(",", ":"))
    )
    partial = target.with_name("fontawesome.js.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    for stale in ("fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (target.parent / stale).unlink(missing_ok=True)
    return set(icons), used - set(icons)


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging

    defer_all(Path(app.outdir))
    _, missing = write_icon_script(Path(app.outdir))
    if missing:
        logging.getLogger(__name__).warning(
            "icons used by the site but not in toolkit/data/fontawesome-icons.json: %s "
            "(add them: python scripts/vendor_icons.py %s)",
            ", ".join(sorted(missing)),
            " ".join(sorted(missing)),
        )


_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_SCRIPT_TAG = re.compile(r"<script(?P<attrs>[^>]*)\bsrc=")


def defer_scripts(text: str) -> str:
    """Add ``defer`` to every ``<script src=...>`` that is neither ``defer`` nor ``async``,
    except Sphinx's small ``documentation_options.js``, which inline scripts use at once.

    Deferred scripts still run in document order, after parsing and before
    ``DOMContentLoaded``, which is when the theme's and the course's scripts start.

    >>> defer_scripts('<script src="a.js"></script><script defer src="b.js"></script>')
    '<script defer src="a.js"></script><script defer src="b.js"></script>'
    """

    def one(match: re.Match[str]) -> str:
        attrs = match["attrs"]
        if re.search(r"\b(defer|async)\b", attrs) or 'type="module"' in attrs:
            return match[0]
        if "documentation_options.js" in match.string[match.end() : match.end() + 80]:
            return match[0]  # inline scripts right after it use DOCUMENTATION_OPTIONS
        return f"<script{attrs} defer src="

    return _SCRIPT_TAG.sub(one, text)


_OPTIONS_TAG = re.compile(r'<script src="[^"]*_static/documentation_options\.js[^"]*"></script>')


def defer_all(site: Path) -> int:
    """Apply :func:`defer_scripts` to every page of the built ``site``, and write Sphinx's
    ``documentation_options.js`` (a few hundred bytes, the same for every page) into each
    page instead of making every first visit wait a round trip for it; return pages changed."""
    options = site / "_static" / "documentation_options.js"
    inline = None
    if options.exists():
        code = options.read_text(encoding="utf-8")
        if "</" not in code:
            inline = f"<script>{code}</script>"
    changed = 0
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] in ("lite", "_static", "_sources"):
            continue
        text = page.read_text(encoding="utf-8")
        fixed = defer_scripts(text)
        if inline:
            fixed = _OPTIONS_TAG.sub(lambda _: inline, fixed)
        if fixed != text:
            partial = page.with_name(page.name + ".tmp")
            partial.write_text(fixed, encoding="utf-8")
            partial.replace(page)
            changed += 1
    return changed


def _drop_widget_state(app: Any, pagename: str, templatename: str, context: dict, doctree: Any):
    if app.config.nb_ipywidgets_js:  # a widget manager would read the state: keep it
        return
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = [
            s for s in scripts if getattr(s, "attributes", {}).get("type") != _WIDGET_STATE
        ]


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: the small icon script (before the service worker lists the files)."""
    app.connect("html-page-context", _drop_widget_state, priority=900)
    app.connect("build-finished", _build_finished, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
