"""Charts of the classification's answers: item by item, and the continuum levels reached.

Every builder returns an Altair chart (never displays it) with a ``description`` that reads
well aloud.

* :func:`item_profile`: item by item, where the partners' answers lie and how
  far apart they are.
* :func:`continuum_bar`: how many partnerships (or respondents) reached each
  level of Himmelman's continuum, levels in order.

The map of the heuristic is in :mod:`toolkit.classification.charts`. Altair is imported
only when a chart is built.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..charts import altair_module
from ..continuum import CONTINUUM_LEVELS
from ..errors import InputError
from ..forms import ANSWER_LABELS
from .items import item_bank

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["continuum_bar", "item_profile"]

# The questionnaire's own words for the ends of its 1-5 scale (statement A and statement B).
_ITEM_AXIS = f"Mean answer: 1 = {ANSWER_LABELS[1]}, 5 = {ANSWER_LABELS[5]}"


def item_profile(
    responses: pd.DataFrame,
    partnership: str | None = None,
    *,
    round: str | int | None = None,
    by: str = "organization",
) -> alt.LayerChart:
    """Item by item, where each organisation's (or respondent's) answers lie.

    For every ``MV`` and ``CT`` item, a line spans the lowest to the highest
    mean answer of the groups (organisations, or single respondents), and a
    point marks each group. A long line is an item the partners see
    differently; a short one, an item they agree on.

    Parameters
    ----------
    responses : DataFrame
        The canonical answers (see :func:`toolkit.forms.read_responses`).
    partnership : str, optional
        Which partnership; needed when there are several.
    round : str or int, optional
        Which round; by default the latest.
    by : {"organization", "respondent"}
        What a point stands for. Falls back to ``respondent`` when there is no
        organisation column.

    Examples
    --------
    >>> from toolkit.classification import example_responses
    >>> chart = item_profile(example_responses(), "Example partnership A", round=2025)
    >>> spec = chart.to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'circle']
    >>> "furthest apart" in spec["description"]
    True
    """
    alt = altair_module()
    frame = responses
    if "organisation" in frame.columns and "organization" not in frame.columns:
        frame = frame.rename(columns={"organisation": "organization"})
    names = frame["partnership"].astype(str)
    distinct = list(dict.fromkeys(names))
    if partnership is None:
        if len(distinct) != 1:
            raise InputError(
                "several partnerships: say which one to profile",
                value=", ".join(distinct[:5]) + (" ..." if len(distinct) > 5 else ""),
                allowed="partnership= one of the names in the data",
            )
        partnership = distinct[0]
    if str(partnership) not in distinct:
        raise InputError(
            "no such partnership", value=str(partnership), allowed=", ".join(distinct[:10])
        )
    frame = frame[names == str(partnership)]
    where = f"{partnership}"
    if "round" in frame.columns:
        rounds = frame["round"].astype(str)
        ordered = sorted(
            set(rounds),
            key=lambda r: (0, float(r), r) if _is_number(r) else (1, 0.0, r),
        )
        chosen = str(round) if round is not None else ordered[-1]
        if chosen not in ordered:
            raise InputError("no such round", value=chosen, allowed=", ".join(ordered))
        frame = frame[rounds == chosen]
        where += f", round {chosen}"
    if by not in ("organization", "respondent"):
        raise ValueError(f"by must be 'organization' or 'respondent', got {by!r}")
    if by == "organization" and "organization" not in frame.columns:
        by = "respondent"
    bank = item_bank()
    bank = bank[bank["axis"] != "continuum"]
    items = [i for i in bank["id"] if i in frame.columns]
    if by == "respondent" and "respondent" not in frame.columns:
        group = pd.Series([f"row {i}" for i in range(len(frame))], index=frame.index)
    else:
        group = frame[by].astype(object).where(frame[by].notna(), "(not given)").astype(str)
    answers = frame[items].apply(pd.to_numeric, errors="coerce")
    means = answers.groupby(group.to_numpy()).mean()
    long = (
        means.reset_index(names="group")
        .melt(id_vars="group", var_name="id", value_name="answer")
        .dropna(subset=["answer"])
    )
    info = bank.set_index("id")
    long["item"] = long["id"] + " " + long["id"].map(info["topic"])
    long["statement_a"] = long["id"].map(info["left_pole"])
    long["statement_b"] = long["id"].map(info["right_pole"])
    long["axis"] = long["id"].map(info["axis"])
    spread = long.groupby("id")["answer"].agg(["min", "max"])
    spread["spread"] = spread["max"] - spread["min"]
    spread = spread.reset_index()
    spread["item"] = spread["id"] + " " + spread["id"].map(info["topic"])
    order = [f"{i} {info.loc[i, 'topic']}" for i in items]
    y = alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    x = alt.X(
        "answer:Q",
        scale=alt.Scale(domain=[1, 5]),
        title=_ITEM_AXIS,
        axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d"),
    )
    lines = (
        alt.Chart(spread)
        .mark_rule(strokeWidth=3, color="#a0aec0")
        .encode(
            x=alt.X(
                "min:Q",
                scale=alt.Scale(domain=[1, 5]),
                title=_ITEM_AXIS,
                axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d"),
            ),
            x2="max:Q",
            y=y,
            tooltip=[
                alt.Tooltip("item:N", title="Statement"),
                alt.Tooltip("spread:Q", format=".2f", title="Gap between groups"),
            ],
        )
    )
    label = "Organisation" if by == "organization" else "Respondent"
    dots = (
        alt.Chart(long)
        .mark_circle(size=70, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color("group:N", title=label),
            tooltip=[
                alt.Tooltip("item:N", title="Statement"),
                alt.Tooltip("group:N", title=label),
                alt.Tooltip("answer:Q", format=".2f", title="Mean answer"),
                alt.Tooltip("statement_a:N", title="A (1)"),
                alt.Tooltip("statement_b:N", title="B (5)"),
            ],
        )
    )
    widest = spread.sort_values(["spread", "id"], ascending=[False, True]).head(3)
    groups = long["group"].nunique()
    if groups > 1 and len(widest):
        apart = ", ".join(f"{r.item} (gap {r.spread:.1f})" for r in widest.itertuples())
        closest = spread.sort_values(["spread", "id"]).head(1).iloc[0]
        detail = (
            f"The items on which they are furthest apart are {apart}; they are closest on "
            f"{closest['item']} (gap {closest['spread']:.1f})."
        )
    else:
        detail = "Only one group answered, so there is nothing to compare."
    plural = "organisations" if by == "organization" else "respondents"
    description = (
        f"Item profile for {where}: for each of {len(items)} statements, the mean answer of "
        f"each of {groups} {plural} on a scale from 1 (statement A fits much better) to 5 "
        f"(statement B fits much better), with a line from the lowest to the highest. {detail}"
    )
    return alt.layer(lines, dots).properties(
        width=360,
        height=alt.Step(16),
        title=f"Item by item: {where}",
        description=description,
    )


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def continuum_bar(data: pd.DataFrame, *, title: str | None = None) -> alt.Chart:
    """How many partnerships (or respondents) reached each level of Himmelman's continuum.

    Parameters
    ----------
    data : DataFrame
        Has a ``continuum`` column: a partnership summary (one row per
        partnership and round) or scored respondents. Missing levels (no
        ``H`` item answered) are counted as "not answered".
    title : str, optional

    Examples
    --------
    >>> from toolkit.classification import classify, example_responses
    >>> spec = continuum_bar(classify(example_responses()).scored).to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["layer"][0]["encoding"]["x"]["sort"][:2]
    ('bar', ['none', 'networking'])
    """
    alt = altair_module()
    if "continuum" not in data.columns:
        raise InputError(
            "no continuum column", allowed="a table from score_responses or summarize_partnerships"
        )
    unit = "respondents" if "respondent" in data.columns else "partnerships"
    if unit == "partnerships" and "round" in data.columns and data["round"].nunique() > 1:
        return _continuum_by_round(alt, data, title)
    levels = data["continuum"].astype(object).where(data["continuum"].notna(), "not answered")
    order = [*CONTINUUM_LEVELS, "not answered"]
    counts = levels.value_counts().reindex(order, fill_value=0)
    if counts["not answered"] == 0:
        counts = counts.drop("not answered")
        order = order[:-1]
    frame = pd.DataFrame({"level": counts.index, "count": counts.to_numpy().astype(int)})
    frame["rank"] = np.arange(len(frame))
    total = int(frame["count"].sum())
    spoken = ", ".join(f"{r.level} {r.count}" for r in frame.itertuples())
    description = (
        f"Bar chart of Himmelman's continuum, levels in order from none to collaborating: "
        f"the number of {unit} at each level, out of {total}. {spoken}."
    )
    peak = int(frame["count"].max()) if len(frame) else 0
    base = alt.Chart(frame).encode(
        x=alt.X("level:N", sort=order, title="Level reached", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("count:Q", title=f"Number of {unit}", axis=_count_axis(alt, peak)),
    )
    bars = base.mark_bar(color="#2b6cb0").encode(
        opacity=alt.condition("datum.level == 'not answered'", alt.value(0.4), alt.value(1.0)),
        tooltip=[alt.Tooltip("level:N", title="Level"), alt.Tooltip("count:Q", title=unit)],
    )
    text = base.mark_text(dy=-8).encode(text="count:Q")
    return alt.layer(bars, text).properties(
        width=alt.Step(90),
        height=220,
        title=title or f"Himmelman's continuum: {unit} per level",
        description=description,
    )


def _count_axis(alt: Any, peak: int) -> Any:
    # Whole numbers only: explicit ticks for small counts, at least a step of 1 otherwise.
    if peak <= 10:
        return alt.Axis(values=list(range(peak + 1)), format="d")
    return alt.Axis(tickMinStep=1, format="d")


def _continuum_by_round(alt: Any, data: pd.DataFrame, title: str | None) -> Any:
    """Partnerships per level in each round: a partnership counts once per round, so four
    rows for two partnerships over two rounds read as two partnerships in each round."""
    levels = data["continuum"].astype(object).where(data["continuum"].notna(), "not answered")
    rounds = data["round"].astype(str)
    order = [*CONTINUUM_LEVELS, "not answered"]
    if not (levels == "not answered").any():
        order = order[:-1]
    round_order = sorted(
        set(rounds), key=lambda r: (0, float(r), r) if _is_number(r) else (1, 0.0, r)
    )
    counts = (
        pd.DataFrame({"round": rounds, "level": levels, "partnership": data["partnership"]})
        .groupby(["round", "level"])["partnership"]
        .nunique()
    )
    index = pd.MultiIndex.from_product([round_order, order], names=["round", "level"])
    frame = counts.reindex(index, fill_value=0).rename("count").reset_index()
    frame["count"] = frame["count"].astype(int)
    spoken = "; ".join(
        f"round {r}: "
        + ", ".join(f"{x.level} {x.count}" for x in frame[frame["round"] == r].itertuples())
        for r in round_order
    )
    total = int(data["partnership"].nunique())
    description = (
        "Bar chart of Himmelman's continuum, levels in order from none to collaborating: "
        f"the number of partnerships at each level in each round, out of {total} "
        f"partnerships. {spoken}."
    )
    peak = int(frame["count"].max()) if len(frame) else 0
    base = alt.Chart(frame).encode(
        x=alt.X("level:N", sort=order, title="Level reached", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("round:N", sort=round_order),
        y=alt.Y("count:Q", title="Number of partnerships", axis=_count_axis(alt, peak)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "round:N",
            sort=round_order,
            title="Round",
            scale=alt.Scale(range=["#90cdf4", "#2b6cb0", "#1a365d", "#b25400", "#2e7d32"]),
        ),
        tooltip=[
            alt.Tooltip("round:N", title="Round"),
            alt.Tooltip("level:N", title="Level"),
            alt.Tooltip("count:Q", title="partnerships"),
        ],
    )
    text = base.mark_text(dy=-8).encode(text="count:Q")
    return alt.layer(bars, text).properties(
        width=alt.Step(45),
        height=220,
        title=title or "Himmelman's continuum: partnerships per level, by round",
        description=description,
    )
