"""Charts of the trust game: a match round by round, and a tournament's table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..charts import altair_module
from .game import STRATEGIES

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = ["match_chart", "tournament_chart"]


def match_chart(match: pd.DataFrame, strategy_a: str, strategy_b: str) -> alt.Chart:
    """Each round's moves: one row per organisation, cooperation and defection coloured.

    >>> from toolkit.trustgame import play_match
    >>> spec = match_chart(play_match("grudger", "random", rounds=5), "grudger", "random").to_dict()
    >>> spec["mark"]["type"], "description" in spec
    ('rect', True)
    """
    alt = altair_module()
    data = match.head(200)
    long = pd.DataFrame(
        {
            "round": np.concatenate([data["round"], data["round"]]),
            "organisation": [f"A: {STRATEGIES.get(strategy_a, strategy_a)}"] * len(data)
            + [f"B: {STRATEGIES.get(strategy_b, strategy_b)}"] * len(data),
            "move": np.where(
                np.concatenate([data["move_a"], data["move_b"]]) == "C", "cooperate", "defect"
            ),
        }
    )
    coop_a = float((match["move_a"] == "C").mean()) if len(match) else 0.0
    coop_b = float((match["move_b"] == "C").mean()) if len(match) else 0.0
    shown = "" if len(match) <= 200 else " The first 200 rounds are shown."
    description = (
        f"Moves round by round over {len(match)} rounds: organisation A "
        f"({STRATEGIES.get(strategy_a, strategy_a)}) cooperated in {coop_a:.0%} of rounds, "
        f"organisation B ({STRATEGIES.get(strategy_b, strategy_b)}) in {coop_b:.0%}.{shown}"
    )
    return (
        alt.Chart(long, description=description, title="Moves, round by round")
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("round:O", title="Round", axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("organisation:N", title=None),
            color=alt.Color(
                "move:N",
                title="Move",
                scale=alt.Scale(domain=["cooperate", "defect"], range=["#2e7d32", "#b3261e"]),
            ),
            tooltip=["round:O", "organisation:N", "move:N"],
        )
        .properties(width=alt.Step(14) if len(data) <= 40 else 560, height=80)
    )


def tournament_chart(table: pd.DataFrame) -> alt.Chart:
    """Bar chart of :func:`tournament_table`: points per round for each strategy.

    >>> from toolkit.trustgame import tournament, tournament_table
    >>> spec = tournament_chart(tournament_table(tournament(matches=60))).to_dict()
    >>> spec["mark"]["type"]
    'bar'
    """
    alt = altair_module()
    data = table[["name", "points_per_round", "cooperation"]].copy()
    best = data.iloc[0] if len(data) else None
    description = "Points per round in the tournament for each strategy" + (
        f"; {best['name']} scored most, {best['points_per_round']:.2f} a round."
        if best is not None
        else "."
    )
    return (
        alt.Chart(data, description=description, title="Tournament: points per round")
        .mark_bar(color="#1f5fa8")
        .encode(
            x=alt.X("points_per_round:Q", title="Mean points per round"),
            y=alt.Y("name:N", sort=None, title="Strategy"),
            tooltip=[
                alt.Tooltip("name:N", title="Strategy"),
                alt.Tooltip("points_per_round:Q", format=".2f", title="Points per round"),
                alt.Tooltip("cooperation:Q", format=".0%", title="Cooperation"),
            ],
        )
        .properties(width=420)
    )
