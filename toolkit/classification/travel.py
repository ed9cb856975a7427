"""How each partnership moved between rounds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .summary import _sorted

#: Default change on an axis, between rounds, below which the axis is called steady.
STEADY = 0.05


def direction_of_travel(summary: pd.DataFrame, *, steady: float = STEADY) -> pd.DataFrame:
    """Each partnership's movement between consecutive rounds.

    Parameters
    ----------
    summary : DataFrame
        As returned by :func:`summarize_partnerships`, with a ``round``
        column. It is not modified.
    steady : float, default 0.05
        A change on an axis smaller than this (in absolute value) is "steady".

    Returns
    -------
    DataFrame
        One row per partnership and pair of consecutive rounds:
        ``partnership``, ``from_round``, ``to_round``, ``voluntary_from``,
        ``voluntary_to``, ``voluntary_change``, ``trust_from``, ``trust_to``,
        ``trust_change``, ``distance`` (straight-line movement on the map),
        ``mode_from``, ``mode_to``, ``mode_changed``, ``continuum_from``,
        ``continuum_to`` and ``direction`` (a short description). Empty when
        there are no rounds.

    Examples
    --------
    >>> summary = pd.DataFrame({"partnership": ["P", "P"], "round": ["2025", "2026"],
    ...                         "voluntary": [0.3, 0.45], "trust": [0.3, 0.5],
    ...                         "mode": ["complying", "constraining"],
    ...                         "continuum": ["networking", "coordinating"]})
    >>> travel = direction_of_travel(summary)
    >>> travel[["from_round", "to_round", "voluntary_change", "trust_change"]]
      from_round to_round  voluntary_change  trust_change
    0       2025     2026              0.15           0.2
    >>> print(travel.loc[0, "direction"])
    more voluntary and more trust-based; moved from complying to constraining
    """
    columns = [
        "partnership",
        "from_round",
        "to_round",
        "voluntary_from",
        "voluntary_to",
        "voluntary_change",
        "trust_from",
        "trust_to",
        "trust_change",
        "distance",
        "mode_from",
        "mode_to",
        "mode_changed",
        "continuum_from",
        "continuum_to",
        "direction",
    ]
    if "round" not in summary.columns or summary.empty:
        return pd.DataFrame(columns=columns)
    ordered = _sorted(summary, ["partnership", "round"])
    nxt = ordered.groupby("partnership", sort=False).shift(-1)
    has_next = nxt["round"].notna().to_numpy()
    a = ordered[has_next].reset_index(drop=True)
    b = nxt[has_next].reset_index(drop=True)
    continuum_from = a["continuum"] if "continuum" in a else pd.Series(None, index=a.index)
    continuum_to = b["continuum"] if "continuum" in b else pd.Series(None, index=b.index)
    out = pd.DataFrame(
        {
            "partnership": a["partnership"],
            "from_round": a["round"],
            "to_round": b["round"],
            "voluntary_from": a["voluntary"].astype(float),
            "voluntary_to": b["voluntary"].astype(float),
            "trust_from": a["trust"].astype(float),
            "trust_to": b["trust"].astype(float),
            "mode_from": a["mode"],
            "mode_to": b["mode"],
            "continuum_from": continuum_from,
            "continuum_to": continuum_to,
        }
    )
    out["voluntary_change"] = (out["voluntary_to"] - out["voluntary_from"]).round(12)
    out["trust_change"] = (out["trust_to"] - out["trust_from"]).round(12)
    out["distance"] = np.hypot(out["voluntary_change"], out["trust_change"])
    out["mode_changed"] = (
        (out["mode_from"] != out["mode_to"]) & out["mode_from"].notna() & out["mode_to"].notna()
    )
    dv, dt = out["voluntary_change"].to_numpy(), out["trust_change"].to_numpy()
    vol = np.select(
        [dv >= steady, dv <= -steady], ["more voluntary", "more mandatory"], "about as voluntary"
    )
    tru = np.select(
        [dt >= steady, dt <= -steady],
        ["more trust-based", "more contract-based"],
        "about as trust-based",
    )
    moved = np.where(
        out["mode_changed"].to_numpy(),
        "moved from " + out["mode_from"].astype(str) + " to " + out["mode_to"].astype(str),
        "stayed " + out["mode_from"].astype(str),
    )
    text = pd.Series(vol, dtype=object) + " and " + pd.Series(tru, dtype=object) + "; " + moved
    unknown = np.isnan(dv) | np.isnan(dt)
    out["direction"] = text.where(~unknown, "not comparable: a round has no scored respondents")
    return out[columns]
