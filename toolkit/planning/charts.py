"""Charts for a six-step plan: progress, failure-risk profile, indicators against targets.

Each builder takes a :class:`~toolkit.planning.Plan` (or a path or mapping),
returns an Altair chart with a ``description`` that reads well aloud, and
keeps its data inline and small (six steps, nine risks, one row per goal).
Altair is imported only when a chart is built.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..charts import altair_module
from .plan import Plan
from .progress import plan_progress

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["STATUS_COLORS", "indicator_chart", "progress_chart", "risk_chart"]

PlanLike = Plan | Mapping[str, Any] | str | os.PathLike[str]

#: Colours for step status, told apart with the common forms of colour blindness.
STATUS_COLORS = {"complete": "#2e7d32", "in progress": "#e0a100", "not started": "#cbd5e0"}
_RISK_COLORS = {"open": "#b03a2e", "planned for": "#1f5fa8", "no risk": "#2e7d32"}


def _numbers(values: list[int]) -> str:
    if not values:
        return "none"
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def progress_chart(plan: PlanLike) -> alt.LayerChart:
    """Chart progress through the six steps as a row of six tiles.

    Each tile is a step, coloured by its status (complete, in progress, not
    started) and labelled with the number of required outputs done.

    >>> from toolkit.planning import blank_plan
    >>> spec = progress_chart(blank_plan()).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'text']
    >>> spec["description"].startswith("Progress through the six steps")
    True
    """
    alt = altair_module()
    progress = plan_progress(plan)
    data = pd.DataFrame(
        {
            "step": progress["number"].astype(str) + ". " + progress["name"],
            "number": progress["number"],
            "status": progress["status"],
            "done": progress["filled"].astype(str) + " of " + progress["required"].astype(str),
            "missing": progress["missing"].map(len),
        }
    )
    order = data["step"].tolist()
    parts = []
    for status in STATUS_COLORS:
        numbers = data.loc[data["status"] == status, "number"].tolist()
        if numbers:
            parts.append(f"{status}: step{'s' if len(numbers) > 1 else ''} {_numbers(numbers)}")
    description = (
        "Progress through the six steps of Roberts' model, shown as a row of six tiles from "
        "problem identification to evaluation. " + "; ".join(parts).capitalize() + "."
    )
    base = alt.Chart(data)
    tiles = base.mark_rect(stroke="white", strokeWidth=3).encode(
        x=alt.X(
            "step:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelAngle=0, labelLimit=120, orient="top"),
        ),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
            legend=alt.Legend(title="Status", orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip("step:N", title="Step"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("done:N", title="Required outputs done"),
            alt.Tooltip("missing:Q", title="Outputs missing"),
        ],
    )
    labels = base.mark_text(fontSize=13, color="#1a202c").encode(
        x=alt.X("step:N", sort=order), text="done:N"
    )
    return alt.layer(
        tiles, labels, description=description, title="Progress through the six steps"
    ).properties(width=alt.Step(115), height=70)


def risk_chart(plan: PlanLike) -> alt.LayerChart:
    """Chart the failure-risk profile: one bar per reason, its length the group's rating.

    Bars are coloured by status (open, planned for, no risk); reasons not yet
    rated have no bar and are labelled "not rated".

    >>> from toolkit.planning import blank_plan
    >>> plan = blank_plan()
    >>> plan.risks["power_struggles"] = 2
    >>> spec = risk_chart(plan).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'text']
    >>> "1 of the 9 reasons is rated" in spec["description"]
    True
    """
    from .diagnostics import failure_risks, risk_summary

    alt = altair_module()
    risks = failure_risks(plan)
    summary = risk_summary(plan)
    data = pd.DataFrame(
        {
            "reason": risks["reason"],
            "rating": risks["rating"].fillna(0.0),
            "rated": risks["rating"].notna(),
            "rating_label": risks["rating_label"],
            "status": risks["status"],
            "step": "Step " + risks["step"].astype(str) + ": " + risks["step_name"],
        }
    )
    order = data["reason"].tolist()
    serious = risks.loc[risks["rating"] == 2, "reason"].str.lower().tolist()
    description = (
        "Failure-risk profile against the nine reasons partnerships fail (Armistead and "
        f"Pettigrew 2007): {summary['rated']} of the 9 reasons is rated"
        if summary["rated"] == 1
        else "Failure-risk profile against the nine reasons partnerships fail (Armistead and "
        f"Pettigrew 2007): {summary['rated']} of the 9 reasons are rated"
    )
    if summary["score"] is not None:
        description += f", overall risk {summary['level']} (score {summary['score']:.2f} of 1)"
    description += "."
    if serious:
        description += " Serious risks: " + ", ".join(serious) + "."
    if summary["open"]:
        description += f" {len(summary['open'])} rated risk(s) still open."
    base = alt.Chart(data)
    y = alt.Y("reason:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars = (
        base.transform_filter("datum.rated")
        .mark_bar()
        .encode(
            x=alt.X(
                "rating:Q",
                scale=alt.Scale(domain=[0, 2]),
                axis=alt.Axis(values=[0, 1, 2], format="d"),
                title="Rating (0 no risk, 1 some risk, 2 serious risk)",
            ),
            y=y,
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(_RISK_COLORS), range=list(_RISK_COLORS.values())),
                legend=alt.Legend(title="Status", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("reason:N", title="Reason"),
                alt.Tooltip("rating_label:N", title="Rating"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("step:N", title="Addressed in"),
            ],
        )
    )
    labels = base.mark_text(align="left", dx=4, color="#4a5568").encode(
        x=alt.X("rating:Q"), y=y, text="rating_label:N"
    )
    return alt.layer(
        bars, labels, description=description, title="Failure-risk profile"
    ).properties(width=320, height=alt.Step(24))


def indicator_chart(plan: PlanLike) -> alt.LayerChart:
    """Chart each social impact indicator against its target.

    Indicators have different units, so each bar shows *attainment*: the
    observed value as a share of the target (target / observed when lower is
    better); the rule at 100% marks the target. Goals without an observed
    value or target are listed in the description, not drawn.

    >>> from toolkit.planning import blank_plan
    >>> spec = indicator_chart(blank_plan()).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'rule']
    """
    from .diagnostics import impact_indicators

    alt = altair_module()
    table = impact_indicators(plan)
    data = pd.DataFrame(
        {
            "goal": table["goal"]
            + ": "
            + table["indicator"].where(table["indicator"] != "", table["description"]),
            "attainment": table["attainment"],
            "observed": table["observed"],
            "target": table["target"],
            "unit": table["unit"],
            "met": table["met"].map({True: "target met", False: "not yet met"}),
        }
    )
    drawn = data.loc[data["attainment"].notna()].reset_index(drop=True)
    skipped = data.loc[data["attainment"].isna(), "goal"].tolist()
    if table.empty:
        description = "Indicators against targets: no measurable goals have been set in step 4 yet."
    else:
        met = int((table["met"] == True).sum())  # noqa: E712 - object column of True/False/None
        description = (
            f"Indicators against targets: {len(drawn)} of {len(table)} goals from step 4 have an "
            f"observed value and a target; {met} met the target. Each bar shows the observed "
            "value as a percentage of the target; the line marks 100 percent."
        )
        if skipped:
            description += " Not yet measured: " + ", ".join(skipped) + "."
    y = alt.Y("goal:N", title=None, axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(drawn)
        .mark_bar()
        .encode(
            x=alt.X(
                "attainment:Q", title="Observed as a share of target", axis=alt.Axis(format="%")
            ),
            y=y,
            color=alt.Color(
                "met:N",
                scale=alt.Scale(domain=["target met", "not yet met"], range=["#2e7d32", "#e0a100"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("goal:N", title="Goal"),
                alt.Tooltip("observed:Q", title="Observed"),
                alt.Tooltip("target:Q", title="Target"),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("attainment:Q", title="Share of target", format=".0%"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"target": [1.0]}))
        .mark_rule(color="#1a202c", strokeDash=[4, 3])
        .encode(x="target:Q")
    )
    return alt.layer(
        bars, rule, description=description, title="Indicators against targets"
    ).properties(width=320, height=alt.Step(28) if len(drawn) else 60)
