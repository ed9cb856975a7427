"""Exercise 1, "Spot the partnership", and exercise 6, "Why did it fail?".

Both are case quizzes: each case from the sources has one or two questions,
feedback appears as soon as an answer is chosen, and a score line counts the
right answers. Checking and feedback come from :mod:`toolkit.exercises`.
"""

from __future__ import annotations

import os
from typing import Any

from ..exercises import (
    RESPONSES,
    SPOT_LEVELS,
    check_failure_reason,
    check_setback_response,
    check_spot,
    failure_cases,
    score,
    spot_scenarios,
)
from ..report import esc
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, wide_style

__all__ = ["case_feedback_html", "spot_the_partnership", "why_did_it_fail"]


def _case_html(row: Any, number: int) -> str:
    return (
        f'<div class="toolkit-case"><h4>Case {number}: {esc(row.title)}</h4>'
        f"<p>{esc(row.text)}</p><p><small>Source: {esc(row.source)}</small></p></div>"
    )


def case_feedback_html(parts: list[Any], explanation: str) -> str:
    """Feedback for a case with one or two questions: each answer marked right or wrong on
    its own, and the case's explanation once (not repeated under each answer).

    >>> from toolkit.exercises import Feedback
    >>> html = case_feedback_html(
    ...     [Feedback(True, "Correct: a. Because."), Feedback(False, "Not quite: b. Because.")],
    ...     "Because.")
    >>> html.count("Because.")
    1
    >>> "Correct: a." in html and "Not quite: b." in html
    True
    """
    html = []
    explained = False
    for part in parts:
        text = part.text
        if explanation and text.endswith(explanation):
            text = text[: -len(explanation)].strip()
            explained = True
        html.append(feedback_html(text, kind=part.kind))
    if explained:
        html.append(feedback_html(explanation))
    return "".join(html)


def _score_html(right: int, answered: int, asked: int) -> str:
    return (
        f'<p class="toolkit-score" role="status" aria-live="polite"><strong>Score:</strong> '
        f"{right} right out of {answered} answered ({asked} questions in all).</p>"
    )


