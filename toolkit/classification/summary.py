"""Summaries per partnership and round, and per organisation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..continuum import CONTINUUM_ITEMS, continuum_levels
from ..counts import bincount
from ..errors import InputError
from ..rounds import order_rounds
from .modes import DEFAULT_BOUNDARIES, MODES, Boundaries, _mode_codes, _mode_columns
from .scoring import CONTINUUM_YES_SHARE, _id_columns

#: Default disagreement (standard deviation of scores) at which partners "see it very differently".
DISAGREEMENT_THRESHOLD = 0.125


# --------------------------------------------------------------------------- aggregation


def _keys(scored: pd.DataFrame) -> list[str]:
    return ["partnership", "round"] if "round" in scored.columns else ["partnership"]


def _sort_ranks(values: pd.Series, *, rounds: bool) -> np.ndarray:
    """Each value's rank in sort order (text order; rounds as :func:`toolkit.rounds.order_rounds`).

    Only the distinct values are sorted, so a column of many rows with few
    distinct values (partnerships, rounds, organisations) sorts fast. Rounds
    in an ordered categorical column (``--rounds``) keep that order.
    """
    if rounds and isinstance(values.dtype, pd.CategoricalDtype):
        if values.dtype.ordered:
            return np.asarray(values.cat.codes, dtype=np.int64)
        # Categories are in order of first appearance in the file.
        order = order_rounds(values.cat.categories.astype(str))
        position = {label: i for i, label in enumerate(order)}
        table = np.array([position[str(c)] for c in values.cat.categories] + [-1])
        return table[np.asarray(values.cat.codes, dtype=np.int64)]
    codes, uniques = pd.factorize(values.astype(str))
    if rounds:
        order = order_rounds(uniques)
        position = {label: i for i, label in enumerate(order)}
        return np.array([position[u] for u in uniques], dtype=np.int64)[codes]
    distinct = pd.Series(np.asarray(uniques, dtype=object))
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[np.argsort(distinct.to_numpy(), kind="stable")] = np.arange(len(distinct))
    return rank[codes]


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    ordered = ["partnership", *(["round"] if "round" in keys else [])]
    ordered += [k for k in keys if k not in ("partnership", "round")]
    ranks = [_sort_ranks(frame[k], rounds=k == "round") for k in ordered]
    position = np.lexsort(ranks[::-1])  # stable; the first key sorts first
    return frame.iloc[position].reset_index(drop=True)


def summarize_partnerships(
    scored: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    continuum_yes_share: float = CONTINUUM_YES_SHARE,
) -> pd.DataFrame:
    """Summarise respondents' scores per partnership (and round).

    Parameters
    ----------
    scored : DataFrame
        As returned by :func:`score_responses`. It is not modified.
    boundaries : Boundaries, optional
        For the mode of the mean scores.
    disagreement_threshold : float, default 0.125
        ``partners_differ`` is true when the disagreement on either axis is at
        least this.
    continuum_yes_share : float, default 0.5
        The share of "yes" among respondents who answered an ``H`` item at
        which the partnership counts as doing that strategy.

    Returns
    -------
    DataFrame
        One row per partnership (and round), sorted by partnership then round:
        ``partnership``, ``round`` (when present), ``respondents`` (scored),
        ``excluded`` (not scored), ``voluntary``, ``trust`` (means), ``mode``,
        ``boundary_distance``, ``neighbour``, ``near_boundary``,
        ``disagreement_voluntary``, ``disagreement_trust`` (standard
        deviations; NaN with fewer than two respondents), ``partners_differ``,
        ``complying``, ``constraining``, ``creating`` (scored respondents in
        each mode, placed with ``boundaries``), ``continuum``,
        ``continuum_inconsistent``, ``continuum_skipped`` and ``organizations``
        (number of organisations among respondents).

    Examples
    --------
    >>> from toolkit.classification import score_responses
    >>> answers = pd.DataFrame({"partnership": ["P", "P", "Q"],
    ...                         "MV01": [1, 3, 5], "CT01": [2, 5, 5], "H1": [1, 1, 0]})
    >>> summary = summarize_partnerships(score_responses(answers))
    >>> summary[["partnership", "respondents", "voluntary", "trust", "mode", "continuum"]]
      partnership  respondents  voluntary  trust          mode   continuum
    0           P            2       0.25  0.625  constraining  networking
    1           Q            1       1.00  1.000      creating        none
    >>> summary[["disagreement_voluntary", "disagreement_trust", "partners_differ"]]
       disagreement_voluntary  disagreement_trust  partners_differ
    0                    0.25               0.375             True
    1                     NaN                 NaN            False
    """
    keys = _keys(scored)
    missing = {"partnership", "voluntary", "trust", "excluded"} - set(scored.columns)
    if missing:
        raise InputError(
            "not a scored table (use score_responses first)",
            value=", ".join(sorted(missing)),
            allowed="the DataFrame that score_responses returns",
        )
    gid, size, summary = _groups(scored, keys)
    inc = _included(scored)
    g = gid[inc]
    n = bincount(g, minlength=size)
    summary["respondents"] = n
    summary["excluded"] = bincount(gid, minlength=size) - n
    for axis in ("voluntary", "trust"):
        mean, spread = _mean_sd(g, scored[axis].to_numpy(dtype=float)[inc], n)
        summary[axis] = mean
        summary[f"disagreement_{axis}"] = np.where(n >= 2, spread, np.nan)
    summary["partners_differ"] = (summary["disagreement_voluntary"] >= disagreement_threshold) | (
        summary["disagreement_trust"] >= disagreement_threshold
    )
    modes = _mode_columns(summary["voluntary"], summary["trust"], boundaries)
    for column in modes.columns:
        summary[column] = modes[column]
    # Respondents' own modes, placed with these boundaries (numbers, not text: faster).
    mode_index = _mode_codes(
        scored["voluntary"].to_numpy(dtype=float)[inc],
        scored["trust"].to_numpy(dtype=float)[inc],
        boundaries,
    )
    valid = mode_index < len(MODES)
    counts = bincount(
        g[valid] * len(MODES) + mode_index[valid], minlength=size * len(MODES)
    ).reshape(size, len(MODES))
    for j, mode in enumerate(MODES):
        summary[mode] = counts[:, j]
    yes = pd.DataFrame(index=summary.index)
    for item in (i for i in CONTINUUM_ITEMS if i in scored.columns):
        answers = scored[item].to_numpy(dtype=float)[inc]
        answered = ~np.isnan(answers)
        said_yes = bincount(g[answered], weights=answers[answered] == 1, minlength=size)
        asked = bincount(g[answered], minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = said_yes / asked
        yes[item] = np.where(asked > 0, (share >= continuum_yes_share).astype(float), np.nan)
    levels = continuum_levels(yes)
    for column in levels.columns:
        summary[column] = levels[column]
    summary["organizations"] = 0
    if "organization" in scored.columns:
        org, names = pd.factorize(scored["organization"])
        org = org[inc]
        known = org >= 0
        width = len(names) + 1
        if size * width <= 20_000_000:  # a presence table is fastest while it stays small
            present = np.zeros(size * width, dtype=bool)
            present[g[known].astype(np.int64) * width + org[known]] = True
            summary["organizations"] = present.reshape(size, width).sum(axis=1)
        else:
            pairs = np.unique(g[known].astype(np.int64) * width + org[known])
            summary["organizations"] = bincount(pairs // width, minlength=size)
    columns = [
        *keys,
        "respondents",
        "excluded",
        "voluntary",
        "trust",
        "mode",
        "boundary_distance",
        "neighbour",
        "near_boundary",
        "disagreement_voluntary",
        "disagreement_trust",
        "partners_differ",
        *MODES,
        "continuum",
        "continuum_inconsistent",
        "continuum_skipped",
        "organizations",
    ]
    return _sorted(summary[columns], keys)


def _included(scored: pd.DataFrame) -> np.ndarray:
    """True for the respondents that were scored.

    A respondent is scored exactly when both axis scores exist (an excluded
    respondent's scores are NaN, and nobody is scored on zero items), which is
    much faster to test than the text of the ``excluded`` reasons.
    """
    voluntary = scored["voluntary"].to_numpy(dtype=float, na_value=np.nan)
    trust = scored["trust"].to_numpy(dtype=float, na_value=np.nan)
    return ~(np.isnan(voluntary) | np.isnan(trust))


def _groups(
    frame: pd.DataFrame, keys: list[str], rows: np.ndarray | None = None
) -> tuple[np.ndarray, int, pd.DataFrame]:
    """Group ids (in order of first appearance), the number of groups and their keys.

    ``rows`` (a boolean mask) restricts the grouping to some rows. Key values
    come back as text; a missing organisation as ``"(not given)"``.
    """
    combined = np.zeros(len(frame) if rows is None else int(rows.sum()), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(frame[key], use_na_sentinel=False)
        if rows is not None:
            codes = codes[rows]
        combined = combined * (len(uniques) + 1) + codes
    gid, group_ids = pd.factorize(combined)
    if gid.size == 0:
        return gid, 0, pd.DataFrame({k: pd.Series(dtype=str) for k in keys})
    peak = np.maximum.accumulate(gid)
    first = np.flatnonzero(np.r_[True, peak[1:] > peak[:-1]])
    positions = first if rows is None else np.flatnonzero(rows)[first]
    groups = pd.DataFrame(
        {k: _as_text(frame[k].iloc[positions]).to_numpy() for k in keys}, dtype=str
    )
    return gid, len(group_ids), groups


def _as_text(values: pd.Series) -> pd.Series:
    """Values as text, a missing one as ``"(not given)"`` (vectorised)."""
    text = values.astype(str)
    return text.where(values.notna().to_numpy(), "(not given)")


def _mean_sd(g: np.ndarray, x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-group mean and population standard deviation (rounded to 12 decimals)."""
    size = n.size
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = bincount(g, weights=x, minlength=size) / n
        deviation = x - mean[g]
        spread = np.sqrt(bincount(g, weights=deviation * deviation, minlength=size) / n)
    return mean, np.round(spread, 12)


def summarize_organizations(
    scored: pd.DataFrame, *, boundaries: Boundaries = DEFAULT_BOUNDARIES
) -> pd.DataFrame:
    """Break each partnership (and round) down by the respondents' organisation.

    Returns one row per partnership, round (when present) and organisation:
    ``respondents``, mean ``voluntary`` and ``trust``, the ``mode`` of those
    means and ``near_boundary``. Respondents with no organisation are grouped
    under ``"(not given)"``; excluded respondents are left out (they are
    counted by :func:`summarize_partnerships`). Without an ``organization``
    column the result is empty. ``scored`` is not modified.

    >>> from toolkit.classification import score_responses
    >>> answers = pd.DataFrame({"partnership": ["P", "P", "P"],
    ...                         "organization": ["Council", "Charity", "Charity"],
    ...                         "MV01": [1, 4, 5], "CT01": [1, 5, 4]})
    >>> summarize_organizations(score_responses(answers)).drop(columns="near_boundary")
      partnership organization  respondents  voluntary  trust       mode
    0           P      Charity            2      0.875  0.875   creating
    1           P      Council            1      0.000  0.000  complying
    """
    keys = _keys(scored)
    columns = [*keys, "organization", "respondents", "voluntary", "trust", "mode", "near_boundary"]
    if "organization" not in scored.columns:
        return pd.DataFrame(columns=columns)
    inc = _included(scored)
    gid, size, stats = _groups(scored, [*keys, "organization"], rows=inc)
    n = bincount(gid, minlength=size)
    stats["respondents"] = n
    for axis in ("voluntary", "trust"):
        stats[axis], _ = _mean_sd(gid, scored[axis].to_numpy(dtype=float)[inc], n)
    modes = _mode_columns(stats["voluntary"], stats["trust"], boundaries)
    stats["mode"] = modes["mode"]
    stats["near_boundary"] = modes["near_boundary"]
    return _sorted(stats[columns], [*keys, "organization"])


def excluded_respondents(scored: pd.DataFrame) -> pd.DataFrame:
    """The respondents who were not scored, with the reason (a new DataFrame).

    >>> from toolkit.classification import score_responses
    >>> answers = pd.DataFrame({"partnership": ["P", "P"], "respondent": ["a", "b"],
    ...                         "MV01": [1, None], "CT01": [2, 3]})
    >>> excluded_respondents(score_responses(answers))
      partnership respondent                                            reason
    0           P          b  answered 0 of 1 voluntary items (fewer than 50%)
    """
    ids = _id_columns(scored)
    mask = ~_included(scored)
    out = scored.loc[mask, ids].copy()
    out["reason"] = scored.loc[mask, "excluded"]
    return out.reset_index(drop=True)
