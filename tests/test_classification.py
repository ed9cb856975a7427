"""Scoring, modes, boundaries, continuum patterns, aggregation and change over time."""

from __future__ import annotations

import io
import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.classification import (
    DEFAULT_BOUNDARIES,
    MODES,
    Boundaries,
    classify,
    classify_mode,
    direction_of_travel,
    example_responses,
    excluded_respondents,
    item_bank,
    questionnaire,
    score_responses,
    summarize_organizations,
    summarize_partnerships,
)
from toolkit.continuum import CONTINUUM_LEVELS, himmelman_strategies
from toolkit.errors import InputError

MV = [f"MV{i:02d}" for i in range(1, 22)]
CT = [f"CT{i:02d}" for i in range(1, 11)]
H = ["H1", "H2", "H3", "H4"]


def answers(rows: list[dict]) -> pd.DataFrame:
    """Canonical answers where each row gives one value for all MV items and all CT items."""
    records = []
    for i, row in enumerate(rows):
        record = {"partnership": row.get("partnership", "P"), "respondent": row.get("id", f"r{i}")}
        for key in ("round", "organization"):
            if key in row:
                record[key] = row[key]
        record.update({m: row["mv"] for m in MV})
        record.update({c: row["ct"] for c in CT})
        record.update({h: v for h, v in zip(H, row.get("h", []), strict=False)})
        records.append(record)
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- item bank


def test_item_bank_has_the_papers_rows_in_order():
    bank = item_bank()
    assert bank["id"].tolist() == [*MV, *CT, *H]
    assert (bank.loc[bank["id"].str.startswith("MV"), "axis"] == "voluntary").all()
    assert (bank.loc[bank["id"].str.startswith("CT"), "axis"] == "trust").all()
    assert (bank.loc[bank["id"].str.startswith("H"), "axis"] == "continuum").all()
    for column in ("id", "axis", "dimension", "topic", "left_pole", "right_pole", "source"):
        assert bank[column].notna().all() and (bank[column].str.strip() != "").all(), column
    mv_sources = bank.loc[bank["axis"] == "voluntary", "source"].tolist()
    assert mv_sources == [f"Armistead & Pettigrew (2007), Table 1, row {i}" for i in range(1, 22)]
    ct_sources = bank.loc[bank["axis"] == "trust", "source"].tolist()
    assert ct_sources == [f"Armistead & Pettigrew (2007), Table 2, row {i}" for i in range(1, 11)]
    assert bank["id"].is_unique
    assert (bank["left_pole"] != bank["right_pole"]).all()


def test_item_bank_h_items_match_himmelman_data():
    bank = item_bank().set_index("id")
    strategies = himmelman_strategies().set_index("item")
    for item in H:
        assert bank.loc[item, "topic"] == strategies.loc[item, "strategy"]
        assert bank.loc[item, "source"] == strategies.loc[item, "source"]


def test_item_bank_file_is_valid_csv_data():
    text = resources.files("toolkit.data").joinpath("items.csv").read_text(encoding="utf-8")
    frame = pd.read_csv(io.StringIO(text))
    assert len(frame) == 35
    assert set(frame.columns) >= {"id", "dimension", "left_pole", "right_pole", "source"}


def test_item_bank_returns_a_copy():
    bank = item_bank()
    bank.loc[0, "topic"] = "changed"
    assert item_bank().loc[0, "topic"] != "changed"


# --------------------------------------------------------------------------- scoring


def test_scores_are_rescaled_means():
    scored = score_responses(answers([{"mv": 1, "ct": 5}, {"mv": 3, "ct": 2}, {"mv": 5, "ct": 4}]))
    assert scored["voluntary"].tolist() == [0.0, 0.5, 1.0]
    assert scored["trust"].tolist() == [1.0, 0.25, 0.75]
    assert scored["voluntary_answered"].tolist() == [1.0, 1.0, 1.0]
    assert (scored["excluded"] == "").all()


