"""Tests for toolkit.stakeholders: readers, every analysis, member models, network."""

from __future__ import annotations

import itertools
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.stakeholders import (
    DEFAULT_THRESHOLD,
    MARGINAL_RECOMMENDATIONS,
    SALIENCE_CLASSES,
    SECTOR_SYNONYMS,
    SECTORS,
    analyse_stakeholders,
    betweenness_method,
    coverage_gaps,
    example_register,
    example_relationships,
    expanding_network_candidates,
    marginal_stakeholders,
    network_measures,
    one_way_resource_flows,
    power_dominance,
    power_interest_grid,
    read_register,
    read_relationships,
    resolve_thresholds,
    salience,
    sector_coverage,
    sector_mappings,
    self_selection_candidates,
    stakeholder_analysis_candidates,
    stakeholder_summary,
    validate_register,
    validate_relationships,
)


def make_register(rows: list[tuple]) -> pd.DataFrame:
    """rows: (name, organization, sector, power, interest, legitimacy, urgency)."""
    return validate_register(
        pd.DataFrame(
            rows,
            columns=["name", "organization", "sector", "power", "interest", "legitimacy",
                     "urgency"],
        )
    )  # fmt: skip


def rels(pairs: list[tuple], register: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(pairs, columns=["source", "target", "kind", "strength"][: len(pairs[0])])
    return validate_relationships(frame, register)


# --------------------------------------------------------------------- package data


def test_example_data_is_valid_and_labelled_invented():
    reg = example_register()
    rel = example_relationships()
    assert len(reg) == 12 and len(rel) == 13
    assert reg["name"].str.contains(r"\(example\)").all()
    assert set(reg["sector"]) == set(SECTORS)
    assert "invented" in example_register.__doc__ and "invented" in example_relationships.__doc__
    raw = pd.read_csv(resources.files("toolkit.data").joinpath("example_register.csv").open())
    assert (raw["notes"] == "invented teaching data").all()


def test_example_data_files_read_through_the_public_readers():
    base = resources.files("toolkit.data")
    reg = read_register(base.joinpath("example_register.csv"))
    rel = read_relationships(base.joinpath("example_relationships.csv"), reg)
    pd.testing.assert_frame_equal(reg, example_register())
    assert rel["source"].isin(reg["name"]).all() and rel["target"].isin(reg["name"]).all()


# --------------------------------------------------------------------- register


def test_sector_synonyms_are_mapped_and_recorded():
    reg = make_register(
        [
            ("a", "A", "Public", 1, 1, 1, 1),
            ("b", "B", " government ", 1, 1, 1, 1),
            ("c", "C", "Private", 1, 1, 1, 1),
            ("d", "D", "business", 1, 1, 1, 1),
            ("e", "E", "Non-profit", 1, 1, 1, 1),
            ("f", "F", "voluntary", 1, 1, 1, 1),
            ("g", "G", "Community", 1, 1, 1, 1),
            ("h", "H", "NGO", 1, 1, 1, 1),
            ("i", "I", "Civil Society", 1, 1, 1, 1),
            ("j", "J", "state", 1, 1, 1, 1),
        ]
    )
    assert reg["sector"].tolist() == ["state"] * 2 + ["market"] * 2 + ["civil society"] * 5 + [
        "state"
    ]
    # A canonical name in another case is not a synonym, so it is not recorded as mapped.
    assert reg["sector_mapped_from"].tolist()[:8] == [
        "Public", "government", "Private", "business", "Non-profit", "voluntary", "Community", "NGO"
    ]  # fmt: skip
    assert reg["sector_mapped_from"].iloc[8:].isna().all()
    table = sector_mappings(reg)
    assert list(table.columns) == ["from", "to", "count"]
    assert dict(zip(table["from"], table["to"], strict=True))["NGO"] == "civil society"
    assert table["count"].sum() == 8


def test_every_synonym_maps_to_a_sector():
    assert set(SECTOR_SYNONYMS.values()) == set(SECTORS)
    for word in ["public", "government", "private", "business", "non-profit", "voluntary",
                 "community", "NGO"]:  # fmt: skip
        reg = make_register([("a", "A", word, 1, 1, 1, 1)])
        assert reg["sector"].iloc[0] in SECTORS


def test_validate_register_does_not_mutate_and_keeps_extra_columns():
    raw = pd.DataFrame(
        {"Name": [" a "], "Organisation": ["A"], "Sector": ["NGO"], "Power": ["2"],
         "Interest": ["5"], "Legitimacy": ["3.5"], "Urgency": ["4"], "contact": ["x@y"]}
    )  # fmt: skip
    before = raw.copy()
    out = validate_register(raw)
    pd.testing.assert_frame_equal(raw, before)
    assert out["name"].iloc[0] == "a"
    assert out["legitimacy"].iloc[0] == 3.5
    assert out["contact"].iloc[0] == "x@y"
    assert pd.isna(out["marginal"].iloc[0])


def test_validate_register_is_idempotent():
    reg = example_register()
    again = validate_register(reg)
    pd.testing.assert_frame_equal(reg, again)


GOOD = {"name": "a", "organization": "A", "sector": "state", "power": "3", "interest": "3",
        "legitimacy": "3", "urgency": "3"}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "problem", "column", "value"),
    [
        ({"sector": "church"}, "unknown sector", "sector", "church"),
        ({"power": "6"}, "out of range", "power", "6"),
        ({"interest": "0"}, "out of range", "interest", "0"),
        ({"legitimacy": "high"}, "not a number", "legitimacy", "high"),
        ({"urgency": None}, "rating is missing", "urgency", None),
        ({"name": None}, "name is missing", "name", None),
        ({"organization": "  "}, "organization is missing", "organization", None),
        ({"marginal": "maybe"}, "yes or no", "marginal", "maybe"),
    ],
)
def test_bad_register_values_name_line_column_value(change, problem, column, value):
    rows = [dict(GOOD), {**GOOD, "name": "b", **change}]
    with pytest.raises(InputError) as info:
        validate_register(pd.DataFrame(rows), file="reg.csv")
    err = info.value
    message = str(err)
    assert problem in message
    assert err.file == "reg.csv" and err.line == 3 and err.column == column
    assert "allowed" in message
    if value is not None:
        assert repr(value) in message


