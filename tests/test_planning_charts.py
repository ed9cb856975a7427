"""Planning charts, tested through their Vega-Lite specs."""

from __future__ import annotations

from toolkit.planning import blank_plan
from toolkit.planning.charts import indicator_chart, progress_chart, risk_chart


def _plan():
    plan = blank_plan("<Chart test>")
    plan.steps["problem"].update(
        problem_statement="P", perspectives=[{"member": "A", "perspective": "x"}]
    )
    plan.steps["members"]["selection_model"] = "self-selection"
    plan.risks.update(power_struggles=2, membership_gaps=0)
    plan.steps["planning"]["goals"] = [
        {
            "id": "G1",
            "goal": "More mentors",
            "indicator": "mentors",
            "target": 20,
            "unit": "people",
            "direction": "up",
            "actions": "",
        },
        {
            "id": "G2",
            "goal": "Not measured",
            "indicator": "x",
            "target": 5,
            "unit": "",
            "direction": None,
            "actions": "",
        },
    ]
    plan.steps["evaluation"]["indicators"] = [{"goal": "G1", "observed": 25, "note": ""}]
    return plan


def _layer_data(spec, layer):
    data = spec["layer"][layer].get("data") or spec.get("data")
    return spec["datasets"][data["name"]]


def test_progress_chart_spec():
    spec = progress_chart(_plan()).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["field"] == "step" and enc["x"]["type"] == "nominal"
    assert enc["color"]["field"] == "status"
    assert enc["color"]["scale"]["domain"] == ["complete", "in progress", "not started"]
    rows = _layer_data(spec, 0)
    # Steps 4 and 6 hold goals and an observation, so they are under way.
    assert [r["status"] for r in rows] == [
        "complete",
        "not started",
        "in progress",
        "in progress",
        "not started",
        "in progress",
    ]
    assert spec["description"].endswith(
        "Complete: step 1; in progress: steps 3, 4 and 6; not started: steps 2 and 5."
    )


def test_risk_chart_spec():
    spec = risk_chart(_plan()).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]
    bar = spec["layer"][0]["encoding"]
    assert bar["x"]["field"] == "rating" and bar["x"]["type"] == "quantitative"
    assert bar["x"]["scale"]["domain"] == [0, 2]
    assert bar["y"]["field"] == "reason"
    assert len(_layer_data(spec, 0)) == 9
    assert "2 of the 9 reasons are rated" in spec["description"]
    assert "Serious risks: power struggles." in spec["description"]


def test_indicator_chart_spec():
    spec = indicator_chart(_plan()).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule"]
    bar = spec["layer"][0]["encoding"]
    assert bar["x"]["field"] == "attainment" and bar["x"]["type"] == "quantitative"
    rows = _layer_data(spec, 0)
    assert len(rows) == 1 and rows[0]["attainment"] == 1.25 and rows[0]["met"] == "target met"
    assert (
        "1 of 2 goals" in spec["description"] and "Not yet measured: G2: x." in spec["description"]
    )
    empty = indicator_chart(blank_plan()).to_dict()
    assert "no measurable goals" in empty["description"]
