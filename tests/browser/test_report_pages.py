"""Reports partners read, opened in real Chromium from disk with no network.

Each report the command line writes as HTML (classify, stakeholders, plan check,
plan export and the workshop pack): the first section is the Summary; no header
cell is a machine name; no cell says True or False; printed (print media on a
page as wide as A4 less its margins) nothing is wider than the page; on a 375-px
phone the page does not scroll sideways; no folder path appears; charts draw
offline; axe-core finds no violation that blocks.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

try:  # the shared axe-core helper, where the browser fixtures provide one
    from .conftest import axe_violations
except ImportError:  # pragma: no cover - older fixtures: the vendored axe-core
    AXE = Path(__file__).parent / "vendor" / "axe.min.js"

    def axe_violations(page: object) -> list[dict]:
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        return page.evaluate(  # type: ignore[attr-defined]
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({id: v.id,
                            nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200))}))"""
        )


DATA = ROOT / "toolkit" / "data"
#: A4 is 210 mm wide; with the report's 15 mm margins 180 mm are left: 680 CSS pixels.
A4_PRINTABLE_PX = 680
PHONE_PX = 375
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")

INPUTS = {
    "answers": ("answers.csv", DATA / "example_responses.csv"),
    "register": ("register.csv", DATA / "example_register.csv"),
    "links": ("links.csv", DATA / "example_relationships.csv"),
    "plan": ("plan.yaml", DATA / "example_plan.yaml"),
}
REPORTS = {
    "classify": ["classify", "{answers}"],
    "stakeholders": ["stakeholders", "{register}", "--relationships", "{links}"],
    "plan-check": ["plan", "check", "{plan}"],
    "plan-export": ["plan", "export", "{plan}"],
    "workshop": [
        "workshop",
        "--title",
        "Riverside partnership workshop, March 2026",
        "--responses",
        "{answers}",
        "--register",
        "{register}",
        "--relationships",
        "{links}",
        "--plan",
        "{plan}",
    ],
}


class Pages:
    """Each report written on first use, from inputs in a folder whose path must never show."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths = {}
        for key, (name, source) in INPUTS.items():
            shutil.copy(source, folder / name)
            self.paths[key] = str(folder / name)
        self.made: dict[str, Path] = {}

    def __getitem__(self, key: str) -> Path:
        if key not in self.made:
            path = self.folder / f"{key}.html"
            argv = [a.format(**self.paths) for a in REPORTS[key]]
            done = subprocess.run(
                [sys.executable, "-m", "toolkit", *argv, "--format", "html", "--out", str(path)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                timeout=300,
            )
            assert done.returncode == 0, done.stderr
            self.made[key] = path
        return self.made[key]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Pages:
    return Pages(tmp_path_factory.mktemp("facilitator-private-folder"))


def _open(page, path: Path) -> None:
    page.goto(path.as_uri(), wait_until="load")
    specs = page.locator("script.toolkit-vega-spec").count()
    if specs:
        page.wait_for_function(
            "n => document.querySelectorAll('.toolkit-vega[data-drawn=\"yes\"]').length >= n",
            arg=specs,
            timeout=30_000,
        )
    assert page.locator(".toolkit-vega svg.marks").count() == specs


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_reads_as_words_and_fits(name, pages, offline_page) -> None:
    path = pages[name]
    source = path.read_text(encoding="utf-8")
    assert str(path.parent) not in source and str(ROOT) not in source
    page, log = offline_page
    _open(page, path)
    assert log.external == [] and log.failed == [] and log.console_errors == []

    first = page.locator("main section").first
    assert first.locator("h2").first.inner_text().strip() == "Summary"
    assert len(first.inner_text().split(".")) >= 4  # three or more sentences

    headers = page.evaluate("[...document.querySelectorAll('th, dt')].map(e => e.textContent)")
    assert headers and not [h for h in headers if SNAKE.match(h.strip())]
    cells = page.evaluate(
        "[...document.querySelectorAll('td, th, dd')].map(e => e.textContent.trim())"
    )
    assert "True" not in cells and "False" not in cells
    text = page.locator("main").inner_text()
    assert "--founder" not in text and "--relationships" not in text
    assert not re.search(r"(^|\s)/(home|tmp|root|Users|work)/", text)

    page.set_viewport_size({"width": PHONE_PX, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_PX

    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1000})
    page.wait_for_timeout(200)
    widest = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('main *')]
              .filter(e => e.getClientRects().length)
              .map(e => e.getBoundingClientRect().right))"""
    )
    assert widest <= A4_PRINTABLE_PX + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_PRINTABLE_PX

    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_workshop_pack_has_contents_and_each_part_on_a_new_page(pages, offline_page) -> None:
    page, _ = offline_page
    _open(page, pages["workshop"])
    assert page.locator("h1").inner_text() == "Riverside partnership workshop, March 2026"
    links = page.locator("nav.toc a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "#classify" in targets and "#stakeholders" in targets and "#plan" in targets
    for target in targets:
        assert page.locator(target).count() == 1, target
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('article.part')].map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["page", "page", "page"]
    summaries = page.locator("article.part > section:first-of-type > h3")
    assert [summaries.nth(i).inner_text() for i in range(3)] == ["Summary"] * 3


def test_wide_table_becomes_cards_on_paper_and_phone(pages, offline_page) -> None:
    page, _ = offline_page
    _open(page, pages["classify"])
    table = page.locator("#classify-partnerships .table-box")
    cards = page.locator("#classify-partnerships .cards")
    assert table.is_visible() and not cards.is_visible()
    page.emulate_media(media="print")
    assert cards.is_visible() and not table.is_visible()
    assert cards.locator(".card").count() == 4
    assert cards.locator(".card-title").first.inner_text() == "Example partnership A, 2025"
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": PHONE_PX, "height": 800})
    assert cards.is_visible() and not table.is_visible()