def test_unanswered_items_are_left_out_of_the_mean():
    frame = answers([{"mv": 2, "ct": 4}])
    frame.loc[0, MV[:5]] = [5, 5, 5, 5, 5]
    frame.loc[0, MV[5:10]] = np.nan
    scored = score_responses(frame)
    expected = ((5 * 5 + 2 * 11) / 16 - 1) / 4
    assert scored.loc[0, "voluntary"] == pytest.approx(expected)
    assert scored.loc[0, "voluntary_answered"] == pytest.approx(16 / 21)


def test_respondent_below_minimum_is_reported_not_scored():
    frame = answers([{"mv": 2, "ct": 4}, {"mv": 3, "ct": 3}])
    frame.loc[1, MV[:11]] = np.nan  # 10 of 21 answered: below half
    frame.loc[1, CT[:6]] = np.nan  # 4 of 10 answered
    scored = score_responses(frame)
    assert scored.loc[0, "excluded"] == ""
    assert np.isnan(scored.loc[1, "voluntary"]) and np.isnan(scored.loc[1, "trust"])
    assert pd.isna(scored.loc[1, "mode"])
    reason = scored.loc[1, "excluded"]
    assert "answered 10 of 21 voluntary items" in reason
    assert "answered 4 of 10 trust items" in reason
    excluded = excluded_respondents(scored)
    assert excluded["respondent"].tolist() == ["r1"]
    summary = summarize_partnerships(scored)
    assert summary.loc[0, "respondents"] == 1 and summary.loc[0, "excluded"] == 1


def test_minimum_share_is_configurable_and_inclusive():
    frame = answers([{"mv": 2, "ct": 4}])
    frame.loc[0, CT[:5]] = np.nan  # exactly half answered
    assert score_responses(frame).loc[0, "excluded"] == ""
    strict = score_responses(frame, min_answered=0.6)
    assert "5 of 10 trust items" in strict.loc[0, "excluded"]
    with pytest.raises(ValueError, match="min_answered"):
        score_responses(frame, min_answered=1.5)


def test_share_counts_only_the_items_asked():
    frame = pd.DataFrame({"partnership": ["P"], "MV01": [4], "MV02": [5], "CT01": [2]})
    scored = score_responses(frame)
    assert scored.loc[0, "voluntary"] == pytest.approx(0.875)
    assert scored.loc[0, "voluntary_answered"] == 1.0


def test_score_accepts_labels_and_organisation_spelling():
    frame = pd.DataFrame(
        {
            "partnership": ["P", "P"],
            "organisation": ["Council", "Charity"],
            "MV01": ["B fits much better", "1"],
            "CT01": ["A and B fit equally", 4],
            "H1": ["Yes", "no"],
        }
    )
    scored = score_responses(frame)
    assert scored["voluntary"].tolist() == [1.0, 0.0]
    assert scored["trust"].tolist() == [0.5, 0.75]
    assert scored["organization"].tolist() == ["Council", "Charity"]
    assert scored["H1"].tolist() == [1.0, 0.0]


@pytest.mark.parametrize("bad", [0, 6, 2.5, "seven", "nan"])
def test_score_rejects_invalid_answers_naming_them(bad):
    frame = pd.DataFrame({"partnership": ["P", "P"], "MV01": [3, bad], "CT01": [3, 3]})
    with pytest.raises(InputError) as info:
        score_responses(frame)
    message = str(info.value)
    assert "MV01" in message and "row 1" in message
    assert str(bad) in message.replace("'", "")


def test_score_rejects_invalid_yes_no():
    frame = pd.DataFrame({"partnership": ["P"], "MV01": [3], "CT01": [3], "H2": [3]})
    with pytest.raises(InputError, match="H2"):
        score_responses(frame)


