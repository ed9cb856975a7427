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


def _text(html: str) -> str:
    """What a reader sees of an HTML value: tags dropped, entities decoded."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


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


def test_spot_wording(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    app = spot_the_partnership()
    page = " ".join(
        str(getattr(c, "value", "")) + " " + str(getattr(c, "description", ""))
        for c in _controls(app.widget)
    )
    assert page.count("Think of one partnership you know") == 1
    for box in app.self_check.checkboxes.values():
        assert "[H" not in box.description and box.description.startswith("We ")
    boxes = app.self_check.checkboxes
    boxes["H1"].value, boxes["H3"].value = True, True
    text = _text(app.self_check.feedback.value)
    assert "talk about" not in text
    assert "so the step to work on first is: alter activities." in text


def test_feedback_is_marked_with_icon_and_word_not_colour_alone(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    app = spot_the_partnership()
    app.choices["mental-health"].value = "cooperating"
    app.choices["name-only"].value = "cooperating"
    right, wrong = app.feedback["mental-health"].value, app.feedback["name-only"].value
    assert "\u2714" in right and "Correct" in _text(right)
    assert "\u2718" in wrong and "Not quite" in _text(wrong)
    assert 'aria-hidden="true"' in right  # the icon is decoration, the word is read out


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


def _upload(autosave, name: str, content: bytes) -> None:
    autosave.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "content": content,
            "last_modified": STAMP,
        },
    )


def test_download_and_upload_asks_first_and_can_be_undone(answers_folder: Path) -> None:
    from toolkit.widgets import spot_the_partnership

    app = spot_the_partnership()
    app.choices["education-business-links"].value = "cooperating"
    href = re.search(r'base64,([^"]+)"', app.autosave.download.value).group(1)
    text = base64.b64decode(href)
    assert json.loads(text)["answers"]["case:education-business-links"] == "cooperating"

    fresh_folder = answers_folder / "elsewhere"
    other = spot_the_partnership(folder=fresh_folder)
    other.choices["mental-health"].value = "networking"
    _upload(other.autosave, "mine.json", text)
    # Nothing replaced yet: the exercise asks first.
    assert other.choices["education-business-links"].value is None
    assert other.autosave.confirm_box.layout.display == "flex"
    assert "Replace your current answers with the ones in mine.json?" in (
        other.autosave.question.value
    )
    assert other.autosave.upload.value == ()
    other.autosave.no.click()
    assert other.choices["mental-health"].value == "networking"
    assert other.autosave.confirm_box.layout.display == "none"
    assert "Nothing was changed" in other.autosave.status.value

    _upload(other.autosave, "mine.json", text)
    other.autosave.yes.click()
    assert other.choices["education-business-links"].value == "cooperating"
    assert other.choices["mental-health"].value is None
    assert "Restored your answers from mine.json" in other.autosave.status.value
    assert _saved(fresh_folder, "01-continuum")["case:education-business-links"] == "cooperating"
    # ... and the replacement can be undone.
    assert other.autosave.undo.layout.display != "none"
    other.autosave.undo.click()
    assert other.choices["mental-health"].value == "networking"
    assert other.choices["education-business-links"].value is None
    assert _saved(fresh_folder, "01-continuum")["case:mental-health"] == "networking"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{not json", "is not a file of saved answers from this course, so nothing was changed"),
        (b'{"format": "something else"}', "is not a file of saved answers from this course"),
        (
            answers_json("06-why-did-it-fail", {}).encode(),
            'holds your answers to exercise 6, "Why did it fail?", not to this exercise',
        ),
        (
            b'{"format": "partnership-toolkit-answers", "version": 99, "exercise": "01-continuum"'
            b', "answers": {}}',
            "was saved by a newer version of the course toolkit",
        ),
    ],
)
def test_upload_problems_are_said_in_words(answers_folder: Path, content, words) -> None:
    from toolkit.widgets import spot_the_partnership

    app = spot_the_partnership()
    app.choices["education-business-links"].value = "cooperating"
    _upload(app.autosave, "bad.json", content)
    status = app.autosave.status_text
    assert words in status
    for jargon in ("JSON", "Expecting", "allowed:", "got '"):
        assert jargon not in status
    assert app.autosave.confirm_box.layout.display == "none"
    assert app.choices["education-business-links"].value == "cooperating"


def test_start_over_asks_and_can_be_undone(answers_folder: Path) -> None:
    from toolkit.widgets import why_did_it_fail

    app = why_did_it_fail()
    app.reasons["left-out"].value = "membership_gaps"
    app.ratings["unwilling_participants"].value = 2
    app.autosave.start_over.click()
    assert "Start over?" in app.autosave.question.value
    assert app.reasons["left-out"].value == "membership_gaps", "nothing cleared before yes"
    app.autosave.no.click()
    assert app.reasons["left-out"].value == "membership_gaps"
    app.autosave.start_over.click()
    app.autosave.yes.click()
    assert app.reasons["left-out"].value == ""
    assert app.ratings["unwilling_participants"].value == -1
    assert _saved(answers_folder, "06-why-did-it-fail")["reason:left-out"] == ""
    assert "Started over" in app.autosave.status.value
    app.autosave.undo.click()
    assert app.reasons["left-out"].value == "membership_gaps"
    assert app.ratings["unwilling_participants"].value == 2
    assert _saved(answers_folder, "06-why-did-it-fail")["reason:left-out"] == "membership_gaps"


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


def test_trust_game_explains_and_keeps_the_tournament_current(answers_folder: Path) -> None:
    from toolkit.widgets import trust_game

    app = trust_game()
    c = app.controls
    assert "seed" not in c["seed"].description.lower()
    assert "Luck of the draw" in c["seed"].description
    # Tit for tat against itself with a remembered defection: explained.
    c["strategy_b"].value = "tit_for_tat"
    c["past_b"].value = 1
    assert "They cooperated together in 0 rounds" in app.feedback.value
    assert "Why no round of cooperation together?" in app.feedback.value
    # The tournament follows the settings; the two pasts are said to be merged.
    c["continuation"].value = 0.9
    c["past_a"].value = 2
    app.run_tournament.click()
    first = app.state["tournament"]
    text = _text(app.tournament_result.value)
    assert "uses the larger of your two settings, 2" in text
    assert "Best: Random" in text and "Why does Random come out on top?" in text
    c["past_a"].value = 0
    c["past_b"].value = 0
    assert app.state["tournament"] is not first, "recomputed for the new settings"
    text = _text(app.tournament_result.value)
    assert "remembering 0 earlier defections" in text and "larger of your two" not in text
    assert "Why does Random" not in text
    # Moves differ by shape as well as colour.
    spec = app.state["match_chart"].to_dict()
    assert spec["encoding"]["shape"]["field"] == "move"


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
    # Two questions, one explanation: marked separately, the explanation said once.
    again.responses["mental-health-cultures"].value = "blaming"
    html = again.feedback["mental-health-cultures"].value
    assert "toolkit-correct" in html and "toolkit-wrong" in html
    text = _text(html)
    explanation = again.feedback["mental-health-cultures"].value.split("</div>")[-2]
    assert text.count(_text(explanation).strip()) == 1


def test_continuum_self_check_still_saves_nothing(answers_folder: Path) -> None:
    from toolkit.widgets import continuum_self_check

    app = continuum_self_check()
    app.checkboxes["H1"].value = True
    assert list(answers_folder.iterdir()) == []


def test_classify_map_stays_beside_the_questions(answers_folder: Path) -> None:
    from toolkit.widgets import classify_partnership
    from toolkit.widgets._base import WIDGET_CSS

    app = classify_partnership()
    assert "toolkit-side" in app.side._dom_classes
    questions, chart = app.side.children
    assert app.tabs in questions.children and "toolkit-sticky" in chart._dom_classes
    assert "position: sticky" in WIDGET_CSS and "flex-wrap: wrap" in WIDGET_CSS
    assert [app.tabs.get_title(i) for i in range(2)] == [
        "Mandatory or voluntary",
        "Contract or trust",
    ]
    assert "max-width: none" in WIDGET_CSS  # tab titles are not cut
    assert "a.toolkit-download" in WIDGET_CSS  # the download link looks like a button


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


def _csv_upload(widget, name: str, content: bytes) -> None:
    widget.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content),
            "content": content,
            "last_modified": STAMP,
        },
    )


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
    # A partnership that is not the first one, from an uploaded file, with e-mail addresses.
    two = example_responses()
    two["partnership"] = two["partnership"].map(
        {"Example partnership A": "Ours", "Example partnership B": "Theirs"}
    )
    two["respondent"] = [f"person{i}@example.org" for i in range(len(two))]
    two["Comments"] = "private remark"
    content = two.to_csv(index=False).encode()
    _csv_upload(app.upload, "ours.csv", content)
    assert "Loaded ours.csv" in app.message.value
    assert app.partnership.options == ("Ours", "Theirs")
    app.partnership.value = "Theirs"
    app.notes.value = "The firm sees more contract."
    bad = b"partnership,MV01\nOurs,9\n"
    _csv_upload(app.upload, "bad.csv", bad)
    assert "bad.csv could not be read, so nothing changed. On line 2, in the column MV01" in (
        _text(app.message.value)
    )
    assert "/tmp" not in app.message.value, "the participant's file is named, not a temp copy"
    assert app.partnership.options == ("Ours", "Theirs"), "a bad upload changes nothing"
    # Privacy: the answers file holds only what the exercise needs.
    raw = (answers_folder / "03-many-views.answers.json").read_text("utf-8")
    assert "@example.org" not in raw and "private remark" not in raw and "Comments" not in raw
    assert "Example public agency" in raw
    # After a restart: the same partnership, no false warning.
    again = many_views()
    assert again.partnership.options == ("Ours", "Theirs")
    assert again.partnership.value == "Theirs"
    assert "no longer fit" not in again.autosave.status.value
    assert not again.autosave.status_warning
    assert "Restored ours.csv" in again.message.value
    assert again.notes.value == "The firm sees more contract."
    again.use_example.click()
    assert "Put the illustrative data in place of ours.csv?" in _text(again.confirm.question.value)
    assert again.partnership.options == ("Ours", "Theirs"), "asks first"
    again.confirm.yes.click()
    assert "Example partnership A" in again.partnership.options
    assert _saved(answers_folder, "03-many-views")["upload"] is None


def test_many_views_shows_gaps_between_organisations(answers_folder: Path) -> None:
    from toolkit.widgets import many_views

    app = many_views()
    (profile,) = [c for c in app.state["charts"] if "Item by item" in str(c.to_dict()["title"])]
    spec = profile.to_dict()
    assert all(len(rows) > 0 for rows in spec["datasets"].values()), "item chart not empty"
    the_map = app.state["charts"][0].to_dict()
    assert "Organisation" in json.dumps(the_map)
    values = {v for rows in the_map["datasets"].values() for r in rows for v in r.values()}
    assert {"Example charity", "Example firm", "Example public agency"} <= values
    tips = json.dumps(the_map)
    assert '"title": "Near a boundary"' in tips
    for layer in the_map["layer"]:
        for tip in layer.get("encoding", {}).get("tooltip", []) or []:
            assert tip.get("title"), f"raw field name in a tooltip: {tip}"
    words = _text(app.differences.value)
    assert "differ most on" in words and "Example firm" in words
    travel = app.travel.value
    assert "mode_changed" not in travel and "from_round" not in travel
    assert "True" not in travel and "False" not in travel
    assert "2025 to 2026" in travel and "Complying to constraining" not in travel
    assert travel.count("<th") <= 6, "a short table that fits"


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
    message = _text(app.message.value)
    assert "Not saved. There is already a stakeholder called" in message
    assert "column" not in message and "line" not in message
    f["name"].value = " "
    app.save_row.click()
    assert "Give the stakeholder a name: the Name box is empty." in _text(app.message.value)
    f["name"].value = "Residents forum"
    app.members.value = tuple(app.members.options[:2])
    assert "Expanding network" in app.models.value and "Self-selection" in app.models.value
    saved = _saved(answers_folder, "05-stakeholders")
    assert len(saved["register"]) == start + 1 and len(saved["members"]) == 2
    again = map_stakeholders()
    assert len(again.register()) == start + 1
    assert again.members.value == tuple(saved["members"])
    again.row.value = "Residents forum"
    again.remove_row.click()
    assert len(again.register()) == start + 1, "removing asks first"
    assert "Remove Residents forum from the register?" in _text(again.confirm.question.value)
    again.confirm.yes.click()
    assert len(again.register()) == start
    again.autosave.undo.click()
    assert len(again.register()) == start + 1, "and can be undone"


def test_map_stakeholders_never_loses_typing(answers_folder: Path) -> None:
    from toolkit.widgets import map_stakeholders

    app = map_stakeholders()
    start = len(app.register())
    # Start blank asks first; "no" keeps everything.
    app.start_blank.click()
    assert len(app.register()) == start
    assert "Replace your register of 12 stakeholders?" in _text(app.confirm.question.value)
    app.confirm.no.click()
    assert len(app.register()) == start and not app.confirm.open
    app.start_blank.click()
    app.confirm.yes.click()
    assert len(app.register()) == 0 and "empty" in app.message.value
    assert _saved(answers_folder, "05-stakeholders")["register"] == []
    app.autosave.undo.click()
    assert len(app.register()) == start
    assert len(_saved(answers_folder, "05-stakeholders")["register"]) == start
    app.start_example.click()
    assert app.confirm.open
    app.confirm.yes.click()
    assert len(app.register()) == start

    # Typing in the editor survives picking another row, unless the participant says so.
    app.fields["name"].value = "Tenants union"
    app.row.value = app.row.options[1]
    assert app.fields["name"].value == "Tenants union", "typing kept"
    assert app.row.value == "(add a new stakeholder)"
    assert "not saved" in _text(app.confirm.question.value)
    app.confirm.no.click()
    assert app.fields["name"].value == "Tenants union"
    app.row.value = app.row.options[1]
    app.confirm.yes.click()
    assert app.row.value == app.row.options[1]
    assert app.fields["name"].value == app.row.options[1]
    # Unchanged rows switch without a question.
    app.row.value = app.row.options[2]
    assert not app.confirm.open and app.fields["name"].value == app.row.options[2]


def test_map_stakeholders_tables_and_models_in_words(answers_folder: Path) -> None:
    from toolkit.widgets import map_stakeholders

    app = map_stakeholders()
    for html in (app.register_table.value, app.salience_table.value):
        assert "True" not in html and "False" not in html
        assert "salience_group" not in html and "<th>name</th>" not in html
    assert "Salience group" in app.salience_table.value
    # The marginal stakeholders' recommendation is given once, not on every row.
    text = _text(app.salience_table.value)
    assert text.count("give them a voice in naming the issues") <= 1
    assert text.count("Give them a voice in naming the issues") == 1
    # Models wait for members, then never suggest a member.
    assert "Select the current members above first" in app.models.value
    assert "Stakeholder analysis" not in app.models.value
    members = tuple(app.members.options[:3])
    app.members.value = members
    assert set(app.state["candidates"]) == {
        "expanding network",
        "stakeholder analysis",
        "self-selection",
    }
    for found in app.state["candidates"].values():
        assert len(found) and not found["name"].isin(members).any()
    assert "Stakeholder analysis" in app.models.value
    assert app.members.layout.width == "36em"
    assert any(
        isinstance(c.value, str) and "hold Ctrl" in c.value
        for c in _controls(app.widget)
        if hasattr(c, "value")
    )
    for button in (app.start_example, app.start_blank, app.save_row, app.remove_row):
        assert button.layout.min_width == "max-content"


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
    problem = _text(app.problems[("planning", "goals")].value)
    assert 'Line 1: Target "lots" is not a number' in problem
    # The rest of the feedback stays: progress, next step, the table.
    assert "1 of 6 steps complete" in app.status.value and "Next:" in app.status.value
    assert "Goals that can be translated into action and measured (step 4)" in app.status.value
    c[("planning", "goals")].value = "G1 | more graduates | graduates | 10"
    assert app.problems[("planning", "goals")].value == ""
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


def test_plan_builder_can_be_finished(answers_folder: Path) -> None:
    """Every step, step 6's observed values included, can be completed in the widget."""
    from toolkit.planning import load_plan
    from toolkit.widgets import plan_builder

    app = plan_builder()
    c = app.controls
    for (section, _key), control in c.items():
        if section in ("readiness", "costs"):
            control.value = "yes" if hasattr(control, "options") else "enough"
    values = {
        ("problem", "problem_statement"): "Too few nurses",
        ("problem", "perspectives"): "University | pipeline\nHospital | staffing",
        ("motivation", "motivations"): "University | students | graduates",
        ("members", "selection_model"): "stakeholder analysis",
        ("members", "members"): "University | civil society | teaching\nCouncil | state | money",
        ("planning", "commitment"): "signed",
        ("planning", "mission"): "more nurses",
        ("planning", "values"): "openness",
        ("planning", "vision"): "a full ward",
        ("planning", "goals"): "G1 | more graduates | graduates | 10 | people | up\n"
        "G2 | fewer vacancies | vacancies | 5 | posts | down",
        ("evaluation", "performance_outcomes"): "good",
        ("evaluation", "quality_of_interaction"): "good",
        ("evaluation", "member_satisfaction"): "high",
        ("evaluation", "decision"): "renew",
    }
    for key in ("trust_building", "governance", "work_coordination", "structure"):
        values[("organization", key)] = "agreed"
    for key in ("leadership", "communication", "policies", "procedures"):
        values[("organization", key)] = "agreed"
    for key, value in values.items():
        c[key].value = value
    assert app.progress.value == 5
    indicators = c[("evaluation", "indicators")]
    assert indicators.description.startswith("Observed value for each step-4 goal")
    indicators.value = "G1 | 12 | counted in March"
    assert app.progress.value == 5 and "no observed value for G2" in app.status.value
    indicators.value = "G1 | 12 | counted in March\nG9 | 3\nG2 | four"
    problem = _text(app.problems[("evaluation", "indicators")].value)
    assert 'there is no step-4 goal "G9"' in problem and "G1, G2" in problem
    assert 'Observed value "four" is not a number' in problem
    indicators.value = "G1 | 12 | counted in March\nG2 | 4"
    assert app.problems[("evaluation", "indicators")].value == ""
    assert app.progress.value == 6 and "6 of 6 steps complete" in app.status.value
    app.save.click()
    plan = load_plan(answers_folder / "07-six-steps.plan.yaml")
    assert [o["goal"] for o in plan.steps["evaluation"]["indicators"]] == ["G1", "G2"]


