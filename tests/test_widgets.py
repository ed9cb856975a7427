"""Exercise widgets: set values programmatically, check feedback, saved files and restore."""

from __future__ import annotations

import base64
import datetime
import json
import re
from pathlib import Path

import pytest

from toolkit.answers import ANSWERS_DIR_ENV, answers_json

STAMP = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def answers_folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(ANSWERS_DIR_ENV, str(tmp_path))
    return tmp_path


def _saved(folder: Path, exercise: str) -> dict:
    return json.loads((folder / f"{exercise}.answers.json").read_text("utf-8"))["answers"]


def _controls(widget) -> list:
    """Every widget in the tree under ``widget``."""
    out = [widget]
    for child in getattr(widget, "children", ()):
        out.extend(_controls(child))
    return out


def _check_labelled(app) -> None:
    import ipywidgets as w

    for control in _controls(app.widget):
        if isinstance(control, w.ValueWidget) and not isinstance(control, w.HTML | w.Label):
            label = getattr(control, "description", "") or getattr(control, "tooltip", "")
            assert label, f"unlabelled control: {control!r}"


def test_spot_feedback_score_and_autosave(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    app = spot_the_partnership()
    _check_labelled(app)
    assert "Choose a level" in app.feedback["mental-health"].value
    assert "0 right out of 0 answered (5 questions" in app.score.value
    assert not (answers_folder / "01-continuum.answers.json").exists(), "nothing saved unasked"
    app.choices["mental-health"].value = "collaborating"
    assert "Correct: collaborating" in app.feedback["mental-health"].value
    assert "toolkit-correct" in app.feedback["mental-health"].value
    app.choices["name-only"].value = "cooperating"
    assert "Not quite." in app.feedback["name-only"].value
    assert "1 right out of 2 answered" in app.score.value
    app.self_check.checkboxes["H1"].value = True
    saved = _saved(answers_folder, "01-continuum")
    assert saved["case:mental-health"] == "collaborating"
    assert saved["case:name-only"] == "cooperating"
    assert saved["self-check:H1"] is True and saved["self-check:H2"] is False
    assert "Saved your answers" in app.autosave.status.value

    again = spot_the_partnership()  # as after a kernel restart
    assert again.choices["mental-health"].value == "collaborating"
    assert again.self_check.checkboxes["H1"].value is True
    assert "Level reached: networking" in again.self_check.feedback.value
    assert "1 right out of 2 answered" in again.score.value
    assert "Restored your saved answers" in again.autosave.status.value


def test_corrupt_file_is_reported_then_backed_up(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    path = answers_folder / "01-continuum.answers.json"
    path.write_text("{broken", encoding="utf-8")
    app = spot_the_partnership()
    status = app.autosave.status.value
    assert "could not be restored" in status and "not valid JSON" in status
    assert "toolkit-warning" in status
    assert path.read_text() == "{broken", "nothing is written before a change"
    app.choices["nursing-pipeline"].value = "networking"
    assert (answers_folder / "01-continuum.answers.json.bak").read_text() == "{broken"
    assert "kept as 01-continuum.answers.json.bak" in app.autosave.status.value
    assert _saved(answers_folder, "01-continuum")["case:nursing-pipeline"] == "networking"


def test_foreign_file_is_not_restored(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    path = answers_folder / "01-continuum.answers.json"
    path.write_text(answers_json("04-trust-game", {"seed": 3}), encoding="utf-8")
    app = spot_the_partnership()
    assert "another exercise" in app.autosave.status.value
    assert all(radio.value is None for radio in app.choices.values())


def test_stale_answers_are_left_out_and_said(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    (answers_folder / "01-continuum.answers.json").write_text(
        answers_json(
            "01-continuum",
            {"case:mental-health": "merging", "case:gone": "x", "case:name-only": "networking"},
        )
    )
    app = spot_the_partnership()
    assert app.choices["name-only"].value == "networking"
    assert app.choices["mental-health"].value is None
    assert "left out: case:gone, case:mental-health" in app.autosave.status.value


def test_download_and_upload(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    app = spot_the_partnership()
    app.choices["education-business-links"].value = "cooperating"
    href = re.search(r'base64,([^"]+)"', app.autosave.download.value).group(1)
    text = base64.b64decode(href)
    assert json.loads(text)["answers"]["case:education-business-links"] == "cooperating"

    fresh_folder = answers_folder / "elsewhere"
    other = spot_the_partnership(folder=fresh_folder)
    other.autosave.upload.value = (
        {
            "name": "mine.json",
            "type": "application/json",
            "size": len(text),
            "content": text,
            "last_modified": STAMP,
        },
    )
    assert other.choices["education-business-links"].value == "cooperating"
    assert "Restored your answers from mine.json" in other.autosave.status.value
    assert _saved(fresh_folder, "01-continuum")["case:education-business-links"] == "cooperating"
    assert other.autosave.upload.value == ()

    bad = b'{"format": "something else"}'
    other.autosave.upload.value = (
        {"name": "bad.json", "type": "", "size": len(bad), "content": bad, "last_modified": STAMP},
    )
    assert "That file was not loaded, nothing changed" in other.autosave.status.value
    assert other.choices["education-business-links"].value == "cooperating"


def test_autosave_off(monkeypatch, answers_folder: Path) -> None:
    from toolkit.widgets import trust_game

    monkeypatch.setenv(ANSWERS_DIR_ENV, "off")
    app = trust_game()
    app.controls["seed"].value = 5
    assert "Autosave is turned off" in app.autosave.status.value
    assert list(answers_folder.iterdir()) == []


def test_trust_game_feedback_and_tournament(answers_folder: Path) -> None:
    from toolkit.widgets import trust_game

    app = trust_game()
    _check_labelled(app)
    assert "Tit for tat" in app.feedback.value and "Always defect" in app.feedback.value
    first = app.feedback.value
    app.controls["strategy_b"].value = "tit_for_tat"
    assert app.feedback.value != first
    assert "They cooperated together in" in app.feedback.value
    match = app.state["match"]
    assert (match["move_a"] == "C").all() and (match["move_b"] == "C").all()
    app.controls["past_b"].value = 1  # A remembers one defection by B: A opens with D
    assert app.state["match"]["move_a"].iloc[0] == "D"
    assert app.state["match_chart"].to_dict()["description"].startswith("Moves round by round")
    app.controls["continuation"].value = 0.0
    assert "lasted 1 round." in app.feedback.value
    app.run_tournament.click()
    assert "1,000 matches" in app.tournament_result.value
    assert "<table>" in app.tournament_result.value
    assert len(app.state["tournament"]) == 6
    app.note.value = "Reciprocity <pays>"
    saved = _saved(answers_folder, "04-trust-game")
    assert saved["strategy_b"] == "tit_for_tat" and saved["past_b"] == 1
    assert saved["continuation"] == 0.0 and saved["note"] == "Reciprocity <pays>"
    again = trust_game()
    assert again.controls["strategy_b"].value == "tit_for_tat"
    assert again.note.value == "Reciprocity <pays>"
    assert again.state["match"]["move_a"].iloc[0] == "D"


def test_why_did_it_fail(answers_folder: Path) -> None:
    from toolkit.widgets import why_did_it_fail

    app = why_did_it_fail()
    _check_labelled(app)
    assert set(app.reasons) | set(app.responses) == {
        "mandated-duty",
        "mental-health-cultures",
        "co-management-funding",
        "one-way-change",
        "left-out",
        "past-dealings",
        "complying-blame",
    }
    assert "complying-blame" not in app.reasons and "complying-blame" in app.responses
    app.reasons["mental-health-cultures"].value = "conflicting_cultures"
    assert "toolkit-info" in app.feedback["mental-health-cultures"].value  # half answered
    app.responses["mental-health-cultures"].value = "learning"
    assert "toolkit-correct" in app.feedback["mental-health-cultures"].value
    app.responses["complying-blame"].value = "learning"
    assert "toolkit-wrong" in app.feedback["complying-blame"].value
    assert "2 right out of 3 answered (8 questions" in app.score.value
    assert "Rate at least one risk" in app.risk_feedback.value
    app.ratings["power_struggles"].value = 2
    assert "Overall risk: high" in app.risk_feedback.value
    assert "Serious: Power struggles" in app.risk_feedback.value
    saved = _saved(answers_folder, "06-why-did-it-fail")
    assert saved["risk:power_struggles"] == 2
    assert saved["reason:mental-health-cultures"] == "conflicting_cultures"
    again = why_did_it_fail()
    assert again.ratings["power_struggles"].value == 2
    assert "toolkit-correct" in again.feedback["mental-health-cultures"].value


def test_continuum_self_check_still_saves_nothing(answers_folder: Path) -> None:
    from toolkit.widgets import continuum_self_check

    app = continuum_self_check()
    app.checkboxes["H1"].value = True
    assert list(answers_folder.iterdir()) == []
