"""Charts for the classification: the heuristic map and its explorer.

Every builder returns an Altair chart (never displays it) with a
``description`` that reads well aloud. Data stays small: respondents beyond
``max_respondents`` are sampled (evenly, reproducibly) and partnerships beyond
``max_partnerships`` are left out, and the description says so.

* :func:`heuristic_map`: Armistead & Pettigrew's heuristic as a map, voluntary
  across, trust up, the three areas shaded and labelled, partnerships as large
  points, respondents as small ones, and an arrow from round to round.
* :func:`heuristic_explorer`: two sliders (Vega-Lite parameters) move a point
  along each axis and show which area it falls in. It needs no Python kernel,
  so it works on the static site and in saved reports.

The charts of the answers (the item profile, the continuum bar) are in
:mod:`toolkit.classification.item_charts`. Altair is imported only when a chart is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .modes import DEFAULT_BOUNDARIES, MODES, Boundaries
from .travel import direction_of_travel

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = [
    "MODE_COLORS",
    "heuristic_explorer",
    "heuristic_map",
]

#: Fill colours of the three areas (light, told apart with common colour blindness).
MODE_COLORS: dict[str, str] = {
    "complying": "#e8a87c",
    "constraining": "#f2dc8d",
    "creating": "#8fd1b9",
}
_AXIS_X = "Voluntary: 0 = mandatory, 1 = voluntary"
_AXIS_Y = "Trust: 0 = contract, 1 = trust"


def _alt() -> Any:
    from ..charts import altair_module

    return altair_module()


def _area_frame(boundaries: Boundaries) -> pd.DataFrame:
    t, c, m = boundaries.trust_above, boundaries.contract_below, boundaries.mandatory_below
    rows = [
        ("complying", 0.0, m, 0.0, c),
        ("constraining", 0.0, 1.0, c, t),
        ("constraining", m, 1.0, 0.0, c),
        ("creating", 0.0, 1.0, t, 1.0),
    ]
    frame = pd.DataFrame(rows, columns=["mode", "x", "x2", "y", "y2"])
    rule = {
        "complying": f"trust below {c:g} and voluntary below {m:g}",
        "constraining": "trust and contract balanced, or contract-led but voluntary",
        "creating": f"trust above {t:g}",
    }
    frame["rule"] = frame["mode"].map(rule)
    # Zero-size rectangles (when boundaries sit on an edge) are dropped.
    return frame[(frame["x2"] > frame["x"]) & (frame["y2"] > frame["y"])].reset_index(drop=True)


def _label_frame(boundaries: Boundaries) -> pd.DataFrame:
    """Area names, placed in the areas' left-hand corners, where points are rarest."""
    t, c = boundaries.trust_above, boundaries.contract_below
    return pd.DataFrame(
        {
            "mode": list(MODES),
            "x": [0.02, 0.02, 0.02],
            "y": [0.02, c + 0.02, t + 0.02],
            "label": [m.capitalize() for m in MODES],
        }
    )


def _area_layers(alt: Any, boundaries: Boundaries) -> list[Any]:
    scale_x = alt.Scale(domain=[0, 1], nice=False)
    scale_y = alt.Scale(domain=[0, 1], nice=False)
    areas = (
        alt.Chart(_area_frame(boundaries))
        .mark_rect(opacity=0.55)
        .encode(
            x=alt.X("x:Q", scale=scale_x, title=_AXIS_X),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=scale_y, title=_AXIS_Y),
            y2="y2:Q",
            fill=alt.Fill(
                "mode:N",
                scale=alt.Scale(domain=list(MODES), range=[MODE_COLORS[m] for m in MODES]),
                legend=None,
            ),
            tooltip=[alt.Tooltip("mode:N", title="Area"), alt.Tooltip("rule:N", title="Rule")],
        )
    )
    segments = pd.DataFrame(
        [s[:5] for s in boundaries.segments()], columns=["boundary", "x", "y", "x2", "y2"]
    )
    lines = (
        alt.Chart(segments)
        .mark_rule(strokeDash=[4, 3], color="#4a5568")
        .encode(x="x:Q", y="y:Q", x2="x2:Q", y2="y2:Q")
    )
    labels = (
        alt.Chart(_label_frame(boundaries))
        .mark_text(
            fontSize=15,
            fontWeight="bold",
            opacity=0.6,
            color="#1a202c",
            align="left",
            baseline="bottom",
        )
        .encode(x="x:Q", y="y:Q", text="label:N")
    )
    return [areas, lines, labels]


