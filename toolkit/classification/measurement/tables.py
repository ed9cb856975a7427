"""Add the measurement figures to the classification's tables (what classify calls)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .constants import AGREEMENT_CONVENTION, CONFIDENCE, DEFAULT_SEED, OPTIONS, RESAMPLES, T_FROM
from .intervals import Sample, between_modes, check_settings, sample_differences, sample_intervals
from .reliability import answer_stats, cronbach_alpha, rwg_from_stats
from .words import AXIS_WORDS, agreement_words

# --------------------------------------------------------------------------- tables


def _text_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the values' text (a missing value as "(not given)") and the distinct texts."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    distinct = pd.Series(uniques, dtype=object)
    text = distinct.astype(str).where(distinct.notna(), "(not given)")
    text_codes, text_uniques = pd.factorize(text)
    return text_codes[codes], np.asarray(text_uniques, dtype=object)


def _rows_in(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    keys: list[str],
    cache: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
) -> np.ndarray:
    """For each row of ``frame``, the position of the ``table`` row with the same key text.

    ``cache`` keeps each key column's codes for the next call on the same frame.
    """
    cache = {} if cache is None else cache
    mine = np.zeros(len(frame), dtype=np.int64)
    theirs = np.zeros(len(table), dtype=np.int64)
    for key in keys:
        if key not in cache:
            cache[key] = _text_codes(frame[key])
        codes, uniques = cache[key]
        other = pd.Index(uniques).get_indexer(table[key].astype(str).to_numpy())
        width = len(uniques) + 1
        mine = mine * width + codes
        theirs = theirs * width + np.where(other < 0, len(uniques), other)
    return pd.Index(theirs).get_indexer(pd.Index(mine))


def _names(table: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One name per row of a summary table: its key texts joined."""
    name = table[keys[0]].astype(str)
    for key in keys[1:]:
        name = name + "\x1f" + table[key].astype(str)
    return name.to_numpy(dtype=object)


def _sum_rows(figure: np.ndarray, parent: np.ndarray, size: int) -> np.ndarray:
    """Sum the rows of ``figure`` (1-D or 2-D) into ``size`` parent rows."""
    order = np.argsort(parent, kind="stable")  # already sorted in a classification
    ordered = parent[order]
    present, starts = np.unique(ordered, return_index=True)
    out = np.zeros((size, *figure.shape[1:]))
    if len(present):
        out[present] = np.add.reduceat(figure[order], starts, axis=0)
    return out


