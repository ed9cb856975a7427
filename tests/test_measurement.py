"""Reliability, agreement, intervals and clear change, against values computed by hand.

Each expected value below is worked out from the formulas in the issue (and in
``toolkit.classification.measurement``'s docstring), in the comment beside it.
"""

from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.classification import Boundaries, classify, example_responses
from toolkit.classification.measurement import (
    agreement,
    agreement_sentence,
    between_modes,
    cronbach_alpha,
    difference_intervals,
    group_intervals,
    how_to_read,
    position_words,
    travel_sentence,
)
from toolkit.classification.measurement.tables import (
    _agreement_text,
    _position_text,
    _travel_text,
)

NAN = float("nan")

# --------------------------------------------------------------------------- Cronbach's alpha


def test_alpha_by_hand():
    answers = np.array([[1, 2, 2], [2, 2, 3], [4, 5, 4], [5, 4, 5]], dtype=float)
    # item variances 10/3, 2.25, 5/3 (sum 7.25); totals 5, 7, 13, 14 -> variance 58.75/3
    expected = 3 / 2 * (1 - 7.25 / (58.75 / 3))
    result = cronbach_alpha(answers, ["A", "B", "C"])
    assert result["alpha"] == pytest.approx(round(expected, 4))
    assert (result["respondents"], result["items"], result["weak_items"]) == (4, 3, [])
    # A against the rest (B + C = 4, 5, 9, 9): covariance sum 14, sums of squares 10 and 20.75
    assert result["item_rest"]["A"] == pytest.approx(round(14 / math.sqrt(10 * 20.75), 4))
    assert result["note"] is None and result["unanswered_items"] == []


def test_alpha_flags_a_reversed_item():
    frame = pd.DataFrame({"A": [1, 2, 3, 4, 5], "B": [1, 2, 3, 4, 5], "C": [5, 4, 3, 2, 1]})
    result = cronbach_alpha(frame)
    # item variances 2.5 each; totals 7..11 -> variance 2.5; alpha = 1.5 (1 - 7.5 / 2.5) = -3
    assert result["alpha"] == pytest.approx(-3.0)
    assert result["item_rest"]["C"] == pytest.approx(-1.0)  # C against A + B
    assert result["item_rest"]["A"] is None  # the rest (B + C) is 6 for everyone
    assert result["weak_items"] == ["C"]


def test_alpha_uses_only_respondents_who_answered_every_item():
    answers = np.array([[1, 2, 2], [2, 2, 3], [4, 5, 4], [5, 4, 5], [3, NAN, 1]])
    full = cronbach_alpha(answers[:4])
    result = cronbach_alpha(answers)
    assert result["respondents"] == 4
    assert result["alpha"] == full["alpha"]


def test_alpha_leaves_out_items_nobody_answered():
    answers = np.array([[1, 2, NAN], [2, 3, NAN], [4, 4, NAN], [5, 4, NAN]])
    result = cronbach_alpha(answers, ["A", "B", "C"])
    # A: 1, 2, 4, 5 (variance 10/3); B: 2, 3, 4, 4 (variance 11/12); totals 3, 5, 8, 9
    # (variance 22.75/3); alpha = 2 (1 - (10/3 + 11/12) / (22.75/3))
    assert result["alpha"] == pytest.approx(round(2 * (1 - (10 / 3 + 11 / 12) / (22.75 / 3)), 4))
    assert result["items"] == 2 and result["unanswered_items"] == ["C"]
    assert list(result["item_rest"]) == ["A", "B"]


@pytest.mark.parametrize(
    ("answers", "note"),
    [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), "fewer than 3 respondents answered every item (2)"),
        (np.array([[1.0, NAN], [3.0, 4.0], [2.0, NAN], [5.0, 5.0]]), "fewer than 3 respondents"),
        (np.array([[1.0], [3.0], [4.0]]), "fewer than 2 items answered (1)"),
        (np.array([[1.0, NAN], [3.0, NAN], [4.0, NAN]]), "fewer than 2 items answered (1)"),
        (np.array([[3.0, 3.0], [3.0, 3.0], [3.0, 3.0]]), "every respondent has the same total"),
        (np.zeros((0, 3)), "fewer than 2 items answered (0)"),
    ],
)
def test_alpha_not_computed_and_said(answers, note):
    result = cronbach_alpha(answers)
    assert result["alpha"] is None
    assert result["note"].startswith("not computed") and note in result["note"]


