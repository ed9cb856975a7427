"""Every HTML report the command line writes, opened from disk in Chromium with no network:
charts drawn, nothing fetched from another host, no script error, and no serious or critical
accessibility violation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "toolkit" / "data"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

REPORTS = {
    "classify": ["classify", DATA / "example_responses.csv"],
    "stakeholders": [
        "stakeholders",
        DATA / "example_register.csv",
        "--relationships",
        DATA / "example_relationships.csv",
    ],
    "plan-filled": ["plan", "export", DATA / "example_plan.yaml"],
    "questionnaire": ["questionnaire"],
    "plan-blank": ["plan", "template"],
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_works_offline_and_is_accessible(name: str, tmp_path: Path, offline_page) -> None:
    out = tmp_path / f"{name}.html"
    args = [*map(str, REPORTS[name]), "--format", "html", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    page, log = offline_page
    page.goto(out.as_uri(), wait_until="load")
    specs = page.locator("script.toolkit-vega-spec").count()
    if specs:
        page.wait_for_function(
            "n => document.querySelectorAll('.toolkit-vega[data-drawn=\"yes\"]').length >= n",
            arg=specs,
            timeout=20_000,
        )
    assert page.locator(".toolkit-vega svg.marks").count() == specs
    assert log.external == [] and log.failed == [] and log.console_errors == []
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200))}))"""
    )
    assert violations == [], json.dumps(violations, indent=1)
