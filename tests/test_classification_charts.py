"""Chart specs for the classification (through ``to_dict()``, never pixels)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from toolkit.classification import Boundaries, classify, example_responses, score_responses
from toolkit.classification.charts import heuristic_explorer, heuristic_map
from toolkit.classification.item_charts import continuum_bar, item_profile
from toolkit.errors import InputError


@pytest.fixture(scope="module")
def result():
    return classify(example_responses())


def layer_marks(spec):
    return [layer["mark"]["type"] for layer in spec["layer"]]


def test_heuristic_map_layers_fields_and_description(result):
    spec = heuristic_map(result.summary, result.scored).to_dict()
    assert layer_marks(spec) == [
        "rect",
        "rule",
        "text",
        "circle",
        "rule",
        "point",
        "rule",
        "rule",
        "circle",
    ]
    areas, _lines, labels, people, arrows, heads, across, upward, points = spec["layer"]
    # Error bars: the 95% interval on each axis, through the partnership's point.
    assert (across["encoding"]["x"]["field"], across["encoding"]["x2"]["field"]) == (
        "voluntary_low",
        "voluntary_high",
    )
    assert across["encoding"]["y"]["field"] == "trust"
    assert (upward["encoding"]["y"]["field"], upward["encoding"]["y2"]["field"]) == (
        "trust_low",
        "trust_high",
    )
    assert areas["encoding"]["fill"]["field"] == "mode"
    assert areas["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert labels["encoding"]["text"]["field"] == "label"
    assert people["mark"]["size"] < points["mark"]["size"]
    assert points["encoding"]["x"] == {"field": "voluntary", "type": "quantitative"}
    assert points["encoding"]["y"] == {"field": "trust", "type": "quantitative"}
    assert points["encoding"]["color"]["field"] == "partnership"
    tooltips = {t["field"] for t in points["encoding"]["tooltip"]}
    assert {"partnership", "round", "mode", "voluntary", "trust", "near_boundary"} <= tooltips
    assert {"x2", "y2"} <= set(arrows["encoding"])
    assert heads["encoding"]["angle"]["field"] == "angle"
    description = spec["description"]
    assert "creating above trust 0.625" in description
    assert "Example partnership A in 2025 is complying" in description
    assert "between complying and constraining" in description
    assert "95% interval" in description
    assert "Arrows" in description
    plain = classify(example_responses(), measure=False)
    old_style = heuristic_map(plain.summary, plain.scored).to_dict()
    assert layer_marks(old_style) == ["rect", "rule", "text", "circle", "rule", "point", "circle"]
    assert "near the line to constraining" in old_style["description"]


def test_heuristic_map_data_is_inline_and_small(result):
    spec = heuristic_map(result.summary, result.scored).to_dict()
    sizes = [len(values) for values in spec["datasets"].values()]
    assert max(sizes) == 23  # the scored respondents
    rows = pd.concat([result.scored] * 100, ignore_index=True)
    big = heuristic_map(result.summary, rows, max_respondents=50).to_dict()
    assert max(len(v) for v in big["datasets"].values()) == 50
    assert "A sample of 50 respondents" in big["description"]


def test_heuristic_map_without_rounds_or_respondents():
    frame = pd.DataFrame({"partnership": ["P", "Q"], "MV01": [1, 5], "CT01": [1, 5]})
    from toolkit.classification import summarize_partnerships

    summary = summarize_partnerships(score_responses(frame))
    spec = heuristic_map(summary).to_dict()
    assert layer_marks(spec) == ["rect", "rule", "text", "circle"]
    assert "Arrows" not in spec["description"] and "Small points" not in spec["description"]


def test_heuristic_map_limits_partnerships(result):
    many = pd.concat(
        [result.summary.assign(partnership=f"P{i}", respondents=i + 1) for i in range(15)],
        ignore_index=True,
    )
    spec = heuristic_map(many, max_partnerships=5).to_dict()
    points = spec["layer"][-1]
    assert points["encoding"]["color"]["scale"]["domain"] == ["P10", "P11", "P12", "P13", "P14"]
    assert "Only the 5 largest of 15 partnerships" in spec["description"]


def test_heuristic_map_follows_custom_boundaries(result):
    bounds = Boundaries(trust_above=0.7, contract_below=0.3, mandatory_below=0.4)
    spec = heuristic_map(result.summary, boundaries=bounds).to_dict()
    rects = spec["datasets"][spec["layer"][0]["data"]["name"]]
    creating = next(r for r in rects if r["mode"] == "creating")
    assert creating["y"] == 0.7
    assert "creating above trust 0.7" in spec["description"]


def test_item_profile(result):
    spec = item_profile(example_responses(), "Example partnership A", round="2025").to_dict()
    assert layer_marks(spec) == ["rule", "circle"]
    lines, dots = spec["layer"]
    assert lines["encoding"]["x"]["field"] == "min" and lines["encoding"]["x2"]["field"] == "max"
    assert dots["encoding"]["color"]["field"] == "group"
    order = dots["encoding"]["y"]["sort"]
    assert order[0].startswith("MV01 ") and order[-1].startswith("CT10 ") and len(order) == 31
    data = spec["datasets"][dots["data"]["name"]]
    assert {d["group"] for d in data} == {
        "Example charity",
        "Example firm",
        "Example public agency",
    }
    assert all(1 <= d["answer"] <= 5 for d in data)
    assert "Example partnership A, round 2025" in spec["description"]
    assert "furthest apart" in spec["description"]
    # The axis uses the questionnaire's words for the two ends of the scale.
    assert dots["encoding"]["x"]["title"] == (
        "Mean answer: 1 = A fits much better, 5 = B fits much better"
    )


def test_item_profile_by_respondent_and_errors(result):
    responses = example_responses()
    spec = item_profile(responses, "Example partnership B", by="respondent").to_dict()
    assert "round 2026" in spec["description"] and "respondents" in spec["description"]
    with pytest.raises(InputError, match="several partnerships"):
        item_profile(responses)
    with pytest.raises(InputError, match="no such partnership"):
        item_profile(responses, "Nobody")
    with pytest.raises(InputError, match="no such round"):
        item_profile(responses, "Example partnership A", round=1999)


def test_continuum_bar_orders_levels_and_counts(result):
    spec = continuum_bar(result.summary).to_dict()
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["sort"] == [
        "none",
        "networking",
        "coordinating",
        "cooperating",
        "collaborating",
    ]
    # Two partnerships over two rounds: each round counts each partnership once (four
    # partnership-rounds are not four partnerships).
    data = {(d["round"], d["level"]): d["count"] for d in spec["datasets"][spec["data"]["name"]]}
    assert {k: v for k, v in data.items() if v} == {
        ("2025", "coordinating"): 1,
        ("2025", "collaborating"): 1,
        ("2026", "cooperating"): 2,
    }
    assert sum(v for (r, _), v in data.items() if r == "2025") == 2
    assert bars["encoding"]["xOffset"]["field"] == "round"
    assert "number of partnerships at each level in each round, out of 2" in spec["description"]
    one_round = result.summary[result.summary["round"] == "2026"]
    single = continuum_bar(one_round).to_dict()
    counts = {d["level"]: d["count"] for d in single["datasets"][single["data"]["name"]]}
    assert counts["cooperating"] == 2 and sum(counts.values()) == 2


def test_continuum_bar_counts_unanswered_respondents():
    frame = pd.DataFrame(
        {"partnership": ["P"] * 3, "MV01": [3] * 3, "CT01": [3] * 3, "H1": [1, 0, np.nan]}
    )
    spec = continuum_bar(score_responses(frame)).to_dict()
    data = {d["level"]: d["count"] for d in spec["datasets"][spec["data"]["name"]]}
    assert data["not answered"] == 1 and data["networking"] == 1 and data["none"] == 1
    assert "respondents" in spec["description"]
    with pytest.raises(InputError):
        continuum_bar(pd.DataFrame({"x": [1]}))


def test_heuristic_explorer_has_bound_parameters():
    spec = heuristic_explorer(0.2, 0.8).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params["voluntary"]["value"] == 0.2 and params["trust"]["value"] == 0.8
    for param in params.values():
        assert param["bind"]["input"] == "range"
        assert (param["bind"]["min"], param["bind"]["max"]) == (0, 1)
    marks = layer_marks(spec)
    assert marks[:3] == ["rect", "rule", "text"] and "point" in marks
    calculations = [t["calculate"] for layer in spec["layer"] for t in layer.get("transform", [])]
    mode = next(c for c in calculations if "creating" in c)
    assert "trust > 0.625" in mode and "voluntary < 0.5" in mode and "trust < 0.375" in mode
    assert any("near a boundary" in c for c in calculations)
    assert "sliders" in spec["description"]
    with pytest.raises(ValueError):
        heuristic_explorer(1.5, 0.5)


def test_importing_the_modules_does_not_import_altair():
    code = (
        "import sys, toolkit.classification, toolkit.classification.charts, "
        "toolkit.classification.item_charts, toolkit.forms, "
        "toolkit.cli.classify; "
        "print(sorted(m for m in ('altair', 'ipywidgets', 'IPython') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
