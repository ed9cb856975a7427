"""The exercise widgets in a real JupyterLab: accessibility audit, keyboard and layout.

Uses the JupyterLab server of :mod:`tests.browser.test_jupyterlab` (a temporary
copy of the exercises, 127.0.0.1 only). For every exercise: run all cells,
then audit the toolkit's widgets with axe-core (the release the other browser
tests use, pinned in ``tests/browser/package.json``): no serious or critical violation, every
control named, every control reachable with the Tab key, no cut-off tab title
or button label. Also: arrow keys change a radio button or drop-down choice
instead of moving JupyterLab's cell selection; the saved output of a notebook
that has not run says to run the cell (the static site's launch note, with
its rocket icon, stays hidden); exercise 2's map stays beside the questions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from .conftest import axe_source
from .test_jupyterlab import CELL_TIMEOUT, _run_all, lab  # noqa: F401 (lab is a fixture)

NOTEBOOKS = [
    "01-continuum.ipynb",
    "02-classify.ipynb",
    "03-many-views.ipynb",
    "04-trust-game.ipynb",
    "05-stakeholders.ipynb",
    "06-why-did-it-fail.ipynb",
    "07-six-steps.ipynb",
]
_KERNEL_IDLE = (
    "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
    " && window.jupyterapp.shell.currentWidget.sessionContext"
    " && window.jupyterapp.shell.currentWidget.sessionContext.session"
    " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
    " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
    " === 'idle'"
)


@pytest.fixture
def lab_page(lab: dict[str, object], browser: object) -> Iterator[object]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]

    def route(r: object) -> None:
        parsed = urlparse(r.request.url)  # type: ignore[attr-defined]
        if parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1":
            r.continue_()  # type: ignore[attr-defined]
        else:
            r.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    yield page
    try:
        page.evaluate(
            "async () => { const w = window.jupyterapp.shell.currentWidget;"
            " if (w && w.sessionContext) { await w.sessionContext.shutdown(); } }"
        )
    finally:
        context.close()


def _open(page: object, lab: dict[str, object], notebook: str, run: bool = True) -> None:  # noqa: F811
    # ?reset: a clean workspace, so the notebooks of earlier tests are not reopened.
    url = f"{lab['base']}/lab/tree/{notebook}?reset&token={lab['token']}"
    page.goto(url, wait_until="load", timeout=120_000)  # type: ignore[attr-defined]
    page.wait_for_function(_KERNEL_IDLE, timeout=CELL_TIMEOUT)  # type: ignore[attr-defined]
    if run:
        _run_all(page)
        page.locator(".toolkit-exercise:visible").first.wait_for(timeout=CELL_TIMEOUT)  # type: ignore[attr-defined]
        page.wait_for_function("() => window.__toolkitKeyGuard === true", timeout=60_000)  # type: ignore[attr-defined]
        page.wait_for_timeout(500)  # type: ignore[attr-defined]


def test_saved_output_says_run_the_cell_not_the_rocket(lab_page, lab) -> None:  # noqa: F811
    page = lab_page
    _open(page, lab, "01-continuum.ipynb", run=False)
    run_note = page.locator(".jp-OutputArea .toolkit-run-note").first
    run_note.wait_for(timeout=60_000)
    assert run_note.is_visible()
    assert "run this cell to start the exercise" in run_note.inner_text()
    launch = page.locator(".jp-OutputArea .toolkit-kernel-note")
    assert launch.count() == 1 and not launch.first.is_visible()
    visible = page.locator(".jp-OutputArea").first.inner_text()
    assert "rocket" not in visible


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_widgets_pass_axe_are_labelled_and_reachable(lab_page, lab, notebook: str) -> None:  # noqa: F811
    page = lab_page
    _open(page, lab, notebook)
    page.add_script_tag(content=axe_source())
    violations = page.evaluate(
        """async () => {
            const r = await axe.run({include: [['.toolkit-exercise']]},
                                    {resultTypes: ['violations']});
            return r.violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({id: v.id, impact: v.impact,
                          nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    assert violations == [], json.dumps(violations, indent=1)
    problems = page.evaluate(
        """() => {
            const out = [];
            const root = [...document.querySelectorAll('.toolkit-exercise')]
                .find(e => e.offsetParent !== null);
            const controls = root.querySelectorAll(
                'input, select, textarea, button, a[href]');
            for (const el of controls) {
                if (el.closest('[style*="display: none"]') || el.offsetParent === null
                    && el.type !== 'file') { continue; }
                if (el.type === 'file') { continue; }  // the FileUpload's hidden input
                const named = (el.labels && el.labels.length && el.labels[0].textContent.trim())
                    || el.getAttribute('aria-label') || el.getAttribute('title')
                    || (el.tagName !== 'INPUT' && el.textContent.trim());
                if (!named) { out.push('unnamed ' + el.outerHTML.slice(0, 120)); }
                if (el.tabIndex < 0 || el.disabled) {
                    out.push('not reachable by Tab ' + el.outerHTML.slice(0, 120));
                }
                if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) {
                    out.push('cut button label: ' + el.textContent.trim());
                }
            }
            for (const el of root.querySelectorAll('.lm-TabBar-tabLabel')) {
                if (el.scrollWidth > el.clientWidth + 1) {
                    out.push('cut tab title: ' + el.textContent);
                }
            }
            for (const el of root.querySelectorAll('.widget-dropdown select')) {
                if (el.offsetParent === null) { continue; }
                const longest = Math.max(...[...el.options].map(o => o.text.length));
                const enough = longest * 5.5;  // a narrow glyph is about 5.5 px at 13 px
                if (el.clientWidth < Math.min(enough, 150)) {
                    out.push('narrow drop-down (' + el.clientWidth + ' px): '
                             + (el.labels[0] ? el.labels[0].textContent : el.outerHTML));
                }
            }
            return out;
        }"""
    )
    assert problems == [], "\n".join(problems)
    assert page.errors == []


def test_arrow_keys_stay_in_radio_buttons_and_drop_downs(lab_page, lab) -> None:  # noqa: F811
    page = lab_page
    _open(page, lab, "06-why-did-it-fail.ipynb")
    active = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
    group = page.locator(".widget-radio").filter(has_text="Case 2 response:")
    first = group.locator("input[type=radio]").first
    first.check()
    first.focus()
    before = page.evaluate(active)
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    radios = group.locator("input[type=radio]")
    assert radios.nth(1).is_checked(), "the arrow key moved the choice"
    assert page.evaluate(active) == before, "the cell selection did not move"
    assert page.evaluate("() => !!document.activeElement.closest('.toolkit-exercise')")

    menu = page.locator(".widget-dropdown").filter(has_text="Case 1 reason:").locator("select")
    menu.focus()
    chosen = menu.evaluate("el => el.selectedIndex")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert menu.evaluate("el => el.selectedIndex") == chosen + 1
    assert page.evaluate(active) == before
    assert page.evaluate("() => document.activeElement.tagName") == "SELECT"


def test_classify_map_stays_in_view(lab_page, lab) -> None:  # noqa: F811
    page = lab_page
    _open(page, lab, "02-classify.ipynb")
    questions = page.locator(".toolkit-questions:visible").first
    chart = page.locator(".toolkit-sticky:visible").first
    q, c = questions.bounding_box(), chart.bounding_box()
    assert c["x"] >= q["x"] + q["width"] - 1, "the map sits beside the questions"
    # Answer a statement far down: the map is still on screen.
    last = page.locator(".toolkit-questions:visible select:visible").last
    last.scroll_into_view_if_needed()
    last.select_option(index=5)
    page.wait_for_timeout(500)
    box = chart.bounding_box()
    assert box is not None and box["y"] < 1000 and box["y"] + box["height"] > 0
