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
    assert "Choose a level" in app.feedback["nursing-pipeline"].value
    assert "0 right out of 0 answered (5 questions" in app.score.value
    assert not (answers_folder / "01-continuum.answers.json").exists(), "nothing saved unasked"
    app.choices["nursing-pipeline"].value = "collaborating"
    assert "Correct: collaborating" in app.feedback["nursing-pipeline"].value
    assert "toolkit-correct" in app.feedback["nursing-pipeline"].value
    app.choices["name-only"].value = "cooperating"
    assert "Not quite." in app.feedback["name-only"].value
    assert "1 right out of 2 answered" in app.score.value
    app.self_check.checkboxes["H1"].value = True
    saved = _saved(answers_folder, "01-continuum")
    assert saved["case:nursing-pipeline"] == "collaborating"
    assert saved["case:name-only"] == "cooperating"
    assert saved["self-check:H1"] is True and saved["self-check:H2"] is False
    assert "Saved your answers" in app.autosave.status.value

    again = spot_the_partnership()  # as after a kernel restart
    assert again.choices["nursing-pipeline"].value == "collaborating"
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


def test_classify_partnership_live_map(answers_folder: Path) -> None:
    from toolkit.widgets import classify_partnership

    app = classify_partnership()
    _check_labelled(app)
    assert len(app.items) == 31
    assert "Not enough answers yet" in app.feedback.value and app.state["chart"] is None
    for item, menu in app.items.items():
        menu.value = 5 if item.startswith("MV") else 4
    assert "creating area" in app.feedback.value
    spec = app.state["chart"].to_dict()
    assert "description" in spec
    app.items["MV01"].value = 0  # back to "not answered"
    saved = _saved(answers_folder, "02-classify")
    assert saved["MV01"] == 0 and saved["CT10"] == 4
    again = classify_partnership()
    assert again.items["MV02"].value == 5 and "creating area" in again.feedback.value


def test_many_views_example_upload_and_restore(answers_folder: Path) -> None:
    from toolkit.classification import example_responses
    from toolkit.widgets import many_views

    app = many_views()
    _check_labelled(app)
    assert "illustrative data set" in app.message.value
    assert app.partnership.options == ("Example partnership A", "Example partnership B")
    assert "How each organisation sees Example partnership A" in app.views.value
    assert "Example public agency" in app.views.value
    assert len(app.state["charts"]) == 2
    one = example_responses()
    one = one[one["partnership"] == "Example partnership B"].assign(partnership="Ours")
    content = one.to_csv(index=False).encode()
    app.upload.value = (
        {
            "name": "ours.csv",
            "type": "text/csv",
            "size": len(content),
            "content": content,
            "last_modified": STAMP,
        },
    )
    assert "Loaded ours.csv" in app.message.value
    assert app.partnership.options == ("Ours",)
    app.notes.value = "The firm sees more contract."
    bad = b"partnership,MV01\nOurs,9\n"
    app.upload.value = (
        {
            "name": "bad.csv",
            "type": "text/csv",
            "size": len(bad),
            "content": bad,
            "last_modified": STAMP,
        },
    )
    assert "bad.csv could not be read" in app.message.value and "line 2" in app.message.value
    assert "/tmp" not in app.message.value, "the participant's file is named, not a temp copy"
    assert app.partnership.options == ("Ours",), "a bad upload changes nothing"
    again = many_views()
    assert again.partnership.options == ("Ours",)
    assert "Restored ours.csv" in again.message.value
    assert again.notes.value == "The firm sees more contract."
    again.use_example.click()
    assert "Example partnership A" in again.partnership.options
    assert _saved(answers_folder, "03-many-views")["upload"] is None


def test_map_stakeholders_edit_cycle(answers_folder: Path) -> None:
    from toolkit.widgets import map_stakeholders

    app = map_stakeholders()
    _check_labelled(app)
    start = len(app.register())
    assert start == 12 and "Gaps" in app.gaps.value
    assert app.state["chart"].to_dict()["description"]
    f = app.fields
    f["name"].value, f["organization"].value = "Residents forum", "Residents"
    f["sector"].value, f["power"].value, f["interest"].value = "civil society", 1, 5
    app.save_row.click()
    assert len(app.register()) == start + 1 and "Saved Residents forum" in app.message.value
    assert "Residents forum" in app.salience_table.value
    app.row.value = "Residents forum"
    f["power"].value = 2
    app.save_row.click()
    assert app.register().set_index("name").loc["Residents forum", "power"] == 2
    f["name"].value = app.register()["name"].iloc[0]  # a duplicate name is refused
    app.save_row.click()
    assert "Not saved" in app.message.value and "duplicate" in app.message.value
    assert not app.message.value.startswith("line")
    app.members.value = tuple(app.members.options[:2])
    assert "Expanding network" in app.models.value and "Self-selection" in app.models.value
    saved = _saved(answers_folder, "05-stakeholders")
    assert len(saved["register"]) == start + 1 and len(saved["members"]) == 2
    again = map_stakeholders()
    assert len(again.register()) == start + 1
    assert again.members.value == tuple(saved["members"])
    again.row.value = "Residents forum"
    again.remove_row.click()
    assert len(again.register()) == start
    again.start_blank.click()
    assert len(again.register()) == 0 and "empty" in again.message.value
    again.start_example.click()
    assert len(again.register()) == start


