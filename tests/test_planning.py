"""Six-step planning: the steps as data, readiness, the plan file, progress."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.planning import (
    RECOMMENDATIONS,
    SCHEMA_VERSION,
    STEP_KEYS,
    Plan,
    PlanError,
    blank_plan,
    check_report,
    dumps_plan,
    load_plan,
    loads_plan,
    missing_outputs,
    next_action,
    plan_progress,
    readiness_check,
    save_plan,
    six_steps,
    step_outputs,
    upgrade_plan_data,
)

EXAMPLE = Path(str(resources.files("toolkit.data").joinpath("example_plan.yaml")))


def full_plan() -> Plan:
    """A plan with every required output filled in."""
    plan = blank_plan("Test partnership")
    plan.readiness.update(
        single_organisations_failed="yes", partners_willing="yes", costs_accepted="yes"
    )
    plan.readiness["costs"] = {
        "time": "two days a month",
        "energy": "high",
        "resources": "a coordinator",
    }
    s = plan.steps
    s["problem"].update(problem_statement="P", perspectives=[{"member": "A", "perspective": "x"}])
    s["motivation"]["motivations"] = [{"member": "A", "self_interest": "s", "benefits": "b"}]
    s["members"].update(
        selection_model="stakeholder analysis",
        members=[{"name": "A", "sector": "state", "contribution": ""}],
    )
    s["planning"].update(
        commitment="c",
        mission="m",
        values=["openness"],
        vision="v",
        goals=[
            {
                "id": "G1",
                "goal": "g",
                "indicator": "i",
                "target": 10,
                "unit": "u",
                "direction": "up",
                "actions": "",
            }
        ],
    )
    for key in s["organization"]:
        if key != "notes":
            s["organization"][key] = "agreed"
    s["evaluation"].update(
        performance_outcomes="p",
        quality_of_interaction="q",
        member_satisfaction="m",
        indicators=[{"goal": "G1", "observed": 12, "note": ""}],
        decision="renew",
    )
    return plan


# --------------------------------------------------------------------------- data


def test_six_steps_in_order_with_source_names():
    steps = six_steps()
    assert steps["number"].tolist() == [1, 2, 3, 4, 5, 6]
    assert steps["name"].tolist() == [
        "Problem identification",
        "Motivation to act",
        "Member identification and selection",
        "Collaborative planning",
        "Building an organization",
        "Evaluation",
    ]
    assert steps["key"].tolist() == list(STEP_KEYS)
    assert all(len(q) >= 3 for q in steps["questions"])
    assert all(q.strip() for q in steps["question"])


def test_each_step_has_the_outputs_the_issue_names():
    outs = step_outputs()
    required = outs[outs["required"]].groupby("number")["output"].agg(list).to_dict()
    assert required[1] == ["problem_statement", "perspectives"]
    assert required[2] == ["motivations"]
    assert required[3] == ["selection_model", "members"]
    assert required[4] == ["commitment", "mission", "values", "vision", "goals"]
    assert required[5] == [
        "trust_building",
        "governance",
        "work_coordination",
        "structure",
        "leadership",
        "communication",
        "policies",
        "procedures",
    ]
    assert required[6] == [
        "performance_outcomes",
        "quality_of_interaction",
        "member_satisfaction",
        "indicators",
        "decision",
    ]
    assert "stakeholder_register" in outs.loc[outs["number"] == 3, "output"].tolist()


def test_step_data_file_is_well_formed():
    data = yaml.safe_load(resources.files("toolkit.data").joinpath("six_steps.yaml").read_text())
    kinds = {"text", "texts", "choice", "number", "records", "observations", "checklist"}
    for step in data["steps"]:
        for out in step["outputs"]:
            assert out["kind"] in kinds, out
            if out["kind"] == "choice":
                assert out["choices"]
            if out["kind"] in ("records", "observations"):
                assert out["fields"]
                assert all(f["kind"] in kinds for f in out["fields"])
    models = next(o for o in data["steps"][2]["outputs"] if o["key"] == "selection_model")
    assert models["choices"] == ["expanding network", "stakeholder analysis", "self-selection"]
    decision = next(o for o in data["steps"][5]["outputs"] if o["key"] == "decision")
    assert decision["choices"] == ["renew", "redirect", "end"]
    assert [c["key"] for c in data["readiness"]["costs"]] == ["time", "energy", "resources"]


def test_importing_does_not_import_altair():
    code = (
        "import sys, toolkit.planning, toolkit.planning.diagnostics, toolkit.planning.worksheets, "
        "toolkit.planning.charts, toolkit.cli.plan; "
        "print(any(m in sys.modules for m in ('altair', 'ipywidgets', 'IPython')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- readiness


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {
                "single_organisations_failed": "yes",
                "partners_willing": "yes",
                "costs_accepted": "yes",
                "costs": {"time": "t", "energy": "e", "resources": "r"},
            },
            "proceed",
        ),
        ({"single_organisations_failed": True, "partners_willing": True}, "proceed with care"),
        ({"single_organisations_failed": "yes", "partners_willing": "unsure"}, "assess further"),
        ({"single_organisations_failed": None, "partners_willing": "yes"}, "assess further"),
        ({"single_organisations_failed": "no", "partners_willing": "yes"}, "reconsider"),
        ({"single_organisations_failed": "yes", "partners_willing": False}, "reconsider"),
        (
            {
                "single_organisations_failed": "yes",
                "partners_willing": "yes",
                "costs_accepted": "no",
            },
            "reconsider",
        ),
    ],
)
def test_readiness_recommendations(answers, expected):
    before = copy.deepcopy(answers)
    result = readiness_check(answers)
    assert result.recommendation == expected
    assert result.ready is (expected in ("proceed", "proceed with care"))
    assert len(result.reasons) >= 3 and all(r.endswith(".") for r in result.reasons)
    assert answers == before


def test_readiness_reasons_explain_the_decision():
    result = readiness_check(
        {
            "single_organisations_failed": "no",
            "partners_willing": "yes",
            "failure_evidence": "Agency X solved it alone in 2020",
        }
    )
    assert "simpler strategy" in result.reasons[0]
    assert "Agency X solved it alone in 2020" in result.reasons[0]
    care = readiness_check(
        {
            "single_organisations_failed": "yes",
            "partners_willing": "yes",
            "costs": {"time": "t", "energy": "", "resources": ""},
        }
    )
    assert "energy, resources" in care.reasons[-1]
    assert care.to_dict()["recommendation"] == "proceed with care"
    assert str(care).startswith("proceed with care: ")


def test_readiness_require_costs_is_stricter():
    answers = {"single_organisations_failed": "yes", "partners_willing": "yes"}
    assert readiness_check(answers, require_costs=True).recommendation == "assess further"
    assert set(RECOMMENDATIONS) >= {readiness_check(answers).recommendation}


def test_readiness_rejects_bad_answers():
    with pytest.raises(InputError, match=r"readiness\.partners_willing"):
        readiness_check({"partners_willing": "maybe"})


# --------------------------------------------------------------------------- progress


def test_blank_plan_progress():
    progress = plan_progress(blank_plan())
    assert progress["status"].tolist() == ["not started"] * 6
    assert progress["required"].tolist() == [2, 1, 2, 5, 8, 5]
    assert not progress["complete"].any()
    assert progress.loc[2, "missing"] == [
        "The member selection model used",
        "The members: none recorded yet",
    ]


def test_full_plan_is_complete_and_next_action_opens_a_new_cycle():
    plan = full_plan()
    progress = plan_progress(plan)
    assert progress["complete"].all()
    assert missing_outputs(plan).empty
    assert "start a new cycle at step 1" in next_action(plan)
    plan.steps["evaluation"]["decision"] = "end"
    assert "decided to end" in next_action(plan)


def test_progress_reports_record_gaps_and_missing_observations():
    plan = full_plan()
    plan.steps["motivation"]["motivations"].append(
        {"member": "B", "self_interest": "", "benefits": "b"}
    )
    plan.steps["planning"]["goals"].append(
        {
            "id": "G2",
            "goal": "g2",
            "indicator": "i2",
            "target": 5,
            "unit": "",
            "direction": None,
            "actions": "",
        }
    )
    progress = plan_progress(plan).set_index("number")
    assert progress.loc[2, "status"] == "in progress"
    assert progress.loc[2, "missing"] == [
        "Each member's motivation (self-interest) and the benefits expected: "
        "item 2 (B): self-interest (main motivator)"
    ]
    assert progress.loc[6, "missing"] == [
        "Observed value for each step-4 goal: no observed value for G2"
    ]
    assert next_action(plan).startswith("Step 2 (Motivation to act): complete Each member's")


def test_next_action_starts_with_readiness_then_first_incomplete_step():
    plan = blank_plan()
    assert next_action(plan).startswith("Before step 1:")
    plan.readiness.update(single_organisations_failed="no", partners_willing="yes")
    assert next_action(plan).startswith("Reconsider whether a partnership is the right strategy")
    plan.readiness.update(single_organisations_failed="yes")
    text = next_action(plan)
    assert text.startswith("Step 1 (Problem identification): complete A problem statement")
    assert "Ask: Which stubborn problems" in text


def test_progress_does_not_modify_the_plan():
    plan = full_plan()
    before = plan.to_dict()
    plan_progress(plan)
    check_report(plan)
    assert plan.to_dict() == before


def test_check_report_has_the_documented_keys():
    report = check_report(full_plan())
    assert {"ready", "steps", "risks", "next"} <= set(report)
    assert report["ready"] is True
    assert [s["number"] for s in report["steps"]] == [1, 2, 3, 4, 5, 6]
    assert all({"number", "name", "complete", "missing"} <= set(s) for s in report["steps"])
    assert len(report["risks"]) == 9
    assert report["indicators"][0]["met"] is True


# --------------------------------------------------------------------------- files


def test_round_trip_save_load_equal(tmp_path):
    for plan in (blank_plan(), full_plan(), load_plan(EXAMPLE)):
        path = tmp_path / "plan.yaml"
        save_plan(plan, path)
        assert load_plan(path) == plan
        assert loads_plan(dumps_plan(plan, comments=False)) == plan


def test_saved_plan_is_commented_and_starts_with_schema_version(tmp_path):
    path = save_plan(full_plan(), tmp_path / "p.yaml")
    text = path.read_text(encoding="utf-8")
    assert f"\nschema_version: {SCHEMA_VERSION}\n" in text
    assert "# Step 4. Collaborative planning" in text
    assert yaml.safe_load(text)["steps"]["planning"]["goals"][0]["target"] == 10


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_TEXT,
    statement=_TEXT,
    notes=_TEXT,
    member=_TEXT,
    value=_TEXT,
    target=st.one_of(
        st.none(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
    ),
)
def test_round_trip_property(title, statement, notes, member, value, target):
    plan = full_plan()
    plan.title = title
    plan.steps["problem"]["problem_statement"] = statement
    plan.steps["organization"]["notes"] = notes
    plan.steps["problem"]["perspectives"][0]["member"] = member
    plan.steps["planning"]["values"] = [value]
    plan.steps["planning"]["goals"][0]["target"] = target
    assert loads_plan(dumps_plan(plan)) == plan


def test_atomic_save_leaves_the_original_byte_identical(tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    save_plan(full_plan(), path)
    original = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk failed during rename")

    monkeypatch.setattr(os, "replace", boom)
    changed = full_plan()
    changed.title = "Something else"
    with pytest.raises(InputError, match=r"plan\.yaml: cannot write the file \(disk failed"):
        save_plan(changed, path)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_invalid_plan_is_never_written_over_a_good_file(tmp_path):
    path = tmp_path / "plan.yaml"
    save_plan(full_plan(), path)
    original = path.read_bytes()
    bad = full_plan()
    bad.risks["power_struggles"] = 7
    with pytest.raises(PlanError) as info:
        save_plan(bad, path)
    assert "plan not saved" in str(info.value) and "risks.power_struggles" in str(info.value)
    bad = full_plan()
    bad.steps["evaluation"]["indicators"][0]["goal"] = "G9"
    with pytest.raises(PlanError, match="no goal with this id in step 4"):
        save_plan(bad, path)
    assert path.read_bytes() == original


def test_save_refuses_to_overwrite_when_asked(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        save_plan(blank_plan(), path, overwrite=False)
    assert path.read_text(encoding="utf-8") == "keep me"


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        loads_plan(text, file="plan.yaml")
    message = str(info.value)
    assert "\n" not in message
    return message


def test_schema_errors_name_file_line_and_field_path():
    msg = _error(
        "schema_version: 2\nsteps:\n  planning:\n    goals:\n      - id: G1\n        target: lots\n"
    )
    assert msg.startswith(
        "plan.yaml, line 6, column 'steps.planning.goals[1].target': expected a number"
    )
    msg = _error("schema_version: 2\ntitel: typo\n")
    assert msg.startswith("plan.yaml, line 2, column 'titel': unknown field")
    assert "title" in msg
    msg = _error("schema_version: 2\nsteps:\n  members:\n    selection_model: lottery\n")
    assert "line 4" in msg and "expanding network, stakeholder analysis, self-selection" in msg
    msg = _error("schema_version: 2\ntitle: a\ntitle: b\n")
    assert msg.startswith("plan.yaml, line 3, column 'title': the same field appears twice")
    msg = _error("schema_version: 2\nsteps:\n  problem: [1, 2]\n")
    assert "line 3" in msg and "expected a section of fields" in msg
    msg = _error(
        "schema_version: 2\nsteps:\n  planning:\n    goals:\n      - {id: G1}\n      - {id: G1}\n"
    )
    assert "line 6" in msg and "duplicate goal id" in msg


def test_several_problems_are_counted_and_listed():
    with pytest.raises(PlanError) as info:
        loads_plan("schema_version: 2\nfoo: 1\nbar: 2\nrisks:\n  power_struggles: 9\n")
    assert "(and 2 more problems)" in str(info.value)
    assert len(info.value.issues) == 3
    assert info.value.issues[2].startswith("risks.power_struggles (line 5)")


def test_yaml_syntax_errors_give_a_line():
    msg = _error("schema_version: 2\ntitle: [unclosed\nsteps: {}\n")
    assert msg.startswith("plan.yaml, line ") and "not valid YAML" in msg
    msg = _error("schema_version: 2\n\ttitle: tab\n")
    assert "line 2" in msg and "not valid YAML" in msg
    assert "the plan is empty" in _error("# only a comment\n")
    assert "YAML mapping" in _error("- a\n- b\n")


def test_schema_versions_upgrade_or_refuse_clearly():
    assert "no schema_version" in _error("title: x\n")
    assert "newer version of the toolkit" in _error("schema_version: 3\n")
    assert "unknown schema version" in _error("schema_version: 0\n")
    assert "whole number" in _error("schema_version: two\n")
    old = (
        "schema_version: 1\ntitle: Old\nreadiness:\n  history_of_failure: true\n"
        "  partners_willing: true\nsteps:\n  - number: 4\n    notes: vision first\n"
    )
    plan = loads_plan(old)
    assert plan.title == "Old"
    assert plan.readiness["single_organisations_failed"] == "yes"
    assert plan.steps["planning"]["notes"] == "vision first"
    assert "cannot upgrade" in _error("schema_version: 1\nsteps:\n  - number: 8\n")
    assert "cannot upgrade" in _error(
        "schema_version: 1\nreadiness:\n  history_of_failure: maybe\n"
    )


def test_upgrade_does_not_modify_its_input():
    data = {"schema_version": 1, "readiness": {"history_of_failure": False}, "steps": []}
    before = copy.deepcopy(data)
    upgrade_plan_data(data)
    assert data == before


def test_load_plan_file_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_plan(tmp_path / "missing.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="the file is empty"):
        load_plan(empty)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("schema_version: 2\ntitle: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_plan(latin)
    with pytest.raises(InputError, match="folder"):
        load_plan(tmp_path)


def test_lenient_but_exact_values():
    plan = loads_plan(
        "schema_version: 2\nreadiness:\n  partners_willing: Yes\n  costs_accepted: no\n"
        "steps:\n  members:\n    selection_model: Stakeholder-Analysis\n"
        "  planning:\n    values: openness\n    goals:\n      - {id: G1, target: '12.5'}\n"
        "risks:\n  power_struggles: serious risk\n  membership_gaps: 0\n"
        "setbacks:\n  - {date: 2024-03-01, setback: funding cut, signs: anticipate}\n"
    )
    assert plan.readiness["partners_willing"] == "yes"
    assert plan.readiness["costs_accepted"] == "no"
    assert plan.steps["members"]["selection_model"] == "stakeholder analysis"
    assert plan.steps["planning"]["values"] == ["openness"]
    assert plan.steps["planning"]["goals"][0]["target"] == 12.5
    assert plan.risks["power_struggles"] == 2 and plan.risks["membership_gaps"] == 0
    assert plan.setbacks[0]["date"] == "2024-03-01"
    assert plan.setbacks[0]["signs"] == ["anticipate"]


def test_example_plan_uses_the_nursing_case_and_validates():
    plan = load_plan(EXAMPLE)
    assert "UMass Boston" in plan.title and "Dana-Farber" in plan.title
    assert "minority nurses" in plan.steps["problem"]["problem_statement"]
    assert plan.steps["members"]["members"][0]["name"].startswith("University of")
    # What the source does not give is left empty, not invented.
    assert plan.steps["members"]["selection_model"] is None
    assert all(v is None for v in plan.risks.values())
    assert plan.steps["planning"]["goals"][0]["target"] is None
    assert readiness_check(plan).recommendation == "assess further"
