"""Gaps and warnings, and the whole-register summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..records import json_value, records
from .analysis import analyse_stakeholders, marginal_stakeholders, power_dominance, sector_coverage
from .network import betweenness_method, network_measures, one_way_resource_flows
from .register import (
    BETWEENNESS_EXACT_LIMIT,
    BETWEENNESS_SAMPLES,
    DEFAULT_DOMINANCE_THRESHOLD,
    GRID_QUADRANTS,
    MARGINAL_RECOMMENDATIONS,
    MIN_MEMBERS,
    SALIENCE_CLASSES,
    THIN_SHARE,
    resolve_thresholds,
    sector_mappings,
)

# --------------------------------------------------------------------------- summary


def coverage_gaps(
    register: pd.DataFrame,
    relationships: pd.DataFrame | None = None,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    min_members: int = MIN_MEMBERS,
    thin_share: float = THIN_SHARE,
    dominance_threshold: float = DEFAULT_DOMINANCE_THRESHOLD,
) -> pd.DataFrame:
    """List what is missing or lopsided in the map, in plain sentences.

    Returns a DataFrame with ``kind`` (``missing sector``, ``thin sector``,
    ``dominance``, ``marginal``, ``isolates``, ``resource flows``) and ``gap``
    (the sentence).

    >>> reg = pd.DataFrame({"name": ["a", "b"], "organization": ["A", "A"],
    ...                     "sector": ["state", "state"], "power": [5, 4], "interest": [4, 2],
    ...                     "legitimacy": [3, 3], "urgency": [3, 3]})
    >>> for gap in coverage_gaps(reg)["gap"]:
    ...     print(gap)
    no market-sector member
    private businesses are a gap Armistead & Pettigrew (2007) often found in partnerships
    led by the public sector
    no civil-society member
    one organisation, A, holds 100% of the power in the map
    one sector, state, holds 100% of the power in the map
    """
    rows: list[tuple[str, str]] = []
    cov = sector_coverage(register, min_members=min_members, thin_share=thin_share)
    for sector, n, status in cov[["sector", "stakeholders", "status"]].itertuples(index=False):
        label = sector.replace(" ", "-")
        if status == "missing":
            rows.append(
                (
                    "missing sector",
                    f"no {label}-sector member"
                    if sector != "civil society"
                    else "no civil-society member",
                )
            )
            if sector == "market" and (cov["sector"].eq("state") & cov["stakeholders"].gt(0)).any():
                rows.append(
                    (
                        "missing sector",
                        "private businesses are a gap Armistead & Pettigrew (2007) often found "
                        "in partnerships led by the public sector",
                    )
                )
        elif status == "thin":
            word = "member" if n == 1 else "members"
            rows.append(("thin sector", f"the {sector} sector is thin: {n} {word}"))
    dom = power_dominance(register, threshold=dominance_threshold)
    columns = ["level", "largest", "share", "dominates"]
    for level, largest, share, dominates in dom[columns].itertuples(index=False):
        if dominates:
            what = "one organisation" if level == "organization" else "one sector"
            rows.append(
                ("dominance", f"{what}, {largest}, holds {share:.0%} of the power in the map")
            )
    marg = marginal_stakeholders(register, thresholds)
    k = int(marg["marginal"].sum())
    if k:
        rows.append(
            (
                "marginal",
                f"{k} marginal stakeholder{'s' if k != 1 else ''} (low power, high interest): "
                + "; ".join(MARGINAL_RECOMMENDATIONS),
            )
        )
    if relationships is not None:
        tied = set(relationships["source"]) | set(relationships["target"])
        iso = int((~register["name"].isin(tied)).sum())
        if iso:
            rows.append(
                (
                    "isolates",
                    f"{iso} stakeholder{'s have' if iso != 1 else ' has'} "
                    "no relationship with anyone in the map",
                )
            )
        flows = one_way_resource_flows(relationships)
        if len(flows):
            rows.append(
                (
                    "resource flows",
                    f"{len(flows)} one-way resource flow{'s' if len(flows) != 1 else ''} "
                    "(e.g. funding): the provider typically holds power over the receiver; "
                    "agree how decisions are shared",
                )
            )
    return pd.DataFrame(rows, columns=["kind", "gap"])


def stakeholder_summary(
    register: pd.DataFrame,
    relationships: pd.DataFrame | None = None,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    min_members: int = MIN_MEMBERS,
    thin_share: float = THIN_SHARE,
    dominance_threshold: float = DEFAULT_DOMINANCE_THRESHOLD,
    exact_limit: int = BETWEENNESS_EXACT_LIMIT,
    samples: int = BETWEENNESS_SAMPLES,
    seed: int = 0,
) -> dict[str, Any]:
    """Summarise a register (and its relationships) as a JSON-ready dict.

    Keys: ``stakeholders`` (count), ``sectors`` (count per sector, in the order
    of :data:`SECTORS`), ``missing_sectors``, ``thin_sectors``, ``gaps``
    (sentences), ``sector_mappings``, ``thresholds``, ``dominance``, ``grid``
    and ``salience`` (counts), ``marginal`` (names) and, with relationships,
    ``network``.

    >>> from toolkit.stakeholders import example_register
    >>> s = stakeholder_summary(example_register())
    >>> s["missing_sectors"], s["sectors"]
    ([], {'state': 4, 'market': 2, 'civil society': 6})
    """
    t = resolve_thresholds(thresholds)
    cov = sector_coverage(register, min_members=min_members, thin_share=thin_share)
    analysed = analyse_stakeholders(register, t)
    gaps = coverage_gaps(
        register,
        relationships,
        t,
        min_members=min_members,
        thin_share=thin_share,
        dominance_threshold=dominance_threshold,
    )
    dom = power_dominance(register, threshold=dominance_threshold)
    summary: dict[str, Any] = {
        "stakeholders": len(register),
        "sectors": {s: int(c) for s, c in zip(cov["sector"], cov["stakeholders"], strict=True)},
        "missing_sectors": cov.loc[cov["status"] == "missing", "sector"].tolist(),
        "thin_sectors": cov.loc[cov["status"] == "thin", "sector"].tolist(),
        "gaps": gaps["gap"].tolist(),
        "sector_mappings": records(sector_mappings(register)),
        "thresholds": t,
        "dominance": [
            {
                "level": r["level"],
                "largest": r["largest"],
                "power": float(r["power"]),
                "share": r["share"],
                "dominates": bool(r["dominates"]),
                "threshold": float(r["threshold"]),
            }
            for r in records(dom)
        ],
        "power_share": {
            s: json_value(float(p)) for s, p in zip(cov["sector"], cov["power_share"], strict=True)
        },
        "grid": {q: int((analysed["grid"] == q).sum()) for q in GRID_QUADRANTS.values()},
        "salience": {
            c: int((analysed["salience"] == c).sum()) for c, _ in SALIENCE_CLASSES.values()
        },
        "marginal": analysed.loc[analysed["marginal"], "name"].tolist(),
    }
    for record in summary["sector_mappings"]:
        record["count"] = int(record["count"])
    if relationships is not None:
        net = network_measures(
            register, relationships, exact_limit=exact_limit, samples=samples, seed=seed
        )
        top = net.sort_values(["betweenness", "degree"], ascending=False, kind="stable").head(5)
        summary["network"] = {
            "relationships": len(relationships),
            "betweenness": betweenness_method(
                len(register), exact_limit=exact_limit, samples=samples, seed=seed
            ),
            "most_central": top["name"].tolist(),
            "boundary_spanners": int(net["boundary_spanner"].sum()),
            "isolates": net.loc[net["isolate"], "name"].tolist(),
            "one_way_resource_flows": len(one_way_resource_flows(relationships)),
        }
    return summary