def _position_text(mode: np.ndarray, touched: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Vectorised :func:`position_words`: ``touched`` "a|b" becomes "between a and b"."""
    parts = pd.Series(touched, dtype=object).str.split("|")
    count = parts.map(len).to_numpy()
    joined = pd.Series(touched, dtype=object).str.replace("|", " and ", regex=False)
    three = pd.Series(touched, dtype=object).str.replace("|", ", ", n=1, regex=False)
    three = three.str.replace("|", " and ", regex=False)
    text = np.where(count >= 3, "between " + three, np.where(count == 2, "between " + joined, mode))
    text = np.where(pd.Series(touched).eq("").to_numpy(), fallback, text)
    missing = pd.isna(pd.Series(mode, dtype=object)).to_numpy()
    return np.where(missing, "not placed (no scored respondents)", text).astype(object)


def _agreement_text(voluntary: np.ndarray, trust: np.ndarray) -> np.ndarray:
    """Vectorised :func:`agreement_sentence`."""

    def words(r: np.ndarray) -> np.ndarray:
        return np.select(
            [np.isnan(r), r >= AGREEMENT_CONVENTION, r > 0],
            [
                agreement_words(None),
                agreement_words(1.0),
                agreement_words(0.5),
            ],
            agreement_words(0.0),
        ).astype(object)

    a, b = words(voluntary), words(trust)
    both = np.where(np.isnan(voluntary), a, a + " on both axes")
    return np.where(a == b, both, "on the voluntary axis " + a + "; on the trust axis " + b).astype(
        object
    )


def _change_text(axis: str, change: np.ndarray, clear: np.ndarray, steady: float) -> np.ndarray:
    """Vectorised :func:`change_words`."""
    up, down = AXIS_WORDS[axis]
    about = "about as voluntary" if axis == "voluntary" else "about as trust-based"
    direction = np.where(change > 0, up, down).astype(object)
    small = np.abs(change) < steady
    return np.select(
        [
            np.isnan(change),
            np.isnan(clear) & small,
            np.isnan(clear),
            clear == 0,
            small,
        ],
        [
            f"no comparable {axis} score",
            about,
            direction,
            f"no clear change in {axis}",
            "slightly " + direction,
        ],
        direction,
    ).astype(object)


def _travel_text(travel: pd.DataFrame, steady: float) -> np.ndarray:
    """Vectorised :func:`travel_sentence` over a direction-of-travel table."""
    dv = travel["voluntary_change"].to_numpy(dtype=float)
    dt = travel["trust_change"].to_numpy(dtype=float)
    cv = travel["clear_change_voluntary"].to_numpy(dtype=float)
    ct = travel["clear_change_trust"].to_numpy(dtype=float)
    mode_from = travel["mode_from"].astype(str).to_numpy(dtype=object)
    mode_to = travel["mode_to"].astype(str).to_numpy(dtype=object)
    both = travel["mode_from"].notna() & travel["mode_to"].notna()
    changed = (both & (travel["mode_from"] != travel["mode_to"])).to_numpy()
    moved = np.where(
        changed, "moved from " + mode_from + " to " + mode_to, "stayed " + mode_from
    ).astype(object)
    since = travel["from_round"].astype(str).to_numpy(dtype=object)
    head = (
        _change_text("voluntary", dv, cv, steady) + " and " + _change_text("trust", dt, ct, steady)
    )
    unsure = np.isnan(cv) | np.isnan(ct)
    head = np.where(
        unsure, head + " (too few respondents to tell whether the change is clear)", head
    )
    head = np.where((cv == 0) & (ct == 0), "no clear change since " + since, head)
    text = (head + "; " + moved).astype(object)
    unknown = np.isnan(dv) | np.isnan(dt)
    return np.where(unknown, "not comparable: a round has no scored respondents", text).astype(
        object
    )


def add_measurement(
    scored: pd.DataFrame,
    numeric: Mapping[str, np.ndarray],
    summary: pd.DataFrame,
    organizations: pd.DataFrame,
    travel: pd.DataFrame,
    *,
    boundaries: Any,
    seed: int = DEFAULT_SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    steady: float = 0.05,
    items: Mapping[str, Sequence[str]],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Add reliability, agreement, intervals and clear change to the classification's tables.

    ``numeric`` maps each item id to its answers (float array, NaN for a
    blank) in the rows of ``scored``; ``items`` maps ``"voluntary"`` and
    ``"trust"`` to the item ids in the file. Returns new ``summary``,
    ``organizations`` and ``travel`` tables (the inputs are not modified) and
    the ``reliability`` dict.

    Columns added to ``summary``: ``agreement_voluntary``, ``agreement_trust``
    (r_wg(J)), ``voluntary_low``, ``voluntary_high``, ``trust_low``,
    ``trust_high`` (the intervals), ``position`` (the mode, or "between ..."
    when the interval crosses a boundary) and ``agreement`` (in words);
    ``near_boundary`` becomes "the interval crosses a boundary" wherever there
    is an interval. To ``organizations``: ``agreement_voluntary``,
    ``agreement_trust``. To ``travel``: ``voluntary_change_low``,
    ``voluntary_change_high``, ``trust_change_low``, ``trust_change_high``,
    ``clear_change_voluntary``, ``clear_change_trust`` (True, False or None),
    and ``direction`` says "no clear change" where the change is not clear.
    """
    check_settings(resamples, confidence)
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number from 0, got {seed!r}")
    reliability = {
        axis: cronbach_alpha([numeric[i] for i in ids], list(ids)) for axis, ids in items.items()
    }
    voluntary = scored["voluntary"].to_numpy(dtype=float, na_value=np.nan)
    trust = scored["trust"].to_numpy(dtype=float, na_value=np.nan)
    inc = ~(np.isnan(voluntary) | np.isnan(trust))
    keys = ["partnership", "round"] if "round" in summary.columns else ["partnership"]
    summary = summary.copy()
    size = len(summary)
    codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    every_row = _rows_in(scored, summary, keys, codes) if size else np.zeros(0, np.int64)
    g = every_row[inc]
    organizations = organizations.copy()
    count = len(organizations)
    if count:
        # Respondents who were not scored count in an extra group, dropped below: this
        # spares selecting the scored rows of every item column.
        group = np.where(
            inc, _rows_in(scored, organizations, [*keys, "organization"], codes), count
        )
        parent = _rows_in(organizations, summary, keys)
    else:
        group = np.where(inc, every_row, size)
    for axis, ids in items.items():
        columns = [numeric[i] for i in ids]
        if count:
            # Count answers per organisation once; a partnership's counts are their sums.
            people, answered, total, squares = answer_stats(
                columns, group, count + 1, OPTIONS, True
            )
            people, answered = people[:count], answered[:count]
            total, squares = total[:count], squares[:count]
            organizations[f"agreement_{axis}"] = rwg_from_stats(
                people, answered, total, squares, OPTIONS
            )
            people, answered, total, squares = (
                _sum_rows(figure, parent, size) for figure in (people, answered, total, squares)
            )
        else:
            people, answered, total, squares = answer_stats(columns, group, size + 1, OPTIONS, True)
            people, answered = people[:size], answered[:size]
            total, squares = total[:size], squares[:size]
            organizations[f"agreement_{axis}"] = pd.Series(dtype=float)
        summary[f"agreement_{axis}"] = rwg_from_stats(people, answered, total, squares, OPTIONS)
    names = _names(summary, keys) if size else np.zeros(0, dtype=object)
    pairs = np.zeros((0, 2), dtype=np.int64)
    if "round" in keys and len(travel):
        index = pd.MultiIndex.from_arrays([summary["partnership"], summary["round"]])
        first = index.get_indexer(
            pd.MultiIndex.from_arrays([travel["partnership"], travel["from_round"]])
        )
        second = index.get_indexer(
            pd.MultiIndex.from_arrays([travel["partnership"], travel["to_round"]])
        )
        pairs = np.column_stack([first, second]).astype(np.int64)
    travel = travel.copy()
    for axis, values in (("voluntary", voluntary), ("trust", trust)):
        sample = Sample(g, values[inc], size)
        # Draws are needed for both rounds of a pair unless both have a t-interval.
        boot = sample.n[pairs].min(axis=1) < T_FROM if len(pairs) else np.zeros(0, bool)
        extra = np.unique(pairs[boot].ravel())
        low, high, draws = sample_intervals(
            sample, names, seed, resamples, confidence, T_FROM, extra
        )
        summary[f"{axis}_low"] = low
        summary[f"{axis}_high"] = high
        if len(travel):
            lo, hi, clear = sample_differences(
                sample, names, pairs, seed, resamples, confidence, T_FROM, draws
            )
            travel[f"{axis}_change_low"] = lo
            travel[f"{axis}_change_high"] = hi
            travel[f"clear_change_{axis}"] = clear
    touched = between_modes(
        (summary["voluntary_low"].to_numpy(), summary["voluntary_high"].to_numpy()),
        (summary["trust_low"].to_numpy(), summary["trust_high"].to_numpy()),
        boundaries,
    )
    has_interval = touched != ""
    near = summary["near_boundary"].to_numpy(dtype=bool)
    summary["near_boundary"] = np.where(
        has_interval, pd.Series(touched).str.contains("|", regex=False).to_numpy(), near
    )
    mode = summary["mode"].to_numpy(dtype=object)
    neighbour = summary["neighbour"].astype(str).to_numpy(dtype=object)
    order = {"complying": 0, "constraining": 1, "creating": 2}
    first_mode = pd.Series(mode).map(order).to_numpy(dtype=float)
    second_mode = pd.Series(neighbour).map(order).to_numpy(dtype=float)
    pair = np.where(
        first_mode <= second_mode,
        "between " + mode.astype(str) + " and " + neighbour,
        "between " + neighbour + " and " + mode.astype(str),
    )
    fallback = np.where(near & ~has_interval, pair, mode).astype(object)
    summary["position"] = _position_text(mode, touched, fallback)
    summary["agreement"] = _agreement_text(
        summary["agreement_voluntary"].to_numpy(dtype=float),
        summary["agreement_trust"].to_numpy(dtype=float),
    )
    if len(travel):
        travel["direction"] = _travel_text(travel, steady)
        for axis in ("voluntary", "trust"):
            clear = travel[f"clear_change_{axis}"].to_numpy(dtype=float)
            flags = pd.array(clear == 1, dtype="boolean")
            flags[np.isnan(clear)] = pd.NA
            travel[f"clear_change_{axis}"] = flags
    else:
        for column in (
            "voluntary_change_low",
            "voluntary_change_high",
            "trust_change_low",
            "trust_change_high",
        ):
            travel[column] = pd.Series(dtype=float)
        for axis in ("voluntary", "trust"):
            travel[f"clear_change_{axis}"] = pd.Series(dtype="boolean")
    return summary, organizations, travel, reliability
