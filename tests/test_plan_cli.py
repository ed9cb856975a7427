"""``python -m toolkit plan``, end to end."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

EXAMPLE = Path(str(resources.files("toolkit.data").joinpath("example_plan.yaml")))


def _one_line_error(result, *parts):
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def test_template_json(run_cli):
    result = run_cli("plan", "template", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["number"] for s in data["steps"]] == [1, 2, 3, 4, 5, 6]
    assert data["steps"][0]["name"] == "Problem identification"
    assert all(s["questions"] and s["outputs"] for s in data["steps"])
    assert data["plan"]["schema_version"] == 2


def test_template_md_and_html(run_cli, tmp_path):
    md = run_cli("plan", "template")
    assert md.returncode == 0 and md.stdout.count("## Step ") == 6
    out = tmp_path / "wall.html"
    html = run_cli("plan", "template", "--format", "html", "--out", out)
    assert html.returncode == 0, html.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_new_then_check_then_refuse_overwrite(run_cli, tmp_path):
    path = tmp_path / "plan.yaml"
    made = run_cli("plan", "new", path, "--title", "River clean-up")
    assert made.returncode == 0, made.stderr
    original = path.read_bytes()
    assert b"title: River clean-up" in original
    again = run_cli("plan", "new", path)
    _one_line_error(again, str(path), "already exists")
    assert path.read_bytes() == original
    check = run_cli("plan", "check", path, "--format", "json")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["ready"] is False
    assert [s["number"] for s in report["steps"]] == [1, 2, 3, 4, 5, 6]
    assert all({"number", "name", "complete", "missing"} <= set(s) for s in report["steps"])
    assert len(report["risks"]) == 9 and report["next"].startswith("Before step 1")
    md = run_cli("plan", "check", path)
    assert md.returncode == 0 and "**Next:**" in md.stdout


def test_invalid_yaml_exit_2_one_line_file_untouched(run_cli, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_bytes(b"schema_version: 2\ntitle: [unclosed\nsteps: {}\n")
    before = path.read_bytes()
    for args in (("check", path), ("export", path, "--format", "html")):
        result = run_cli("plan", *args)
        _one_line_error(result, str(path), "line ", "not valid YAML")
    assert path.read_bytes() == before


def test_schema_error_names_field_path(run_cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "schema_version: 2\nsteps:\n  evaluation:\n    decision: continue\n", encoding="utf-8"
    )
    before = path.read_bytes()
    result = run_cli("plan", "check", path, "--format", "json")
    _one_line_error(
        result, str(path), "line 4", "steps.evaluation.decision", "renew, redirect, end"
    )
    assert path.read_bytes() == before
    missing = run_cli("plan", "export", tmp_path / "nope.yaml")
    _one_line_error(missing, "nope.yaml", "does not exist")


def test_export_example_plan(run_cli, tmp_path):
    out = tmp_path / "example.html"
    result = run_cli("plan", "export", EXAMPLE, "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Dana-Farber" in page and "toolkit-vega-spec" in page
    md = run_cli("plan", "export", EXAMPLE)
    assert md.returncode == 0 and md.stdout.startswith("# UMass Boston")
