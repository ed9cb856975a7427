"""Worksheets: blank and filled, Markdown and self-contained HTML, everything escaped."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from toolkit.planning import blank_plan, load_plan
from toolkit.planning.worksheets import worksheet_html, worksheet_markdown

EXAMPLE = Path(str(resources.files("toolkit.data").joinpath("example_plan.yaml")))
EVIL = '<script>alert("x")</script>'


def _evil_plan():
    plan = blank_plan(EVIL)
    plan.description = EVIL
    plan.readiness["failure_evidence"] = EVIL
    plan.readiness["costs"]["time"] = EVIL
    plan.steps["problem"]["problem_statement"] = EVIL + "\nsecond | line"
    plan.steps["problem"]["perspectives"] = [{"member": EVIL, "perspective": "a | b"}]
    plan.steps["planning"]["values"] = [EVIL]
    plan.steps["planning"]["goals"] = [
        {
            "id": "G1",
            "goal": EVIL,
            "indicator": EVIL,
            "target": 3,
            "unit": EVIL,
            "direction": None,
            "actions": "",
        }
    ]
    plan.steps["evaluation"]["indicators"] = [{"goal": "G1", "observed": 4, "note": EVIL}]
    plan.steps["organization"]["notes"] = EVIL
    plan.setbacks = [
        {
            "date": EVIL,
            "setback": EVIL,
            "response": EVIL,
            "signs": ["anticipate"],
            "actions": ["use_data"],
        }
    ]
    return plan


def test_blank_html_is_a_wall_worksheet():
    page = worksheet_html()
    assert page.startswith("<!DOCTYPE html>")
    for n, name in enumerate(
        [
            "Problem identification",
            "Motivation to act",
            "Member identification and selection",
            "Collaborative planning",
            "Building an organization",
            "Evaluation",
        ],
        start=1,
    ):
        assert f"<h2>Step {n}. {name}</h2>" in page
    assert page.count('class="write-in"') >= 25
    assert "Before step 1" in page and "Failure risks" in page and "Setbacks log" in page
    assert "\u2610\u00a0expanding network" in page
    assert "toolkit-vega-spec" not in page  # no charts on the blank sheet


def test_html_is_self_contained_and_print_friendly():
    page = worksheet_html(load_plan(EXAMPLE))
    assert "@media print" in page and "@page" in page
    assert "toolkit-vega-spec" in page and "vegaEmbed" in page
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', page)
    assert "UMass Boston" in page and "minority nurses" in page
    assert "Recommendation: " in page and "assess further" in page
    small = worksheet_html(load_plan(EXAMPLE), charts=False)
    assert "toolkit-vega-spec" not in small and len(small) < len(page)


def test_filled_html_escapes_every_user_string():
    page = worksheet_html(_evil_plan())
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<title>&lt;script&gt;" in page
    # the chart specs are JSON in a non-executable script with < escaped
    assert "\\u003cscript\\u003e" in page


def test_filled_html_shows_values_and_keeps_boxes_for_gaps():
    plan = blank_plan("Walk to school")
    plan.steps["problem"]["problem_statement"] = "Too much traffic near schools"
    page = worksheet_html(plan, charts=False)
    assert "Too much traffic near schools" in page
    assert 'aria-label="Space to write: The perspectives' not in page  # records use blank rows
    assert 'aria-label="Space to write: Member commitment"' in page
    assert "<strong>Next:</strong>" in page


def test_markdown_blank_and_filled():
    blank = worksheet_markdown()
    assert blank.startswith("# Six-step partnership plan\n")
    assert blank.count("## Step ") == 6
    assert "[ ] expanding network" in blank and "_(to fill in)_" in blank
    filled = worksheet_markdown(load_plan(EXAMPLE))
    assert "## Progress" in filled and "**Next:**" in filled
    assert "[x] unsure" in filled and "[x] yes" in filled


def test_markdown_escapes_user_strings():
    text = worksheet_markdown(_evil_plan())
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "a \\| b" in text  # pipes cannot break a table row
    row = next(line for line in text.splitlines() if line.startswith("| &lt;script"))
    assert row.count(" | ") == 1
