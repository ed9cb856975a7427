"""Answers files: atomic save, restore, corrupt and foreign files, backups, download."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from toolkit.answers import (
    ANSWERS_DIR_ENV,
    answers_dir,
    answers_json,
    answers_path,
    backup_path,
    download_link_html,
    load_answers,
    parse_answers,
    save_answers,
)
from toolkit.errors import InputError


@pytest.fixture(autouse=True)
def _no_env(monkeypatch) -> None:
    monkeypatch.delenv(ANSWERS_DIR_ENV, raising=False)


def test_save_then_load_round_trip(tmp_path: Path) -> None:
    answers = {"MV01": 4, "note": "Café <b>", "list": [1, 2]}
    path, backup = save_answers("02-classify", answers, tmp_path)
    assert path == tmp_path / "02-classify.answers.json" and backup is None
    result = load_answers("02-classify", tmp_path)
    assert result.status == "restored" and result.answers == answers
    assert "Restored" in result.message
    assert [p.name for p in tmp_path.iterdir()] == ["02-classify.answers.json"]


def test_saving_is_stable(tmp_path: Path) -> None:
    save_answers("x", {"b": 1, "a": 2}, tmp_path)
    first = (tmp_path / "x.answers.json").read_bytes()
    save_answers("x", {"a": 2, "b": 1}, tmp_path)
    assert (tmp_path / "x.answers.json").read_bytes() == first


def test_no_file_yet(tmp_path: Path) -> None:
    result = load_answers("01-continuum", tmp_path)
    assert result.status == "none" and result.answers == {}
    assert "01-continuum.answers.json" in result.message


def test_environment_variable_names_the_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(ANSWERS_DIR_ENV, str(tmp_path))
    assert answers_dir() == tmp_path
    save_answers("e", {"k": 1})
    assert (tmp_path / "e.answers.json").exists()
    monkeypatch.setenv(ANSWERS_DIR_ENV, "off")
    assert answers_path("e") is None
    assert save_answers("e", {"k": 2}) == (None, None)
    assert load_answers("e").status == "off"


def test_default_folder_is_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert answers_path("04-trust-game") == tmp_path / "04-trust-game.answers.json"


@pytest.mark.parametrize("bad", ["", "../x", "a/b", ".hidden", "c:d"])
def test_exercise_id_must_be_a_plain_name(bad: str) -> None:
    with pytest.raises(InputError, match="plain file name"):
        answers_path(bad, "/tmp")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"hello": 1}', "not an answers file of the course toolkit"),
        (b"[1, 2]", "not an answers file of the course toolkit"),
        (
            b'{"format": "partnership-toolkit-answers", "version": 99, "exercise": "q", '
            b'"answers": {}}',
            "newer toolkit",
        ),
        (
            b'{"format": "partnership-toolkit-answers", "version": "1", "exercise": "q", '
            b'"answers": {}}',
            "no valid version",
        ),
        (
            b'{"format": "partnership-toolkit-answers", "version": 1, "exercise": "other", '
            b'"answers": {}}',
            "another exercise",
        ),
        (
            b'{"format": "partnership-toolkit-answers", "version": 1, "exercise": "q", '
            b'"answers": [1]}',
            "no 'answers' object",
        ),
    ],
)
def test_bad_files_are_reported_never_raised_never_written(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "q.answers.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        parse_answers(content, "q")
    result = load_answers("q", tmp_path)
    assert result.status == "invalid" and result.answers == {}
    assert message in result.message and "q.answers.json.bak" in result.message
    assert path.read_bytes() == content, "loading must not touch the file"
    assert [p.name for p in tmp_path.iterdir()] == ["q.answers.json"]


def test_bad_file_is_backed_up_before_it_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "q.answers.json"
    path.write_bytes(b"corrupt")
    (tmp_path / "q.answers.json.bak").write_bytes(b"older backup")
    saved, backup = save_answers("q", {"a": 1}, tmp_path)
    assert backup == tmp_path / "q.answers.json.bak-2"
    assert backup.read_bytes() == b"corrupt"
    assert (tmp_path / "q.answers.json.bak").read_bytes() == b"older backup"
    assert parse_answers(saved.read_bytes(), "q") == {"a": 1}
    # A valid file is simply replaced, no new backup.
    assert save_answers("q", {"a": 2}, tmp_path)[1] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "q.answers.json",
        "q.answers.json.bak",
        "q.answers.json.bak-2",
    ]


def test_save_is_atomic(tmp_path: Path, monkeypatch) -> None:
    import os

    save_answers("q", {"a": 1}, tmp_path)

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(InputError, match=r"q\.answers\.json"):  # names the file, not the temp
        save_answers("q", {"a": 2}, tmp_path)
    assert parse_answers((tmp_path / "q.answers.json").read_text(), "q") == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["q.answers.json"]


def test_backup_path_names() -> None:
    assert backup_path("/nonexistent/a.answers.json").name == "a.answers.json.bak"


def test_download_link_carries_the_file() -> None:
    answers = {"name": '<script>"x"</script>'}
    html = download_link_html("05-stakeholders", answers)
    href = re.search(r'href="data:application/json;base64,([^"]+)"', html).group(1)
    text = base64.b64decode(href).decode("utf-8")
    assert text == answers_json("05-stakeholders", answers)
    assert parse_answers(text, "05-stakeholders") == answers
    assert 'download="05-stakeholders.answers.json"' in html
    assert "<script>" not in html


def test_answers_json_document() -> None:
    doc = json.loads(answers_json("q", {"z": None}))
    assert doc == {
        "format": "partnership-toolkit-answers",
        "version": 1,
        "exercise": "q",
        "answers": {"z": None},
    }
