"""Property tests on random registers and networks (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.stakeholders import (
    GRID_QUADRANTS,
    SALIENCE_CLASSES,
    SECTOR_SYNONYMS,
    SECTORS,
    analyse_stakeholders,
    network_measures,
    power_dominance,
    sector_coverage,
    self_selection_candidates,
    stakeholder_analysis_candidates,
    stakeholder_summary,
    validate_register,
    validate_relationships,
)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
rating = st.one_of(st.integers(1, 5), st.sampled_from([1.5, 2.5, 3.5, 4.5]))


@st.composite
def registers(draw, min_size=1, max_size=25):
    n = draw(st.integers(min_size, max_size))
    sectors = draw(st.lists(st.sampled_from(sorted(SECTOR_SYNONYMS)), min_size=n, max_size=n))
    orgs = draw(st.lists(st.sampled_from(["O1", "O2", "O3", "O4"]), min_size=n, max_size=n))
    cols = {r: draw(st.lists(rating, min_size=n, max_size=n))
            for r in ("power", "interest", "legitimacy", "urgency")}  # fmt: skip
    marginal = draw(st.lists(st.sampled_from([None, "yes", "no"]), min_size=n, max_size=n))
    frame = pd.DataFrame(
        {"name": [f"Stakeholder {i}" for i in range(n)], "organization": orgs, "sector": sectors,
         **cols, "marginal": marginal}
    )  # fmt: skip
    return validate_register(frame)


@st.composite
def networks(draw):
    reg = draw(registers(min_size=2, max_size=20))
    n = len(reg)
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            max_size=40,
            unique=True,
        )
    )
    names = reg["name"].to_numpy()
    rel = pd.DataFrame(
        {"source": [names[a] for a, _ in pairs], "target": [names[b] for _, b in pairs],
         "kind": "informs"}
    )  # fmt: skip
    return reg, validate_relationships(rel, reg)


@SETTINGS
@given(registers(), st.sampled_from([1.5, 2, 3, 4, 5]))
def test_every_row_gets_a_known_class_and_input_is_untouched(reg, t):
    before = reg.copy()
    out = analyse_stakeholders(reg, t)
    pd.testing.assert_frame_equal(reg, before)
    assert len(out) == len(reg) and list(out.index) == list(reg.index)
    assert set(out["grid"]) <= set(GRID_QUADRANTS.values())
    assert set(out["salience"]) <= {c for c, _ in SALIENCE_CLASSES.values()}
    # salience attributes agree with the threshold rule
    high = (reg[["power", "legitimacy", "urgency"]] >= t).sum(axis=1)
    assert (out["attributes"] == high).all()
    # marginal: register flag wins, otherwise low power and high interest
    derived = (reg["power"] < t) & (reg["interest"] >= t)
    given_flag = reg["marginal"]
    expected = given_flag.fillna(derived).astype(bool)
    assert (out["marginal"] == expected).all()


@SETTINGS
@given(registers())
def test_coverage_and_dominance_are_consistent(reg):
    cov = sector_coverage(reg)
    assert cov["sector"].tolist() == list(SECTORS)
    assert cov["stakeholders"].sum() == len(reg)
    assert np.isclose(cov["power_share"].sum(), 1.0)
    dom = power_dominance(reg).set_index("level")
    assert np.isclose(
        dom.loc["sector", "share"], cov["power_share"].max()
    )  # largest sector's share
    by_org = reg.groupby("organization")["power"].sum() / reg["power"].sum()
    assert np.isclose(dom.loc["organization", "share"], by_org.max())
    assert dom.loc["organization", "dominates"] == (by_org.max() >= 0.5)
    summary = stakeholder_summary(reg)
    assert summary["missing_sectors"] == [s for s in SECTORS if summary["sectors"][s] == 0]
    assert all(isinstance(g, str) and g for g in summary["gaps"])


@SETTINGS
@given(registers(), st.lists(st.integers(0, 24), max_size=5))
def test_member_models_exclude_members_and_rank_consistently(reg, picks):
    members = sorted({reg["name"].iloc[i % len(reg)] for i in picks})
    out = stakeholder_analysis_candidates(reg, members=members)
    assert not set(out["name"]) & set(members)
    assert out["rank"].tolist() == list(range(1, len(out) + 1))
    assert (np.diff(out["attributes"].to_numpy()) <= 0).all()
    assert out["reason"].str.len().gt(0).all()
    sel = self_selection_candidates(reg)
    assert (sel["interest"] >= 4).all()
    assert len(sel) == int((reg["interest"] >= 4).sum())
    assert (np.diff(sel["interest"].to_numpy()) <= 0).all()


@SETTINGS
@given(networks())
def test_network_measures_invariants(data):
    reg, rel = data
    out = network_measures(reg, rel)
    n = len(reg)
    assert (out["betweenness"] >= -1e-12).all() and (out["betweenness"] <= 1 + 1e-9).all()
    assert (out["isolate"] == (out["degree"] == 0)).all()
    assert (out.loc[out["isolate"], "betweenness"] == 0).all()
    assert (out["degree"] <= n - 1).all()
    assert out["degree"].sum() % 2 == 0
    # Relabelling (reversing the register order) permutes the measures, nothing else.
    rev = network_measures(reg.iloc[::-1], rel).set_index("name")
    fwd = out.set_index("name")
    assert np.allclose(rev.loc[fwd.index, "betweenness"], fwd["betweenness"])
    assert (rev.loc[fwd.index, "degree"] == fwd["degree"]).all()