def test_alpha_zero_variance_of_the_total_with_varying_items():
    # A and B move in opposite directions: every total is 4.
    result = cronbach_alpha(np.array([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]]), ["A", "B"])
    assert result["alpha"] is None and "same total" in result["note"]
    assert result["item_rest"] == {"A": -1.0, "B": -1.0}
    assert result["weak_items"] == ["A", "B"]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=3, max_value=12).flatmap(
        lambda n: st.integers(min_value=2, max_value=6).flatmap(
            lambda k: st.lists(
                st.lists(st.integers(min_value=1, max_value=5), min_size=k, max_size=k),
                min_size=n,
                max_size=n,
            )
        )
    )
)
def test_alpha_is_at_most_one(rows):
    result = cronbach_alpha(np.array(rows, dtype=float))
    if result["alpha"] is not None:
        assert result["alpha"] <= 1
    for value in result["item_rest"].values():
        assert value is None or -1 <= value <= 1


# --------------------------------------------------------------------------- agreement


@pytest.mark.parametrize("whole", [False, True])
def test_agreement_by_hand(whole):
    answers = np.array(
        [
            [1, 2],  # group 0: item variances 2 and 0 -> s2 = 1
            [3, 2],  #   r = 2 (1 - 1/2) / (2 (1 - 1/2) + 1/2) = 2/3
            [1, 5],  # group 1: variances 8 and 8 -> s2 >= 2 -> 0
            [5, 1],
            [4, 4],  # group 2: unanimous -> 1
            [4, 4],
            [4, 4],
            [2, 3],  # group 3: one respondent -> none
            [2, NAN],  # group 4: only item 1 answered twice: J = 1, s2 = 0.5
            [3, NAN],  #   r = 1 (1 - 0.25) / (0.75 + 0.25) = 0.75
            [1, NAN],  # group 5: no item answered by two respondents -> none
            [NAN, 2],
            [1, 1],  # group 6: s2 exactly 2 -> 0
            [3, 3],
        ],
        dtype=float,
    )
    groups = np.array([0, 0, 1, 1, 2, 2, 2, 3, 4, 4, 5, 5, 6, 6])
    result = agreement(answers, groups, 8, whole=whole)
    expected = [2 / 3, 0.0, 1.0, NAN, 0.75, NAN, 0.0, NAN]  # group 7 has nobody
    np.testing.assert_allclose(result, expected, equal_nan=True)


def test_agreement_for_seven_options():
    # Null variance (49 - 1) / 12 = 4; one item, variance 2: r = (1 - 0.5) / (0.5 + 0.5)
    result = agreement(np.array([[3.0], [5.0]]), np.array([0, 0]), 1, options=7)
    assert result.tolist() == [0.5]


answer_tables = st.integers(min_value=1, max_value=15).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.lists(
                st.one_of(st.integers(min_value=1, max_value=5), st.none()),
                min_size=3,
                max_size=3,
            ),
            min_size=n,
            max_size=n,
        ),
        st.lists(st.integers(min_value=0, max_value=3), min_size=n, max_size=n),
    )
)


@settings(max_examples=80, deadline=None)
@given(answer_tables)
def test_agreement_is_between_zero_and_one(table):
    rows, groups = table
    answers = np.array([[NAN if v is None else v for v in row] for row in rows], dtype=float)
    g = np.array(groups)
    slow = agreement(answers, g, 4)
    fast = agreement(answers, g, 4, whole=True)
    np.testing.assert_allclose(slow, fast, equal_nan=True)
    known = slow[~np.isnan(slow)]
    assert ((known >= 0) & (known <= 1)).all()
    people = np.bincount(g, minlength=4)
    assert np.isnan(slow[people < 2]).all()


