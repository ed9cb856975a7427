"""Every HTML report the command line writes, opened from disk in Chromium with no network:
charts drawn, nothing fetched from another host, no script error, and no critical, serious or
moderate accessibility violation (axe-core, the current release: see conftest.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import axe_violations

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "toolkit" / "data"

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
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
