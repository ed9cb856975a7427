"""Chart specs of the stakeholder map, checked through ``to_dict()`` (schema-validated)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd

from toolkit.charts import SECTOR_COLORS
from toolkit.stakeholders import (
    SECTORS,
    example_register,
    example_relationships,
    validate_register,
    validate_relationships,
)
from toolkit.stakeholders.charts import grid_chart, network_chart, sector_coverage_chart


def layer_data(spec: dict, index: int) -> list[dict]:
    layer = spec["layer"][index]
    data = layer.get("data", spec.get("data"))  # shared data is hoisted to the top level
    return spec["datasets"][data["name"]]


def big_network(n: int = 2000, m: int = 6000, seed: int = 1):
    rng = np.random.default_rng(seed)
    reg = validate_register(
        pd.DataFrame(
            {
                "name": [f"S{i}" for i in range(n)],
                "organization": [f"O{i % 300}" for i in range(n)],
                "sector": rng.choice(list(SECTORS), n),
                **{r: rng.integers(1, 6, n) for r in ("power", "interest", "legitimacy",
                                                      "urgency")},
            }
        )
    )  # fmt: skip
    s, t = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = s != t
    pairs = pd.DataFrame({"source": s[keep], "target": t[keep]}).drop_duplicates()
    rel = validate_relationships(
        pd.DataFrame({"source": "S" + pairs["source"].astype(str),
                      "target": "S" + pairs["target"].astype(str)}),
        reg,
    )  # fmt: skip
    return reg, rel


def test_grid_chart_spec():
    reg = example_register()
    spec = grid_chart(reg).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rect", "text", "text", "point", "text"]
    points = spec["layer"][3]
    enc = points["encoding"]
    assert enc["x"]["field"] == "x" and enc["x"]["type"] == "quantitative"
    assert enc["y"]["field"] == "y" and enc["y"]["type"] == "quantitative"
    assert enc["color"]["field"] == "sector" and enc["color"]["type"] == "nominal"
    assert enc["color"]["scale"]["domain"] == list(SECTORS)
    assert enc["color"]["scale"]["range"] == [SECTOR_COLORS[s] for s in SECTORS]
    assert enc["shape"]["field"] == "shape"
    assert enc["shape"]["scale"]["range"][0] == "triangle-up"
    tooltip_fields = {t["field"] for t in enc["tooltip"]}
    assert {"name", "organization", "grid", "salience"} <= tooltip_fields
    # Quadrant labels, all four, at the threshold lines.
    quadrant_rows = layer_data(spec, 0)
    assert sorted(r["quadrant"] for r in quadrant_rows) == sorted(
        ["manage closely", "keep satisfied", "keep informed", "monitor"]
    )
    top_right = next(r for r in quadrant_rows if r["quadrant"] == "manage closely")
    assert top_right["x"] == 4 and top_right["y"] == 4
    labels = [r["label"] for r in layer_data(spec, 1) + layer_data(spec, 2)]
    assert sorted(labels) == ["Keep informed", "Keep satisfied", "Manage closely", "Monitor"]
    # Marginal stakeholders are marked.
    data = layer_data(spec, 3)
    marginal = {r["name"] for r in data if r["shape"] == "marginal"}
    assert "Residents' group (example)" in marginal and "Faith network (example)" not in marginal
    desc = spec["description"]
    assert "manage closely (top right): 2" in desc and "marginal" in desc
    assert len(desc) > 100


def test_grid_points_do_not_overlap_and_stay_in_their_quadrant():
    rows = [(f"p{i}", "O", "state", 4, 4, 3, 3) for i in range(6)]
    rows += [(f"q{i}", "O", "market", 3, 3, 3, 3) for i in range(5)]
    reg = validate_register(
        pd.DataFrame(rows, columns=["name", "organization", "sector", "power", "interest",
                                    "legitimacy", "urgency"])
    )  # fmt: skip
    spec = grid_chart(reg).to_dict()
    data = pd.DataFrame(layer_data(spec, 3))
    assert not data.duplicated(["x", "y"]).any()
    high = data["name"].str.startswith("p")
    assert (data.loc[high, "x"] >= 4).all() and (data.loc[high, "y"] >= 4).all()
    assert (data.loc[~high, "x"] < 4).all() and (data.loc[~high, "y"] < 4).all()
    assert ((data["x"] - data["interest"]).abs() < 0.5).all()
    # Only one label per position: the pile of six at (4, 4) gets one.
    label_rows = layer_data(spec, 4)
    assert len(label_rows) == 2
    # Deterministic: the same register gives the same spec.
    assert json.dumps(grid_chart(reg).to_dict(), sort_keys=True) == json.dumps(spec, sort_keys=True)


def test_grid_respects_thresholds():
    spec = grid_chart(example_register(), {"power": 3, "interest": 5}).to_dict()
    top_right = next(r for r in layer_data(spec, 0) if r["quadrant"] == "manage closely")
    assert top_right["x"] == 5 and top_right["y"] == 3
    assert "ratings of 3 (power) and 5 (interest)" in spec["description"]


def test_grid_aggregates_large_registers():
    reg, _ = big_network(2000, 10)
    spec = grid_chart(reg, max_points=400).to_dict()
    data = layer_data(spec, 3)
    assert len(data) <= 5 * 5 * 3
    assert sum(r["stakeholders"] for r in data) == 2000
    assert "aggregated" in spec["title"]["text"] if isinstance(spec["title"], dict) else (
        "aggregated" in spec["title"]
    )  # fmt: skip
    assert "2,000 stakeholders" in spec["description"]
    assert spec["layer"][3]["encoding"]["size"]["field"] == "stakeholders"
    assert len(json.dumps(spec)) < 100_000


def test_sector_coverage_chart_spec():
    reg = validate_register(
        pd.DataFrame({"name": ["a", "b"], "organization": ["A", "B"], "sector": ["state", "NGO"],
                      "power": [5, 1], "interest": [3, 3], "legitimacy": [3, 3],
                      "urgency": [3, 3]})
    )  # fmt: skip
    spec = sector_coverage_chart(reg).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]
    bar = spec["layer"][0]["encoding"]
    assert bar["x"]["field"] == "sector" and bar["x"]["sort"] == list(SECTORS)
    assert bar["y"]["field"] == "stakeholders" and bar["y"]["type"] == "quantitative"
    assert bar["color"]["scale"]["range"] == [SECTOR_COLORS[s] for s in SECTORS]
    rows = {r["sector"]: r for r in layer_data(spec, 0)}
    assert rows["market"]["stakeholders"] == 0 and rows["market"]["note"] == "0 (missing)"
    assert rows["state"]["note"] == "1 (thin)"
    assert "Missing: market" in spec["description"]


def test_network_chart_small_spec_and_determinism():
    reg, rel = example_register(), example_relationships()
    chart = network_chart(reg, rel)
    spec = chart.to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "circle", "text", "text"]
    dots = spec["layer"][1]["encoding"]
    assert dots["color"]["field"] == "sector"
    assert dots["color"]["scale"]["range"] == [SECTOR_COLORS[s] for s in SECTORS]
    assert dots["size"]["field"] == "power" and dots["size"]["type"] == "quantitative"
    edges = spec["layer"][0]["encoding"]
    assert {edges["x2"]["field"], edges["y2"]["field"]} == {"x2", "y2"}
    assert len(layer_data(spec, 0)) == 13 and len(layer_data(spec, 1)) == 12
    assert spec["title"] == "Relationship map"
    assert "1 has no relationship" in spec["description"]
    again = network_chart(reg, rel).to_dict()
    assert json.dumps(again, sort_keys=True) == json.dumps(spec, sort_keys=True)
    # Nodes grouped by sector around the circle.
    nodes = pd.DataFrame(layer_data(spec, 1))
    assert np.allclose(nodes["x"] ** 2 + nodes["y"] ** 2, 1, atol=1e-3)


def test_network_chart_large_shows_top_and_says_so():
    reg, rel = big_network()
    spec = network_chart(reg, rel, max_nodes=50).to_dict()
    assert len(layer_data(spec, 1)) == 50
    assert len(layer_data(spec, 0)) < len(rel)
    title = spec["title"]
    assert "50 most central of 2,000" in title
    assert "Only the 50 most central of 2,000 stakeholders" in spec["description"]
    assert len(json.dumps(spec)) < 200_000
    assert len(layer_data(spec, 2)) + len(layer_data(spec, 3)) <= 15


def test_importing_chart_module_does_not_import_altair():
    code = (
        "import sys, toolkit.stakeholders.charts, toolkit.stakeholders, "
        "toolkit.cli.stakeholders;"
        "print(any(m in sys.modules for m in ('altair', 'ipywidgets', 'IPython')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_labels_are_numbers_and_the_key_gives_full_names():
    """Short numbered labels fit beside a point on a phone; the key names them in full."""
    reg, rel = example_register(), example_relationships()
    for spec, layers in (
        (grid_chart(reg).to_dict(), [4]),
        (network_chart(reg, rel).to_dict(), [2, 3]),
    ):
        rows = [r for i in layers for r in layer_data(spec, i)]
        assert rows and all(r["label"].isdigit() for r in rows)
        keys = [spec["layer"][i]["encoding"]["opacity"] for i in layers]
        domain = keys[0]["scale"]["domain"]
        assert all(k["scale"]["domain"] == domain for k in keys)  # one key for both layers
        assert keys[0]["legend"]["title"] == "Key" and keys[0]["legend"]["labelLimit"] == 0
        assert set(keys[0]["scale"]["range"]) == {1}  # the key draws nothing on the labels
        # Numbered 1, 2, 3... with no gap, each label's number beside its full name.
        ordered = sorted(rows, key=lambda r: int(r["label"]))
        assert [r["label"] for r in ordered] == [str(i + 1) for i in range(len(rows))]
        assert domain == [r["key"] for r in ordered]
        names = set(reg["name"])
        assert all(r["key"].split("  ", 1)[1] in names for r in rows)
        assert all("…" not in d for d in domain)
        assert "Neighbourhood shops association (example)" in " ".join(domain)
    grid = grid_chart(reg).to_dict()
    # The grid numbers the highest-rated stakeholder first.
    assert (
        grid["layer"][4]["encoding"]["opacity"]["scale"]["domain"][0] == "1  City council (example)"
    )
    # A register too large to label has no key.
    big, _ = big_network(2000, 10)
    assert "opacity" not in grid_chart(big, max_points=400).to_dict()["layer"][4]["encoding"]
