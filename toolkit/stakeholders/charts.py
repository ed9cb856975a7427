"""Charts of a stakeholder map: the power/interest grid, sector coverage, the network.

Each builder takes the register (validated by
:func:`toolkit.stakeholders.validate_register`) and returns an Altair chart
with a ``description`` that reads well aloud; none displays anything. The data
embedded in a chart is kept small: large registers are aggregated (grid) or cut
to the most central stakeholders (network), and the chart's title and
description say so.

Layouts are deterministic: the same register always gives the same picture.

* **Grid.** Points with the same ratings are spread apart on a small grid
  inside their cell, always towards the side of the quadrant they belong to, so
  a point never crosses a quadrant line. Only the highest-rated stakeholder at
  each position is labelled (and at most ``max_labels`` in all); every point
  has a tooltip. Marginal stakeholders are drawn as triangles.
* **Labels.** A point is labelled with a number, and a key under the chart gives
  each number's full name (never cut): a short number fits beside a point on a
  phone and on a desktop without running over its neighbours, where names of
  forty characters cannot.
* **Network.** Stakeholders sit on a circle, grouped by sector (state, market,
  civil society, with a gap between groups), within a sector by degree then
  register order; lines are relationships.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..charts import SECTOR_COLORS, altair_module
from .analysis import analyse_stakeholders, sector_coverage
from .network import network_measures
from .register import MIN_MEMBERS, SECTORS, THIN_SHARE, resolve_thresholds

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["grid_chart", "network_chart", "sector_coverage_chart"]

_QUADRANT_PLACES = {
    "manage closely": "top right",
    "keep satisfied": "top left",
    "keep informed": "bottom right",
    "monitor": "bottom left",
}


#: Grid chart size in pixels (the page's script narrows it to fit a phone, keeping it square).
_GRID_SIZE = 560
#: The key's columns: two where the chart is wide enough for two full names side by side.
_KEY_COLUMNS = "width < 440 ? 1 : 2"


def _key_legend(alt: Any, keys: list[str]) -> Any:
    """An opacity channel that draws nothing but the key: one full name per label number.

    Every value has opacity 1, so the labels look the same; the legend lists "1 Name" rows
    in label order, under the chart, with no symbol and no length limit.
    """
    return alt.Opacity(
        "key:N",
        scale=alt.Scale(domain=keys, range=[1] * len(keys)),
        legend=alt.Legend(
            title="Key",
            orient="bottom",
            direction="vertical",
            columns=alt.ExprRef(_KEY_COLUMNS),
            labelLimit=0,
            symbolOpacity=0,
            symbolSize=0,
            symbolStrokeWidth=0,
            labelOffset=0,
        ),
    )


def _numbered(labels: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """``labels`` with ``label`` the number (1, 2, ...) and ``key`` "number  full name"."""
    numbers = [str(i + 1) for i in range(len(labels))]
    return labels.assign(
        label=numbers, key=[f"{n}  {name}" for n, name in zip(numbers, names, strict=True)]
    )


def _sector_scale(alt: Any) -> Any:
    return alt.Scale(domain=list(SECTORS), range=[SECTOR_COLORS[s] for s in SECTORS])


def _fmt(x: float) -> str:
    return f"{x:g}"


def grid_chart(
    register: pd.DataFrame,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    max_points: int = 400,
    max_labels: int = 15,
) -> alt.LayerChart:
    """Mendelow's power/interest grid: interest across, power up, coloured by sector.

    Parameters
    ----------
    register : DataFrame
        A validated register.
    thresholds : float or mapping, optional
        When a rating counts as high (see :func:`toolkit.stakeholders.resolve_thresholds`).
        The quadrant lines are drawn at the power and interest thresholds.
    max_points : int
        Above this many stakeholders the chart shows one circle per position
        and sector, sized by how many stakeholders it stands for.
    max_labels : int
        At most this many labels; the highest-rated stakeholder at each position first.

    Examples
    --------
    >>> from toolkit.stakeholders import example_register
    >>> spec = grid_chart(example_register()).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'text', 'text', 'point', 'text']
    >>> "manage closely" in spec["description"]
    True
    """
    alt = altair_module()
    t = resolve_thresholds(thresholds)
    tp, ti = t["power"], t["interest"]
    data = analyse_stakeholders(register, t).reset_index(drop=True)
    n = len(data)
    n_marginal = int(data["marginal"].sum())
    counts = data["grid"].value_counts()
    quadrants = pd.DataFrame(
        {
            "quadrant": list(_QUADRANT_PLACES),
            "x": [ti, 0.5, ti, 0.5],
            "x2": [5.5, ti, 5.5, ti],
            "y": [tp, tp, 0.5, 0.5],
            "y2": [5.5, 5.5, tp, tp],
            "label_x": [5.45, 0.55, 5.45, 0.55],
            "label_y": [5.4, 5.4, 0.6, 0.6],
            "align": ["right", "left", "right", "left"],
        }
    )
    quadrants["count"] = quadrants["quadrant"].map(counts).fillna(0).astype(int)
    quadrants["label"] = quadrants["quadrant"].str.capitalize()
    high_p = data["power"].to_numpy(float) >= tp
    high_i = data["interest"].to_numpy(float) >= ti
    sign_y = np.where(high_p, 1.0, -1.0)
    sign_x = np.where(high_i, 1.0, -1.0)
    aggregated = n > max_points
    if aggregated:
        data = data.assign(
            power=data["power"].round(),
            interest=data["interest"].round(),
            _sy=sign_y,
            _sx=sign_x,
        )
        points = (
            data.groupby(["power", "interest", "sector", "grid", "_sy", "_sx"], sort=True)
            .agg(stakeholders=("name", "size"), marginal=("marginal", "sum"))
            .reset_index()
        )
        slot = points["sector"].map({s: i for i, s in enumerate(SECTORS)}).to_numpy()
        points["x"] = points["interest"] + points["_sx"] * (0.12 + 0.12 * slot)
        points["y"] = points["power"] + points["_sy"] * 0.2
        points["shape"] = np.where(points["marginal"] > 0, "includes marginal", "not marginal")
        labels = points.iloc[0:0]
    else:
        priority = data["power"] + data["interest"]
        order = np.lexsort((np.arange(n), -priority.to_numpy()))
        ranked = data.iloc[order].assign(_sy=sign_y[order], _sx=sign_x[order])
        k = ranked.groupby(["power", "interest"], sort=False).cumcount().to_numpy()
        row, col = k % 4, (k // 4) % 4
        ranked["x"] = ranked["interest"] + ranked["_sx"] * (0.08 + 0.1 * col)
        ranked["y"] = ranked["power"] + ranked["_sy"] * (0.08 + 0.1 * row)
        ranked["shape"] = np.where(ranked["marginal"], "marginal", "not marginal")
        points = ranked.sort_index()
        labels = ranked.loc[k == 0].head(max_labels)
        labels = _numbered(labels, labels["name"])
    x = alt.X(
        "x:Q",
        title="Interest (1-5)",
        scale=alt.Scale(domain=[0.5, 5.5], nice=False),
        axis=alt.Axis(values=[1, 2, 3, 4, 5], grid=False),
    )
    y = alt.Y(
        "y:Q",
        title="Power (1-5)",
        scale=alt.Scale(domain=[0.5, 5.5], nice=False),
        axis=alt.Axis(values=[1, 2, 3, 4, 5], grid=False),
    )
    background = (
        alt.Chart(quadrants)
        .mark_rect(fill="#f7fafc", stroke="#718096", strokeDash=[4, 3])
        .encode(x=x, x2="x2:Q", y=y, y2="y2:Q", tooltip=["quadrant:N", "count:Q"])
    )
    qx = alt.X("label_x:Q", scale=alt.Scale(domain=[0.5, 5.5], nice=False))
    qy = alt.Y("label_y:Q", scale=alt.Scale(domain=[0.5, 5.5], nice=False))
    quadrant_text = [
        alt.Chart(quadrants.loc[quadrants["align"] == side])
        .mark_text(fontWeight="bold", color="#4a5568", fontSize=12, align=side)
        .encode(x=qx, y=qy, text="label:N")
        for side in ("right", "left")
    ]
    shape_domain = (
        ["includes marginal", "not marginal"] if aggregated else ["marginal", "not marginal"]
    )
    colour = alt.Color("sector:N", scale=_sector_scale(alt), title="Sector")
    shape = alt.Shape(
        "shape:N",
        scale=alt.Scale(domain=shape_domain, range=["triangle-up", "circle"]),
        title="Marginal",
    )
    if aggregated:
        marks = (
            alt.Chart(
                points[
                    [
                        "x",
                        "y",
                        "power",
                        "interest",
                        "sector",
                        "grid",
                        "stakeholders",
                        "marginal",
                        "shape",
                    ]
                ]
            )
            .mark_point(filled=True, opacity=0.8)
            .encode(
                x=x,
                y=y,
                color=colour,
                shape=shape,
                size=alt.Size("stakeholders:Q", title="Stakeholders"),
                tooltip=[
                    "sector:N",
                    alt.Tooltip("power:Q", title="Power"),
                    alt.Tooltip("interest:Q", title="Interest"),
                    "grid:N",
                    "stakeholders:Q",
                    alt.Tooltip("marginal:Q", title="Marginal stakeholders"),
                ],
            )
        )
    else:
        keep = [
            "x",
            "y",
            "name",
            "organization",
            "sector",
            "power",
            "interest",
            "legitimacy",
            "urgency",
            "grid",
            "salience",
            "shape",
        ]
        marks = (
            alt.Chart(points[keep])
            .mark_point(filled=True, size=110, opacity=0.9, stroke="white", strokeWidth=0.5)
            .encode(
                x=x,
                y=y,
                color=colour,
                shape=shape,
                tooltip=[
                    alt.Tooltip("name:N", title="Name"),
                    alt.Tooltip("organization:N", title="Organisation"),
                    alt.Tooltip("sector:N", title="Sector"),
                    alt.Tooltip("power:Q", title="Power"),
                    alt.Tooltip("interest:Q", title="Interest"),
                    alt.Tooltip("grid:N", title="Grid"),
                    alt.Tooltip("salience:N", title="Salience"),
                    alt.Tooltip("shape:N", title="Marginal"),
                ],
            )
        )
    label_layer = (
        alt.Chart(
            labels[["x", "y", "label", "key"]]
            if len(labels)
            else pd.DataFrame({"x": [], "y": [], "label": [], "key": []})
        )
        .mark_text(align="left", dx=7, fontSize=11, fontWeight="bold", color="#1a202c")
        .encode(
            x=x,
            y=y,
            text="label:N",
            **({"opacity": _key_legend(alt, labels["key"].tolist())} if len(labels) else {}),
        )
    )
    where = "; ".join(
        f"{q} ({_QUADRANT_PLACES[q]}): {int(counts.get(q, 0))}" for q in _QUADRANT_PLACES
    )
    if aggregated:
        title = f"Power/interest grid: {n:,} stakeholders, aggregated by rating and sector"
        how = (
            f"With {n:,} stakeholders the chart shows one circle per rating and sector, sized by "
            "how many stakeholders it stands for; triangles include marginal stakeholders."
        )
    else:
        title = "Power/interest grid"
        shown = len(labels)
        how = (
            f"Triangles mark the {n_marginal} marginal stakeholders. Points with equal ratings "
            f"are spread slightly apart; {shown} numbered labels mark the highest-rated "
            "stakeholder at each position, and the key under the chart names them; tap or hover "
            "over a point for its details."
        )
    description = (
        f"Power/interest grid of {n:,} stakeholders, interest across and power up; ratings of "
        f"{_fmt(tp)} (power) and {_fmt(ti)} (interest) and above count as high. Quadrants: "
        f"{where}. Colour shows the sector. {how}"
    )
    return alt.layer(background, *quadrant_text, marks, label_layer).properties(
        width=_GRID_SIZE, height=_GRID_SIZE, title=title, description=description
    )


def sector_coverage_chart(
    register: pd.DataFrame, *, min_members: int = MIN_MEMBERS, thin_share: float = THIN_SHARE
) -> alt.LayerChart:
    """Bar chart of stakeholders per sector, with missing and thin sectors called out.

    >>> from toolkit.stakeholders import example_register
    >>> spec = sector_coverage_chart(example_register()).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'text']
    >>> spec["description"].startswith("Stakeholders per sector")
    True
    """
    alt = altair_module()
    cov = sector_coverage(register, min_members=min_members, thin_share=thin_share)
    cov["note"] = np.where(
        cov["status"] == "ok",
        cov["stakeholders"].astype(str),
        cov["stakeholders"].astype(str) + " (" + cov["status"] + ")",
    )
    cov["power_percent"] = (cov["power_share"] * 100).round(1)
    x = alt.X("sector:N", sort=list(SECTORS), title="Sector", axis=alt.Axis(labelAngle=0))
    bars = (
        alt.Chart(cov)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("stakeholders:Q", title="Stakeholders"),
            color=alt.Color("sector:N", scale=_sector_scale(alt), legend=None),
            tooltip=[
                alt.Tooltip("sector:N", title="Sector"),
                alt.Tooltip("stakeholders:Q", title="Stakeholders"),
                alt.Tooltip("power_percent:Q", title="Share of power (%)"),
                alt.Tooltip("status:N", title="Coverage"),
            ],
        )
    )
    text = (
        alt.Chart(cov)
        .mark_text(dy=-6, baseline="bottom")
        .encode(x=x, y="stakeholders:Q", text="note:N")
    )
    parts = [
        f"{s} {c} ({p:.0%} of the power)"
        for s, c, p in cov[["sector", "stakeholders", "power_share"]].itertuples(index=False)
    ]
    missing = cov.loc[cov["status"] == "missing", "sector"].tolist()
    thin = cov.loc[cov["status"] == "thin", "sector"].tolist()
    description = (
        "Stakeholders per sector: "
        + "; ".join(parts)
        + ". "
        + (f"Missing: {', '.join(missing)}. " if missing else "No sector is missing. ")
        + (f"Thin: {', '.join(thin)}." if thin else "No sector is thin.")
    )
    return alt.layer(bars, text).properties(
        width=alt.Step(90), height=240, title="Sector coverage", description=description
    )


def network_chart(
    register: pd.DataFrame,
    relationships: pd.DataFrame,
    *,
    max_nodes: int = 60,
    max_labels: int = 15,
    measures: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Map of relationships: stakeholders on a circle grouped by sector, sized by power.

    Parameters
    ----------
    register, relationships : DataFrame
        Validated tables.
    max_nodes : int
        Above this many stakeholders only the ``max_nodes`` most central
        (betweenness, then degree, then power) are drawn, with the
        relationships among them; the title and description say so.
    max_labels : int
        Label at most this many stakeholders (the most central).
    measures : DataFrame, optional
        Precomputed :func:`toolkit.stakeholders.network_measures`.

    Examples
    --------
    >>> from toolkit.stakeholders import example_register, example_relationships
    >>> spec = network_chart(example_register(), example_relationships()).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'circle', 'text', 'text']
    >>> spec["title"]
    'Relationship map'
    """
    alt = altair_module()
    reg = register.reset_index(drop=True)
    net = (
        network_measures(reg, relationships)
        if measures is None
        else measures.reset_index(drop=True)
    )
    n = len(reg)
    nodes = pd.DataFrame(
        {
            "name": reg["name"],
            "organization": reg["organization"],
            "sector": reg["sector"],
            "power": reg["power"].astype(float),
            "degree": net["degree"],
            "betweenness": net["betweenness"].round(4),
            "boundary_spanner": net["boundary_spanner"],
            "isolate": net["isolate"],
            "_pos": np.arange(n),
        }
    )
    rank = np.lexsort((nodes["_pos"], -nodes["power"], -nodes["degree"], -nodes["betweenness"]))
    cut = n > max_nodes
    if cut:
        nodes = nodes.iloc[np.sort(rank[:max_nodes])]
    sector_order = nodes["sector"].map({s: i for i, s in enumerate(SECTORS)})
    nodes = nodes.assign(_s=sector_order).sort_values(
        ["_s", "degree", "_pos"], ascending=[True, False, True], kind="stable"
    )
    gaps = nodes["_s"].ne(nodes["_s"].shift()).cumsum().to_numpy() - 1
    slots = np.arange(len(nodes)) + gaps
    total = max(len(nodes) + int(gaps.max() if len(gaps) else 0) + 1, 1)
    angle = np.pi / 2 - 2 * np.pi * (slots + 0.5) / total
    nodes["x"] = np.cos(angle).round(4)
    nodes["y"] = np.sin(angle).round(4)
    where = nodes.set_index("name")[["x", "y"]]
    rel = relationships.loc[
        relationships["source"].isin(where.index) & relationships["target"].isin(where.index),
        ["source", "target", "kind"],
    ]
    edges = pd.DataFrame(
        {
            "source": rel["source"].to_numpy(),
            "target": rel["target"].to_numpy(),
            "kind": rel["kind"].astype(object).fillna("").to_numpy(),
            "x": where.loc[rel["source"], "x"].to_numpy(),
            "y": where.loc[rel["source"], "y"].to_numpy(),
            "x2": where.loc[rel["target"], "x"].to_numpy(),
            "y2": where.loc[rel["target"], "y"].to_numpy(),
        }
    )
    # Numbered labels, the most central first; the key under the chart names them.
    order = pd.Series(np.arange(len(rank)), index=rank)
    top = nodes.loc[nodes["_pos"].isin(rank[:max_labels])] if len(nodes) else nodes
    top = top.assign(_rank=top["_pos"].map(order)).sort_values("_rank", kind="stable")
    top = _numbered(top, top["name"])
    scale = alt.Scale(domain=[-1.35, 1.35], nice=False)
    x = alt.X("x:Q", scale=scale, axis=None)
    y = alt.Y("y:Q", scale=scale, axis=None)
    lines = (
        alt.Chart(edges)
        .mark_rule(color="#a0aec0", opacity=0.6)
        .encode(
            x=x,
            y=y,
            x2="x2:Q",
            y2="y2:Q",
            tooltip=[
                alt.Tooltip("source:N", title="From"),
                alt.Tooltip("kind:N", title="Relationship"),
                alt.Tooltip("target:N", title="To"),
            ],
        )
    )
    keep = [
        "x",
        "y",
        "name",
        "organization",
        "sector",
        "power",
        "degree",
        "betweenness",
        "boundary_spanner",
        "isolate",
    ]
    dots = (
        alt.Chart(nodes[keep])
        .mark_circle(opacity=0.95, stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color("sector:N", scale=_sector_scale(alt), title="Sector"),
            size=alt.Size(
                "power:Q", scale=alt.Scale(domain=[1, 5], range=[40, 420]), title="Power"
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Name"),
                alt.Tooltip("organization:N", title="Organisation"),
                alt.Tooltip("sector:N", title="Sector"),
                alt.Tooltip("power:Q", title="Power"),
                alt.Tooltip("degree:Q", title="Ties"),
                alt.Tooltip("betweenness:Q", title="Betweenness"),
                alt.Tooltip("boundary_spanner:N", title="Boundary spanner"),
                alt.Tooltip("isolate:N", title="Isolated"),
            ],
        )
    )
    lab = top.assign(lx=(top["x"] * 1.16).round(4), ly=(top["y"] * 1.16).round(4))[
        ["lx", "ly", "label", "key", "name", "x"]
    ]
    lx = alt.X("lx:Q", scale=scale, axis=None)
    ly = alt.Y("ly:Q", scale=scale, axis=None)
    keys = lab["key"].tolist()

    def numbers(side: pd.DataFrame, align: str) -> Any:
        return (
            alt.Chart(side[["lx", "ly", "label", "key", "name"]])
            .mark_text(
                align=align, baseline="middle", fontSize=11, fontWeight="bold", color="#1a202c"
            )
            .encode(
                x=lx,
                y=ly,
                text="label:N",
                tooltip=[alt.Tooltip("name:N", title="Name")],
                **({"opacity": _key_legend(alt, keys)} if keys else {}),
            )
        )

    right = numbers(lab.loc[lab["x"] >= 0], "left")
    left = numbers(lab.loc[lab["x"] < 0], "right")
    n_iso = int(net["isolate"].sum())
    n_span = int(net["boundary_spanner"].sum())
    if cut:
        title = (
            f"Relationship map: the {max_nodes} most central of {n:,} stakeholders "
            "(relationships among them only)"
        )
        scope = (
            f"Only the {max_nodes} most central of {n:,} stakeholders are drawn (by betweenness, "
            f"then ties), with the {len(edges):,} of {len(relationships):,} relationships "
            "among them."
        )
    else:
        title = "Relationship map"
        scope = f"All {n} stakeholders and {len(relationships)} relationships are drawn."
    description = (
        "Relationship map: stakeholders on a circle grouped by sector (state, market, civil "
        "society, clockwise from the top), coloured by sector and sized by power; lines are "
        f"relationships. {scope} In the whole map {n_span} stakeholders are tied to another "
        f"sector (boundary spanners) and {n_iso} {'has' if n_iso == 1 else 'have'} no "
        f"relationship. Numbered labels mark the {len(lab)} most central stakeholders shown, "
        "and the key under the chart names them."
    )
    return alt.layer(lines, dots, right, left).properties(
        width=560, height=560, title=title, description=description
    )