def test_score_needs_both_axes_and_a_partnership():
    with pytest.raises(InputError, match="no items for the trust axis"):
        score_responses(pd.DataFrame({"partnership": ["P"], "MV01": [3]}))
    with pytest.raises(InputError, match="no items for the voluntary axis"):
        score_responses(pd.DataFrame({"partnership": ["P"], "CT01": [3]}))
    with pytest.raises(InputError, match="no partnership column"):
        score_responses(pd.DataFrame({"MV01": [3], "CT01": [3]}))


def test_score_rejects_duplicate_respondents():
    frame = answers([{"mv": 2, "ct": 2, "id": "a"}, {"mv": 3, "ct": 3, "id": "a"}])
    with pytest.raises(InputError, match="duplicate respondent"):
        score_responses(frame)
    frame["round"] = ["2025", "2026"]
    assert len(score_responses(frame)) == 2  # same person, different rounds


def test_score_does_not_mutate_input():
    frame = answers([{"mv": 2, "ct": 4, "h": [1, 0, 1, 0]}, {"mv": 5, "ct": 1, "h": [1, 1]}])
    frame["MV03"] = frame["MV03"].astype(object)
    frame.loc[0, "MV03"] = "B fits much better"
    before = frame.copy(deep=True)
    scored = score_responses(frame)
    summarize_partnerships(scored)
    classify_mode(scored)
    pd.testing.assert_frame_equal(frame, before)
    scored_before = scored.copy(deep=True)
    summarize_partnerships(scored)
    summarize_organizations(scored)
    pd.testing.assert_frame_equal(scored, scored_before)


def test_score_keeps_the_index():
    frame = answers([{"mv": 2, "ct": 4}, {"mv": 5, "ct": 1}])
    frame.index = [10, 20]
    assert score_responses(frame).index.tolist() == [10, 20]


# --------------------------------------------------------------------------- modes and boundaries


@pytest.mark.parametrize(
    ("voluntary", "trust", "mode"),
    [
        (0.0, 0.0, "complying"),
        (0.49, 0.37, "complying"),
        (0.5, 0.1, "constraining"),  # contract-led but not more mandatory than voluntary
        (0.9, 0.1, "constraining"),
        (0.1, 0.375, "constraining"),  # boundaries belong to the balanced band
        (0.1, 0.625, "constraining"),
        (0.1, 0.626, "creating"),
        (0.0, 1.0, "creating"),
        (1.0, 0.5, "constraining"),
    ],
)
def test_modes_follow_the_documented_boundaries(voluntary, trust, mode):
    placed = classify_mode(pd.DataFrame({"voluntary": [voluntary], "trust": [trust]}))
    assert placed.loc[0, "mode"] == mode


def test_distance_to_boundary_and_near_flag():
    points = pd.DataFrame(
        {"voluntary": [0.2, 0.45, 0.9, 0.7, 0.3], "trust": [0.1, 0.2, 0.6, 0.2, 0.5]}
    )
    placed = classify_mode(points)
    assert placed["boundary_distance"].tolist() == pytest.approx([0.275, 0.05, 0.025, 0.2, 0.125])
    assert placed["neighbour"].tolist() == [
        "constraining",
        "constraining",
        "creating",
        "complying",
        "creating",
    ]
    assert placed["near_boundary"].tolist() == [False, True, True, False, False]


def test_distance_to_the_corner_is_euclidean():
    placed = classify_mode(pd.DataFrame({"voluntary": [0.8], "trust": [0.675]}))
    assert placed.loc[0, "mode"] == "creating"
    assert placed.loc[0, "boundary_distance"] == pytest.approx(0.05)
    corner = classify_mode(pd.DataFrame({"voluntary": [0.53], "trust": [0.415]}))
    assert corner.loc[0, "neighbour"] == "complying"
    assert corner.loc[0, "boundary_distance"] == pytest.approx(0.05)