def _describe_points(summary: pd.DataFrame, limit: int = 6) -> str:
    parts = []
    # pandas-stubs types every field of an itertuples row as any scalar (bytes included).
    row: Any
    for row in summary.head(limit).itertuples(index=False):
        name = str(row.partnership)
        if "round" in summary.columns:
            name += f" in {row.round}"
        if pd.isna(row.voluntary) or pd.isna(row.trust):
            parts.append(f"{name} has no scored respondents")
            continue
        text = f"{name} is {row.mode} (voluntary {row.voluntary:.2f}, trust {row.trust:.2f})"
        position = getattr(row, "position", None)
        if isinstance(position, str) and position.startswith("between"):
            text += f", {position}"
        elif getattr(row, "near_boundary", False):
            text += f", near the line to {row.neighbour}"
        parts.append(text)
    more = len(summary) - limit
    sentence = "; ".join(parts)
    if more > 0:
        sentence += f"; and {more} more"
    return sentence + "." if sentence else ""


def _limit_partnerships(summary: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, list[str]]:
    names = summary["partnership"].astype(str)
    distinct = list(dict.fromkeys(names))
    if len(distinct) <= limit:
        return summary, distinct
    size = summary.groupby(names, sort=False)["respondents"].sum().sort_values(ascending=False)
    keep = [n for n in distinct if n in set(size.index[:limit])]
    return summary[names.isin(keep)], keep


#: Tooltip titles in words (no raw column names in front of readers).
_TIP_TITLES = {
    "partnership": "Partnership",
    "round": "Round",
    "organization": "Organisation",
    "respondent": "Respondent",
    "respondents": "Respondents",
    "voluntary": "How voluntary (0 to 1)",
    "trust": "How trust-based (0 to 1)",
    "mode": "Area",
    "near_boundary": "Near a boundary",
    "disagreement_voluntary": "Disagreement on how voluntary",
    "disagreement_trust": "Disagreement on trust",
    "partners_differ": "Partners see it differently",
    "continuum": "Level on the continuum",
}


def _yes_no(frame: pd.DataFrame) -> pd.DataFrame:
    """True/False columns as "yes"/"no" (for tooltips)."""
    for column in frame.columns:
        if frame[column].dtype == bool or str(frame[column].dtype) == "boolean":
            frame[column] = frame[column].map({True: "yes", False: "no"}).astype(object)
    return frame