def test_plan_builder_progress_save_export(answers_folder: Path) -> None:
    from toolkit.planning import load_plan
    from toolkit.widgets import plan_builder

    app = plan_builder()
    _check_labelled(app)
    assert app.progress.value == 0 and "Readiness" in app.status.value
    c = app.controls
    c[("readiness", "single_organisations_failed")].value = "yes"
    c[("problem", "problem_statement")].value = "Too few minority nurses finish doctorates"
    c[("problem", "perspectives")].value = "University | pipeline\nCancer centre | care"
    assert app.progress.value == 1
    assert "1 of 6 steps complete" in app.status.value
    c[("planning", "goals")].value = "G1 | more graduates | graduates | lots"
    assert "does not fit the plan yet" in app.status.value and "target" in app.status.value
    c[("planning", "goals")].value = "G1 | more graduates | graduates | 10"
    assert app.plan().steps["planning"]["goals"][0]["target"] == 10
    app.save.click()
    plan = load_plan(answers_folder / "07-six-steps.plan.yaml")
    assert plan.steps["problem"]["perspectives"][1]["member"] == "Cancer centre"
    assert 'download="07-six-steps.plan.yaml"' in app.files.value
    app.export.click()
    page = (answers_folder / "07-six-steps.worksheet.html").read_text("utf-8")
    assert "Too few minority nurses" in page
    again = plan_builder()
    assert again.progress.value == 1
    assert again.controls[("readiness", "single_organisations_failed")].value == "yes"


def test_records_text_round_trip() -> None:
    from toolkit.widgets.plan import records_from_text, records_to_text

    fields = ["member", "perspective"]
    records = records_from_text("A | x | y\n  \nB", fields)
    assert records == [{"member": "A", "perspective": "x | y"}, {"member": "B", "perspective": ""}]
    assert records_from_text(records_to_text(records, fields), fields) == records


APPS = [
    ("spot_the_partnership", "01-continuum"),
    ("classify_partnership", "02-classify"),
    ("many_views", "03-many-views"),
    ("trust_game", "04-trust-game"),
    ("map_stakeholders", "05-stakeholders"),
    ("why_did_it_fail", "06-why-did-it-fail"),
    ("plan_builder", "07-six-steps"),
]


@pytest.mark.parametrize(("name", "exercise"), APPS)
def test_saved_answers_never_change_stored_outputs(name: str, exercise: str, answers_folder):
    """What a notebook stores (and nbval compares) is the same with or without a saved file."""
    import toolkit.widgets as widgets

    def bundle() -> dict:
        data = getattr(widgets, name)()._repr_mimebundle_()
        data.pop("application/vnd.jupyter.widget-view+json")
        return data

    clean = bundle()
    assert clean["text/plain"].endswith("(interactive exercise: run it in Jupyter)")
    assert "live Python kernel" in clean["text/html"]
    for content in (answers_json(exercise, {"note": "x", "seed": 7}), "{corrupt"):
        path = answers_folder / f"{exercise}.answers.json"
        path.write_text(content, encoding="utf-8")
        assert bundle() == clean
        assert path.read_text(encoding="utf-8") == content, "building an app never writes"


def test_many_views_states_agreement_intervals_and_clear_change(answers_folder: Path) -> None:
    from toolkit.widgets import many_views

    app = many_views()
    text = app.figures.value
    assert "Example partnership A, 2025: between complying and constraining" in text
    assert "partners agree strongly on both axes" in text
    assert "2025 to 2026: more voluntary and no clear change in trust" in text
    assert "agreement_voluntary" in app.views.value
    app.partnership.value = "Example partnership B"
    assert "between constraining and creating" in app.figures.value
    assert "no clear change in voluntary" in app.figures.value
