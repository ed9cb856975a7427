"""Exercise cases, checkers and feedback (toolkit.exercises) and the notebooks' shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from toolkit.errors import InputError
from toolkit.exercises import (
    RESPONSES,
    SPOT_LEVELS,
    Feedback,
    check_failure_reason,
    check_setback_response,
    check_spot,
    failure_cases,
    questionnaire_result,
    score,
    spot_scenarios,
)
from toolkit.planning.diagnostics import failure_reasons

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "Armistead & Pettigrew (2007)",
    "Armistead & Pettigrew (2007), after Hastings (1996)",
    'Wikipedia, "Collaborative partnership"',
}


def test_case_data_is_valid() -> None:
    spot = spot_scenarios()
    assert spot["id"].is_unique and len(spot) >= 4
    assert set(spot["answer"]) <= set(SPOT_LEVELS)
    assert set(spot["source"]) <= SOURCES, "every case names one of the course's sources"
    assert (spot["text"].str.len() > 80).all() and (spot["explanation"].str.len() > 80).all()
    cases = failure_cases()
    assert cases["id"].is_unique and len(cases) >= 5
    ids = set(failure_reasons()["id"])
    for row in cases.itertuples():
        assert set(row.reasons) <= ids, row.id
        assert row.reasons or row.response, f"{row.id} asks nothing"
        assert row.response in (None, *RESPONSES)
        assert row.source in SOURCES
    assert {"learning", "blaming"} <= set(cases["response"].dropna())


def test_case_data_has_no_unknown_keys() -> None:
    data = yaml.safe_load((ROOT / "toolkit/data/exercise_cases.yaml").read_text("utf-8"))
    assert set(data) == {"spot", "failure"}
    for item in data["spot"]:
        assert set(item) == {"id", "title", "source", "text", "answer", "explanation"}
    for item in data["failure"]:
        assert set(item) == {"id", "title", "source", "text", "reasons", "response", "explanation"}


@pytest.mark.parametrize("row", spot_scenarios().to_dict("records"), ids=lambda r: r["id"])
def test_check_spot_every_case_and_level(row: dict) -> None:
    for level in SPOT_LEVELS:
        result = check_spot(row["id"], level)
        assert result.correct is (level == row["answer"])
        assert row["explanation"] in result.text
        if result.correct:
            assert result.text.startswith(f"Correct: {level}.")
        else:
            assert result.text.startswith("Not quite.")
            direction = SPOT_LEVELS.index(level) < SPOT_LEVELS.index(row["answer"])
            assert ("goes further" in result.text) is direction
    assert check_spot(row["id"], None) == Feedback(None, "Choose a level for this case.")


def test_check_spot_rejects_unknowns() -> None:
    with pytest.raises(InputError, match="unknown scenario"):
        check_spot("nope", "networking")
    with pytest.raises(InputError, match="unknown level"):
        check_spot("mental-health", "partnering")


@pytest.mark.parametrize("row", failure_cases().to_dict("records"), ids=lambda r: r["id"])
def test_failure_checks_every_case(row: dict) -> None:
    names = dict(zip(failure_reasons()["id"], failure_reasons()["reason"], strict=True))
    for reason in names:
        result = check_failure_reason(row["id"], reason)
        if not row["reasons"]:
            assert result.correct is None and "only how the partners" in result.text
            continue
        assert result.correct is (reason in row["reasons"])
        assert row["explanation"] in result.text
    for response in RESPONSES:
        result = check_setback_response(row["id"], response)
        if row["response"] is None:
            assert result.correct is None and "does not say" in result.text
        else:
            assert result.correct is (response == row["response"])
    if row["reasons"]:
        assert check_failure_reason(row["id"], "").text == "Choose the reason this case shows."


def test_failure_wrong_answer_names_the_right_reason() -> None:
    text = check_failure_reason("one-way-change", "knowledge_sharing").text
    assert text.startswith("Not quite: this case shows power struggles or conflicting")
    assert check_setback_response("complying-blame", "learning").text.startswith(
        "Not quite: this is mutual blaming."
    )
    with pytest.raises(InputError, match="unknown failure reason"):
        check_failure_reason("left-out", "bad luck")
    with pytest.raises(InputError, match="unknown response"):
        check_setback_response("complying-blame", "shrugging")


def test_score_counts() -> None:
    assert score([]) == (0, 0, 0)
    assert score(
        [check_spot("nursing-pipeline", "collaborating"), check_spot("name-only", None)]
    ) == (
        1,
        1,
        2,
    )


def test_questionnaire_result_modes_and_boundary() -> None:
    all_right = {f"MV{i:02d}": 5 for i in range(1, 22)} | {f"CT{i:02d}": 5 for i in range(1, 11)}
    scored, text = questionnaire_result(all_right)
    assert scored.loc[0, "mode"] == "creating" and "creating area" in text
    assert "nearest other area" in text
    all_left = {k: 1 for k in all_right}
    assert questionnaire_result(all_left)[0].loc[0, "mode"] == "complying"
    middle = {f"MV{i:02d}": 3 for i in range(1, 22)} | {f"CT{i:02d}": 2 for i in range(1, 11)}
    _, text = questionnaire_result(middle)
    assert "near the boundary" in text and "direction of travel" in text
    _, text = questionnaire_result({"MV01": 3})
    assert text.startswith("Not enough answers yet") and "1 of 31" in text
    before = dict(all_right)
    questionnaire_result(all_right)
    assert all_right == before


EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_notebooks_only_wire_widgets(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    first = "".join(code[0]["source"])
    reference = json.loads((ROOT / "exercises/01-continuum.ipynb").read_text("utf-8"))
    install = "".join(next(c for c in reference["cells"] if c["cell_type"] == "code")["source"])
    assert first == install, "the first code cell is the Colab install cell"
    for cell in code[1:]:
        source = "".join(cell["source"])
        assert "def " not in source and "class " not in source and "for " not in source
        assert source.startswith("from toolkit"), "notebooks only import and call the toolkit"
        assert len(source.splitlines()) <= 4
    assert "widgets" not in nb["metadata"], "widget state is not stored"


def test_toc_lists_every_exercise() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == "Exercises")
    listed = [c["file"] for c in part["chapters"]]
    assert listed == [f"exercises/{p.stem}" for p in EXERCISES]
