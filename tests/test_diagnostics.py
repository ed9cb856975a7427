"""Diagnostics: failure risks, setbacks, evaluation frameworks."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit.planning import blank_plan
from toolkit.planning.diagnostics import (
    evaluation_dimensions,
    evaluation_frameworks,
    evaluation_summary,
    failure_reasons,
    failure_risks,
    gao_checklist,
    gao_practices,
    gao_summary,
    impact_indicators,
    learning_actions,
    read_setbacks,
    risk_summary,
    setback_signs,
    setback_summary,
)


def test_failure_reasons_data():
    reasons = failure_reasons()
    assert len(reasons) == 9
    assert reasons["id"].is_unique
    assert reasons["id"].tolist()[0] == "membership_gaps"
    assert reasons["id"].tolist()[-1] == "difficult_history"
    assert reasons["step"].between(1, 6).all()
    assert reasons["step_name"].notna().all()
    assert (
        reasons[["reason", "description", "question"]].apply(lambda c: c.str.len() > 5).all().all()
    )


def test_frameworks_data():
    fw = evaluation_frameworks()
    assert evaluation_dimensions()["key"].tolist() == [
        "performance_outcomes",
        "quality_of_interaction",
        "member_satisfaction",
    ]
    gao = gao_practices()
    assert len(gao) == 8 and gao["key"].is_unique and gao["step"].between(1, 6).all()
    assert gao["practice"].iloc[0] == "Define and articulate a common outcome"
    signs = setback_signs()
    assert signs["kind"].value_counts().to_dict() == {"learning": 3, "blaming": 3}
    assert signs["key"].is_unique
    assert learning_actions()["label"].tolist() == [
        "Build on prior relationships",
        "Rely on trusted key participants",
        "Engage with the community",
        "Use data to advantage",
        "Invest in joint problem-solving",
    ]
    assert "GAO-06-15" in fw["gao_practices"]["source"]
    assert "muae026" in fw["setbacks"]["source"]


def test_failure_risks_status_and_step():
    plan = blank_plan()
    plan.risks.update(membership_gaps=2, unwilling_participants=0, power_struggles=1)
    plan.steps["members"].update(
        selection_model="self-selection",
        members=[{"name": "A", "sector": None, "contribution": ""}],
    )
    risks = failure_risks(plan).set_index("id")
    assert risks.loc["membership_gaps", "status"] == "planned for"  # step 3 complete
    assert risks.loc["unwilling_participants", "status"] == "no risk"
    assert risks.loc["power_struggles", "status"] == "open"
    assert risks.loc["power_struggles", "action"].startswith("Address in step 5 (Building an")
    assert risks.loc["difficult_history", "status"] == "not rated"
    assert math.isnan(risks.loc["difficult_history", "rating"])
    assert risks.loc["membership_gaps", "rating_label"] == "serious risk"


def test_failure_risks_custom_mapping_not_mutated():
    reasons = failure_reasons()
    reasons.loc[reasons["id"] == "power_struggles", "step"] = 4
    before = reasons.copy()
    plan = blank_plan()
    plan.risks["power_struggles"] = 1
    risks = failure_risks(plan, reasons=reasons)
    assert int(risks.loc[risks["id"] == "power_struggles", "step"].iloc[0]) == 4
    pd.testing.assert_frame_equal(reasons, before)


@pytest.mark.parametrize(
    ("ratings", "score", "level"),
    [
        ({}, None, "not rated"),
        ({"membership_gaps": 0, "power_struggles": 0}, 0.0, "low"),
        (
            {
                "membership_gaps": 2,
                **{
                    k: 0
                    for k in [
                        "unwilling_participants",
                        "conflicting_agendas",
                        "knowledge_sharing",
                        "power_struggles",
                    ]
                },
            },
            0.2,
            "medium",
        ),
        ({"membership_gaps": 1, "power_struggles": 1}, 0.5, "medium"),
        ({"membership_gaps": 2, "power_struggles": 1}, 0.75, "high"),
    ],
)
def test_risk_summary_levels(ratings, score, level):
    plan = blank_plan()
    plan.risks.update(ratings)
    summary = risk_summary(plan)
    assert summary["score"] == score
    assert summary["level"] == level
    assert summary["rated"] == len(ratings) and summary["unrated"] == 9 - len(ratings)


def test_risk_summary_thresholds_are_configurable():
    plan = blank_plan()
    plan.risks.update(membership_gaps=1, power_struggles=1)
    assert risk_summary(plan, thresholds=(0.1, 0.4))["level"] == "high"


def test_read_setbacks_from_plan_and_frame():
    plan = blank_plan()
    plan.setbacks = [
        {
            "date": "2024-01",
            "setback": "Funding cut",
            "response": "Met and re-planned",
            "signs": ["anticipate", "solved_together"],
            "actions": ["use_data"],
        },
        {
            "date": "",
            "setback": "Lead partner left",
            "response": "",
            "signs": ["blamed_others", "caught_out", "solved_together"],
            "actions": [],
        },
        {
            "date": "",
            "setback": "Tie",
            "response": "",
            "signs": ["anticipate", "went_separate_ways"],
            "actions": [],
        },
        {"date": "", "setback": "Unread", "response": "", "signs": [], "actions": []},
    ]
    read = read_setbacks(plan)
    assert read["reading"].tolist() == [
        "mutual learning",
        "mutual blaming",
        "mixed",
        "not read yet",
    ]
    assert read["learning"].tolist() == [2, 1, 1, 0]
    assert read["blaming"].tolist() == [0, 2, 1, 0]
    assert read["actions"].tolist() == [["Use data to advantage"], [], [], []]
    summary = setback_summary(plan)
    assert summary["setbacks"] == 4
    assert summary["readings"]["mutual learning"] == 1
    assert summary["actions_used"] == ["Use data to advantage"]
    assert "Invest in joint problem-solving" in summary["actions_not_used"]


def test_read_setbacks_csv_style_frame_is_not_mutated():
    frame = pd.DataFrame(
        {
            "setback": ["A", "B"],
            "signs": ["new_division_of_labour; anticipate", "nonsense"],
            "actions": ["joint_problem_solving, trusted_participants", None],
        },
        index=[10, 20],
    )
    before = frame.copy()
    read = read_setbacks(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert read.index.tolist() == [10, 20]
    assert read.loc[10, "reading"] == "mutual learning"
    assert read.loc[10, "actions"] == [
        "Invest in joint problem-solving",
        "Rely on trusted key participants",
    ]
    assert read.loc[20, "unknown"] == ["nonsense"]
    assert read.loc[20, "reading"] == "not read yet"
    assert read_setbacks(pd.DataFrame(columns=["setback"])).empty


def test_gao_checklist_and_summary():
    plan = blank_plan()
    plan.steps["evaluation"]["gao_practices"].update(
        common_outcome="yes", roles="partly", monitor_results="no"
    )
    table = gao_checklist(plan).set_index("key")
    assert table.loc["common_outcome", "label"] == "in place"
    assert table.loc["joint_strategies", "label"] == "not answered"
    assert math.isnan(table.loc["joint_strategies", "score"])
    summary = gao_summary(plan)
    assert summary == {
        "answered": 3,
        "in place": 1,
        "partly in place": 1,
        "not in place": 1,
        "score": 0.5,
    }


def test_impact_indicators_carry_goals_into_step_6():
    plan = blank_plan()
    goal = {"unit": "", "actions": "", "indicator": "i"}
    plan.steps["planning"]["goals"] = [
        {**goal, "id": "G1", "goal": "up", "target": 10, "direction": None},
        {**goal, "id": "G2", "goal": "down", "target": 4, "direction": "down"},
        {**goal, "id": "G3", "goal": "unmeasured", "target": 5, "direction": "up"},
        {**goal, "id": "G4", "goal": "zero target", "target": 0, "direction": "up"},
        {**goal, "id": "G5", "goal": "no target", "target": None, "direction": "up"},
    ]
    plan.steps["evaluation"]["indicators"] = [
        {"goal": "G1", "observed": 12, "note": "good"},
        {"goal": "G2", "observed": 8, "note": ""},
        {"goal": "G4", "observed": 3, "note": ""},
        {"goal": "G5", "observed": 3, "note": ""},
    ]
    table = impact_indicators(plan).set_index("goal")
    assert table.loc["G1", "attainment"] == pytest.approx(1.2)
    assert table.loc["G1", "met"] is True and table.loc["G1", "direction"] == "up"
    assert table.loc["G2", "attainment"] == pytest.approx(0.5)
    assert table.loc["G2", "met"] is False
    assert math.isnan(table.loc["G3", "observed"]) and table.loc["G3", "met"] is None
    assert math.isnan(table.loc["G4", "attainment"]) and table.loc["G4", "met"] is True
    assert table.loc["G5", "met"] is None
    assert impact_indicators(blank_plan()).empty


def test_evaluation_summary():
    plan = blank_plan()
    plan.steps["evaluation"]["member_satisfaction"] = "High in the survey"
    summary = evaluation_summary(plan)
    assert summary["recorded"].tolist() == [False, False, True]
    assert summary.loc[2, "evidence"] == "High in the survey"