# --------------------------------------------------------------------------- intervals


def test_interval_of_a_unanimous_group_has_zero_width_and_one_respondent_has_none():
    low, high = group_intervals(
        np.array([0, 0, 0, 0, 1, 2] + [3] * 40),
        np.array([0.3] * 4 + [0.9, 0.1] + [0.55] * 40),
        ["unanimous", "alone", "alone too", "unanimous and large"],
    )
    assert low[0] == high[0] == 0.3
    assert low[3] == high[3] == 0.55
    assert np.isnan(low[1]) and np.isnan(high[1]) and np.isnan(low[2])


def test_bootstrap_interval_of_two_respondents():
    # Resampled means 0.25, 0.5, 0.75 with chances 1/4, 1/2, 1/4: the 2.5th and 97.5th
    # percentiles are the extremes.
    low, high = group_intervals(np.array([0, 0]), np.array([0.25, 0.75]), ["P"])
    assert (low[0], high[0]) == (0.25, 0.75)


def test_t_interval_from_thirty_respondents():
    values = np.array([0.25] * 12 + [0.5] * 10 + [0.75] * 8)
    low, high = group_intervals(np.zeros(30, dtype=int), values, ["P"])
    # t(0.975, 29) = 2.045230 (tables)
    half = 2.045230 * statistics.stdev(values) / math.sqrt(30)
    assert low[0] == pytest.approx(values.mean() - half, abs=1e-6)
    assert high[0] == pytest.approx(values.mean() + half, abs=1e-6)


def test_bootstrap_agrees_with_the_t_interval_near_thirty():
    rng = np.random.default_rng(1)
    values = rng.integers(0, 17, 29) / 16
    boot = group_intervals(np.zeros(29, dtype=int), values, ["P"])
    t = group_intervals(np.zeros(29, dtype=int), values, ["P"], t_from=2)
    assert boot[0][0] == pytest.approx(t[0][0], abs=0.02)
    assert boot[1][0] == pytest.approx(t[1][0], abs=0.02)


def test_intervals_are_deterministic_and_do_not_depend_on_order_or_other_groups():
    rng = np.random.default_rng(5)
    values = rng.random(12)
    groups = np.repeat([0, 1], 6)
    first = group_intervals(groups, values, ["A", "B"], seed=3)
    again = group_intervals(groups, values, ["A", "B"], seed=3)
    order = rng.permutation(12)
    shuffled = group_intervals(groups[order], values[order], ["A", "B"], seed=3)
    alone = group_intervals(np.zeros(6, dtype=int), values[:6], ["A"], seed=3)
    other_seed = group_intervals(groups, values, ["A", "B"], seed=4)
    for pair in (again, shuffled):
        np.testing.assert_array_equal(pair[0], first[0])
        np.testing.assert_array_equal(pair[1], first[1])
    assert (alone[0][0], alone[1][0]) == (first[0][0], first[1][0])
    assert not np.array_equal(other_seed[0], first[0])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=8)),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=0, max_value=2**32),
)
def test_interval_holds_the_score(rows, seed):
    groups = np.array([g for g, _ in rows])
    values = np.array([v / 8 for _, v in rows])
    low, high = group_intervals(groups, values, ["a", "b", "c", "d"], seed=seed, resamples=2000)
    n = np.bincount(groups, minlength=4)
    for g in range(4):
        if n[g] < 2:
            assert np.isnan(low[g]) and np.isnan(high[g])
            continue
        mean = values[groups == g].mean()
        assert 0 <= low[g] <= mean + 1e-12 and mean - 1e-12 <= high[g] <= 1


# --------------------------------------------------------------------------- clear change


