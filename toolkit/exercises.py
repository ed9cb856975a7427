"""Scenarios, checkers and feedback for the exercise notebooks, as plain functions.

The widgets in :mod:`toolkit.widgets` only display what these functions
return, so every piece of feedback is tested without a browser.

* **Spot the partnership** (exercise 1): :func:`spot_scenarios`,
  :func:`check_spot`. Short cases from the sources to place on Himmelman's
  continuum; the placement is the course's reading of each source.
* **Why did it fail?** (exercise 6): :func:`failure_cases`,
  :func:`check_failure_reason`, :func:`check_setback_response`. Cases from the
  sources to diagnose against Armistead & Pettigrew's nine reasons
  (:func:`toolkit.planning.diagnostics.failure_reasons`) and, where the source says how
  the partners answered a setback, as mutual learning or mutual blaming
  (Pulido-Gómez, de Jong & Rivkin 2025).
* **Mandatory or voluntary, contract or trust** (exercise 2):
  :func:`questionnaire_result` scores one person's answers with
  :func:`toolkit.classification.score_responses` and says, in words, the mode
  and how near a boundary the partnership sits.
* :func:`score` counts right answers for any of the quizzes.

The cases live in ``toolkit/data/exercise_cases.yaml``; each names its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from .continuum import CONTINUUM_LEVELS
from .errors import InputError

__all__ = [
    "RESPONSES",
    "SPOT_LEVELS",
    "Feedback",
    "check_failure_reason",
    "check_setback_response",
    "check_spot",
    "failure_cases",
    "questionnaire_result",
    "score",
    "spot_scenarios",
]

#: The levels a scenario can be placed on, in continuum order.
SPOT_LEVELS: tuple[str, ...] = tuple(level for level in CONTINUUM_LEVELS if level != "none")
#: The two ways of answering a setback (Pulido-Gómez, de Jong & Rivkin 2025).
RESPONSES: dict[str, str] = {"learning": "Mutual learning", "blaming": "Mutual blaming"}

_ADDS = {
    "networking": "exchanging information for mutual benefit",
    "coordinating": "also changing activities for a common purpose",
    "cooperating": "also sharing resources",
    "collaborating": "also enhancing each other's capacity",
}


@dataclass(frozen=True)
class Feedback:
    """The result of a check: ``correct`` is None when nothing was answered yet."""

    correct: bool | None
    text: str

    @property
    def kind(self) -> str:
        """``correct``, ``wrong`` or ``info`` (for styling)."""
        return {True: "correct", False: "wrong", None: "info"}[self.correct]


@cache
def _cases() -> dict[str, Any]:
    text = resources.files("toolkit.data").joinpath("exercise_cases.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def spot_scenarios() -> pd.DataFrame:
    """The "spot the partnership" scenarios: ``id``, ``title``, ``source``, ``text``,
    ``answer``, ``explanation`` (a new DataFrame).

    >>> spot_scenarios()["answer"].isin(SPOT_LEVELS).all()
    np.True_
    """
    return pd.DataFrame(_cases()["spot"]).astype(str)


def failure_cases() -> pd.DataFrame:
    """The "why did it fail?" cases: ``id``, ``title``, ``source``, ``text``, ``reasons``
    (list of accepted reason ids), ``response`` (``learning``, ``blaming`` or None),
    ``explanation`` (a new DataFrame).

    >>> failure_cases().loc[0, "reasons"]
    ['unwilling_participants']
    """
    frame = pd.DataFrame(_cases()["failure"])
    frame["reasons"] = frame["reasons"].map(list)
    frame["response"] = frame["response"].astype(object).where(frame["response"].notna(), None)
    return frame


def _row(frame: pd.DataFrame, case_id: str, what: str) -> pd.Series:
    match = frame[frame["id"] == case_id]
    if match.empty:
        raise InputError(f"unknown {what}", value=case_id, allowed=", ".join(frame["id"]))
    return match.iloc[0]


def check_spot(scenario_id: str, answer: str | None) -> Feedback:
    """Check where a participant placed a scenario on the continuum.

    >>> check_spot("mental-health", "cooperating").text.split(".")[0]
    'Correct: cooperating'
    >>> check_spot("mental-health", "networking").correct
    False
    >>> check_spot("mental-health", None).text
    'Choose a level for this case.'
    """
    row = _row(spot_scenarios(), scenario_id, "scenario")
    if answer is None or answer == "":
        return Feedback(None, "Choose a level for this case.")
    if answer not in SPOT_LEVELS:
        raise InputError("unknown level", value=answer, allowed=", ".join(SPOT_LEVELS))
    right = row["answer"]
    if answer == right:
        return Feedback(True, f"Correct: {right}. {row['explanation']}")
    direction = "further" if SPOT_LEVELS.index(answer) < SPOT_LEVELS.index(right) else "less far"
    return Feedback(
        False,
        f"Not quite. {answer.capitalize()} means {_ADDS[answer]}; this case goes {direction} "
        f"along the continuum. {row['explanation']}",
    )


def _reason_names() -> dict[str, str]:
    from .planning.diagnostics import failure_reasons

    table = failure_reasons()
    return dict(zip(table["id"], table["reason"], strict=True))


def check_failure_reason(case_id: str, reason: str | None) -> Feedback:
    """Check the failure reason a participant chose for a case.

    >>> check_failure_reason("left-out", "membership_gaps").correct
    True
    >>> print(check_failure_reason("left-out", "power_struggles").text.split(".")[0])
    Not quite: this case shows gaps in membership
    """
    row = _row(failure_cases(), case_id, "case")
    names = _reason_names()
    accepted = row["reasons"]
    if not accepted:
        return Feedback(None, "This case asks only how the partners answered the setback.")
    if reason is None or reason == "":
        return Feedback(None, "Choose the reason this case shows.")
    if reason not in names:
        raise InputError("unknown failure reason", value=reason, allowed=", ".join(names))
    wanted = " or ".join(names[r].lower() for r in accepted)
    if reason in accepted:
        return Feedback(True, f"Correct: {names[reason].lower()}. {row['explanation']}")
    return Feedback(False, f"Not quite: this case shows {wanted}. {row['explanation']}")


def check_setback_response(case_id: str, response: str | None) -> Feedback:
    """Check whether a participant read a setback response as learning or blaming.

    >>> check_setback_response("complying-blame", "blaming").correct
    True
    >>> check_setback_response("left-out", "learning").correct is None
    True
    """
    row = _row(failure_cases(), case_id, "case")
    right = row["response"]
    if right is None:
        return Feedback(None, "The source does not say how the partners answered a setback.")
    if response is None or response == "":
        return Feedback(None, "Choose mutual learning or mutual blaming.")
    if response not in RESPONSES:
        raise InputError("unknown response", value=response, allowed=", ".join(RESPONSES))
    if response == right:
        return Feedback(True, f"Correct: {RESPONSES[right].lower()}. {row['explanation']}")
    return Feedback(False, f"Not quite: this is {RESPONSES[right].lower()}. {row['explanation']}")


def score(feedback: list[Feedback]) -> tuple[int, int, int]:
    """Return ``(right, answered, asked)`` for a list of checks (None-checks are unasked
    only when they have nothing to ask; unanswered ones count as asked).

    >>> score([Feedback(True, ""), Feedback(False, ""), Feedback(None, "Choose...")])
    (1, 2, 3)
    """
    right = sum(f.correct is True for f in feedback)
    answered = sum(f.correct is not None for f in feedback)
    return right, answered, len(feedback)


def questionnaire_result(answers: dict[str, Any], **kwargs: Any) -> tuple[pd.DataFrame, str]:
    """Score one person's questionnaire answers; return the scored row and a sentence.

    ``answers`` maps item ids (``MV01`` ... ``CT10``) to 1-5 or None (blank).
    Keyword arguments go to :func:`toolkit.classification.score_responses`
    (``boundaries``, ``min_answered``).

    >>> _, text = questionnaire_result({f"MV{i:02d}": 5 for i in range(1, 22)}
    ...                                | {f"CT{i:02d}": 5 for i in range(1, 11)})
    >>> text.split(" (")[0]
    'Your answers place the partnership in the creating area'
    """
    from .classification import item_bank, score_responses

    bank = item_bank()
    items = bank[bank["axis"].isin(["voluntary", "trust"])]["id"].tolist()
    row = {"partnership": "Your partnership", "respondent": "you"}
    row |= {item: answers.get(item) for item in items}
    frame = pd.DataFrame([row])
    frame[items] = frame[items].apply(pd.to_numeric, errors="coerce").astype(float)
    scored = score_responses(frame, **kwargs)
    first = scored.iloc[0]
    answered = int(frame[items].notna().sum(axis=1).iloc[0])
    if pd.isna(first.get("mode")) or first.get("mode") in (None, ""):
        reason = first.get("excluded") or "too few answers"
        return scored, (
            f"Not enough answers yet to place the partnership: {reason}. You have answered "
            f"{answered} of {len(items)} statements."
        )
    near = bool(first["near_boundary"])
    text = (
        f"Your answers place the partnership in the {first['mode']} area "
        f"(voluntary {first['voluntary']:.2f}, trust {first['trust']:.2f}, on a 0-1 scale). "
    )
    if near:
        text += (
            f"It sits near the boundary with the {first['neighbour']} area "
            f"({first['boundary_distance']:.2f} away): a small change in a few answers could "
            "move it, so read the mode as a direction of travel, not a verdict."
        )
    else:
        text += (
            f"The nearest other area is {first['neighbour']}, {first['boundary_distance']:.2f} "
            "away on the map."
        )
    return scored, text