def spot_the_partnership(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 1: place cases from the sources on Himmelman's continuum, then self-check.

    One radio group per case (networking ... collaborating), feedback under
    each, a score, and below them the continuum self-check
    (:func:`toolkit.widgets.continuum_self_check`) for a partnership the
    participant knows. Answers are kept in ``01-continuum.answers.json``
    (see :mod:`toolkit.answers`; ``folder`` overrides where).

    The app exposes ``choices`` (case id -> RadioButtons), ``feedback``
    (case id -> HTML), ``score``, ``self_check`` (the self-check app) and
    ``autosave``.
    """
    import ipywidgets as w

    from .continuum import continuum_self_check

    cases = spot_scenarios()
    autosave = Autosave("01-continuum", folder)
    choices: dict[str, Any] = {}
    feedback: dict[str, Any] = {}
    score_box = w.HTML()
    rows = []

    def update(_change: Any = None) -> None:
        results = []
        for case_id, radio in choices.items():
            result = check_spot(case_id, radio.value)
            feedback[case_id].value = feedback_html(result.text, kind=result.kind)
            results.append(result)
        score_box.value = _score_html(*score(results))

    for number, row in enumerate(cases.itertuples(), start=1):
        row_id = str(row.id)
        radio = w.RadioButtons(
            options=[(level.capitalize(), level) for level in SPOT_LEVELS],
            value=None,
            description=f"Case {number} level:",
            style=wide_style(),
        )
        choices[row_id] = radio
        feedback[row_id] = w.HTML()
        autosave.bind(f"case:{row_id}", radio)
        radio.observe(update, names="value")
        rows.append(w.VBox([w.HTML(_case_html(row, number)), radio, feedback[row_id]]))

    self_check = continuum_self_check(intro=False)
    for item, box in self_check.checkboxes.items():
        autosave.bind(f"self-check:{item}", box)
    autosave.restore()
    update()
    intro = (
        "<p>Each case below comes from the course's sources. Where does it sit on Himmelman's "
        "continuum: networking (exchanging information), coordinating (also changing "
        "activities for a common purpose), cooperating (also sharing resources) or "
        "collaborating (also enhancing each other's capacity)? Choose a level to see "
        "feedback.</p>"
    )
    second = w.HTML(
        "<h4>Now your own partnership</h4><p>Think of one partnership you know. Tick each "
        "thing its partners do together.</p>"
    )  # said once: the self-check below is built without its own introduction
    root = exercise_frame(
        "Spot the partnership",
        intro,
        [*rows, score_box, second, self_check.widget],
        autosave,
    )
    return ExerciseApp(
        root,
        "Spot the partnership",
        choices=choices,
        feedback=feedback,
        score=score_box,
        self_check=self_check,
        autosave=autosave,
    )


def why_did_it_fail(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 6: diagnose cases against the nine failure reasons and learning vs blaming.

    Each case asks which of Armistead & Pettigrew's nine reasons it shows (a
    drop-down) and, where the source says how the partners answered a setback,
    whether that was mutual learning or mutual blaming (radio buttons). Then
    the participant rates the nine risks for their own partnership and sees
    the overall level from :func:`toolkit.planning.diagnostics.risk_summary`. Answers
    are kept in ``06-why-did-it-fail.answers.json``.

    Exposes ``reasons`` and ``responses`` (case id -> control), ``feedback``
    (case id -> HTML), ``score``, ``ratings`` (reason id -> Dropdown),
    ``risk_feedback`` and ``autosave``.
    """
    import ipywidgets as w

    from ..planning import blank_plan
    from ..planning.diagnostics import failure_reasons, risk_summary

    cases = failure_cases()
    table = failure_reasons()
    reason_options = [("Choose a reason", ""), *zip(table["reason"], table["id"], strict=True)]
    autosave = Autosave("06-why-did-it-fail", folder)
    reasons: dict[str, Any] = {}
    responses: dict[str, Any] = {}
    feedback: dict[str, Any] = {}
    score_box = w.HTML()
    rows = []

    def update(_change: Any = None) -> None:
        results = []
        for row in cases.itertuples():
            row_id = str(row.id)
            parts = []
            if row_id in reasons:
                result = check_failure_reason(row_id, reasons[row_id].value)
                parts.append(result)
                results.append(result)
            if row_id in responses:
                result = check_setback_response(row_id, responses[row_id].value)
                parts.append(result)
                results.append(result)
            feedback[row_id].value = case_feedback_html(parts, str(row.explanation))
        score_box.value = _score_html(*score(results))

    for number, row in enumerate(cases.itertuples(), start=1):
        row_id = str(row.id)
        controls = []
        if row.reasons:
            menu = w.Dropdown(
                options=reason_options,
                value="",
                description=f"Case {number} reason:",
                style=wide_style(),
                layout=w.Layout(width="max-content"),
            )
            reasons[row_id] = menu
            autosave.bind(f"reason:{row_id}", menu)
            menu.observe(update, names="value")
            controls.append(menu)
        if row.response is not None:
            radio = w.RadioButtons(
                options=[(label, key) for key, label in RESPONSES.items()],
                value=None,
                description=f"Case {number} response:",
                style=wide_style(),
            )
            responses[row_id] = radio
            autosave.bind(f"response:{row_id}", radio)
            radio.observe(update, names="value")
            controls.append(radio)
        feedback[row_id] = w.HTML()
        rows.append(w.VBox([w.HTML(_case_html(row, number)), *controls, feedback[row_id]]))

    rating_options = [("Not rated", -1), ("No risk", 0), ("Some risk", 1), ("Serious risk", 2)]
    ratings: dict[str, Any] = {}
    risk_feedback = w.HTML()

    def update_risks(_change: Any = None) -> None:
        plan = blank_plan().to_dict()
        plan["risks"] = {
            key: (None if menu.value < 0 else menu.value) for key, menu in ratings.items()
        }
        summary = risk_summary(plan)
        names = dict(zip(table["id"], table["reason"], strict=True))
        risk_feedback.value = feedback_html(_risk_text(summary, names), kind="info")

    risk_rows = []
    for row in table.itertuples():
        row_id = str(row.id)
        menu = w.Dropdown(
            options=rating_options,
            value=-1,
            description=row.reason,
            style=wide_style(),
            layout=w.Layout(width="max-content"),
        )
        ratings[row_id] = menu
        autosave.bind(f"risk:{row_id}", menu)
        menu.observe(update_risks, names="value")
        risk_rows.append(w.VBox([menu, w.HTML(f"<p><small>{esc(row.question)}</small></p>")]))

    autosave.restore()
    update()
    update_risks()
    intro = (
        "<p>Armistead and Pettigrew collected nine reasons partnerships fail. For each case "
        "from the sources, choose the reason it shows. Where the source says how the partners "
        "answered a setback, say whether it was mutual learning or mutual blaming "
        "(Pulido-Gómez, de Jong and Rivkin found that learning leads to success, blaming to "
        "failure).</p>"
    )
    own = w.HTML(
        "<h4>Now your own partnership</h4><p>Rate each of the nine risks for a partnership "
        "you know. Each question is put so that &ldquo;yes&rdquo; means low risk.</p>"
    )
    root = exercise_frame(
        "Why did it fail?", intro, [*rows, score_box, own, *risk_rows, risk_feedback], autosave
    )
    return ExerciseApp(
        root,
        "Why did it fail?",
        reasons=reasons,
        responses=responses,
        feedback=feedback,
        score=score_box,
        ratings=ratings,
        risk_feedback=risk_feedback,
        autosave=autosave,
    )


def _risk_text(summary: dict[str, Any], names: dict[str, str]) -> str:
    rated = summary.get("rated", 0)
    if not rated:
        return "Rate at least one risk to see the overall level."
    level = summary.get("level")
    value = summary.get("score")
    text = f"Overall risk: {level} (score {value:.2f} of 1, from {rated} rated reasons)."
    serious = summary.get("serious") or []
    if serious:
        text += f" Serious: {', '.join(names.get(s, s) for s in serious)}."
    return text