def test_custom_boundaries():
    wide = Boundaries(trust_above=0.8, contract_below=0.2, mandatory_below=0.6, margin=0.1)
    point = pd.DataFrame({"voluntary": [0.55], "trust": [0.7]})
    assert classify_mode(point).loc[0, "mode"] == "creating"
    placed = classify_mode(point, wide)
    assert placed.loc[0, "mode"] == "constraining"
    assert placed.loc[0, "near_boundary"]  # 0.1 from trust 0.8
    assert wide.as_dict() == {
        "trust_above": 0.8,
        "contract_below": 0.2,
        "mandatory_below": 0.6,
        "margin": 0.1,
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {"trust_above": 0.3, "contract_below": 0.4},
        {"trust_above": 1.2},
        {"contract_below": -0.1},
        {"mandatory_below": 2},
        {"margin": -0.01},
        {"margin": float("nan")},
    ],
)
def test_boundaries_are_validated(kwargs):
    with pytest.raises(ValueError):
        Boundaries(**kwargs)


def test_boundaries_are_frozen():
    with pytest.raises(AttributeError):
        DEFAULT_BOUNDARIES.trust_above = 0.9  # type: ignore[misc]


def test_classify_mode_checks_its_input():
    with pytest.raises(InputError, match="voluntary and trust"):
        classify_mode(pd.DataFrame({"voluntary": [0.5]}))
    with pytest.raises(InputError, match="score out of range"):
        classify_mode(pd.DataFrame({"voluntary": [0.5], "trust": [1.5]}))
    missing = classify_mode(pd.DataFrame({"voluntary": [np.nan], "trust": [0.5]}))
    assert pd.isna(missing.loc[0, "mode"]) and not missing.loc[0, "near_boundary"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=31, max_size=31),
        min_size=1,
        max_size=6,
    )
)
def test_any_valid_answers_give_scores_in_range_and_a_mode(rows):
    frame = pd.DataFrame(rows, columns=[*MV, *CT], dtype=float)
    frame.insert(0, "partnership", "P")
    scored = score_responses(frame)
    for axis, items in (("voluntary", MV), ("trust", CT)):
        share = frame[items].notna().mean(axis=1)
        ok = share >= 0.5
        values = scored[axis]
        assert values[ok].between(0, 1).all()
        assert values[~ok].isna().all()
    scored_rows = scored["excluded"] == ""
    assert scored.loc[scored_rows, "mode"].isin(MODES).all()
    assert scored.loc[~scored_rows, "mode"].isna().all()
    summary = summarize_partnerships(scored)
    if scored_rows.any():
        assert summary.loc[0, "mode"] in MODES
        assert 0 <= summary.loc[0, "voluntary"] <= 1 and 0 <= summary.loc[0, "trust"] <= 1


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1))
def test_any_point_gets_a_mode_and_a_distance(voluntary, trust):
    placed = classify_mode(pd.DataFrame({"voluntary": [voluntary], "trust": [trust]}))
    assert placed.loc[0, "mode"] in MODES
    assert (
        placed.loc[0, "neighbour"] in MODES and placed.loc[0, "neighbour"] != placed.loc[0, "mode"]
    )
    assert 0 <= placed.loc[0, "boundary_distance"] <= 1


# --------------------------------------------------------------------------- continuum


@pytest.mark.parametrize(
    ("pattern", "level", "inconsistent"),
    [
        ([1, 1, 1, 1], "collaborating", False),
        ([1, 1, 0, 0], "coordinating", False),
        ([1, 0, 1, 0], "networking", True),
        ([0, 1, 1, 1], "none", True),
        ([0, 0, 0, 0], "none", False),
        ([1, None, 1, None], "networking", True),
    ],
)
def test_respondent_continuum_levels(pattern, level, inconsistent):
    frame = answers([{"mv": 3, "ct": 3}])
    for item, value in zip(H, pattern, strict=True):
        frame[item] = value
    scored = score_responses(frame)
    assert scored.loc[0, "continuum"] == level
    assert bool(scored.loc[0, "continuum_inconsistent"]) is inconsistent