def test_plan_builder_explains_each_problem_beside_its_field(answers_folder: Path) -> None:
    from toolkit.widgets import plan_builder

    app = plan_builder()
    c = app.controls
    c[("problem", "problem_statement")].value = "Too few nurses"
    c[("problem", "perspectives")].value = "University | pipeline"
    c[("members", "members")].value = "Council | state\nMinistry | government | money"
    problem = _text(app.problems[("members", "members")].value)
    assert 'Line 2: Sphere of society "government" is not one of the choices' in problem
    assert "state, market, civil society" in problem
    assert "column" not in problem and "steps.members" not in problem
    assert "1 of 6 steps complete" in app.status.value, "the rest of the feedback stays"
    assert "Readiness:" in app.status.value and "Next:" in app.status.value
    c[("planning", "goals")].value = "G1 more graduates graduates 10"
    problem = _text(app.problems[("planning", "goals")].value)
    assert "Line 1 has 1 part, but needs at least 4" in problem and "Is a | missing?" in problem


def test_plan_builder_has_no_jargon_and_wide_controls(answers_folder: Path) -> None:
    import ipywidgets as w

    from toolkit.widgets import plan_builder

    app = plan_builder()
    texts = []
    for control in _controls(app.widget):
        for attr in ("value", "description", "placeholder", "tooltip"):
            value = getattr(control, attr, None)
            if isinstance(value, str):
                texts.append(value)
        if isinstance(control, w.Dropdown):
            assert control.layout.width == "max-content", control.description
        if isinstance(control, w.Button) and control.description:
            assert control.layout.min_width == "max-content", control.description
    text = " ".join(texts)
    for jargon in ("YAML", "python -m", "relative to the plan", "path to a CSV"):
        assert jargon not in text
    titles = [app.tabs.get_title(i) for i in range(len(app.tabs.children))]
    assert "1. Problem identification" in titles and "Save and export" in titles


