"""``python -m toolkit stakeholders`` end to end."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources

import pytest

DATA = resources.files("toolkit.data")
REGISTER = str(DATA.joinpath("example_register.csv"))
RELATIONSHIPS = str(DATA.joinpath("example_relationships.csv"))
HEADER = "name,organization,sector,power,interest,legitimacy,urgency\n"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_json_shape(run_cli):
    res = run_cli("stakeholders", REGISTER, "--relationships", RELATIONSHIPS, "--format", "json",
                  "--founder", "City council (example)")  # fmt: skip
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert set(data) >= {"stakeholders", "summary"}
    assert len(data["stakeholders"]) == 12
    for row in data["stakeholders"]:
        assert {"name", "organization", "sector", "grid", "salience", "marginal"} <= set(row)
        assert isinstance(row["marginal"], bool)
    summary = data["summary"]
    assert summary["missing_sectors"] == []
    assert summary["sectors"] == {"state": 4, "market": 2, "civil society": 6}
    assert all(isinstance(g, str) for g in summary["gaps"])
    assert summary["network"]["isolates"] == ["Disability advocacy group (example)"]
    assert {m["from"] for m in summary["sector_mappings"]} >= {"NGO", "business", "public"}
    assert set(data["candidates"]) == {"stakeholder_analysis", "self_selection",
                                       "expanding_network"}  # fmt: skip
    first = data["candidates"]["expanding_network"][0]
    assert first["round"] == 1 and first["introduced_by"] == "City council (example)"


def test_json_missing_sectors_in_canonical_order(run_cli, tmp_path):
    reg = write(tmp_path / "r.csv", HEADER + "a,A,NGO,3,5,3,3\n")
    res = run_cli("stakeholders", reg, "--format", "json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)["summary"]
    assert summary["missing_sectors"] == ["state", "market"]
    assert "no market-sector member" in summary["gaps"]
    assert (
        "the expanding network model needs --founder NAME; it was not run"
        in json.loads(res.stdout)["notes"]
    )


def test_csv_and_markdown(run_cli, tmp_path):
    res = run_cli("stakeholders", REGISTER, "--relationships", RELATIONSHIPS, "--format", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 12 and {"grid", "salience", "marginal", "betweenness"} <= set(rows[0])
    out = tmp_path / "map.md"
    res = run_cli("stakeholders", REGISTER, "--format", "md", "--out", out)
    assert res.returncode == 0 and res.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Stakeholder map: example_register.csv")
    assert "## Candidate members" in text and "Sector names mapped" in text


def test_threshold_option_changes_the_grid(run_cli):
    res = run_cli("stakeholders", REGISTER, "--format", "json", "--threshold", "3")
    data = json.loads(res.stdout)
    assert data["summary"]["thresholds"]["power"] == 3
    faith = next(r for r in data["stakeholders"] if r["name"] == "Faith network (example)")
    assert faith["grid"] == "manage closely"
    bad = run_cli("stakeholders", REGISTER, "--threshold", "1")
    assert bad.returncode == 2 and "threshold out of range" in bad.stderr


def test_html_report_is_self_contained_and_escaped(run_cli, tmp_path):
    reg = write(tmp_path / "r.csv", HEADER + '"<script>alert(1)</script>",A,state,5,5,5,5\n'
                "b,<b>B</b>,business,1,5,3,3\n")  # fmt: skip
    out = tmp_path / "report.html"
    res = run_cli("stakeholders", reg, "--format", "html", "--out", out)
    assert res.returncode == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>alert(1)</script>" not in page
    assert "<b>B</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "toolkit-vega-spec" in page and "http://" not in page.split("<main>")[1][:2000]


@pytest.mark.parametrize(
    ("register", "expected"),
    [
        (HEADER + "a,A,church,3,3,3,3\n", ["r.csv", "line 2", "'sector'", "'church'", "allowed"]),
        (HEADER + "a,A,state,7,3,3,3\n", ["line 2", "'power'", "7", "from 1 to 5"]),
        (HEADER + "a,A,state,x,3,3,3\n", ["line 2", "'power'", "not a number"]),
        (HEADER + "a,A,state,3,3,3,3\nA,B,state,3,3,3,3\n", ["line 3", "duplicate name"]),
        ("name,organization,sector,power\na,A,state,3\n", ["required column", "interest"]),
        ("", ["r.csv", "empty"]),
    ],
)
def test_bad_register_exit_2_one_line(run_cli, tmp_path, register, expected):
    reg = write(tmp_path / "r.csv", register)
    res = run_cli("stakeholders", reg, "--format", "json")
    assert res.returncode == 2
    assert res.stdout == ""
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    for piece in expected:
        assert piece in res.stderr


@pytest.mark.parametrize(
    ("relationships", "expected"),
    [
        ("source,target\na,zz\n", ["rel.csv", "line 2", "'target'", "'zz'", "not in the register"]),
        ("source,target\na,a\n", ["line 2", "themselves"]),
        ("source,target,strength\na,b,8\n", ["line 2", "'strength'", "out of range"]),
        ("target\nb\n", ["required column", "source"]),
        ("", ["rel.csv", "empty"]),
    ],
)
def test_bad_relationships_exit_2(run_cli, tmp_path, relationships, expected):
    reg = write(tmp_path / "r.csv", HEADER + "a,A,state,3,3,3,3\nb,B,NGO,3,3,3,3\n")
    rel = write(tmp_path / "rel.csv", relationships)
    res = run_cli("stakeholders", reg, "--relationships", rel)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    for piece in expected:
        assert piece in res.stderr


def test_missing_file_and_unknown_founder(run_cli, tmp_path):
    res = run_cli("stakeholders", tmp_path / "nope.csv")
    assert res.returncode == 2 and "does not exist" in res.stderr
    res = run_cli("stakeholders", REGISTER, "--relationships", RELATIONSHIPS,
                  "--founder", "Nobody")  # fmt: skip
    assert res.returncode == 2 and "'Nobody'" in res.stderr