def test_duplicate_names_ignoring_case_and_spaces():
    rows = [dict(GOOD), {**GOOD, "name": "b"}, {**GOOD, "name": " A "}]
    with pytest.raises(InputError, match="duplicate name") as info:
        validate_register(pd.DataFrame(rows), file="reg.csv")
    assert info.value.line == 4
    assert "line 2" in str(info.value)


def test_missing_column_and_empty_register():
    with pytest.raises(InputError, match="required column") as info:
        validate_register(pd.DataFrame([{k: v for k, v in GOOD.items() if k != "urgency"}]))
    assert info.value.column == "urgency"
    with pytest.raises(InputError, match="no stakeholders"):
        validate_register(pd.DataFrame(columns=list(GOOD)))


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        read_register(tmp_path / "nope.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_register(empty)
    header_only = tmp_path / "header.csv"
    header_only.write_text(",".join(GOOD) + "\n")
    with pytest.raises(InputError, match="no stakeholders") as info:
        read_register(header_only)
    assert info.value.file == str(header_only)


def test_marginal_column_accepts_yes_no_and_blank():
    rows = [{**GOOD, "name": n, "marginal": m} for n, m in zip("abcd", ["yes", "No", None, "TRUE"],
                                                              strict=True)]  # fmt: skip
    out = validate_register(pd.DataFrame(rows))
    assert out["marginal"].tolist()[:2] == [True, False]
    assert pd.isna(out["marginal"].iloc[2]) and out["marginal"].iloc[3]


# --------------------------------------------------------------------- relationships


def test_relationships_match_names_ignoring_case():
    reg = example_register()
    out = rels([("CITY COUNCIL (example)", "food bank (example)", "funds", "3")], reg)
    assert out["source"].iloc[0] == "City council (example)"
    assert out["target"].iloc[0] == "Food bank (example)"
    assert out["strength"].iloc[0] == 3.0


def test_relationships_header_only_means_no_ties():
    reg = example_register()
    out = validate_relationships(pd.DataFrame(columns=["source", "target"]), reg)
    assert len(out) == 0
    net = network_measures(reg, out)
    assert net["isolate"].all() and (net["betweenness"] == 0).all()


@pytest.mark.parametrize(
    ("row", "problem", "column"),
    [
        ({"source": "Nobody", "target": "Food bank (example)"}, "not in the register", "source"),
        ({"source": "Food bank (example)", "target": "Nobody"}, "not in the register", "target"),
        ({"source": "Food bank (example)", "target": "food bank (example)"}, "themselves",
         "target"),
        ({"source": "Food bank (example)", "target": None}, "target is missing", "target"),
        ({"source": "Food bank (example)", "target": "City council (example)", "strength": "9"},
         "out of range", "strength"),
        ({"source": "Food bank (example)", "target": "City council (example)", "strength": "x"},
         "not a number", "strength"),
    ],
)  # fmt: skip
def test_bad_relationships(row, problem, column):
    good = {"source": "City council (example)", "target": "Food bank (example)"}
    frame = pd.DataFrame([good, row])
    with pytest.raises(InputError, match=problem) as info:
        validate_relationships(frame, example_register(), file="rel.csv")
    assert info.value.line == 3 and info.value.column == column and info.value.file == "rel.csv"


def test_duplicate_relationship_and_missing_columns():
    reg = example_register()
    pair = {"source": "City council (example)", "target": "Food bank (example)", "kind": "funds"}
    with pytest.raises(InputError, match="listed twice") as info:
        validate_relationships(pd.DataFrame([pair, {**pair, "kind": "Funds"}]), reg)
    assert info.value.line == 3
    # Different kinds between the same pair are allowed.
    ok = validate_relationships(pd.DataFrame([pair, {**pair, "kind": "informs"}]), reg)
    assert len(ok) == 2
    with pytest.raises(InputError, match="required column"):
        validate_relationships(pd.DataFrame([{"source": "x"}]), reg)


# --------------------------------------------------------------------- thresholds


def test_thresholds_default_and_bounds():
    assert DEFAULT_THRESHOLD == 4
    assert resolve_thresholds(3.5)["urgency"] == 3.5
    assert resolve_thresholds(5)["power"] == 5
    for bad in (1, 0.5, 5.5, "x"):
        with pytest.raises(InputError):
            resolve_thresholds(bad)
    with pytest.raises(InputError, match="unknown rating"):
        resolve_thresholds({"influence": 3})


@pytest.mark.parametrize("t", [1.5, 2, 3, 4, 4.5, 5])
def test_one_is_always_low_and_five_always_high(t):
    reg = pd.DataFrame({"power": [1, 5], "interest": [1, 5], "legitimacy": [1, 5],
                        "urgency": [1, 5]})  # fmt: skip
    assert power_interest_grid(reg, t)["grid"].tolist() == ["monitor", "manage closely"]
    assert salience(reg, t)["salience"].tolist() == ["non-stakeholder", "definitive"]


# --------------------------------------------------------------------- grid


def test_grid_quadrants_at_the_threshold():
    reg = pd.DataFrame({"power": [4, 4, 3.99, 3, 5, 1], "interest": [4, 3.99, 4, 3, 1, 5]})
    assert power_interest_grid(reg)["grid"].tolist() == [
        "manage closely", "keep satisfied", "keep informed", "monitor", "keep satisfied",
        "keep informed",
    ]  # fmt: skip
    assert power_interest_grid(reg, 3)["grid"].tolist()[:4] == ["manage closely"] * 4
    per = power_interest_grid(reg, {"power": 5})["grid"].tolist()
    assert per[:2] == ["keep informed", "monitor"]


def test_grid_keeps_index_and_does_not_mutate():
    reg = pd.DataFrame({"power": [5, 1], "interest": [5, 1]}, index=[10, 20])
    before = reg.copy()
    out = power_interest_grid(reg)
    assert list(out.index) == [10, 20]
    pd.testing.assert_frame_equal(reg, before)


# --------------------------------------------------------------------- salience


def test_full_salience_table():
    combos = list(itertools.product([False, True], repeat=3))
    reg = pd.DataFrame(
        [(5 if p else 1, 5 if lg else 1, 5 if u else 1) for p, lg, u in combos],
        columns=["power", "legitimacy", "urgency"],
    )
    out = salience(reg)
    expected = {
        (False, False, False): ("non-stakeholder", "none", 0),
        (True, False, False): ("dormant", "latent", 1),
        (False, True, False): ("discretionary", "latent", 1),
        (False, False, True): ("demanding", "latent", 1),
        (True, True, False): ("dominant", "expectant", 2),
        (True, False, True): ("dangerous", "expectant", 2),
        (False, True, True): ("dependent", "expectant", 2),
        (True, True, True): ("definitive", "definitive", 3),
    }
    for i, combo in enumerate(combos):
        row = out.iloc[i]
        assert (row["salience"], row["salience_group"], row["attributes"]) == expected[combo]
    assert {v[0] for v in SALIENCE_CLASSES.values()} == {v[0] for v in expected.values()}


def test_salience_threshold_boundary():
    reg = pd.DataFrame({"power": [4, 3.9], "legitimacy": [1, 1], "urgency": [1, 1]})
    assert salience(reg)["salience"].tolist() == ["dormant", "non-stakeholder"]


# --------------------------------------------------------------------- marginal


def test_marginal_derived_and_overridden():
    reg = make_register(
        [
            ("low-high", "A", "state", 1, 5, 3, 3),
            ("high-high", "B", "state", 5, 5, 3, 3),
            ("low-low", "C", "state", 1, 1, 3, 3),
        ]
    ).assign(marginal=pd.array([None, True, None], dtype="boolean"))
    out = marginal_stakeholders(reg)
    assert out["marginal"].tolist() == [True, True, False]
    assert out["marginal_source"].tolist() == ["ratings", "register", "ratings"]
    assert out["recommendation"].iloc[0] == "; ".join(MARGINAL_RECOMMENDATIONS)
    assert out["recommendation"].iloc[2] == ""
    reg2 = reg.assign(marginal=pd.array([False, None, None], dtype="boolean"))
    assert marginal_stakeholders(reg2)["marginal"].tolist() == [False, False, False]


def test_recommendations_cover_the_sources_points():
    text = " ".join(MARGINAL_RECOMMENDATIONS)
    for word in ("decisions", "coaching", "external support", "resources", "shared"):
        assert word in text


def test_analyse_stakeholders_adds_columns_without_mutating():
    reg = example_register()
    before = reg.copy()
    out = analyse_stakeholders(reg)
    pd.testing.assert_frame_equal(reg, before)
    for column in ("grid", "salience", "salience_group", "marginal", "marginal_source"):
        assert column in out.columns
    assert out["marginal"].dtype == bool
    row = out.set_index("name").loc["Faith network (example)"]
    assert row["grid"] == "keep informed" and not row["marginal"]  # register says no
    row = out.set_index("name").loc["Disability advocacy group (example)"]
    assert row["grid"] == "monitor" and row["marginal"]  # register says yes


# --------------------------------------------------------------------- coverage


def test_coverage_missing_thin_and_order():
    reg = make_register(
        [("a", "A", "state", 5, 1, 1, 1), ("b", "B", "state", 4, 1, 1, 1),
         ("c", "C", "NGO", 1, 1, 1, 1)]
    )  # fmt: skip
    cov = sector_coverage(reg)
    assert cov["sector"].tolist() == list(SECTORS)
    assert cov["status"].tolist() == ["ok", "missing", "thin"]
    assert cov["power_share"].tolist() == pytest.approx([0.9, 0.0, 0.1])
    assert sector_coverage(reg, min_members=1)["status"].tolist() == ["ok", "missing", "ok"]
    gaps = coverage_gaps(reg)["gap"].tolist()
    assert "no market-sector member" in gaps
    assert "the civil society sector is thin: 1 member" in gaps


def test_thin_by_share():
    rows = [(f"s{i}", f"O{i}", "state", 3, 3, 3, 3) for i in range(19)]
    rows += [("m1", "M", "business", 3, 3, 3, 3), ("c1", "C", "NGO", 3, 3, 3, 3),
             ("c2", "C2", "NGO", 3, 3, 3, 3)]  # fmt: skip
    cov = sector_coverage(make_register(rows), min_members=1)
    assert cov.set_index("sector")["status"].to_dict() == {
        "state": "ok", "market": "thin", "civil society": "thin"
    }  # fmt: skip


def test_dominance_by_organisation_and_sector():
    reg = make_register(
        [("a", "Org", "state", 5, 1, 1, 1), ("b", "Org", "market", 5, 1, 1, 1),
         ("c", "Other", "NGO", 5, 1, 1, 1), ("d", "Third", "NGO", 5, 1, 1, 1)]
    )  # fmt: skip
    dom = power_dominance(reg).set_index("level")
    assert dom.loc["organization", "largest"] == "Org"
    assert dom.loc["organization", "share"] == pytest.approx(0.5)
    assert dom.loc["organization", "dominates"]  # at the threshold counts
    assert dom.loc["sector", "largest"] == "civil society"
    assert dom.loc["sector", "dominates"]
    lenient = power_dominance(reg, threshold=0.6).set_index("level")
    assert not lenient["dominates"].any()
    with pytest.raises(InputError):
        power_dominance(reg, threshold=0)
    gaps = coverage_gaps(reg)
    assert (gaps["kind"] == "dominance").sum() == 2
    assert any("Org" in g and "50%" in g for g in gaps["gap"])


def test_no_dominance_gap_when_balanced():
    reg = make_register(
        [("a", "A", "state", 3, 1, 1, 1), ("b", "B", "market", 3, 1, 1, 1),
         ("c", "C", "NGO", 3, 1, 1, 1), ("d", "D", "NGO", 1, 1, 1, 1)]
    )  # fmt: skip
    assert not power_dominance(reg)["dominates"].any()
    assert "dominance" not in set(coverage_gaps(reg, min_members=1)["kind"])


def test_summary_shape_and_missing_sectors_order():
    reg = make_register([("a", "A", "NGO", 3, 5, 1, 1)])
    s = stakeholder_summary(reg)
    assert s["missing_sectors"] == ["state", "market"]
    assert list(s["sectors"]) == list(SECTORS)
    assert s["sectors"] == {"state": 0, "market": 0, "civil society": 1}
    assert "no state-sector member" in s["gaps"] and "no market-sector member" in s["gaps"]
    assert s["marginal"] == ["a"]
    assert "network" not in s
    assert s["sector_mappings"] == [{"from": "NGO", "to": "civil society", "count": 1}]


# --------------------------------------------------------------------- network

# A hand-built network: a - b - c - d, b - e, f isolated; sectors vary.
NET_ROWS = [
    ("a", "A", "state", 5, 5, 5, 5),
    ("b", "B", "market", 4, 2, 4, 1),
    ("c", "C", "NGO", 2, 5, 4, 4),
    ("d", "D", "NGO", 1, 4, 2, 2),
    ("e", "E", "market", 3, 4, 1, 5),
    ("f", "F", "state", 1, 1, 1, 1),
]
NET_PAIRS = [
    ("a", "b", "partners with", 5),
    ("b", "c", "funds", 2),
    ("c", "d", "informs", 4),
    ("e", "b", "informs", 1),
]


@pytest.fixture
def net():
    reg = make_register(NET_ROWS)
    return reg, rels(NET_PAIRS, reg)


def test_degree_betweenness_spanners_isolates(net):
    reg, rel = net
    out = network_measures(reg, rel).set_index("name")
    assert out["degree"].to_dict() == {"a": 1, "b": 3, "c": 2, "d": 1, "e": 1, "f": 0}
    # n = 6: normalised by (n-1)(n-2)/2 = 10 unordered pairs of others.
    # b lies on a-c, a-d, e-c, e-d, a-e: 5 of 10; c lies on a-d, b-d, e-d: 3 of 10.
    assert out["betweenness"].to_dict() == pytest.approx(
        {"a": 0.0, "b": 0.5, "c": 0.3, "d": 0.0, "e": 0.0, "f": 0.0}
    )
    assert out["isolate"].to_dict() == {k: k == "f" for k in "abcdef"}
    # b (market) is tied to state, civil society: 2 other sectors; c-d both civil society.
    assert out.loc["b", "other_sectors"] == 2
    assert out.loc["d", "other_sectors"] == 0 and not out.loc["d", "boundary_spanner"]
    assert out.loc["c", "boundary_spanner"]
    strict = network_measures(reg, rel, min_other_sectors=2).set_index("name")
    assert strict["boundary_spanner"].sum() == 1


def test_betweenness_star_and_path():
    reg = make_register([(x, x, "state", 3, 3, 3, 3) for x in "hxyz"])
    star = network_measures(reg, rels([("h", "x"), ("h", "y"), ("h", "z")], reg))
    assert star["betweenness"].tolist() == pytest.approx([1.0, 0, 0, 0])
    path = network_measures(reg, rels([("x", "h"), ("h", "y"), ("y", "z")], reg))
    # order h, x, y, z: path x - h - y - z; h on x-y, x-z; y on h-z, x-z
    assert path["betweenness"].tolist() == pytest.approx([2 / 3, 0, 2 / 3, 0])


def test_betweenness_counts_parallel_shortest_paths():
    # Square a-b-d, a-c-d: b and c each carry half of the a-d paths.
    reg = make_register([(x, x, "state", 3, 3, 3, 3) for x in "abcd"])
    out = network_measures(reg, rels([("a", "b"), ("b", "d"), ("a", "c"), ("c", "d")], reg))
    assert out["betweenness"].tolist() == pytest.approx([1 / 6, 1 / 6, 1 / 6, 1 / 6])


def brute_force_betweenness(n, edges):
    """Reference: count shortest paths by BFS from every node (small graphs only)."""
    adj = {i: set() for i in range(n)}
    for u, v in edges:
        adj[u].add(v)
        adj[v].add(u)

    def bfs(s):
        dist, sigma, frontier = {s: 0}, {s: 1}, [s]
        while frontier:
            nxt = []
            for v in frontier:
                for w in adj[v]:
                    if w not in dist:
                        dist[w] = dist[v] + 1
                        sigma[w] = 0
                        nxt.append(w)
                    if dist[w] == dist[v] + 1:
                        sigma[w] += sigma[v]
            frontier = nxt
        return dist, sigma

    info = [bfs(s) for s in range(n)]
    bc = np.zeros(n)
    for s, t in itertools.combinations(range(n), 2):
        ds, ss = info[s]
        if t not in ds:
            continue
        dt, st = info[t]
        for v in range(n):
            if v in (s, t) or v not in ds or v not in dt:
                continue
            if ds[v] + dt[v] == ds[t]:
                bc[v] += ss[v] * st[v] / ss[t]
    return bc / ((n - 1) * (n - 2) / 2)


def test_betweenness_matches_brute_force_on_random_graphs():
    rng = np.random.default_rng(7)
    for n in (5, 9, 14):
        reg = make_register([(f"n{i}", "O", "state", 3, 3, 3, 3) for i in range(n)])
        pairs = {tuple(sorted(rng.choice(n, 2, replace=False))) for _ in range(2 * n)}
        edges = sorted(pairs)
        rel = rels([(f"n{u}", f"n{v}") for u, v in edges], reg)
        got = network_measures(reg, rel)["betweenness"].to_numpy()
        assert got == pytest.approx(brute_force_betweenness(n, edges))


def test_sampled_betweenness_is_deterministic_and_close():
    rng = np.random.default_rng(3)
    n = 300
    reg = make_register([(f"n{i}", "O", "state", 3, 3, 3, 3) for i in range(n)])
    pairs = {tuple(sorted(rng.choice(n, 2, replace=False))) for _ in range(900)}
    rel = rels([(f"n{u}", f"n{v}") for u, v in sorted(pairs)], reg)
    exact = network_measures(reg, rel)["betweenness"].to_numpy()
    s1 = network_measures(reg, rel, exact_limit=100, samples=150)["betweenness"].to_numpy()
    s2 = network_measures(reg, rel, exact_limit=100, samples=150)["betweenness"].to_numpy()
    assert np.array_equal(s1, s2)
    assert not np.array_equal(s1, exact)  # it really was sampled
    top = np.argsort(-exact)[:10]
    assert np.corrcoef(exact, s1)[0, 1] > 0.9
    assert len(set(top) & set(np.argsort(-s1)[:20])) >= 7
    assert betweenness_method(300, exact_limit=100, samples=150).startswith("estimated")
    assert betweenness_method(300) == "exact (Brandes)"


def test_network_does_not_mutate_and_keeps_index(net):
    reg, rel = net
    reg = reg.set_axis(range(100, 106))
    r0, l0 = reg.copy(), rel.copy()
    out = network_measures(reg, rel)
    pd.testing.assert_frame_equal(reg, r0)
    pd.testing.assert_frame_equal(rel, l0)
    assert list(out.index) == list(range(100, 106))


def test_one_way_resource_flows(net):
    reg, rel = net
    flows = one_way_resource_flows(rel)
    assert flows[["source", "target"]].values.tolist() == [["b", "c"]]
    back = pd.concat([rel, rels([("c", "b", "funds", 1)], reg)], ignore_index=True)
    assert len(one_way_resource_flows(back)) == 0
    gaps = coverage_gaps(reg, rel)
    assert "isolates" in set(gaps["kind"]) and "resource flows" in set(gaps["kind"])


def test_summary_network_block(net):
    reg, rel = net
    s = stakeholder_summary(reg, rel)
    assert s["network"]["isolates"] == ["f"]
    assert s["network"]["most_central"][0] == "b"
    assert s["network"]["betweenness"] == "exact (Brandes)"
    assert s["network"]["one_way_resource_flows"] == 1


# --------------------------------------------------------------------- member models


def test_expanding_network_rounds_and_introducers(net):
    reg, rel = net
    out = expanding_network_candidates(reg, rel, ["A"])  # case-insensitive founder
    assert out["name"].tolist() == ["b", "c", "e", "d"]
    assert out["round"].tolist() == [1, 2, 2, 3]
    assert out["introduced_by"].tolist() == ["a", "b", "b", "c"]
    assert out["via"].tolist()[:2] == ["a partners with b", "b funds c"]
    assert out["reason"].iloc[0] == "introduced by a in round 1 (a partners with b)"
    assert "f" not in set(out["name"])  # isolated: never reached
    limited = expanding_network_candidates(reg, rel, ["a"], max_rounds=1)
    assert limited["name"].tolist() == ["b"]


def test_expanding_network_prefers_strongest_introducer():
    reg = make_register([(x, x, "state", 3, 3, 3, 3) for x in "abcx"])
    rel = rels([("a", "x", "informs", 1), ("b", "x", "partners with", 5), ("c", "a", None, None)],
               reg)  # fmt: skip
    out = expanding_network_candidates(reg, rel, ["a", "b"])
    row = out.set_index("name").loc["x"]
    assert row["introduced_by"] == "b" and row["round"] == 1
    assert out.set_index("name").loc["c", "via"] == "c is tied to a"


def test_expanding_network_bad_founder(net):
    reg, rel = net
    with pytest.raises(InputError, match="founder is not in the register"):
        expanding_network_candidates(reg, rel, ["zzz"])
    with pytest.raises(InputError, match="no founding members"):
        expanding_network_candidates(reg, rel, [])


def test_stakeholder_analysis_ranks_by_salience_then_gap(net):
    reg, _ = net
    out = stakeholder_analysis_candidates(reg, members=["a", "b"])
    # members cover state and market; civil society is missing.
    assert "a" not in set(out["name"]) and "b" not in set(out["name"])
    # c: legitimacy+urgency (dependent, 2 attributes, fills missing civil society)
    # e: urgency only (demanding, 1 attribute, market: thin with 1 member)
    # d: no attribute but fills the missing civil-society sector
    # f: no attribute, state is thin (1 member) -> not a candidate
    assert out["name"].tolist() == ["c", "e", "d"]
    assert out["rank"].tolist() == [1, 2, 3]
    assert out["fills"].tolist() == ["missing sector", "thin sector", "missing sector"]
    assert out["salience"].tolist() == ["dependent", "demanding", "non-stakeholder"]
    assert "adds the civil society sector" in out["reason"].iloc[0]
    assert out["reason"].iloc[2].startswith("no high power")


def test_stakeholder_analysis_without_members(net):
    reg, _ = net
    out = stakeholder_analysis_candidates(reg)
    assert out["name"].iloc[0] == "a"  # definitive
    assert (out["fills"] == "missing sector").all()
    assert len(out) == len(reg)


def test_self_selection(net):
    reg, _ = net
    out = self_selection_candidates(reg)
    assert out["name"].tolist() == ["a", "c", "d", "e"]
    assert out["reason"].iloc[0] == "interest 5 is at or above the open-call threshold 4"
    assert self_selection_candidates(reg, 5)["name"].tolist() == ["a", "c"]
    with pytest.raises(InputError):
        self_selection_candidates(reg, 7)