def test_continuum_is_missing_without_h_answers():
    scored = score_responses(answers([{"mv": 3, "ct": 3}]))
    assert pd.isna(scored.loc[0, "continuum"])
    summary = summarize_partnerships(scored)
    assert pd.isna(summary.loc[0, "continuum"])


def test_partnership_continuum_uses_majority_answers():
    frame = answers(
        [
            {"mv": 3, "ct": 3, "h": [1, 1, 1, 0]},
            {"mv": 3, "ct": 3, "h": [1, 1, 0, 0]},
            {"mv": 3, "ct": 3, "h": [1, 0, 1, None]},
        ]
    )
    scored = score_responses(frame)
    summary = summarize_partnerships(scored)
    # H1 3/3, H2 2/3, H3 2/3, H4 0/2 -> cooperating
    assert summary.loc[0, "continuum"] == "cooperating"
    strict = summarize_partnerships(scored, continuum_yes_share=0.75)
    assert strict.loc[0, "continuum"] == "networking"
    assert summary.loc[0, "continuum"] in CONTINUUM_LEVELS


# --------------------------------------------------------------------------- aggregation


def test_summary_means_disagreement_and_flag():
    frame = answers(
        [
            {"partnership": "Agree", "mv": 4, "ct": 4},
            {"partnership": "Agree", "mv": 4, "ct": 4},
            {"partnership": "Split", "mv": 1, "ct": 1},
            {"partnership": "Split", "mv": 5, "ct": 5},
            {"partnership": "Alone", "mv": 2, "ct": 2},
        ]
    )
    summary = summarize_partnerships(score_responses(frame)).set_index("partnership")
    assert summary.loc["Agree", "disagreement_voluntary"] == 0.0
    assert summary.loc["Agree", "disagreement_trust"] == 0.0
    assert not summary.loc["Agree", "partners_differ"]
    assert summary.loc["Split", "voluntary"] == 0.5
    assert summary.loc["Split", "disagreement_voluntary"] == pytest.approx(0.5)
    assert summary.loc["Split", "partners_differ"]
    assert summary.loc["Split", "mode"] == "constraining"
    assert summary.loc["Split", "complying"] == 1 and summary.loc["Split", "creating"] == 1
    assert np.isnan(summary.loc["Alone", "disagreement_voluntary"])
    assert not summary.loc["Alone", "partners_differ"]
    assert summary.index.tolist() == ["Agree", "Alone", "Split"]


def test_disagreement_threshold_is_configurable_and_inclusive():
    frame = answers([{"mv": 3, "ct": 3}, {"mv": 4, "ct": 3}])  # voluntary 0.5 and 0.75
    scored = score_responses(frame)
    summary = summarize_partnerships(scored)
    assert summary.loc[0, "disagreement_voluntary"] == pytest.approx(0.125)
    assert summary.loc[0, "partners_differ"]  # at the default threshold
    assert not summarize_partnerships(scored, disagreement_threshold=0.2).loc[0, "partners_differ"]


def test_partnership_with_everyone_excluded_is_still_listed():
    frame = answers(
        [{"partnership": "Empty", "mv": 3, "ct": 3}, {"partnership": "Full", "mv": 3, "ct": 3}]
    )
    frame.loc[0, CT] = np.nan
    summary = summarize_partnerships(score_responses(frame)).set_index("partnership")
    assert summary.loc["Empty", "respondents"] == 0
    assert summary.loc["Empty", "excluded"] == 1
    assert pd.isna(summary.loc["Empty", "mode"])
    assert summary.loc["Full", "mode"] == "constraining"


