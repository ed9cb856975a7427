"""Exercise 4, "The trust game": two organisations play an iterated prisoner's dilemma.

The simulation is :mod:`toolkit.trustgame`; this app only wires controls to it.
"""

from __future__ import annotations

import os
from typing import Any

from ..report import esc
from ..reports.render import table_html
from ..trustgame import (
    STRATEGIES,
    describe_match,
    expected_rounds,
    match_chart,
    play_match,
    tournament,
    tournament_chart,
    tournament_table,
)
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, show_in, wide_style

__all__ = ["match_explanation", "tournament_explanation", "trust_game"]

_RETALIATORS = {"tit_for_tat", "tit_for_two_tats", "grudger"}


def match_explanation(
    strategy_a: str, strategy_b: str, past_a: int, past_b: int, match: Any
) -> str:
    """A sentence on a puzzling match result, or "" when there is nothing to explain.

    Explains tit for tat (or tit for two tats) against itself with no joint
    cooperation, which remembered defections cause.

    >>> from toolkit.trustgame import play_match
    >>> m = play_match("tit_for_tat", "tit_for_tat", rounds=6, past_a=1)
    >>> match_explanation("tit_for_tat", "tit_for_tat", 1, 0, m)[:48]
    'Why no round of cooperation together? Tit for ta'
    >>> match_explanation("tit_for_tat", "tit_for_tat", 0, 0, play_match(
    ...     "tit_for_tat", "tit_for_tat", rounds=6))
    ''
    """
    both = int(((match["move_a"] == "C") & (match["move_b"] == "C")).sum()) if len(match) else 0
    echo = {"tit_for_tat", "tit_for_two_tats"}
    if both or not (past_a or past_b) or strategy_a not in echo or strategy_b not in echo:
        return ""
    if past_a and past_b:
        how = (
            "Each side remembers defections by the other, so both open by defecting, and each "
            "then copies the other's defection, round after round."
        )
    else:
        how = (
            "One side remembers a defection by the other, so it opens by defecting; the other "
            "copies that a round later, and the two echo the defection back and forth: they "
            "never cooperate in the same round."
        )
    return (
        "Why no round of cooperation together? Tit for tat copies the other side's last move, "
        f"and remembered defections count as last moves. {how} This is the shadow of the past "
        "at work: one forgiving move would break the echo. Try a smaller shadow of the past, "
        "or Tit for two tats against a single remembered defection."
    )


def tournament_explanation(best: str, continuation: float, past: int) -> str:
    """A sentence on why the winner won when it is not a cooperating strategy.

    >>> tournament_explanation("random", 0.9, 2)[:40]
    'Why does Random come out on top? Random '
    >>> tournament_explanation("grudger", 0.9, 0)
    ''
    """
    name = STRATEGIES.get(best, best)
    if best in _RETALIATORS or best == "always_cooperate":
        return ""
    if past and best == "random":
        return (
            f"Why does {name} come out on top? Random ignores the past. With both sides "
            "remembering earlier defections, the strategies that repay defection with "
            "defection (tit for tat, tit for two tats, the grudger) open by punishing and, "
            "against one another, can stay locked in mutual defection at 1 point a round, "
            "while Random still collects some rewards and temptations. Set the shadow of the "
            "past to 0 and run the tournament again."
        )
    if past:
        return (
            f"Why does {name} come out on top? With earlier defections remembered, the "
            "strategies that repay defection open by punishing, so cooperation rarely gets "
            "started and defecting loses little. Set the shadow of the past to 0 and compare."
        )
    return (
        f"Why does {name} come out on top? With a {continuation:.0%} chance of another round, "
        f"matches last {expected_rounds(continuation):.1f} rounds on average: too few for "
        "retaliation to cost a defector much, so defecting pays. Raise the shadow of the "
        "future (try 0.9) and run it again: cooperation needs a long enough future."
    )