def test_plan_builder_carries_exercise_6_risks(answers_folder: Path) -> None:
    from toolkit.planning.worksheets import worksheet_html
    from toolkit.widgets import plan_builder, why_did_it_fail

    six = why_did_it_fail()
    six.ratings["membership_gaps"].value = 2
    six.ratings["power_struggles"].value = 0
    app = plan_builder()
    risks = app.plan().to_dict()["risks"]
    assert risks["membership_gaps"] == 2 and risks["power_struggles"] == 0
    assert "Failure risks: 2 of 9 rated in exercise 6" in app.status.value
    assert "not rated" not in worksheet_html(app.plan()).split("Failure risks")[1][:200]


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
    assert clean["text/plain"].endswith("(interactive exercise: run this cell to start it)")
    # Jupyter shows the saved note before the cell runs: it says to run the cell; the
    # static-site note (launch buttons, the rocket icon) is hidden there, shown by the book.
    assert "run this cell to start the exercise" in clean["text/html"]
    assert re.search(r'class="toolkit-kernel-note"[^>]*\bhidden\b', clean["text/html"])
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
    assert "Agreement on voluntary" in app.views.value
    app.partnership.value = "Example partnership B"
    assert "between constraining and creating" in app.figures.value
    assert "no clear change in voluntary" in app.figures.value
