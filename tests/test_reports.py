"""The report layer: documents rendered as HTML (Jinja2, autoescape on), Markdown and
workbooks, the humanising helpers and the generated summaries."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from toolkit.classification import classify, example_responses
from toolkit.classification.document import classification_report
from toolkit.planning import blank_plan, check_report, load_plan
from toolkit.planning.document import plan_check_report
from toolkit.reports import (
    Paragraph,
    Report,
    Section,
    Table,
    render_html,
    render_markdown,
    workbook_bytes,
)
from toolkit.reports.humanise import is_snake_case
from toolkit.reports.render import html_environment
from toolkit.reports.summaries import classification_summary, excluded_reason, plan_summary
from toolkit.workshop import stakeholders_report, workshop_pack, workshop_reports

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "toolkit" / "data"
EVIL = '=HYPERLINK("http://x","<script>alert(1)</script>")'


def _evil_report() -> Report:
    table = Table.from_frame(
        pd.DataFrame({"name": [EVIL, "+1+1", "-3", "@SUM(A1)", "\t=1"], "ok": [True] * 5,
                      "score": [0.123456, 0.5, None, 1.0, 0.0]}),
        [("name", "Name", "text"), ("ok", "Fine?", "yesno"), ("score", "Score", "score")],
        caption="People <b>",
        sheet="People: [all]",
    )  # fmt: skip
    return Report(
        title="T <i>",
        summary=["One <b>sentence</b> | pipe.", "Two.", "Three."],
        sections=[Section("s", "Section & more", [Paragraph(EVIL), table])],
        id="t",
    )


def test_html_escapes_everything_and_opens_with_the_summary():
    page = render_html(_evil_report())
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>sentence" not in page and "T &lt;i&gt;" in page
    h2 = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert h2[0] == "Summary"
    assert html_environment().autoescape is True
    assert "vegaEmbed" not in page  # no chart, no bundle
    assert ">Yes<" in page and "True" not in page and ">0.12<" in page


def test_markdown_comes_from_the_same_document():
    text = render_markdown(_evil_report())
    assert text.startswith("# T &lt;i&gt;\n")
    assert "## Summary" in text and text.index("## Summary") < text.index("## Section")
    assert "One &lt;b&gt;sentence&lt;/b&gt; \\| pipe." in text
    assert "| Name | Fine? | Score |" in text and "| Yes | 0.12 |" in text


def test_workbook_has_summary_first_human_headings_and_no_formulas():
    book = load_workbook(BytesIO(workbook_bytes("T", ["One.", "Two."], [_evil_report()])))
    assert book.sheetnames == ["Summary", "People   all"]
    people = book["People   all"]
    assert [c.value for c in people[1]] == ["Name", "Fine?", "Score"]
    assert people.freeze_panes == "A2"
    names = [people.cell(row=r, column=1) for r in range(2, 7)]
    assert [c.value for c in names] == ["'" + EVIL, "'+1+1", "-3", "'@SUM(A1)", "'\t=1"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert all(c.quotePrefix for c in names if c.value != "-3")
    assert people.cell(row=2, column=2).value == "Yes"
    score = people.cell(row=2, column=3)
    assert score.value == pytest.approx(0.123456) and score.number_format == "0.00"
    assert book["Summary"]["A1"].value == "T" and book["Summary"]["A3"].value == "One."


def test_classification_report_speaks_in_words():
    result = classify(example_responses())
    report = classification_report(result, example_responses(), source="/home/me/answers.csv")
    page = render_html(report)
    assert "/home/me" not in page and "answers.csv" in page
    headings = re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", page)
    assert headings and not [h for h in headings if is_snake_case(h)]
    assert "Partners see it differently?" in headings
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page)
    assert "True" not in cells and "False" not in cells
    assert "not scored" in page.lower()
    assert "B-firm-2" in page and "where at least half are needed" in page


def test_classification_summary_is_generated_from_the_results():
    result = classify(example_responses())
    sentences = classification_summary(result, source="answers.csv")
    text = " ".join(sentences)
    assert 3 <= sum(s.count(". ") + 1 for s in sentences) <= 8
    assert sentences[0].startswith("This report analyses the answers of 24 respondents")
    assert "2 partnerships over 2 rounds (2025 and 2026)" in sentences[0]
    assert "B-firm-2 (Example partnership B, 2026)" in sentences[1]
    assert "Example partnership A is in the constraining mode in 2026" in text
    assert "moving from the complying to the constraining mode" in text
    # Change the data, and the sentences change with it: nothing is canned.
    answers = example_responses()
    answers = answers[answers["partnership"] == "Example partnership B"]
    answers = answers[answers["round"].astype(str) == "2025"]
    other = classification_summary(classify(answers))
    assert "6 respondents" in other[0] and "1 partnership" in other[0]
    assert other[1] == "Every respondent answered enough statements to be scored."
    assert "creating mode" in other[2] and "Since" not in other[2]


def test_many_partnerships_are_counted_not_listed():
    frames = []
    for i in range(6):
        part = example_responses().copy()
        part["partnership"] = part["partnership"].astype(str) + f" {i}"
        frames.append(part)
    sentences = classification_summary(classify(pd.concat(frames, ignore_index=True)))
    assert len(sentences) <= 6
    assert sentences[2].startswith("Of the 12 partnerships in their latest round")


def test_excluded_reason_in_words():
    assert excluded_reason("answered 0 of 21 voluntary items (fewer than 50%)") == (
        "answered none of the 21 mandatory-or-voluntary statements, where at least half are needed"
    )


def test_plan_summary_and_report():
    report = check_report(load_plan(DATA / "example_plan.yaml"))
    sentences = plan_summary(report)
    assert 3 <= len(sentences) <= 6
    assert sentences[0].startswith("In the six-step plan “UMass Boston")
    assert (
        "none of the six steps is complete yet (4 in progress and 2 not started)" in (sentences[0])
    )
    assert "assess further" in sentences[1]
    assert sentences[-1].startswith("Next: ")
    blank = plan_summary(check_report(blank_plan()))
    assert "an untitled six-step plan" in blank[0]
    page = render_html(plan_check_report(report, source="C:\\plans\\plan.yaml"))
    assert "C:\\plans" not in page and "plan.yaml" in page


def test_stakeholder_report_has_no_command_line_wording():
    report = stakeholders_report(DATA / "example_register.csv", DATA / "example_relationships.csv")
    text = render_markdown(report)
    assert "--founder" not in text and "founding organisation" in text
    assert report.summary[1].startswith("The state sector holds 53% of all the power")
    assert "True" not in render_html(report)
    alone = stakeholders_report(DATA / "example_register.csv")
    assert "add a table of relationships" in render_markdown(alone)


def test_workshop_pack_leaves_out_what_it_is_not_given():
    reports = workshop_reports(plan=DATA / "example_plan.yaml")
    page = workshop_pack("Pack <1>", reports, "html", when=dt.date(2026, 3, 12))
    assert "Pack &lt;1&gt;" in page and "12 March 2026" in page
    assert "Partnership classification" not in page and "Stakeholder map" not in page
    assert "This pack brings together one analysis: the six-step plan." in page
    book = load_workbook(BytesIO(workshop_pack("Pack", reports, "xlsx")))
    assert book.sheetnames[0] == "Summary" and "Progress" in book.sheetnames


@pytest.mark.parametrize(
    ("command", "sheets"),
    [
        (["classify", str(DATA / "example_responses.csv")], ["Summary", "Partnerships"]),
        (["stakeholders", str(DATA / "example_register.csv")], ["Summary", "Power"]),
        (["plan", "check", str(DATA / "example_plan.yaml")], ["Summary", "Progress"]),
        (
            ["workshop", "--title", "W", "--responses", str(DATA / "example_responses.csv"),
             "--plan", str(DATA / "example_plan.yaml")],
            ["Summary", "Partnerships", "Direction of travel", "Progress"],
        ),
    ],
)  # fmt: skip
def test_xlsx_from_the_command_line(command, sheets, tmp_path):
    out = tmp_path / "out.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", *command, "--format", "xlsx", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    book = load_workbook(out)
    assert book.sheetnames[0] == "Summary" and set(sheets) <= set(book.sheetnames)
    for sheet in book.worksheets[1:]:
        headings = [c.value for c in sheet[1]]
        assert headings and not [h for h in headings if h and is_snake_case(h)]
        assert sheet.freeze_panes in ("A2", "B2")
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not isinstance(cell.value, bool) and cell.value not in ("True", "False")


def test_workshop_errors_are_one_line(tmp_path):
    bad = tmp_path / "answers.csv"
    bad.write_text("partnership,MV01\nP,9\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "workshop", "--title", "W", "--responses", str(bad),
         "--out", str(tmp_path / "p.html")],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    single = subprocess.run(
        [sys.executable, "-m", "toolkit", "classify", str(bad)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr == single.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "p.html").exists()