def trust_game(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 4: pick strategies, set the two shadows, play a match or a tournament.

    Controls: each organisation's strategy, the shadow of the future (chance
    of another round), the shadow of the past (defections each side remembers
    of the other before the partnership) and the random seed. The match is
    replayed on every change; a button runs a 1,000-match round-robin
    tournament with the same shadows. Answers (the settings and the
    participant's note) are kept in ``04-trust-game.answers.json``.

    Exposes ``controls`` (name -> widget), ``feedback`` (HTML), ``note``,
    ``run_tournament`` (Button), ``tournament_result`` (HTML), ``match`` (the
    last match, a DataFrame) and ``autosave``.
    """
    import ipywidgets as w

    options = [(name, key) for key, name in STRATEGIES.items()]
    controls = {
        "strategy_a": w.Dropdown(
            options=options,
            value="tit_for_tat",
            description="Organisation A plays:",
            style=wide_style(),
        ),
        "strategy_b": w.Dropdown(
            options=options,
            value="always_defect",
            description="Organisation B plays:",
            style=wide_style(),
        ),
        "continuation": w.FloatSlider(
            value=0.9,
            min=0.0,
            max=0.99,
            step=0.01,
            description="Shadow of the future (chance of another round):",
            style=wide_style(),
            layout=w.Layout(width="600px"),
            readout_format=".2f",
        ),
        "past_a": w.IntSlider(
            value=0,
            min=0,
            max=5,
            description="Shadow of the past: earlier defections by A that B remembers:",
            style=wide_style(),
            layout=w.Layout(width="600px"),
        ),
        "past_b": w.IntSlider(
            value=0,
            min=0,
            max=5,
            description="Shadow of the past: earlier defections by B that A remembers:",
            style=wide_style(),
            layout=w.Layout(width="600px"),
        ),
        "seed": w.BoundedIntText(
            value=1,
            min=0,
            max=999_999,
            description="Luck of the draw (any number; change it to replay with other luck):",
            style=wide_style(),
            layout=w.Layout(width="600px", max_width="100%"),
        ),
    }
    note = w.Textarea(
        placeholder="What did you notice? When does cooperation pay?",
        description="Your notes:",
        style=wide_style(),
        layout=w.Layout(width="600px", height="6em"),
    )
    feedback = w.HTML()
    chart_out = w.Output()
    run = w.Button(
        description="Run a 1,000-match tournament",
        tooltip="Every strategy against every other, with the shadows set above",
        button_style="primary",
        layout=w.Layout(width="auto", min_width="max-content"),
    )
    result = w.HTML()
    tour_out = w.Output()
    autosave = Autosave("04-trust-game", folder)
    state: dict[str, Any] = {}

    def settings() -> dict[str, Any]:
        return {key: control.value for key, control in controls.items()}

    def update(_change: Any = None) -> None:
        s = settings()
        match = play_match(
            s["strategy_a"],
            s["strategy_b"],
            continuation=s["continuation"],
            past_a=s["past_a"],
            past_b=s["past_b"],
            seed=s["seed"],
        )
        state["match"] = match
        text = (
            f"With a {s['continuation']:.0%} chance of another round, matches last "
            f"{expected_rounds(s['continuation']):.1f} rounds on average.\n\n"
            + describe_match(match, s["strategy_a"], s["strategy_b"])
        )
        why = match_explanation(s["strategy_a"], s["strategy_b"], s["past_a"], s["past_b"], match)
        if why:
            text += "\n\n" + why
        feedback.value = feedback_html(text)
        state["match_chart"] = match_chart(match, s["strategy_a"], s["strategy_b"])
        show_in(chart_out, state["match_chart"])
        if "tournament" in state:  # keep the tournament in step with the settings
            on_run()

    def on_run(_button: Any = None) -> None:
        s = settings()
        past = max(s["past_a"], s["past_b"])
        merged = ""
        if s["past_a"] != s["past_b"]:
            merged = (
                f" In the tournament every match gives both sides the same shadow of the past, "
                f"so it uses the larger of your two settings, {past}."
            )
        table = tournament_table(
            tournament(matches=1000, continuation=s["continuation"], past=past, seed=s["seed"])
        )
        state["tournament"] = table
        shown = table[["rank", "name", "points_per_round", "cooperation"]].copy()
        shown["points_per_round"] = shown["points_per_round"].round(2)
        shown["cooperation"] = (shown["cooperation"] * 100).round(0).astype(int).astype(str) + "%"
        shown.columns = ["Rank", "Strategy", "Points per round", "Cooperation"]
        why = tournament_explanation(
            str(table.iloc[0]["strategy"]) if "strategy" in table.columns else "",
            s["continuation"],
            past,
        )
        result.value = (
            f"<p>1,000 matches, chance of another round {s['continuation']:.2f}, each side "
            f"remembering {past} earlier defection{'s' if past != 1 else ''} of the other."
            f"{esc(merged)} Best: <strong>{esc(table.iloc[0]['name'])}</strong>. The "
            "tournament runs again whenever you change a setting above.</p>"
            + (f"<p>{esc(why)}</p>" if why else "")
            + table_html(shown, caption="Tournament ranking")
        )
        state["tournament_chart"] = tournament_chart(table)
        show_in(tour_out, state["tournament_chart"])

    for key, control in controls.items():
        autosave.bind(key, control)
        control.observe(update, names="value")
    autosave.bind("note", note)
    run.on_click(on_run)
    autosave.restore()
    update()
    intro = (
        "<p>Two organisations play Axelrod's prisoner's dilemma: each round both choose to "
        "cooperate or defect. Both cooperating earns 3 points each, both defecting 1 each; a "
        "defector facing a cooperator earns 5 and the cooperator 0 (the values of Axelrod's "
        "tournaments, which the course uses as its default). Choose a strategy for each "
        "organisation, then change the <em>shadow of the future</em> (how likely another round "
        "is) and the <em>shadow of the past</em> (defections each remembers from before the "
        "partnership) and watch the payoffs and cooperation change.</p>"
    )
    body = [
        w.HBox([controls["strategy_a"], controls["strategy_b"]]),
        controls["continuation"],
        controls["past_a"],
        controls["past_b"],
        controls["seed"],
        feedback,
        chart_out,
        run,
        result,
        tour_out,
        note,
    ]
    root = exercise_frame("The trust game", intro, body, autosave)
    return ExerciseApp(
        root,
        "The trust game",
        controls=controls,
        feedback=feedback,
        note=note,
        run_tournament=run,
        tournament_result=result,
        state=state,
        autosave=autosave,
    )
