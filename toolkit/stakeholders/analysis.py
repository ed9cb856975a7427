"""Per-stakeholder analysis: Mendelow's grid, salience, marginal stakeholders, coverage,
dominance."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from .register import (
    DEFAULT_DOMINANCE_THRESHOLD,
    GRID_QUADRANTS,
    MARGINAL_RECOMMENDATIONS,
    MIN_MEMBERS,
    SALIENCE_CLASSES,
    SECTORS,
    THIN_SHARE,
    resolve_thresholds,
)

# --------------------------------------------------------------------------- analyses


def power_interest_grid(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Place each stakeholder in Mendelow's power/interest grid.

    Returns a DataFrame with the register's index and the column ``grid``
    (one of the values of :data:`GRID_QUADRANTS`), plus ``high_power`` and
    ``high_interest``.

    >>> reg = pd.DataFrame({"power": [4, 4, 3, 3], "interest": [4, 3, 4, 3]})
    >>> power_interest_grid(reg)["grid"].tolist()
    ['manage closely', 'keep satisfied', 'keep informed', 'monitor']
    """
    t = resolve_thresholds(thresholds)
    p = register["power"].to_numpy(dtype=float) >= t["power"]
    i = register["interest"].to_numpy(dtype=float) >= t["interest"]
    labels = np.select(
        [p & i, p & ~i, ~p & i],
        [GRID_QUADRANTS[True, True], GRID_QUADRANTS[True, False], GRID_QUADRANTS[False, True]],
        GRID_QUADRANTS[False, False],
    )
    return pd.DataFrame(
        {"grid": labels.astype(object), "high_power": p, "high_interest": i},
        index=register.index,
    )