def test_clear_change_by_hand():
    groups = np.array([0, 0, 1, 1, 2, 2, 3, 4, 4])
    values = np.array([0.2, 0.2, 0.6, 0.6, 0.2, 0.6, 0.5, 0.2, 0.2])
    names = ["same low", "same high", "spread", "alone", "low again"]
    low, high, clear = difference_intervals(
        groups, values, names, np.array([[0, 1], [0, 4], [0, 2], [2, 0], [0, 3]])
    )
    # unanimous 0.2 -> unanimous 0.6: the difference is 0.4 with no noise at all
    assert (low[0], high[0], clear[0]) == (pytest.approx(0.4), pytest.approx(0.4), 1.0)
    # unanimous 0.2 twice: difference exactly 0, not a clear change
    assert (low[1], high[1], clear[1]) == (0.0, 0.0, 0.0)
    # 0.2 -> {0.2, 0.6}: differences 0, 0.2, 0.4 (chances 1/4, 1/2, 1/4): 0 is inside
    assert (low[2], high[2], clear[2]) == (0.0, pytest.approx(0.4), 0.0)
    assert (low[3], high[3]) == (pytest.approx(-0.4), 0.0)
    # a round with a single respondent: not computable
    assert np.isnan(clear[4]) and np.isnan(low[4])


def test_clear_change_for_large_rounds_is_welch():
    a = np.array([0.25] * 15 + [0.5] * 15)
    b = np.array([0.5] * 15 + [0.75] * 15)
    low, high, clear = difference_intervals(
        np.repeat([0, 1], 30), np.concatenate([a, b]), ["before", "after"], np.array([[0, 1]])
    )
    # Equal sizes and variances: Welch's degrees of freedom are 2 (30 - 1) = 58, and
    # t(0.975, 58) = 2.001717 (tables).
    se = math.sqrt(statistics.variance(a) / 30 + statistics.variance(b) / 30)
    assert low[0] == pytest.approx(0.25 - 2.001717 * se, abs=1e-5)
    assert high[0] == pytest.approx(0.25 + 2.001717 * se, abs=1e-5)
    assert clear[0] == 1.0


# --------------------------------------------------------------------------- between modes, words


def test_between_modes():
    b = Boundaries()
    touched = between_modes(
        (np.array([0.4, 0.2, 0.2, 0.45, 0.2, NAN]), np.array([0.6, 0.3, 0.3, 0.55, 0.3, NAN])),
        (np.array([0.6, 0.1, 0.6, 0.3, 0.3, NAN]), np.array([0.7, 0.2, 0.625, 0.7, 0.4, NAN])),
        b,
    )
    assert touched.tolist() == [
        "constraining|creating",
        "complying",
        "constraining",  # trust up to exactly 0.625 is not above it: not creating
        "complying|constraining|creating",
        "complying|constraining",
        "",
    ]
    words = [position_words("constraining", t) for t in touched[:5]]
    assert words[0] == "between constraining and creating"
    assert words[3] == "between complying, constraining and creating"
    vectorised = _position_text(
        np.array(["constraining"] * 6, dtype=object), touched, np.array(["x"] * 6, dtype=object)
    )
    assert vectorised[:5].tolist() == words and vectorised[5] == "x"


def test_vectorised_words_match_the_sentence_functions():
    values = [NAN, 0.0, 0.3, 0.7, 0.95]
    pairs = [(a, b) for a in values for b in values]
    vectorised = _agreement_text(np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs]))
    assert vectorised.tolist() == [
        agreement_sentence(None if math.isnan(a) else a, None if math.isnan(b) else b)
        for a, b in pairs
    ]
    rows = []
    for dv in (NAN, -0.2, -0.01, 0.0, 0.03, 0.2):
        for cv in (NAN, 0.0, 1.0):
            for ct in (NAN, 0.0, 1.0):
                rows.append((dv, 0.1, cv, ct, "creating", "constraining"))
                rows.append((dv, -0.01, cv, ct, "creating", "creating"))
    travel = pd.DataFrame(
        rows,
        columns=[
            "voluntary_change",
            "trust_change",
            "clear_change_voluntary",
            "clear_change_trust",
            "mode_from",
            "mode_to",
        ],
    )
    travel["from_round"] = "2025"
    expected = [
        travel_sentence(
            None if math.isnan(r[0]) else r[0],
            r[1],
            None if math.isnan(r[2]) else r[2],
            None if math.isnan(r[3]) else r[3],
            r[4],
            r[5],
            since="2025",
        )
        for r in rows
    ]
    assert _travel_text(travel, 0.05).tolist() == expected
    assert "no clear change since 2025; stayed creating" in expected


