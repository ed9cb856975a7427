"""The trust game: known results, determinism, the two shadows, tournaments, charts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import InputError
from toolkit.trustgame import (
    STRATEGIES,
    Payoffs,
    describe_match,
    expected_rounds,
    match_chart,
    play_match,
    simulate,
    tournament,
    tournament_chart,
    tournament_table,
)

NAMES = list(STRATEGIES)


def test_tit_for_tat_against_always_defect_loses_only_the_first_round() -> None:
    m = play_match("tit_for_tat", "always_defect", rounds=20)
    assert m["move_a"].tolist() == ["C"] + ["D"] * 19
    assert m.loc[0, ["payoff_a", "payoff_b"]].tolist() == [0.0, 5.0]
    assert (m.loc[1:, "payoff_a"] == m.loc[1:, "payoff_b"]).all()
    assert m["total_b"].iloc[-1] - m["total_a"].iloc[-1] == 5.0


@pytest.mark.parametrize(
    ("a", "b", "pay_a", "pay_b"),
    [
        ("always_cooperate", "always_cooperate", 30, 30),
        ("always_defect", "always_defect", 10, 10),
        ("always_cooperate", "always_defect", 0, 50),
        ("tit_for_tat", "tit_for_tat", 30, 30),
        ("grudger", "always_defect", 9, 14),
        ("tit_for_two_tats", "always_defect", 8, 18),
    ],
)
def test_known_totals_over_ten_rounds(a: str, b: str, pay_a: float, pay_b: float) -> None:
    out = simulate(a, b, rounds=10)
    assert out[["payoff_a", "payoff_b"]].iloc[0].tolist() == [pay_a, pay_b]


def test_shadow_of_the_past_changes_the_opening() -> None:
    # Tit for tat remembering one defection opens with a defection; the two then alternate.
    m = play_match("tit_for_tat", "tit_for_tat", rounds=4, past_b=1)
    assert m["move_a"].tolist() == ["D", "C", "D", "C"]
    assert m["move_b"].tolist() == ["C", "D", "C", "D"]
    # Tit for two tats needs two remembered defections.
    assert play_match("tit_for_two_tats", "always_cooperate", rounds=2, past_b=1)[
        "move_a"
    ].tolist() == ["C", "C"]
    assert play_match("tit_for_two_tats", "always_cooperate", rounds=2, past_b=2)[
        "move_a"
    ].tolist() == ["D", "C"]
    # The grudger never forgives the past.
    assert set(play_match("grudger", "always_cooperate", rounds=5, past_b=3)["move_a"]) == {"D"}
    # Unconditional strategies ignore it.
    assert set(play_match("always_cooperate", "grudger", rounds=5, past_b=9)["move_a"]) == {"C"}


def test_shadow_of_the_future_sets_the_mean_length() -> None:
    out = simulate("always_cooperate", "always_cooperate", matches=4000, continuation=0.8, seed=3)
    assert out["rounds"].min() >= 1
    assert abs(out["rounds"].mean() - expected_rounds(0.8)) < 0.3
    assert (simulate("tit_for_tat", "grudger", matches=50, continuation=0)["rounds"] == 1).all()


def test_max_rounds_caps_length() -> None:
    out = simulate("random", "random", matches=200, continuation=0.99, max_rounds=7, seed=1)
    assert out["rounds"].max() == 7


def test_same_seed_same_result_and_different_seed_differs() -> None:
    one = simulate("random", "tit_for_tat", matches=200, continuation=0.9, seed=42)
    two = simulate("random", "tit_for_tat", matches=200, continuation=0.9, seed=42)
    pd.testing.assert_frame_equal(one, two)
    other = simulate("random", "tit_for_tat", matches=200, continuation=0.9, seed=43)
    assert not one.equals(other)


def test_play_match_agrees_with_simulate() -> None:
    m = play_match("random", "grudger", continuation=0.95, seed=9, past_a=1)
    s = simulate("random", "grudger", matches=1, continuation=0.95, seed=9, past_a=1).iloc[0]
    assert len(m) == s["rounds"]
    assert m["payoff_a"].sum() == s["payoff_a"] and m["payoff_b"].sum() == s["payoff_b"]
    assert (m["move_a"] == "C").mean() == pytest.approx(s["cooperation_a"])


def test_random_cooperation_probability() -> None:
    out = simulate(
        "random", "always_cooperate", matches=1, rounds=5000, seed=0, random_cooperation=0.25
    )
    assert abs(out["cooperation_a"].iloc[0] - 0.25) < 0.03
    assert (
        simulate("random", "random", rounds=50, random_cooperation=1.0)["mutual_cooperation"].iloc[
            0
        ]
        == 1.0
    )


@settings(max_examples=40, deadline=None)
@given(
    a=st.sampled_from(NAMES),
    b=st.sampled_from(NAMES),
    rounds=st.integers(1, 30),
    past_a=st.integers(0, 3),
    past_b=st.integers(0, 3),
    seed=st.integers(0, 2**16),
)
def test_properties_symmetry_and_bounds(a, b, rounds, past_a, past_b, seed) -> None:
    out = simulate(a, b, rounds=rounds, past_a=past_a, past_b=past_b, seed=seed).iloc[0]
    assert 0 <= out["per_round_a"] <= 5 and 0 <= out["per_round_b"] <= 5
    assert out["mutual_cooperation"] <= min(out["cooperation_a"], out["cooperation_b"])
    # Total points: 6 for mutual cooperation, 5 for exploitation, 2 for mutual defection.
    assert out["payoff_a"] + out["payoff_b"] <= 6 * rounds
    if "random" not in (a, b):  # swapping the seats mirrors the result
        swapped = simulate(b, a, rounds=rounds, past_a=past_b, past_b=past_a, seed=seed).iloc[0]
        assert (swapped["payoff_a"], swapped["payoff_b"]) == (out["payoff_b"], out["payoff_a"])


def test_simulate_vectorised_matches_one_by_one() -> None:
    a = np.array(NAMES * 6, dtype=object)
    b = np.repeat(np.array(NAMES, dtype=object), 6)
    together = simulate(a, b, rounds=12, past_a=1, past_b=0)
    for i in range(0, len(a), 7):
        alone = simulate(a[i], b[i], rounds=12, past_a=1, past_b=0).iloc[0]
        if "random" in (a[i], b[i]):
            continue
        assert together.loc[i, "payoff_a"] == alone["payoff_a"]
        assert together.loc[i, "payoff_b"] == alone["payoff_b"]


def test_tournament_shape_and_ranking() -> None:
    results = tournament(matches=1000, continuation=0.9, seed=1)
    assert len(results) == 1000
    pairs = results.groupby(["strategy_a", "strategy_b"]).size()
    assert len(pairs) == 21 and pairs.max() - pairs.min() <= 1
    table = tournament_table(results)
    assert list(table.columns) == [
        "strategy",
        "name",
        "matches",
        "points_per_round",
        "cooperation",
        "rank",
    ]
    assert set(table["strategy"]) == set(NAMES)
    assert table["points_per_round"].is_monotonic_decreasing
    assert table["rank"].iloc[0] == 1
    before = results.copy()
    tournament_table(results)
    pd.testing.assert_frame_equal(results, before)  # input untouched


def test_long_shadow_of_the_future_favours_reciprocity() -> None:
    table = tournament_table(tournament(matches=1000, continuation=0.95, seed=2))
    rank = dict(zip(table["strategy"], table["rank"], strict=True))
    assert rank["tit_for_tat"] < rank["always_defect"]
    assert rank["grudger"] < rank["always_defect"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"strategy_a": "nice"}, "unknown strategy"),
        ({"continuation": 1.0}, "shadow of the future"),
        ({"continuation": -0.1}, "shadow of the future"),
        ({"past_a": -1}, "shadow of the past"),
        ({"past_b": 1.5}, "shadow of the past"),
        ({"rounds": 0}, "at least one round"),
        ({"random_cooperation": 2}, "probability"),
    ],
)
def test_bad_input_is_an_input_error(kwargs: dict, match: str) -> None:
    args = {"strategy_a": "tit_for_tat", "strategy_b": "grudger"} | kwargs
    with pytest.raises(InputError, match=match):
        simulate(args.pop("strategy_a"), args.pop("strategy_b"), **args)


def test_payoffs_must_be_a_dilemma() -> None:
    with pytest.raises(InputError, match="temptation > reward"):
        Payoffs(temptation=3, reward=5)
    out = simulate(
        "always_defect",
        "always_cooperate",
        rounds=2,
        payoffs=Payoffs(temptation=10, reward=6, punishment=2, sucker=-1),
    )
    assert out[["payoff_a", "payoff_b"]].iloc[0].tolist() == [20, -2]


def test_describe_match_feedback() -> None:
    text = describe_match(
        play_match("tit_for_tat", "tit_for_tat", rounds=5), "tit_for_tat", "tit_for_tat"
    )
    assert text.startswith("The match lasted 5 rounds.")
    assert "cooperated together in 5 rounds" in text and "Both scored the same." in text
    one = describe_match(
        play_match("always_defect", "always_defect", rounds=1), "always_defect", "always_defect"
    )
    assert "lasted 1 round." in one and "less than the 3 a round" in one


def test_charts_validate_and_describe() -> None:
    m = play_match("tit_for_tat", "random", rounds=300, seed=1)
    spec = match_chart(m, "tit_for_tat", "random").to_dict()
    assert spec["encoding"]["x"]["field"] == "round"
    assert spec["encoding"]["color"]["field"] == "move"
    assert "first 200 rounds" in spec["description"]
    assert len(spec["datasets"][spec["data"]["name"]]) == 400
    table = tournament_table(tournament(matches=100))
    spec = tournament_chart(table).to_dict()
    assert spec["encoding"]["x"]["field"] == "points_per_round"
    assert spec["description"].startswith("Points per round in the tournament")