def salience(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Classify each stakeholder by salience (Mitchell, Agle & Wood, 1997).

    Returns a DataFrame with the register's index and columns ``salience``
    (dormant, discretionary, demanding, dominant, dangerous, dependent,
    definitive or non-stakeholder), ``salience_group`` (latent, expectant,
    definitive or none), ``attributes`` (how many of power, legitimacy and
    urgency are high, 0-3) and ``attributes_held`` (their names).

    >>> reg = pd.DataFrame({"power": [5, 1, 5], "legitimacy": [5, 1, 1], "urgency": [5, 1, 4]})
    >>> salience(reg)[["salience", "salience_group", "attributes"]]
              salience salience_group  attributes
    0       definitive     definitive           3
    1  non-stakeholder           none           0
    2        dangerous      expectant           2
    """
    t = resolve_thresholds(thresholds)
    p = register["power"].to_numpy(dtype=float) >= t["power"]
    lg = register["legitimacy"].to_numpy(dtype=float) >= t["legitimacy"]
    u = register["urgency"].to_numpy(dtype=float) >= t["urgency"]
    code = p.astype(int) * 4 + lg.astype(int) * 2 + u.astype(int)
    names = np.empty(8, dtype=object)
    groups = np.empty(8, dtype=object)
    held = np.empty(8, dtype=object)
    for (hp, hl, hu), (name, group) in SALIENCE_CLASSES.items():
        c = hp * 4 + hl * 2 + hu
        names[c], groups[c] = name, group
        held[c] = ", ".join(
            a for a, h in zip(("power", "legitimacy", "urgency"), (hp, hl, hu), strict=True) if h
        )
    return pd.DataFrame(
        {
            "salience": names[code],
            "salience_group": groups[code],
            "attributes": p.astype(int) + lg.astype(int) + u.astype(int),
            "attributes_held": held[code],
        },
        index=register.index,
    )


def marginal_stakeholders(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Flag marginal stakeholders and say what the sources recommend for them.

    Marginal means low power and high interest, unless the register's
    ``marginal`` column says yes or no for that row.

    Returns
    -------
    DataFrame
        The register's index; ``marginal`` (bool), ``marginal_source``
        (``"ratings"`` or ``"register"``) and ``recommendation`` (the
        :data:`MARGINAL_RECOMMENDATIONS` joined, for marginal rows; empty
        otherwise).

    Examples
    --------
    >>> reg = pd.DataFrame({"power": [1, 1, 5], "interest": [5, 5, 5],
    ...                     "marginal": pd.array([None, False, True], dtype="boolean")})
    >>> marginal_stakeholders(reg)[["marginal", "marginal_source"]]
       marginal marginal_source
    0      True         ratings
    1     False        register
    2      True        register
    """
    grid = power_interest_grid(register, thresholds)
    derived = (~grid["high_power"] & grid["high_interest"]).to_numpy()
    if "marginal" in register.columns:
        given = register["marginal"].astype("boolean").array
        known = ~np.asarray(given.isna())
        final = np.where(known, np.asarray(given.fillna(False), dtype=bool), derived)
    else:
        known = np.zeros(len(register), dtype=bool)
        final = derived
    text = "; ".join(MARGINAL_RECOMMENDATIONS)
    return pd.DataFrame(
        {
            "marginal": final.astype(bool),
            "marginal_source": np.where(known, "register", "ratings").astype(object),
            "recommendation": np.where(final, text, "").astype(object),
        },
        index=register.index,
    )


def analyse_stakeholders(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Return the register with grid, salience and marginal columns added.

    The result is a new DataFrame (same index); ``marginal`` holds the final
    flag (see :func:`marginal_stakeholders`).

    >>> from toolkit.stakeholders import example_register
    >>> out = analyse_stakeholders(example_register())
    >>> out["grid"].value_counts().sort_index().to_dict()
    {'keep informed': 4, 'keep satisfied': 2, 'manage closely': 2, 'monitor': 4}
    """
    grid = power_interest_grid(register, thresholds)
    sal = salience(register, thresholds)
    marg = marginal_stakeholders(register, thresholds)
    out = register.drop(columns=["marginal"], errors="ignore").copy()
    out["grid"] = grid["grid"]
    for column in sal.columns:
        out[column] = sal[column]
    for column in marg.columns:
        out[column] = marg[column]
    return out


def sector_coverage(
    register: pd.DataFrame, *, min_members: int = MIN_MEMBERS, thin_share: float = THIN_SHARE
) -> pd.DataFrame:
    """Count stakeholders and power per sector, and say which sectors are missing or thin.

    A sector is ``missing`` with no stakeholder, ``thin`` when it has fewer than
    ``min_members`` stakeholders (default 2: one person cannot be away) or fewer
    than ``thin_share`` of them (default 10%), otherwise ``ok``. Always three
    rows, in the order of :data:`SECTORS`.

    >>> reg = pd.DataFrame({"sector": ["state", "state", "civil society"], "power": [5, 4, 1]})
    >>> sector_coverage(reg)
              sector  stakeholders     share  power  power_share   status
    0          state             2  0.666667    9.0          0.9       ok
    1         market             0  0.000000    0.0          0.0  missing
    2  civil society             1  0.333333    1.0          0.1     thin
    """
    counts = register["sector"].value_counts().reindex(list(SECTORS), fill_value=0)
    power = (
        register["power"]
        .astype(float)
        .groupby(register["sector"])
        .sum()
        .reindex(list(SECTORS), fill_value=0.0)
    )
    total_n = max(int(counts.sum()), 1)
    total_p = float(power.sum()) or 1.0
    share = counts.to_numpy() / total_n
    status = np.where(
        counts.to_numpy() == 0,
        "missing",
        np.where((counts.to_numpy() < min_members) | (share < thin_share), "thin", "ok"),
    )
    return pd.DataFrame(
        {
            "sector": list(SECTORS),
            "stakeholders": counts.to_numpy().astype(int),
            "share": share,
            "power": power.to_numpy(dtype=float),
            "power_share": power.to_numpy(dtype=float) / total_p,
            "status": status.astype(object),
        }
    )


def power_dominance(
    register: pd.DataFrame, *, threshold: float = DEFAULT_DOMINANCE_THRESHOLD
) -> pd.DataFrame:
    """Measure whether one organisation or one sector holds most of the power.

    Power held is the sum of the power ratings. Returns two rows, ``level``
    ``organization`` and ``sector``, each naming the largest holder (ties go to
    the first in the register), its ``power``, its ``share`` of the total, and
    ``dominates`` (share at least ``threshold``, default 0.5).

    >>> reg = pd.DataFrame({"organization": ["A", "A", "B"],
    ...                     "sector": ["state", "state", "market"], "power": [5, 4, 1]})
    >>> power_dominance(reg)
              level largest  power  share  dominates  threshold
    0  organization       A    9.0    0.9       True        0.5
    1        sector   state    9.0    0.9       True        0.5
    """
    if not (0 < threshold <= 1):
        raise InputError(
            "dominance threshold out of range",
            value=threshold,
            allowed="a share greater than 0 and at most 1",
        )
    power = register["power"].astype(float)
    total = float(power.sum()) or 1.0
    rows = []
    for level in ("organization", "sector"):
        sums = power.groupby(register[level], sort=False).sum()
        top = sums.idxmax() if len(sums) else None
        value = float(sums.max()) if len(sums) else 0.0
        rows.append((level, top, value, value / total))
    out = pd.DataFrame(rows, columns=["level", "largest", "power", "share"])
    out["dominates"] = out["share"] >= threshold
    out["threshold"] = float(threshold)
    return out