def test_organisation_breakdown():
    frame = answers(
        [
            {"organization": "Council", "mv": 1, "ct": 1},
            {"organization": "Council", "mv": 2, "ct": 2},
            {"organization": "Charity", "mv": 5, "ct": 5},
            {"organization": None, "mv": 3, "ct": 3},
        ]
    )
    scored = score_responses(frame)
    orgs = summarize_organizations(scored).set_index("organization")
    assert orgs.loc["Council", "respondents"] == 2
    assert orgs.loc["Council", "voluntary"] == pytest.approx(0.125)
    assert orgs.loc["Council", "mode"] == "complying"
    assert orgs.loc["Charity", "mode"] == "creating"
    assert orgs.loc["(not given)", "respondents"] == 1
    assert summarize_partnerships(scored).loc[0, "organizations"] == 2
    no_orgs = summarize_organizations(score_responses(answers([{"mv": 3, "ct": 3}])))
    assert no_orgs.empty and "organization" in no_orgs.columns


def test_summary_per_round_and_direction_of_travel():
    frame = answers(
        [
            {"partnership": "P", "round": "2025", "mv": 2, "ct": 1, "id": "a"},
            {"partnership": "P", "round": "2025", "mv": 2, "ct": 2, "id": "b"},
            {"partnership": "P", "round": "2026", "mv": 4, "ct": 5, "id": "a"},
            {"partnership": "Q", "round": "2026", "mv": 3, "ct": 3, "id": "a"},
        ]
    )
    summary = summarize_partnerships(score_responses(frame))
    assert summary[["partnership", "round"]].values.tolist() == [
        ["P", "2025"],
        ["P", "2026"],
        ["Q", "2026"],
    ]
    travel = direction_of_travel(summary)
    assert len(travel) == 1
    row = travel.iloc[0]
    assert (row["from_round"], row["to_round"]) == ("2025", "2026")
    assert row["voluntary_change"] == pytest.approx(0.5)
    assert row["trust_change"] == pytest.approx(1.0 - 0.125)
    assert (row["mode_from"], row["mode_to"], row["mode_changed"]) == (
        "complying",
        "creating",
        True,
    )
    assert row["direction"] == (
        "more voluntary and more trust-based; moved from complying to creating"
    )


def test_rounds_are_ordered_numerically_when_they_are_numbers():
    summary = pd.DataFrame(
        {
            "partnership": ["P", "P", "P"],
            "round": ["10", "9", "11"],
            "voluntary": [0.5, 0.4, 0.5],
            "trust": [0.5, 0.5, 0.52],
            "mode": ["constraining"] * 3,
        }
    )
    travel = direction_of_travel(summary)
    assert travel[["from_round", "to_round"]].values.tolist() == [["9", "10"], ["10", "11"]]
    assert travel["direction"].tolist() == [
        "more voluntary and about as trust-based; stayed constraining",
        "about as voluntary and about as trust-based; stayed constraining",
    ]
    # Rounds that follow no rule (numbers, Round N, dates, pre/post words) keep the order
    # in which they first appear, not the alphabet (issue 16).
    text = summary.assign(round=["b", "a", "c"])
    assert direction_of_travel(text)["from_round"].tolist() == ["b", "a"]
    words = summary.assign(round=["post", "pre", "mid"])
    assert direction_of_travel(words)["from_round"].tolist() == ["pre", "mid"]


def test_direction_of_travel_without_rounds_is_empty():
    summary = summarize_partnerships(score_responses(answers([{"mv": 3, "ct": 3}])))
    travel = direction_of_travel(summary)
    assert travel.empty and "voluntary_change" in travel.columns


def test_direction_with_a_round_without_scores():
    frame = answers(
        [
            {"round": "1", "mv": 3, "ct": 3, "id": "a"},
            {"round": "2", "mv": 3, "ct": 3, "id": "a"},
        ]
    )
    frame.loc[1, CT] = np.nan
    travel = direction_of_travel(summarize_partnerships(score_responses(frame)))
    assert travel.loc[0, "direction"].startswith("not comparable")
    assert not travel.loc[0, "mode_changed"]


def test_summary_requires_a_scored_table():
    with pytest.raises(InputError, match="score_responses"):
        summarize_partnerships(pd.DataFrame({"partnership": ["P"]}))


# --------------------------------------------------------------------------- all together


