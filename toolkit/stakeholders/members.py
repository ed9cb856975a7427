"""Candidate members under the three member-identification models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from .analysis import salience
from .register import _first, _key, _num, resolve_thresholds

# --------------------------------------------------------------------------- members


def _founder_positions(register: pd.DataFrame, names: Iterable[str], what: str) -> np.ndarray:
    names = list(names)
    keys = _key(register["name"])
    wanted = _key(pd.Series(names, dtype=object))
    pos = pd.Index(keys.to_numpy()).get_indexer(wanted.to_numpy())
    if (i := _first(pos < 0)) is not None:
        raise InputError(
            f"this {what} is not in the register",
            value=names[i],
            allowed="a name from the register",
        )
    return np.unique(pos)


def expanding_network_candidates(
    register: pd.DataFrame,
    relationships: pd.DataFrame,
    founders: Iterable[str],
    *,
    max_rounds: int | None = None,
) -> pd.DataFrame:
    """The expanding network model: start from the founders and follow ties outward.

    Round 1 reaches everyone tied to a founder (in either direction), round 2
    everyone tied to someone reached in round 1, and so on, until nobody new is
    reached or ``max_rounds`` have run. Each candidate is introduced by the
    person who reached them: of those reached in the round before, the one with
    the strongest tie (then the first in the register). Roberts's article names
    this model without spelling out the procedure; this is the toolkit's reading
    of it.

    Returns
    -------
    DataFrame
        One row per candidate (founders excluded), by round then register
        order: ``name``, ``organization``, ``sector``, ``round``,
        ``introduced_by``, ``via`` (the relationship, e.g. ``A funds B``) and
        ``reason``.

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abcde"), "organization": list("abcde"),
    ...                     "sector": ["state"] * 5})
    >>> rel = pd.DataFrame({"source": ["a", "b", "d"], "target": ["b", "c", "c"],
    ...                     "kind": ["informs", "funds", None], "strength": [3, 4, None]})
    >>> expanding_network_candidates(reg, rel, ["a"])[["name", "round", "introduced_by"]]
      name  round introduced_by
    0    b      1             a
    1    c      2             b
    2    d      3             c
    """
    start = _founder_positions(register, founders, "founder")
    if start.size == 0:
        raise InputError("no founding members given", allowed="one or more names from the register")
    n = len(register)
    index = pd.Index(register["name"].to_numpy())
    s = index.get_indexer(relationships["source"].to_numpy())
    t = index.get_indexer(relationships["target"].to_numpy())
    strength = (
        relationships["strength"].to_numpy(dtype=float)
        if "strength" in relationships
        else (np.full(len(relationships), np.nan))
    )
    # Both directions: (from, to, relationship row)
    frm = np.concatenate([s, t])
    to = np.concatenate([t, s])
    row = np.concatenate([np.arange(len(s)), np.arange(len(s))])
    stren = np.nan_to_num(np.concatenate([strength, strength]), nan=0.0)
    reached = np.full(n, -1, dtype=np.int64)
    reached[start] = 0
    introducer = np.full(n, -1, dtype=np.int64)
    via_row = np.full(n, -1, dtype=np.int64)
    current = np.zeros(n, dtype=bool)
    current[start] = True
    r = 0
    while current.any() and (max_rounds is None or r < max_rounds):
        r += 1
        e = np.flatnonzero(current[frm] & (reached[to] < 0))
        if e.size == 0:
            break
        order = np.lexsort((frm[e], -stren[e], to[e]))
        e = e[order]
        first = np.ones(e.size, dtype=bool)
        first[1:] = to[e][1:] != to[e][:-1]
        e = e[first]
        reached[to[e]] = r
        introducer[to[e]] = frm[e]
        via_row[to[e]] = row[e]
        current = np.zeros(n, dtype=bool)
        current[to[e]] = True
    cand = np.flatnonzero(reached > 0)
    cand = cand[np.lexsort((cand, reached[cand]))]
    names = register["name"].to_numpy()
    rel_src = relationships["source"].to_numpy(dtype=object)
    rel_tgt = relationships["target"].to_numpy(dtype=object)
    kinds = relationships["kind"].astype(object).fillna("is tied to").to_numpy(dtype=object)
    vr = via_row[cand]
    via = pd.Series(rel_src[vr], dtype=object) + " " + kinds[vr] + " " + rel_tgt[vr]
    out = pd.DataFrame(
        {
            "name": names[cand],
            "organization": register["organization"].to_numpy()[cand],
            "sector": register["sector"].to_numpy()[cand],
            "round": reached[cand].astype(int),
            "introduced_by": names[introducer[cand]],
        }
    )
    out["via"] = via.to_numpy()
    out["reason"] = (
        "introduced by "
        + out["introduced_by"].astype(str)
        + " in round "
        + out["round"].astype(str)
        + " ("
        + out["via"].astype(str)
        + ")"
    )
    return out


def stakeholder_analysis_candidates(
    register: pd.DataFrame,
    members: Iterable[str] | None = None,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    min_members: int = 2,
) -> pd.DataFrame:
    """The stakeholder analysis model: rank non-members by salience and the gaps they fill.

    Candidates are the stakeholders not in ``members`` who hold at least one
    salience attribute or belong to a sector the members lack. They are ranked
    by the number of salience attributes (definitive, then expectant, then
    latent), then by the gap they would fill (a sector the members lack, then
    a thin sector with fewer than ``min_members`` members), then by power +
    legitimacy + urgency, then register order. Roberts's article names this
    model; the ranking rule is the toolkit's.

    Returns
    -------
    DataFrame
        ``rank``, ``name``, ``organization``, ``sector``, ``salience``,
        ``attributes``, ``fills`` (``missing sector``, ``thin sector`` or
        empty) and ``reason``.

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abc"), "organization": list("abc"),
    ...                     "sector": ["state", "market", "state"], "power": [5, 2, 5],
    ...                     "interest": [3, 3, 3], "legitimacy": [5, 4, 1], "urgency": [1, 2, 1]})
    >>> stakeholder_analysis_candidates(reg, members=["a"])[["rank", "name", "salience", "fills"]]
       rank name       salience           fills
    0     1    b  discretionary  missing sector
    1     2    c        dormant     thin sector
    """
    is_member = np.zeros(len(register), dtype=bool)
    if members is not None:
        is_member[_founder_positions(register, members, "member")] = True
    sal = salience(register, thresholds)
    counts = register.loc[is_member, "sector"].value_counts()
    member_count = register["sector"].map(counts).fillna(0).to_numpy()
    fills_rank = np.where(member_count == 0, 2, np.where(member_count < min_members, 1, 0))
    keep = ~is_member & ((sal["attributes"].to_numpy() > 0) | (fills_rank == 2))
    total = (register["power"] + register["legitimacy"] + register["urgency"]).to_numpy(float)
    pos = np.flatnonzero(keep)
    order = np.lexsort((pos, -total[pos], -fills_rank[pos], -sal["attributes"].to_numpy()[pos]))
    pos = pos[order]
    fills = np.array(["", "thin sector", "missing sector"], dtype=object)[fills_rank[pos]]
    sector = register["sector"].to_numpy()[pos]
    held = sal["attributes_held"].to_numpy()[pos]
    sal_name = sal["salience"].to_numpy()[pos]
    held_s = pd.Series(held, dtype=object)
    base = pd.Series(sal_name, dtype=object) + " stakeholder (high " + held_s + ")"
    base = base.where(held_s != "", "no high power, legitimacy or urgency")
    gap = np.where(
        fills == "missing sector",
        "; adds the " + sector.astype(str) + " sector, which the members lack",
        np.where(
            fills == "thin sector", "; strengthens the thin " + sector.astype(str) + " sector", ""
        ),
    )
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(pos) + 1),
            "name": register["name"].to_numpy()[pos],
            "organization": register["organization"].to_numpy()[pos],
            "sector": sector,
            "salience": sal_name,
            "attributes": sal["attributes"].to_numpy()[pos].astype(int),
            "fills": fills,
            "reason": (base + pd.Series(gap, dtype=object)).to_numpy(),
        }
    )


def self_selection_candidates(
    register: pd.DataFrame, threshold: float | None = None
) -> pd.DataFrame:
    """The self-selection model: who would answer an open call.

    In an open call, stakeholders choose themselves; the register's interest
    rating stands for how likely they are to come forward. Candidates are those
    whose interest is at or above ``threshold`` (default: the interest
    threshold, :data:`DEFAULT_THRESHOLD`), by interest (highest first) then
    register order. Roberts's article names this model; the interest rule is
    the toolkit's reading of it.

    Returns
    -------
    DataFrame
        ``rank``, ``name``, ``organization``, ``sector``, ``interest``,
        ``reason``.

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abc"), "organization": list("abc"),
    ...                     "sector": ["state"] * 3, "interest": [4, 2, 5]})
    >>> out = self_selection_candidates(reg)
    >>> out["name"].tolist()
    ['c', 'a']
    >>> print(out["reason"].iloc[0])
    interest 5 is at or above the open-call threshold 4
    """
    t = resolve_thresholds(None if threshold is None else {"interest": threshold})["interest"]
    interest = register["interest"].to_numpy(dtype=float)
    pos = np.flatnonzero(interest >= t)
    pos = pos[np.lexsort((pos, -interest[pos]))]
    shown = pd.Series([_num(x) for x in interest[pos]], dtype=object)
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(pos) + 1),
            "name": register["name"].to_numpy()[pos],
            "organization": register["organization"].to_numpy()[pos],
            "sector": register["sector"].to_numpy()[pos],
            "interest": interest[pos],
            "reason": (
                "interest " + shown + " is at or above the open-call threshold " + _num(t)
            ).to_numpy(),
        }
    )