def test_how_to_read_explains_each_figure_in_two_sentences():
    for name, text in how_to_read():
        sentences = [s for s in text.replace('".', '"').split(". ") if s]
        assert len(sentences) == 2, (name, text)
        assert text.endswith((".", '"'))


# --------------------------------------------------------------------------- in the classification


@pytest.fixture(scope="module")
def example():
    return classify(example_responses())


def test_classification_json_fields(example):
    data = example.to_dict()
    assert set(data["reliability"]) == {"voluntary", "trust"}
    for axis, figures in data["reliability"].items():
        assert {"alpha", "respondents", "items", "weak_items"} <= set(figures)
        assert figures["items"] == (21 if axis == "voluntary" else 10)
        assert figures["alpha"] is not None and figures["alpha"] <= 1
    for entry in data["partnerships"]:
        assert set(entry["agreement"]) == {"voluntary", "trust"}
        for axis in ("voluntary", "trust"):
            low, high = entry["interval"][axis]
            assert 0 <= low <= entry[axis] <= high <= 1
            assert 0 <= entry["agreement"][axis] <= 1
        for org in entry["organizations"]:
            assert set(org["agreement"]) == {"voluntary", "trust"}
            if org["respondents"] < 2:
                assert org["agreement"] == {"voluntary": None, "trust": None}
    travel = data["direction_of_travel"]
    assert len(travel) == 2
    for entry in travel:
        assert set(entry["clear_change"]) == {"voluntary", "trust"}
        for axis, clear in entry["clear_change"].items():
            low, high = entry["change_interval"][axis]
            assert clear == (low > 0 or high < 0)
            if not clear:
                assert f"no clear change in {axis}" in entry["direction"]
    assert data["settings"]["seed"] == 2007 and data["settings"]["resamples"] == 2000


def test_near_boundary_means_the_interval_crosses_a_boundary(example):
    summary = example.summary
    touched = between_modes(
        (summary["voluntary_low"], summary["voluntary_high"]),
        (summary["trust_low"], summary["trust_high"]),
        example.boundaries,
    )
    crosses = pd.Series(touched).str.contains("|", regex=False).tolist()
    assert summary["near_boundary"].tolist() == crosses
    between = summary["position"].str.startswith("between").tolist()
    assert between == crosses


def test_one_respondent_and_no_rounds():
    answers = pd.DataFrame(
        {
            "partnership": ["P", "Q", "Q"],
            "organization": ["x", "y", "y"],
            "MV01": [1, 2, 2],
            "MV02": [2, 2, 2],
            "CT01": [5, 4, 4],
            "CT02": [5, 4, 4],
        }
    )
    result = classify(answers)
    data = result.to_dict()
    p, q = data["partnerships"]
    assert p["interval"] == {"voluntary": None, "trust": None}
    assert p["agreement"] == {"voluntary": None, "trust": None}
    assert q["interval"] == {"voluntary": [0.25, 0.25], "trust": [0.75, 0.75]}
    assert q["agreement"] == {"voluntary": 1.0, "trust": 1.0}
    assert q["position"] == "creating"
    assert data["direction_of_travel"] == []
    # MV01 1, 2, 2 (variance 1/3), MV02 always 2 (variance 0), totals 3, 4, 4 (variance 1/3):
    # alpha = 2 (1 - 1/3 / (1/3)) = 0; MV02 does not vary, so it has no item-rest correlation.
    voluntary = data["reliability"]["voluntary"]
    assert voluntary["alpha"] == 0.0 and voluntary["item_rest"]["MV02"] is None


def test_measure_false_keeps_the_old_tables(example):
    plain = classify(example_responses(), measure=False)
    assert plain.reliability is None and "agreement_voluntary" not in plain.summary
    assert plain.to_dict()["reliability"] is None
    shared = [c for c in plain.summary.columns if c != "near_boundary"]
    pd.testing.assert_frame_equal(plain.summary[shared], example.summary[shared])
