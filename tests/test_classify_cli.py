"""``python -m toolkit classify`` and ``questionnaire`` end to end."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

EXAMPLE = Path(str(resources.files("toolkit.data").joinpath("example_responses.csv")))


def one_line_error(result) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


def test_classify_json(run_cli):
    result = run_cli("classify", EXAMPLE)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    entries = data["partnerships"]
    assert [(e["partnership"], e["round"]) for e in entries] == [
        ("Example partnership A", "2025"),
        ("Example partnership A", "2026"),
        ("Example partnership B", "2025"),
        ("Example partnership B", "2026"),
    ]
    for entry in entries:
        assert entry["mode"] in {"complying", "constraining", "creating"}
        assert 0 <= entry["voluntary"] <= 1 and 0 <= entry["trust"] <= 1
        assert set(entry["disagreement"]) == {"voluntary", "trust"}
        assert entry["continuum"] in {
            "none",
            "networking",
            "coordinating",
            "cooperating",
            "collaborating",
        }
        assert len(entry["organizations"]) == 3
    assert entries[0]["partners_differ"] is True
    assert len(data["direction_of_travel"]) == 2
    assert data["excluded"][0]["respondent"] == "B-firm-2"
    assert data["ignored_columns"] == ["note"]


def test_classify_csv_md_and_out(run_cli, tmp_path):
    csv = run_cli("classify", EXAMPLE, "--format", "csv")
    assert csv.returncode == 0
    table = pd.read_csv(io.StringIO(csv.stdout))
    assert len(table) == 4 and {"mode", "voluntary", "trust", "partners_differ"} <= set(table)
    md = run_cli("classify", EXAMPLE, "--format", "md")
    assert md.returncode == 0
    assert "| Example partnership A | 2025 |" in md.stdout
    assert "## Direction of travel" in md.stdout and "## Respondents not scored" in md.stdout
    out = tmp_path / "result.json"
    written = run_cli("classify", EXAMPLE, "--out", out)
    assert written.returncode == 0 and written.stdout == ""
    assert json.loads(out.read_text())["partnerships"]


def test_classify_html_escapes_user_strings(run_cli, tmp_path):
    evil = "<script>alert(1)</script>"
    text = (
        "partnership,organization,respondent,MV01,CT01,H1\n"
        f'"{evil}","<b>Org</b>",r1,2,2,1\n'
        f'"{evil}","<b>Org</b>",r2,4,5,0\n'
    )
    path = tmp_path / "evil.csv"
    path.write_text(text)
    out = tmp_path / "report.html"
    result = run_cli("classify", path, "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert evil not in page and "<b>Org</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "toolkit-vega-spec" in page and "vegaEmbed" in page  # charts drawn offline
    assert "https://cdn" not in page


def test_classify_xlsx(run_cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Email", "Partnership", "[MV01] x", "[CT01] y"])
    sheet.append([1, "anonymous", "P", "B fits much better", 1])
    path = tmp_path / "forms.xlsx"
    book.save(path)
    result = run_cli("classify", path)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)["partnerships"][0]
    assert (entry["voluntary"], entry["trust"], entry["mode"]) == (1.0, 0.0, "constraining")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("partnership,MV01,CT01\nP,3,3\nP,8,3\n", ["line 3", "column 'MV01'", "got 8", "allowed"]),
        ("partnership,MV01,CT01\nP,3,so-so\n", ["line 2", "column 'CT01'", "'so-so'"]),
        ("partnership,MV01,CT01,MV99\nP,3,3,3\n", ["column 'MV99'", "not in the item bank"]),
        ("team,MV01,CT01\nP,3,3\n", ["no partnership column", "allowed"]),
        (
            "partnership,respondent,MV01,CT01\nP,a,3,3\nP,a,3,3\n",
            ["line 3", "duplicate respondent", "got 'a'"],
        ),
        ("", ["the file is empty"]),
    ],
)
def test_bad_input_is_one_line_exit_2(run_cli, tmp_path, text, expected):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    line = one_line_error(run_cli("classify", path))
    assert str(path) in line
    for fragment in expected:
        assert fragment in line, (fragment, line)


def test_missing_file_and_bad_encoding(run_cli, tmp_path):
    line = one_line_error(run_cli("classify", tmp_path / "nope.csv"))
    assert "nope.csv" in line and "does not exist" in line
    path = tmp_path / "utf16.csv"
    path.write_bytes("partnership,MV01,CT01\nP,3,3\n".encode("utf-16-le"))  # no byte-order mark
    line = one_line_error(run_cli("classify", path))
    assert "utf16.csv" in line and "UTF-16" in line


def test_bad_format_option(run_cli):
    line = one_line_error(run_cli("classify", EXAMPLE, "--format", "pdf"))
    assert "invalid choice" in line


@pytest.mark.parametrize("fmt", ["md", "csv", "html"])
def test_questionnaire(run_cli, fmt, tmp_path):
    result = run_cli("questionnaire", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "[MV01]" in result.stdout and "[CT10]" in result.stdout and "[H4]" in result.stdout
    out = tmp_path / f"q.{fmt}"
    assert run_cli("questionnaire", "--format", fmt, "--out", out).returncode == 0
    assert out.read_text() == result.stdout


def test_questionnaire_template_round_trips_through_the_reader(run_cli, tmp_path):
    template = pd.read_csv(io.StringIO(run_cli("questionnaire", "--format", "csv").stdout))
    items = template[template["axis"].notna()]
    titles = items["title"].tolist()
    row = ["P", "Org"] + ["A fits a little better"] * 31 + ["Yes", "Yes", "No", "No"]
    export = pd.DataFrame([row], columns=["Partnership", "Organisation", *titles])
    export.insert(0, "Timestamp", "2025-01-01")
    path = tmp_path / "export.csv"
    export.to_csv(path, index=False)
    result = run_cli("classify", path)
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)["partnerships"][0]
    assert (entry["voluntary"], entry["trust"], entry["continuum"]) == (0.25, 0.25, "coordinating")
    assert entry["mode"] == "complying"


def test_classify_seed_gives_the_same_figures_and_bad_seeds_are_refused(run_cli, tmp_path):
    # Only the bootstrap depends on the seed; the example's groups are small, so it is used.
    first = json.loads(run_cli("classify", EXAMPLE, "--seed", "11").stdout)
    again = json.loads(run_cli("classify", EXAMPLE, "--seed", "11").stdout)
    default = json.loads(run_cli("classify", EXAMPLE).stdout)
    assert first == again
    assert first["settings"]["seed"] == 11 and default["settings"]["seed"] == 2007
    assert [e["interval"] for e in first["partnerships"]] != [
        e["interval"] for e in default["partnerships"]
    ]
    for bad in ("-1", "x", "1.5"):
        line = one_line_error(run_cli("classify", EXAMPLE, "--seed", bad))
        assert "--seed" in line and "whole number" in line


def test_classify_reports_show_the_measurement_in_words(run_cli):
    md = run_cli("classify", EXAMPLE, "--format", "md").stdout
    assert "partners agree strongly" in md
    assert "between complying and constraining" in md
    assert "no clear change in trust" in md
    assert "Do the items measure one thing?" in md and "Voluntary items: alpha" in md
    assert "convention, not a law" in md
    csv = pd.read_csv(io.StringIO(run_cli("classify", EXAMPLE, "--format", "csv").stdout))
    assert {"agreement_voluntary", "voluntary_low", "trust_high", "position", "agreement"} <= set(
        csv.columns
    )
    html = run_cli("classify", EXAMPLE, "--format", "html").stdout
    assert "How to read this" in html and "Clear change" in html and "95% interval" in html