def test_example_data_is_illustrative_and_classifies():
    frame = example_responses()
    assert "illustrative" in example_responses.__doc__.lower()
    assert frame.attrs["ignored_columns"] == ["note"]
    raw = pd.read_csv(resources.files("toolkit.data").joinpath("example_responses.csv").open())
    assert raw["note"].str.contains("Illustrative").all()
    assert set(raw["partnership"]) == {"Example partnership A", "Example partnership B"}
    assert raw.groupby("partnership")["organization"].nunique().eq(3).all()
    result = classify(frame)
    assert len(result.summary) == 4
    assert result.summary["partners_differ"].any()
    assert len(result.excluded) == 1
    assert len(result.travel) == 2


def test_classification_json_has_the_documented_shape():
    data = json.loads(classify(example_responses()).to_json())
    assert set(data) >= {"partnerships", "direction_of_travel", "excluded", "boundaries"}
    entry = data["partnerships"][0]
    for key in (
        "partnership",
        "round",
        "respondents",
        "voluntary",
        "trust",
        "mode",
        "continuum",
        "disagreement",
        "organizations",
        "near_boundary",
        "boundary_distance",
    ):
        assert key in entry, key
    assert set(entry["disagreement"]) == {"voluntary", "trust"}
    assert entry["mode"] in MODES
    assert entry["continuum"] in CONTINUUM_LEVELS
    assert 0 <= entry["voluntary"] <= 1
    assert {"organization", "respondents", "voluntary", "trust", "mode"} <= set(
        entry["organizations"][0]
    )
    assert data["boundaries"] == DEFAULT_BOUNDARIES.as_dict()
    travel = data["direction_of_travel"][0]
    assert {"voluntary_change", "trust_change", "mode_from", "mode_to"} <= set(travel)


def test_json_without_rounds_or_h_items():
    frame = answers([{"mv": 3, "ct": 3}])
    data = classify(frame).to_dict()
    entry = data["partnerships"][0]
    assert "round" not in entry
    assert entry["continuum"] is None
    assert entry["disagreement"] == {"voluntary": None, "trust": None}
    assert entry["organizations"] == []
    assert data["direction_of_travel"] == []


# --------------------------------------------------------------------------- questionnaire


def test_questionnaire_markdown_lists_every_item_in_order():
    text = questionnaire("md")
    positions = [text.index(f"[{i}]") for i in [*MV, *CT, *H]]
    assert positions == sorted(positions)
    assert "Armistead & Pettigrew (2007)" in text


def test_questionnaire_csv_is_a_form_template():
    frame = pd.read_csv(io.StringIO(questionnaire("csv")), dtype=str, keep_default_na=False)
    items = frame[frame["id"].str.match(r"^(MV|CT|H)\d")]
    assert items["id"].tolist() == [*MV, *CT, *H]
    assert all(t.startswith(f"[{i}] ") for i, t in zip(items["id"], items["title"], strict=True))
    assert frame["id"].tolist()[:3] == ["partnership", "organization", "respondent"]
    assert items.iloc[0]["options"].split("|")[0] == "A fits much better"
    assert items.iloc[-1]["options"] == "Yes|No"


def test_questionnaire_html_is_a_page_and_formats_are_checked():
    page = questionnaire("html")
    assert page.startswith("<!DOCTYPE html>") and "[CT10]" in page
    with pytest.raises(ValueError, match="format"):
        questionnaire("docx")


def test_nobody_is_scored_on_no_answers_even_with_no_minimum() -> None:
    answers = pd.DataFrame(
        {"partnership": ["P", "P"], "respondent": ["a", "b"], "MV01": [2, None], "CT01": [4, 3]}
    )
    scored = score_responses(answers, min_answered=0)
    assert scored["voluntary"].isna().tolist() == [False, True]
    assert scored.loc[1, "excluded"] == "answered 0 of 1 voluntary items (none answered)"
    summary = summarize_partnerships(scored)
    assert summary.loc[0, "respondents"] == 1 and summary.loc[0, "excluded"] == 1