def heuristic_map(
    summary: pd.DataFrame,
    respondents: pd.DataFrame | None = None,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    max_partnerships: int = 12,
    max_respondents: int = 1500,
    title: str = "Where the partnerships stand",
    travel: pd.DataFrame | None = None,
    legend_title: str = "Partnership",
) -> alt.LayerChart:
    """Draw the heuristic: the three areas, partnerships, respondents and rounds.

    Parameters
    ----------
    summary : DataFrame
        As returned by :func:`toolkit.classification.summarize_partnerships`.
    respondents : DataFrame, optional
        As returned by :func:`toolkit.classification.score_responses`; drawn as
        small points in the partnership's colour.
    boundaries : Boundaries, optional
        Where the areas meet; use the same as for the scores.
    max_partnerships : int, default 12
        Partnerships beyond this many (the largest are kept) are left out.
    max_respondents : int, default 1500
        Respondents beyond this many are sampled evenly.
    title : str
    legend_title : str, default "Partnership"
        The colour legend's title (for a map whose "partnerships" are in fact
        organisations, say "Organisation").
    travel : DataFrame, optional
        The direction of travel (``Classification.travel``) for the arrows'
        descriptions; computed from ``summary`` when not given.

    When ``summary`` has the intervals of :func:`toolkit.classification.classify`
    (``voluntary_low`` ... ``trust_high``), each partnership's point gets error
    bars: a horizontal one for the voluntary interval, a vertical one for trust.

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> from toolkit.classification import classify, example_responses
    >>> result = classify(example_responses())
    >>> spec = heuristic_map(result.summary, result.scored).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'rule', 'text', 'circle', 'rule', 'point', 'rule', 'rule', 'circle']
    >>> spec["description"][:40]
    'Map of Armistead and Pettigrew’s heurist'
    """
    alt = _alt()
    note = ""
    total = summary["partnership"].astype(str).nunique()
    summary, names = _limit_partnerships(summary, max_partnerships)
    if len(names) < total:
        note += f" Only the {len(names)} largest of {total} partnerships are shown."
    has_round = "round" in summary.columns
    layers = _area_layers(alt, boundaries)
    color = alt.Color(
        "partnership:N", scale=alt.Scale(domain=names), legend=alt.Legend(title=legend_title)
    )
    if respondents is not None and len(respondents):
        people = respondents[respondents["partnership"].astype(str).isin(names)]
        people = people[people["voluntary"].notna() & people["trust"].notna()]
        if len(people) > max_respondents:
            step = len(people) / max_respondents
            people = people.iloc[(np.arange(max_respondents) * step).astype(int)]
            note += f" A sample of {max_respondents} respondents is shown."
        columns = [
            c
            for c in (
                "partnership",
                "round",
                "organization",
                "respondent",
                "voluntary",
                "trust",
                "mode",
            )
            if c in people.columns
        ]
        data = _plain(people[columns])
        tooltip = [
            alt.Tooltip(f"{c}:N", title=legend_title if c == "partnership" else _TIP_TITLES[c])
            for c in columns
            if c not in ("voluntary", "trust")
        ]
        tooltip[2:2] = [
            alt.Tooltip("voluntary:Q", format=".2f", title=_TIP_TITLES["voluntary"]),
            alt.Tooltip("trust:Q", format=".2f", title=_TIP_TITLES["trust"]),
        ]
        layers.append(
            alt.Chart(data)
            .mark_circle(size=28, opacity=0.55)
            .encode(x="voluntary:Q", y="trust:Q", color=color, tooltip=tooltip)
        )
    if has_round:
        if travel is None or "direction" not in travel.columns:
            travel = direction_of_travel(summary)
        else:
            shown = travel["partnership"].astype(str).isin(names)
            travel = travel[shown.to_numpy()]
        travel = travel.dropna(subset=["voluntary_from", "voluntary_to", "trust_from", "trust_to"])
        if len(travel):
            arrows = _plain(
                travel[
                    [
                        "partnership",
                        "from_round",
                        "to_round",
                        "voluntary_from",
                        "trust_from",
                        "voluntary_to",
                        "trust_to",
                        "direction",
                    ]
                ]
            )
            # The head sits halfway along, pointing the way of travel: degrees
            # clockwise from "up" (the map is square, so data and screen angles agree).
            arrows["x_mid"] = (arrows["voluntary_from"] + arrows["voluntary_to"]) / 2
            arrows["y_mid"] = (arrows["trust_from"] + arrows["trust_to"]) / 2
            arrows["angle"] = np.degrees(
                np.arctan2(
                    (travel["voluntary_to"] - travel["voluntary_from"]).to_numpy(),
                    (travel["trust_to"] - travel["trust_from"]).to_numpy(),
                )
            )
            tip = [
                alt.Tooltip("partnership:N", title=legend_title),
                alt.Tooltip("from_round:N", title="From"),
                alt.Tooltip("to_round:N", title="To"),
                alt.Tooltip("direction:N", title="Direction of travel"),
            ]
            layers.append(
                alt.Chart(arrows)
                .mark_rule(strokeWidth=2)
                .encode(
                    x="voluntary_from:Q",
                    y="trust_from:Q",
                    x2="voluntary_to:Q",
                    y2="trust_to:Q",
                    color=color,
                    tooltip=tip,
                )
            )
            layers.append(
                alt.Chart(arrows)
                .mark_point(shape="triangle-up", size=140, filled=True, opacity=1)
                .encode(
                    x="x_mid:Q",
                    y="y_mid:Q",
                    angle=alt.Angle("angle:Q", scale=alt.Scale(domain=[0, 360], range=[0, 360])),
                    color=color,
                    tooltip=tip,
                )
            )
    points = summary.dropna(subset=["voluntary", "trust"])
    interval = ["voluntary_low", "voluntary_high", "trust_low", "trust_high"]
    bars = points.dropna(subset=interval) if set(interval) <= set(points.columns) else None
    if bars is not None and len(bars):
        keys = [c for c in ("partnership", "round") if c in bars.columns]
        data = _plain(bars[[*keys, "voluntary", "trust", *interval]])
        tip = [alt.Tooltip(f"{c}:N") for c in keys] + [
            alt.Tooltip("voluntary_low:Q", title="Voluntary, 95% interval from", format=".2f"),
            alt.Tooltip("voluntary_high:Q", title="to", format=".2f"),
            alt.Tooltip("trust_low:Q", title="Trust, 95% interval from", format=".2f"),
            alt.Tooltip("trust_high:Q", title="to", format=".2f"),
        ]
        for x, x2, y, y2 in (
            ("voluntary_low", "voluntary_high", "trust", None),
            ("voluntary", None, "trust_low", "trust_high"),
        ):
            encoding = {"x": f"{x}:Q", "y": f"{y}:Q", "color": color, "tooltip": tip}
            if x2:
                encoding["x2"] = f"{x2}:Q"
            if y2:
                encoding["y2"] = f"{y2}:Q"
            layers.append(
                alt.Chart(data).mark_rule(strokeWidth=2.5, opacity=0.8).encode(**encoding)
            )
    keep = [
        c
        for c in (
            "partnership",
            "round",
            "respondents",
            "voluntary",
            "trust",
            "mode",
            "position",
            "near_boundary",
            "disagreement_voluntary",
            "disagreement_trust",
            "agreement_voluntary",
            "agreement_trust",
            "partners_differ",
            "continuum",
        )
        if c in points.columns
    ]
    data = _yes_no(_plain(points[keep]))
    tooltip = [alt.Tooltip("partnership:N", title=legend_title)]
    if has_round:
        tooltip.append(alt.Tooltip("round:N", title="Round"))
    for column in keep:
        if column in ("partnership", "round"):
            continue
        words = _TIP_TITLES.get(column, column.replace("_", " ").capitalize())
        if column in ("voluntary", "trust") or column.startswith(("disagreement", "agreement")):
            tooltip.append(alt.Tooltip(f"{column}:Q", format=".2f", title=words))
        elif column == "respondents":
            tooltip.append(alt.Tooltip(f"{column}:Q", title=words))
        else:
            tooltip.append(alt.Tooltip(f"{column}:N", title=words))
    layers.append(
        alt.Chart(data)
        .mark_circle(size=170, opacity=1, stroke="#1a202c", strokeWidth=1.5)
        .encode(x="voluntary:Q", y="trust:Q", color=color, tooltip=tooltip)
    )
    b = boundaries
    description = (
        "Map of Armistead and Pettigrew’s heuristic. Across: how voluntary the partnership "
        "is, from 0 (mandatory) to 1 (voluntary); up: how much service provision relies on "
        "trust, from 0 (contract) to 1 (trust). Shaded areas: creating above trust "
        f"{b.trust_above:g}; "
        f"complying below trust {b.contract_below:g} and left of voluntary {b.mandatory_below:g}; "
        f"constraining elsewhere. {_describe_points(summary)}"
    )
    if respondents is not None:
        description += " Small points are single respondents."
    if bars is not None and len(bars):
        description += (
            " Bars through each partnership show its 95% interval on each axis; a bar that "
            "crosses a line means the partnership sits between two areas."
        )
    if has_round:
        description += " Arrows show each partnership's movement from one round to the next."
    description += note
    return alt.layer(*layers).properties(
        width=420, height=420, title=title, description=description.strip()
    )


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with categorical and text columns as plain strings (JSON-friendly)."""
    out = frame.copy()
    for column in out.columns:
        if (
            isinstance(out[column].dtype, pd.CategoricalDtype)
            or out[column].dtype == object
            or (pd.api.types.is_string_dtype(out[column].dtype))
        ):
            values = out[column].astype(object)
            out[column] = values.where(values.notna(), None)
    return out.reset_index(drop=True)


def heuristic_explorer(
    voluntary: float = 0.5,
    trust: float = 0.5,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
) -> alt.LayerChart:
    """An interactive map with two sliders that needs no Python kernel.

    The sliders are Vega-Lite parameters bound to range inputs; moving them
    moves a point across the map, and a caption says which area it is in and
    whether it is near a boundary (within ``boundaries.margin``). The rule is
    the same as :func:`toolkit.classification.classify_mode`, written as a
    Vega expression, so the chart works on a static page.

    Parameters
    ----------
    voluntary, trust : float, default 0.5
        Where the point starts (0-1).
    boundaries : Boundaries, optional

    Examples
    --------
    >>> spec = heuristic_explorer(0.2, 0.8).to_dict()
    >>> sorted(p["name"] for p in spec["params"])
    ['trust', 'voluntary']
    >>> spec["params"][0]["bind"]["input"]
    'range'
    """
    for name, value in (("voluntary", voluntary), ("trust", trust)):
        if not 0 <= value <= 1:
            raise ValueError(f"{name} must be from 0 to 1, got {value}")
    alt = _alt()
    b = boundaries
    v_param = alt.param(
        name="voluntary",
        value=float(voluntary),
        bind=alt.binding_range(
            min=0, max=1, step=0.01, name="Voluntary (0 mandatory, 1 voluntary) "
        ),
    )
    t_param = alt.param(
        name="trust",
        value=float(trust),
        bind=alt.binding_range(min=0, max=1, step=0.01, name="Trust (0 contract, 1 trust) "),
    )
    mode = (
        f"trust > {b.trust_above} ? 'creating' : "
        f"(trust < {b.contract_below} && voluntary < {b.mandatory_below} ? 'complying' : "
        "'constraining')"
    )
    t, c, m = b.trust_above, b.contract_below, b.mandatory_below
    distance = (
        f"min(abs(trust - {t}), "
        f"sqrt(pow(max(voluntary - {m}, 0), 2) + pow(trust - {c}, 2)), "
        f"sqrt(pow(voluntary - {m}, 2) + pow(max(trust - {c}, 0), 2)))"
    )
    point = (
        alt.Chart(pd.DataFrame({"point": ["your partnership"]}))
        .transform_calculate(x="voluntary", y="trust", mode=mode, distance=distance)
        .transform_calculate(
            caption=(
                "'Area: ' + datum.mode + (datum.distance <= "
                f"{b.margin} ? ' (near a boundary: read it as between two areas)' : '')"
            )
        )
    )
    dot = point.mark_point(shape="diamond", size=260, filled=True, color="#1a202c").encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=[0, 1], nice=False)),
        y=alt.Y("y:Q", scale=alt.Scale(domain=[0, 1], nice=False)),
        tooltip=[
            alt.Tooltip("x:Q", title="voluntary", format=".2f"),
            alt.Tooltip("y:Q", title="trust", format=".2f"),
            alt.Tooltip("mode:N", title="area"),
            alt.Tooltip("distance:Q", title="distance to nearest boundary", format=".2f"),
        ],
    )
    caption = point.mark_text(
        align="left", baseline="top", fontSize=14, fontWeight="bold", dx=4, dy=4
    ).encode(x=alt.value(0), y=alt.value(0), text="caption:N")
    description = (
        "Interactive map of Armistead and Pettigrew’s heuristic. Two sliders set how voluntary "
        "the partnership is (0 mandatory to 1 voluntary) and how much it relies on trust "
        "(0 contract to 1 trust); the diamond moves to that point and the caption names its "
        f"area. Creating is above trust {b.trust_above:g}; complying is below trust "
        f"{b.contract_below:g} and left of voluntary {b.mandatory_below:g}; constraining is "
        "everywhere else."
    )
    return (
        alt.layer(*_area_layers(alt, boundaries), dot, caption)
        .add_params(v_param, t_param)
        .properties(width=400, height=400, title="Move the partnership", description=description)
    )
