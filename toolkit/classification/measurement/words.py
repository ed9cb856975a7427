"""The measurement figures in words: agreement, intervals, change, reliability, how to read them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .constants import AGREEMENT_CONVENTION, CONFIDENCE, DEFAULT_SEED, RESAMPLES, T_FROM, WEAK_ITEM

# --------------------------------------------------------------------------- words


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def position_words(mode: Any, touched: str = "", near: Any = None) -> str:
    """The position in words: the mode, or "between constraining and creating".

    ``touched`` is :func:`between_modes`' text; without it (no interval) a
    ``near`` neighbour mode gives "between" too.

    >>> position_words("creating", "constraining|creating")
    'between constraining and creating'
    >>> position_words("creating", "creating"), position_words(None)
    ('creating', 'not placed (no scored respondents)')
    >>> position_words("complying", "", "constraining")
    'between complying and constraining'
    """
    if mode is None or (isinstance(mode, float) and math.isnan(mode)):
        return "not placed (no scored respondents)"
    modes = [m for m in str(touched).split("|") if m] if touched else []
    if not modes and isinstance(near, str) and near:
        order = ("complying", "constraining", "creating")
        modes = sorted({str(mode), near}, key=lambda m: order.index(m) if m in order else 9)
    if len(modes) >= 2:
        return "between " + _join(modes)
    return str(mode)


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def agreement_words(value: Any) -> str:
    """r_wg(J) in words.

    >>> [agreement_words(v) for v in (0.85, 0.4, 0.0, None)]  # doctest: +NORMALIZE_WHITESPACE
    ['partners agree strongly', 'partners agree only partly',
     'partners disagree as much as random answers would, or more',
     'too few respondents to tell']
    """
    r = _number(value)
    if r is None:
        return "too few respondents to tell"
    if r >= AGREEMENT_CONVENTION:
        return "partners agree strongly"
    if r > 0:
        return "partners agree only partly"
    return "partners disagree as much as random answers would, or more"


def agreement_sentence(voluntary: Any, trust: Any) -> str:
    """Agreement on both axes in one sentence.

    >>> agreement_sentence(0.9, 0.75)
    'partners agree strongly on both axes'
    >>> agreement_sentence(0.9, 0.3)
    'on the voluntary axis partners agree strongly; on the trust axis partners agree only partly'
    """
    a, b = agreement_words(voluntary), agreement_words(trust)
    if a == b:
        return f"{a} on both axes" if _number(voluntary) is not None else a
    return f"on the voluntary axis {a}; on the trust axis {b}"


def interval_words(low: Any, high: Any) -> str:
    """An interval in words.

    >>> interval_words(0.412, 0.5), interval_words(0.5, 0.5), interval_words(None, None)
    ('0.41 to 0.50', 'exactly 0.50 (everyone gave the same score)', 'not computed')
    """
    lo, hi = _number(low), _number(high)
    if lo is None or hi is None:
        return "not computed"
    if hi - lo < 5e-13:
        return f"exactly {lo:.2f} (everyone gave the same score)"
    return f"{lo:.2f} to {hi:.2f}"


AXIS_WORDS = {
    "voluntary": ("more voluntary", "more mandatory"),
    "trust": ("more trust-based", "more contract-based"),
}


def change_words(axis: str, change: Any, clear: Any, steady: float = 0.05) -> str:
    """The change on one axis in words, honest about noise.

    A clear change gets its direction ("slightly" when smaller than
    ``steady``); an unclear one is "no clear change"; when clear change cannot
    be computed the size alone decides, as before (``steady``).

    >>> change_words("voluntary", 0.2, True), change_words("voluntary", 0.2, False)
    ('more voluntary', 'no clear change in voluntary')
    >>> change_words("trust", -0.01, 1.0), change_words("trust", 0.01, None)
    ('slightly more contract-based', 'about as trust-based')
    """
    up, down = AXIS_WORDS[axis]
    d = _number(change)
    if d is None:
        return f"no comparable {axis} score"
    verdict = _number(clear)
    if verdict is None:
        if abs(d) < steady:
            return "about as voluntary" if axis == "voluntary" else "about as trust-based"
        return up if d > 0 else down
    if verdict == 0:
        return f"no clear change in {axis}"
    word = up if d > 0 else down
    return f"slightly {word}" if abs(d) < steady else word


def travel_sentence(
    voluntary_change: Any,
    trust_change: Any,
    clear_voluntary: Any,
    clear_trust: Any,
    mode_from: Any,
    mode_to: Any,
    *,
    steady: float = 0.05,
    since: Any = None,
) -> str:
    """The direction-of-travel sentence.

    >>> travel_sentence(0.02, -0.03, False, False, "creating", "creating", since="2025")
    'no clear change since 2025; stayed creating'
    >>> travel_sentence(0.2, 0.01, True, False, "complying", "constraining")
    'more voluntary and no clear change in trust; moved from complying to constraining'
    """
    if _number(voluntary_change) is None or _number(trust_change) is None:
        return "not comparable: a round has no scored respondents"
    if mode_from != mode_to and isinstance(mode_from, str) and isinstance(mode_to, str):
        moved = f"moved from {mode_from} to {mode_to}"
    else:
        moved = f"stayed {mode_from}"
    if _number(clear_voluntary) == 0 and _number(clear_trust) == 0:
        head = "no clear change" + (f" since {since}" if since is not None else "")
    else:
        head = (
            change_words("voluntary", voluntary_change, clear_voluntary, steady)
            + " and "
            + change_words("trust", trust_change, clear_trust, steady)
        )
        if _number(clear_voluntary) is None or _number(clear_trust) is None:
            head += " (too few respondents to tell whether the change is clear)"
    return f"{head}; {moved}"


def reliability_words(axis: str, figures: Mapping[str, Any]) -> str:
    """One axis's reliability in a sentence.

    >>> reliability_words("trust", {"alpha": 0.81, "respondents": 20, "items": 10,
    ...                             "weak_items": ["CT04"], "note": None})
    'Trust items: alpha 0.81 over 20 respondents and 10 items; weak item: CT04.'
    """
    name = f"{axis.capitalize()} items"
    if figures.get("alpha") is None:
        note = figures.get("note") or "not computed"
        return f"{name}: alpha {note}."
    text = (
        f"{name}: alpha {figures['alpha']:.2f} over {figures['respondents']} respondents "
        f"and {figures['items']} items"
    )
    weak = list(figures.get("weak_items") or [])
    if weak:
        text += f"; weak item{'s' if len(weak) > 1 else ''}: {', '.join(weak)}"
    else:
        text += "; no weak item"
    return text + "."


def how_to_read(
    confidence: float = CONFIDENCE, resamples: int = RESAMPLES, seed: int = DEFAULT_SEED
) -> list[tuple[str, str]]:
    """Each figure explained in two plain sentences: ``[(figure, explanation), ...]``."""
    level = f"{confidence:.0%}"
    return [
        (
            "Agreement (r_wg)",
            "1 means the partners gave the same answers, 0 that their answers spread as much as "
            "random answers would. By a common convention, 0.70 or more is enough agreement to "
            "speak of one position, but that is a convention, not a law.",
        ),
        (
            f"{level} interval",
            "The range the score could plausibly take if other, similar partners had answered: "
            f"we are {level} confident the partnership's score lies in it. When the range "
            "crosses a line on the map, the partnership sits between two modes, and the report "
            "says so.",
        ),
        (
            "Clear change",
            f"A change between two rounds is clear when the {level} interval of the difference "
            "leaves out zero. Otherwise the movement could be noise, and the report says "
            '"no clear change".',
        ),
        (
            "Reliability (Cronbach's alpha)",
            "How consistently the items of an axis measure one thing: near 1 they move "
            "together, near 0 they do not. An item that goes against the others (item-rest "
            f"correlation below {WEAK_ITEM:g}) is flagged as weak; a misread or reversed item "
            "is the usual cause.",
        ),
        (
            "Reproducible figures",
            f"The intervals of groups under {T_FROM} respondents come from {resamples:,} "
            f"resamples of their respondents, drawn from seed {seed}. The same file and seed "
            "always give the same figures.",
        ),
    ]


def partnership_sentences(
    summary: pd.DataFrame, travel: pd.DataFrame | None = None, partnership: Any = None
) -> list[str]:
    """One sentence per round (position, intervals, agreement) and per move between rounds.

    ``summary`` and ``travel`` are a classification's tables (see
    :func:`toolkit.classification.classify`); ``partnership`` picks one
    partnership (default: all). For reports and widgets, which show a handful
    of rows.

    >>> from toolkit.classification import classify, example_responses
    >>> result = classify(example_responses())
    >>> for line in partnership_sentences(result.summary, result.travel, "Example partnership B"):
    ...     print(line)  # doctest: +NORMALIZE_WHITESPACE
    Example partnership B, 2025: creating (voluntary 0.65 to 0.78, trust 0.73 to 0.86);
    partners agree strongly on both axes.
    Example partnership B, 2026: between constraining and creating (voluntary 0.59 to 0.74,
    trust 0.57 to 0.74); partners agree strongly on both axes.
    Example partnership B, 2025 to 2026: no clear change in voluntary and more
    contract-based; stayed creating.
    """
    if partnership is not None:
        summary = summary[summary["partnership"].astype(str) == str(partnership)]
        if travel is not None and len(travel):
            travel = travel[travel["partnership"].astype(str) == str(partnership)]
    lines = []
    for row in _rows(summary):
        name = str(row["partnership"]) + (f", {row['round']}" if "round" in row else "")
        position = row.get("position") or position_words(row.get("mode"))
        text = f"{name}: {position}"
        if "voluntary_low" in row:
            text += (
                f" (voluntary {interval_words(row['voluntary_low'], row['voluntary_high'])}, "
                f"trust {interval_words(row['trust_low'], row['trust_high'])})"
            )
        if "agreement" in row:
            text += f"; {row['agreement']}"
        lines.append(text + ".")
    if travel is not None and len(travel):
        for row in _rows(travel):
            lines.append(
                f"{row['partnership']}, {row['from_round']} to {row['to_round']}: "
                f"{row['direction']}."
            )
    return lines


def _rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as dicts, to put into words (JSON records use toolkit.records)."""
    columns = [str(c) for c in table.columns]
    return [
        dict(zip(columns, values, strict=True))
        for values in table.itertuples(index=False, name=None)
    ]
