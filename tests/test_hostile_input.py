"""Hostile and odd real-world input (issue 16): a right answer or a clear error, never a
silent wrong result, never a lost file, never a traceback.

Most cases run the command line in-process (:func:`toolkit.cli.main`); the ones that need
a real standard input, output or terminal run it in a subprocess. Every case that writes
checks that no file changed except the one ``--out`` names.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import threading
from importlib import resources
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from toolkit.answers import load_answers, parse_answers, save_answers
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.forms import item_ids, read_responses
from toolkit.io import neutralise_cell, printable, read_table, safe_csv_text
from toolkit.planning import load_plan, loads_plan
from toolkit.rounds import order_rounds

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
DATA = resources.files("toolkit.data")
REGISTER = str(DATA.joinpath("example_register.csv"))
RELATIONSHIPS = str(DATA.joinpath("example_relationships.csv"))
EXAMPLE_PLAN = str(DATA.joinpath("example_plan.yaml"))
IDS = item_ids()


def run(capsys, *args) -> tuple[int, str, str]:
    status = main([os.fspath(a) if isinstance(a, Path) else a for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(status: int, out: str, err: str) -> str:
    assert status == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.strip().splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    return lines[0]


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``folder``: its kind and content (files), target (links)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = ("link", os.readlink(path))
        elif stat.S_ISCHR(path.lstat().st_mode):
            found[key] = ("chr", str(path.lstat().st_rdev))
        elif path.is_dir():
            found[key] = ("dir", "")
        else:
            found[key] = ("file", path.read_bytes())
    return found


def answers_csv(rows: list[dict[str, object]]) -> str:
    frame = pd.DataFrame(rows)
    return frame.to_csv(index=False, lineterminator="\n")


def row(partnership: str, respondent: str, value: int = 3, **extra: object) -> dict:
    out = {"partnership": partnership, **extra, "respondent": respondent}
    out.update({i: (1 if i.startswith("H") else value) for i in IDS})
    return out


# --------------------------------------------------------------------------- 1. silent wrong


def test_trailing_comma_on_every_row_is_read_correctly_and_said(tmp_path, capsys):
    text = "partnership,respondent,MV01,CT01\n" + "A,r1,2,3,\nB,r2,4,5,\n"
    path = tmp_path / "a.csv"
    path.write_text(text)
    status, out, err = run(capsys, "classify", path, "--format", "csv")
    assert status == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert table["partnership"].tolist() == ["A", "B"]
    assert "extra, empty field" in err
    responses = read_responses(path)
    assert responses["MV01"].tolist() == [2.0, 4.0] and responses["CT01"].tolist() == [3.0, 5.0]


@pytest.mark.parametrize(
    ("text", "line", "fields"),
    [
        ("partnership,respondent,MV01,CT01\nA,r1,2,3\nB,r2,4,5,1\n", 3, "5 fields"),
        ("partnership,respondent,MV01,CT01\nA,r1,2,3,\nB,r2,4,5\n", 2, "5 fields"),
        ("partnership,respondent,MV01,CT01\nA,r1,2,3\nB,4,5\n", 3, "3 fields"),
        ('partnership,respondent,MV01,CT01\n"A, the first",r1,2,3\nB, two,r2,4,5\n', 3, "5"),
    ],
)
def test_misaligned_row_names_its_line_and_the_field_count(tmp_path, capsys, text, line, fields):
    path = tmp_path / "a.csv"
    path.write_text(text)
    message = one_line_error(*run(capsys, "classify", path))
    assert f"line {line}" in message and fields in message and "header has 4" in message


@pytest.mark.parametrize("title", ["Partnership", "name"])
def test_duplicate_header_titles_as_written_are_refused(tmp_path, capsys, title):
    if title == "name":
        path = tmp_path / "register.csv"
        path.write_text(
            "name,organization,sector,power,interest,legitimacy,urgency,name\n"
            "A,Org,government,5,4,5,3,B\n"
        )
        message = one_line_error(*run(capsys, "stakeholders", path))
    else:
        path = tmp_path / "a.csv"
        path.write_text("Partnership,respondent,MV01,Partnership\nA,r1,2,B\n")
        message = one_line_error(*run(capsys, "classify", path))
    assert f"column '{title}'" in message and "same title" in message and "line 1" in message


def test_stray_latin1_byte_in_utf8_names_the_line(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(
        "partnership,respondent,MV01\nCafé Rivière,r1,2\n".encode() + b"Caf\xe9,r2,3\n"
    )
    message = one_line_error(*run(capsys, "classify", path))
    assert "line 3" in message and "UTF-8" in message and "0xe9" in message


def test_windows_1252_only_file_is_read_and_said(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes("partnership,respondent,MV01,CT01\nCafé,r1,2,3\n".encode("cp1252"))
    status, out, err = run(capsys, "classify", path, "--format", "csv")
    assert status == 0 and "Café" in out, err and "Windows-1252" in err


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r in rows:
            sheet.append(r)
    book.save(path)
    return path


def test_answers_on_two_sheets_stop_and_name_them_then_sheet_picks_one(tmp_path, capsys):
    header = ["partnership", "respondent", "MV01", "CT01"]
    path = _workbook(
        tmp_path / "rounds.xlsx",
        {"Round 1": [header, ["A", "r1", 2, 3]], "Round 2": [header, ["A", "r1", 4, 5]]},
    )
    message = one_line_error(*run(capsys, "classify", path))
    assert "'Round 1'" in message and "'Round 2'" in message and "--sheet" in message
    status, out, err = run(capsys, "classify", path, "--sheet", "Round 2", "--format", "json")
    assert status == 0, err
    assert json.loads(out)["partnerships"][0]["voluntary"] == pytest.approx(0.75)
    message = one_line_error(*run(capsys, "classify", path, "--sheet", "Round 3"))
    assert "no such sheet" in message and "'Round 1'" in message


def test_empty_first_sheet_is_skipped_and_said(tmp_path, capsys):
    path = _workbook(
        tmp_path / "a.xlsx",
        {"Sheet1": [], "Form1": [["partnership", "MV01", "CT01"], ["A", 2, 3]]},
    )
    status, out, err = run(capsys, "classify", path, "--format", "csv")
    assert status == 0 and "A," in out and "'Form1'" in err and "first sheet is empty" in err
    empty = _workbook(tmp_path / "b.xlsx", {"Sheet1": [], "Notes": []})
    message = one_line_error(*run(capsys, "classify", empty))
    assert "'Sheet1'" in message and "'Notes'" in message
    # an explicitly chosen empty sheet names the others
    message = one_line_error(*run(capsys, "classify", path, "--sheet", "Sheet1"))
    assert "'Form1'" in message


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["post", "pre"], ["pre", "post"]),
        (["After", "Before"], ["Before", "After"]),
        (["follow-up", "baseline"], ["baseline", "follow-up"]),
        (["Round 1", "Round 10", "Round 2"], ["Round 1", "Round 2", "Round 10"]),
        (["10", "9", "1"], ["1", "9", "10"]),
        (["2025-03-01", "2024-12-31"], ["2024-12-31", "2025-03-01"]),
        (["March 2025", "November 2024"], ["November 2024", "March 2025"]),
        (["spring", "autumn", "summer"], ["spring", "autumn", "summer"]),
        (["second", "first"], ["first", "second"]),
    ],
)
def test_rounds_are_ordered_as_people_mean_them(labels, expected):
    assert order_rounds(labels) == expected


def test_direction_of_travel_runs_pre_to_post_and_rounds_option(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(
        answers_csv(
            [row("P", "a", 5, round="post"), row("P", "b", 1, round="pre")]
        )  # post first in the file
    )
    status, out, _ = run(capsys, "classify", path, "--format", "json")
    travel = json.loads(out)["direction_of_travel"][0]
    assert (travel["from_round"], travel["to_round"]) == ("pre", "post")
    assert travel["voluntary_change"] > 0
    status, out, err = run(capsys, "classify", path, "--format", "json", "--rounds", "post,pre")
    assert status == 0, err
    travel = json.loads(out)["direction_of_travel"][0]
    assert (travel["from_round"], travel["to_round"]) == ("post", "pre")
    message = one_line_error(*run(capsys, "classify", path, "--rounds", "pre,mid"))
    assert "'post'" in message and "--rounds" in message


def test_round_rule_is_in_help_and_readme(capsys):
    with pytest.raises(SystemExit):
        main(["classify", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "first appear in the file" in out and "Round 1, Round 2, Round 10" in out
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "--rounds pre,post" in readme and "(Round 1, Round 2, Round 10)" in readme


def test_plan_values_are_read_as_typed():
    text = (
        "schema_version: 2\ntitle: on\n"
        "steps:\n  members:\n    members:\n      - name: NO\n        contribution: 010\n"
        "  planning:\n    commitment: 1:30\n    mission: 2:30:00\n    goals:\n"
        "      - id: 1.10\n        goal: a\n        target: 010\n"
        "      - id: 1.1\n        goal: b\n      - id: 010\n        goal: c\n"
    )
    data = loads_plan(text, file="p.yaml").to_dict()
    assert data["title"] == "on"
    planning = data["steps"]["planning"]
    assert [g["id"] for g in planning["goals"]] == ["1.10", "1.1", "010"]
    assert planning["goals"][0]["target"] == 10
    assert (planning["commitment"], planning["mission"]) == ("1:30", "2:30:00")
    member = data["steps"]["members"]["members"][0]
    assert member["name"] == "NO" and member["contribution"] == "010"


def test_case_variant_partnership_names_are_warned(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(answers_csv([row("Riverside", "a"), row("riverside ", "b")]))
    status, out, err = run(capsys, "classify", path, "--format", "csv")
    assert status == 0 and out.count("iverside") == 2
    assert "warning:" in err and "'Riverside' / 'riverside'" in err


# --------------------------------------------------------------------------- 2. lost files


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "{a}", "--out", "{a}"],
        ["stakeholders", REGISTER, "--relationships", "{rel}", "--out", "{rel}"],
        ["plan", "export", "{plan}", "--out", "{plan}"],
        ["plan", "check", "{plan}", "--out", "{plan}"],
        ["classify", "{a}", "--out", "{link_to_a}"],
    ],
)
def test_out_equal_to_an_input_is_refused_naming_both(tmp_path, capsys, args):
    a = tmp_path / "a.csv"
    a.write_text(answers_csv([row("P", "r1")]))
    rel = tmp_path / "links.csv"
    rel.write_bytes(Path(RELATIONSHIPS).read_bytes())
    plan = tmp_path / "p.yaml"
    plan.write_bytes(Path(EXAMPLE_PLAN).read_bytes())
    (tmp_path / "link.csv").symlink_to(a)
    names = {"a": a, "rel": rel, "plan": plan, "link_to_a": tmp_path / "link.csv"}
    before = snapshot(tmp_path)
    message = one_line_error(*run(capsys, *[x.format(**names) for x in args]))
    assert "--out" in message and "is the input file" in message
    assert snapshot(tmp_path) == before


def _mknod(path: Path, minor: int) -> Path:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def test_out_to_a_device_node_writes_to_it_and_never_replaces_it(tmp_path, capsys):
    a = tmp_path / "a.csv"
    a.write_text(answers_csv([row("P", "r1")]))
    devices = tmp_path / "dev"
    devices.mkdir()
    null = _mknod(devices / "null", 3)
    full = _mknod(devices / "full", 7)
    status, out, err = run(capsys, "classify", a, "--out", null)
    assert status == 0 and out == "", err
    assert stat.S_ISCHR(null.lstat().st_mode)
    message = one_line_error(*run(capsys, "classify", a, "--out", full))
    assert str(full) in message and "disk is full" in message and ".tmp" not in message
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert sorted(p.name for p in devices.iterdir()) == ["full", "null"]


def test_out_through_symbolic_links(tmp_path, capsys):
    a = tmp_path / "a.csv"
    a.write_text(answers_csv([row("P", "r1")]))
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    status, _, err = run(capsys, "classify", a, "--out", link)
    assert status == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["partnerships"][0]["partnership"] == "P"
    folder = tmp_path / "folder"
    folder.mkdir()
    folder_link = tmp_path / "to-folder"
    folder_link.symlink_to(folder)
    before = snapshot(tmp_path)
    message = one_line_error(*run(capsys, "classify", a, "--out", folder_link))
    assert "to-folder" in message and "folder" in message
    assert snapshot(tmp_path) == before and folder_link.is_symlink()


def test_out_to_folder_or_impossible_place_names_the_users_path(tmp_path, capsys):
    a = tmp_path / "a.csv"
    a.write_text(answers_csv([row("P", "r1")]))
    before = snapshot(tmp_path)
    message = one_line_error(*run(capsys, "classify", a, "--out", tmp_path))
    assert str(tmp_path) in message and "folder" in message and ".tmp" not in message
    inside_file = a / "report.json"
    message = one_line_error(*run(capsys, "classify", a, "--out", inside_file))
    assert str(inside_file) in message and ".tmp" not in message
    assert snapshot(tmp_path) == before


def test_disk_full_names_the_file_and_keeps_the_old_one(tmp_path, capsys, monkeypatch):
    import errno

    a = tmp_path / "a.csv"
    a.write_text(answers_csv([row("P", "r1")]))
    out = tmp_path / "report.json"
    out.write_text("good")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    message = one_line_error(*run(capsys, "classify", a, "--out", out))
    assert str(out) in message and "disk is full" in message and ".tmp" not in message
    assert out.read_text() == "good" and sorted(p.name for p in tmp_path.iterdir()) == [
        "a.csv",
        "report.json",
    ]


def test_standard_input_and_output(tmp_path):
    text = answers_csv([row("Piped", "r1")])
    for out in ("-", "/dev/stdout"):
        result = subprocess.run(
            [sys.executable, "-m", "toolkit", "classify", "-", "--format", "csv", "--out", out],
            input=text,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "Piped" in result.stdout
    assert list(tmp_path.iterdir()) == []
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "classify", "/dev/stdin", "--format", "csv"],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "Piped" in result.stdout, result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "plan", "check", "-"],
        input=Path(EXAMPLE_PLAN).read_text(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- 3. tracebacks


def test_report_charts_past_altair_row_limit(tmp_path, capsys):
    # one partnership, 170 organisations answering every item: > 5,000 chart rows
    rows = [
        {"partnership": "P", "organization": f"Org {i}", **row("P", f"r{i}", 1 + i % 5)}
        for i in range(170)
    ]
    path = tmp_path / "big.csv"
    path.write_text(answers_csv(rows))
    status, _, err = run(capsys, "classify", path, "--format", "html", "--out", tmp_path / "r.html")
    assert status == 0, err
    page = (tmp_path / "r.html").read_text()
    assert page.count("Org 169") >= 1 and "not drawn" not in page
    goals = "".join(f"      - id: G{i}\n        goal: goal {i}\n" for i in range(5001))
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"schema_version: 2\nsteps:\n  planning:\n    goals:\n{goals}")
    status, _, err = run(
        capsys, "plan", "export", plan, "--format", "html", "--out", tmp_path / "p.html"
    )
    assert status == 0, err
    assert "G5000" in (tmp_path / "p.html").read_text()


HOSTILE_PLANS = {
    "recursive alias": ("schema_version: 2\ntitle: x\nsteps: &a [*a]\n", 3),
    "deep nesting": ("schema_version: 2\ntitle: " + "[" * 20000 + "]" * 20000 + "\n", 2),
    "form feed": ("schema_version: 2\ntitle: from Word\x0c\n", 2),
    "NUL": ("schema_version: 2\n\ntitle: a\x00b\n", 3),
    "lone surrogate": ('schema_version: 2\ntitle: "\\ud800"\n', 2),
    "huge number in a number field": None,
    "billion laughs": (
        "schema_version: 2\n"
        + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
        + "title: *a9\n",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(k for k, v in HOSTILE_PLANS.items() if v))
def test_hostile_plan_gives_one_line_naming_file_and_line(tmp_path, capsys, case):
    text, line = HOSTILE_PLANS[case]
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    message = one_line_error(*run(capsys, "plan", "check", path))
    assert str(path) in message
    if line is not None:
        assert f"line {line}" in message, message
    else:
        assert "alias" in message


def test_plan_impossible_dates_and_huge_numbers_are_text_or_a_clear_error(tmp_path, capsys):
    digits = "9" * 5000
    path = tmp_path / "plan.yaml"
    path.write_text(f"schema_version: 2\ntitle: {digits}\ndescription: 2025-02-30\n")
    data = load_plan(path).to_dict()
    assert data["title"] == digits and data["description"] == "2025-02-30"
    path.write_text(
        "schema_version: 2\nsetbacks:\n  - date: 2025-13-45\n    setback: a\n"
        f"steps:\n  planning:\n    goals:\n      - id: G1\n        target: {digits}\n"
    )
    message = one_line_error(*run(capsys, "plan", "check", path))
    assert "line 9" in message and "expected a number" in message
    path.write_text("schema_version: 2\nsetbacks:\n  - date: 2025-13-45\n    setback: a\n")
    assert load_plan(path).setbacks[0]["date"] == "2025-13-45"


def test_non_utf8_file_names_and_titles(tmp_path):
    folder = os.fsencode(tmp_path)
    source = folder + b"/caf\xe9.csv"
    with open(source, "wb") as handle:
        handle.write(answers_csv([row("P", "r1")]).encode())
    out = folder + b"/r\xe9sult.md"
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "classify", source, "--format", "md", "--out", out],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "café.csv".encode() in Path(os.fsdecode(out)).read_bytes()
    plan = folder + b"/pl\xe0n.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "plan", "new", plan, "--title", b"Caf\xe9 network"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert load_plan(os.fsdecode(plan)).to_dict()["title"] == "Café network"


# --------------------------------------------------------------------------- 4. injection

FORMULAS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=tab", "\r=cr", '=HYPERLINK("http://x")']


def _cells(text: str) -> list[str]:
    return [cell for record in csv.reader(io.StringIO(text)) for cell in record]


def _dangerous(cell: str) -> bool:
    return cell.startswith(("=", "+", "-", "@", "\t", "\r")) and neutralise_cell(cell) != cell


def test_every_csv_cell_is_neutralised(tmp_path, capsys):
    register = tmp_path / "register.csv"
    lines = ["name,organization,sector,power,interest,legitimacy,urgency,notes"]
    for i, name in enumerate(FORMULAS):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"{quoted},{quoted},government,{1 + i % 5},4,5,3,{quoted}")
    register.write_text("\n".join(lines) + "\n")
    status, out, err = run(capsys, "stakeholders", register, "--format", "csv")
    assert status == 0, err
    cells = _cells(out)
    assert not [c for c in cells if _dangerous(c)]
    assert "'=1+1" in cells and "'=tab" in cells and "'-2+3" in cells
    answers = tmp_path / "a.csv"
    answers.write_text(answers_csv([row(name, f"r{i}") for i, name in enumerate(FORMULAS)]))
    status, out, err = run(capsys, "classify", answers, "--format", "csv")
    assert status == 0, err
    assert not [c for c in _cells(out) if _dangerous(c)]
    for command in (["questionnaire", "--format", "csv"], ["continuum", "--format", "csv"]):
        status, out, _ = run(capsys, *command)
        assert status == 0 and not [c for c in _cells(out) if _dangerous(c)]


def test_neutralise_keeps_numbers_and_is_one_helper():
    frame = pd.DataFrame({"name": ["=x", "ok", None], "score": [-1.5, 2.0, 3.0]})
    assert safe_csv_text(frame).splitlines() == ["name,score", "'=x,-1.5", "ok,2.0", ",3.0"]
    assert neutralise_cell("-3") == "-3" and neutralise_cell("'\t=x") == "'\t=x"


ESCAPE_NAME = "Evil\x1b[2J\x1b[32mplan OK\x1b[0m"


def test_terminal_control_characters_are_escaped(tmp_path):
    import pty

    answers = tmp_path / "a.csv"
    answers.write_text(answers_csv([row(ESCAPE_NAME, "r1")]))
    plan = tmp_path / "plan.yaml"
    yaml_name = ESCAPE_NAME.replace("\x1b", "\\e")  # YAML's escape for ESC
    plan.write_text(f'schema_version: 2\ntitle: "{yaml_name}"\n')
    bad = tmp_path / "bad.csv"
    bad.write_text(f"partnership,MV01\n{ESCAPE_NAME},9\n")
    for args in (["classify", answers, "--format", "md"], ["plan", "check", plan]):
        leader, follower = pty.openpty()
        try:
            result = subprocess.run(
                [sys.executable, "-m", "toolkit", *map(str, args)],
                stdout=follower,
                stderr=subprocess.PIPE,
                timeout=120,
            )
            os.close(follower)
            follower = -1
            shown = b""
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                shown += chunk
        finally:
            if follower >= 0:
                os.close(follower)
            os.close(leader)
        assert result.returncode == 0, result.stderr
        assert b"\x1b" not in shown and b"Evil\\x1b[2J" in shown
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "classify", str(bad)],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 2 and b"\x1b" not in result.stderr
    assert printable("a\x07b\u202ec") == "a\\x07b\\u202ec"


# --------------------------------------------------------------------------- 5. answers files


def test_load_answers_never_raises(tmp_path):
    path = tmp_path / "q.answers.json"
    for text in (
        '{"format": "partnership-toolkit-answers", "version": 1, "exercise": "q", '
        '"answers": {"a": ' + "9" * 5000 + "}}",
        '{"answers": ' + "[" * 100000 + "]" * 100000 + "}",
        '{"format": "partnership-toolkit-answers", "version": 1, "exercise": "q", '
        '"answers": {"a": NaN}}',
    ):
        path.write_text(text)
        result = load_answers("q", tmp_path)
        assert result.status == "invalid" and result.answers == {}


def _strict(text: str):
    def refuse(name):
        raise ValueError(name)

    return json.loads(text, parse_constant=refuse)


def test_save_answers_writes_strict_json_whatever_the_answers(tmp_path):
    deep: list = []
    node = deep
    for _ in range(5000):
        node.append([])
        node = node[0]
    answers = {
        "nan": float("nan"),
        "inf": float("inf"),
        "big": 10**5000,
        "deep": deep,
        "ok": 3,
    }
    path, _ = save_answers("q", answers, tmp_path)
    saved = _strict(path.read_text())["answers"]
    assert saved["nan"] is None and saved["inf"] is None and saved["big"] is None
    assert saved["ok"] == 3
    assert parse_answers(path.read_text(), "q")["ok"] == 3
    from toolkit.answers import download_link_html

    html = download_link_html("q", answers)
    assert "data:application/json" in html


def test_answers_dir_expands_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TOOLKIT_ANSWERS_DIR", "~/answers")
    path, _ = save_answers("q", {"a": 1})
    assert path == tmp_path / "answers" / "q.answers.json" and path.exists()


def test_concurrent_saves_over_a_corrupt_file(tmp_path):
    for trial in range(40):
        folder = tmp_path / str(trial)
        folder.mkdir()
        (folder / "q.answers.json").write_text("corrupt {")
        errors: list[BaseException] = []

        def save(value, folder=folder, errors=errors):
            try:
                save_answers("q", {"a": value}, folder)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=save, args=(v,)) for v in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert parse_answers((folder / "q.answers.json").read_text(), "q")["a"] in (1, 2)
        backups = [p.read_text() for p in folder.glob("*.bak*")]
        assert "corrupt {" in backups


def test_upload_and_autosave_report_every_failure(tmp_path, monkeypatch):
    pytest.importorskip("ipywidgets")
    from toolkit.widgets._autosave import Autosave

    saver = Autosave("q", tmp_path)
    huge = b'{"format": "partnership-toolkit-answers", "version": 1, "exercise": "q", '
    huge += b'"answers": {"a": ' + b"9" * 5000 + b"}}"
    saver._on_upload({"new": ({"name": "up.json", "content": huge},)})
    assert saver.status_warning and "not loaded" in saver.status_text

    def broken(*args, **kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr("toolkit.widgets._autosave.save_answers", broken)
    saver.save()
    assert saver.status_warning and "Could not save" in saver.status_text


# --------------------------------------------------------------------------- 6. messages


def test_utf16_with_bom_is_read(tmp_path, capsys):
    path = tmp_path / "unicode.csv"
    text = answers_csv([row("Café", "r1")])
    path.write_bytes(text.encode("utf-16"))
    status, out, err = run(capsys, "classify", path, "--format", "csv")
    assert status == 0 and "Café" in out, err


def test_readme_is_true_about_format_json(capsys):
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "`questionnaire` and `plan export` produce documents" in readme
    for command in (
        ["classify", REGISTER.replace("register", "responses")],
        ["stakeholders", REGISTER],
        ["plan", "check", EXAMPLE_PLAN],
        ["plan", "template"],
        ["continuum"],
    ):
        status, out, err = run(capsys, *command, "--format", "json")
        assert status == 0, (command, err)
        json.loads(out)


# --------------------------------------------------------------------------- 7. form layouts


def test_google_forms_grid_export_is_read():
    table = read_responses(FIXTURES / "google_forms_grid.csv")
    assert table["partnership"].astype(str).tolist() == [
        "Riverside food network",
        "Riverside food network",
        "Hill clinic alliance",
    ]
    assert [c for c in table.columns if c in IDS] == list(IDS)
    assert table[list(IDS)].notna().all().all()
    assert "Timestamp" in table.attrs["ignored_columns"]
    assert "Email Address" in table.attrs["ignored_columns"]


def test_microsoft_forms_likert_export_is_read():
    table = read_responses(FIXTURES / "microsoft_forms_likert.xlsx")
    assert len(table) == 3 and [c for c in table.columns if c in IDS] == list(IDS)
    ignored = set(table.attrs["ignored_columns"])
    assert {"Start time", "Completion time", "Email", "Name", "Last modified time"} <= ignored


def test_item_id_found_anywhere_and_two_ids_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("Partnership,How well? [[mv1] Governance],Part 3 [Exchange [H2]]\nP,2,Yes\n")
    table = read_responses(path)
    assert table.loc[0, "MV01"] == 2.0 and table.loc[0, "H2"] == 1.0
    path.write_text("Partnership,Grid [[MV01] and [MV02]]\nP,2\n")
    with pytest.raises(InputError, match="more than one item id"):
        read_responses(path)


def test_questionnaire_offers_a_grid_template_that_reads_back(tmp_path, capsys):
    status, out, _ = run(capsys, "questionnaire", "--layout", "grid", "--format", "csv")
    assert status == 0
    grid = pd.read_csv(io.StringIO(out))
    assert grid["id"].tolist() == list(IDS)
    header = ["Partnership"] + [f"{r.grid_title} [{r.row_text}]" for r in grid.itertuples()]
    values = ["P"] + [r.columns.split("|")[0] for r in grid.itertuples()]
    path = tmp_path / "export.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, values])
    table = read_responses(path)
    assert table.loc[0, "MV01"] == 1.0 and table.loc[0, "H1"] == 1.0
    status, out, _ = run(capsys, "questionnaire", "--layout", "grid")
    assert status == 0 and "## Grid 3" in out
    message = one_line_error(*run(capsys, "questionnaire", "--layout", "grid", "--format", "html"))
    assert "--layout grid" in message


def test_read_table_refuses_instead_of_guessing():
    with pytest.raises(InputError):
        read_table(os.devnull + "-does-not-exist")
