"""Where a partnership stands, according to each partner, and how it moves over time.

The instrument follows Armistead & Pettigrew (2007). Their Table 1 contrasts
mandatory and voluntary partnerships in 21 rows (items ``MV01``-``MV21``);
their Table 2 contrasts service provision that relies on contract with
provision that relies on trust in 10 rows (items ``CT01``-``CT10``). Each
respondent places the partnership between the two statements of every row on
a 1-5 scale: 1 means the left statement (mandatory; contract) fits much better,
5 the right one (voluntary; trust). Four yes/no items, ``H1``-``H4``, place it on
Himmelman's (2002) continuum (see :mod:`toolkit.continuum`).

Scores
------
Each respondent gets two axis scores from 0 to 1: ``voluntary`` from the
``MV`` items and ``trust`` from the ``CT`` items, each the mean answer rescaled as
``(mean - 1) / 4``, so 0 is "the left statement fits much better on every
item", 1 "the right one on every item" and 0.5 the middle of the scale.

**Minimum answers.** Blank answers are allowed, but a score needs at least
half of the axis's items answered (``min_answered=0.5``): 11 of the 21 ``MV``
items and 5 of the 10 ``CT`` items when the full bank is asked. When a
questionnaire asks only some items, the share counts the items in the file.
Nobody is scored on an axis with no answers at all, even with ``min_answered=0``.
A respondent below the minimum on either axis is not scored: they stay in the
scored table with the reason in the ``excluded`` column, are counted per
partnership (``excluded``), and are listed by the command line; they never
count towards a partnership's means.

Modes
-----
The paper's heuristic has three areas: *creating*, where trust takes
precedence over contract; *complying*, where contract takes precedence over
trust and the partnership is more mandatory than voluntary; and
*constraining*, where trust and contract are balanced, whether the partnership
is mandatory, voluntary or both. The paper draws the areas but gives no
numbers, so the toolkit sets these default boundaries (:class:`Boundaries`):

* **creating** when ``trust > 0.625``;
* **complying** when ``trust < 0.375`` and ``voluntary < 0.5``;
* **constraining** otherwise.

Trust and contract count as *balanced* while the mean trust answer rounds to
3, the middle of the 1-5 scale (from 2.5 to 3.5, that is a score from 0.375 to
0.625, boundaries included). "More mandatory than voluntary" means below the
middle of the voluntary scale (a mean answer under 3). A partnership that
relies on contract but is more voluntary than mandatory fits neither the
complying area (which the paper limits to mandatory partnerships) nor the
creating one, so it falls in the constraining area, which the paper leaves
open to mandatory and voluntary partnerships alike.

**Near a boundary.** Because this is a heuristic, every score also reports
``boundary_distance``, the straight-line distance on the map to the nearest
line that separates two areas, ``neighbour``, the area on the other side of
that line, and ``near_boundary``, true when the distance is at most
``margin = 0.05`` (0.2 of a point on the 1-5 scale). Such a point is best read
as "between" the two areas.

Partnerships, disagreement and change
-------------------------------------
:func:`summarize_partnerships` gives, per partnership (and per round when
the data has a ``round`` column), the number of respondents, the mean axis
scores, the mode of those means with its distance to a boundary, the
continuum level, the respondents' own modes, and the **disagreement** on each
axis: the standard deviation of the respondents' scores (population form,
0 when all agree, missing with fewer than two respondents). With two
respondents it is half the gap between them. Partners are flagged as seeing
the partnership **very differently** (``partners_differ``) when the
disagreement on either axis is at least ``0.125``: for two respondents, mean
answers a whole point apart on the 1-5 scale.

Each respondent's **continuum level** is the highest level reached
cumulatively, by :func:`toolkit.continuum.continuum_levels`: a "yes" after a
"no" (yes to ``H3`` but no to ``H2``) does not raise the level, and the pattern
is flagged in ``continuum_inconsistent`` with the skipped strategies in
``continuum_skipped``, to be talked through rather than corrected. The
partnership's level applies the same rule to the partners' majority answers:
a partnership does a strategy when at least half of the respondents who
answered the item said yes (``continuum_yes_share=0.5``). With no ``H`` item
answered the level is missing, not ``none``.

:func:`direction_of_travel` compares consecutive rounds of each
partnership: the change on each axis, the mode before and after, and a short
description, in which a change smaller than ``steady = 0.05`` on an axis
counts as no clear change. Rounds are ordered as numbers when they all are
numbers (``2025``, ``2026``), otherwise as text.

Examples
--------
>>> result = classify(example_responses())
>>> result.summary[["partnership", "round", "mode", "near_boundary", "partners_differ"]]
             partnership round          mode  near_boundary  partners_differ
0  Example partnership A  2025     complying           True             True
1  Example partnership A  2026  constraining          False            False
2  Example partnership B  2025      creating          False            False
3  Example partnership B  2026      creating           True            False
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from .continuum import CONTINUUM_ITEMS, continuum_levels
from .errors import InputError
from .forms import (
    ANSWER_LABELS,
    YES_NO_LABELS,
    _duplicated,
    answers_to_numbers,
    read_responses,
)
from .report import esc, html_page, md_cell

__all__ = [
    "DEFAULT_BOUNDARIES",
    "MODES",
    "Boundaries",
    "Classification",
    "classify",
    "classify_mode",
    "direction_of_travel",
    "example_responses",
    "excluded_respondents",
    "item_bank",
    "questionnaire",
    "read_responses",
    "score_responses",
    "summarize_organizations",
    "summarize_partnerships",
]

#: The three areas of Armistead & Pettigrew's heuristic, from contract-led to trust-led.
MODES: tuple[str, ...] = ("complying", "constraining", "creating")

#: Default minimum share of an axis's items a respondent must answer.
MIN_ANSWERED = 0.5
#: Default disagreement (standard deviation of scores) at which partners "see it very differently".
DISAGREEMENT_THRESHOLD = 0.125
#: Default share of "yes" answers at which a partnership counts as doing a continuum strategy.
CONTINUUM_YES_SHARE = 0.5
#: Default change on an axis, between rounds, below which the axis is called steady.
STEADY = 0.05

_ID_COLUMNS = ("partnership", "round", "organization", "respondent")


@dataclass(frozen=True)
class Boundaries:
    """Where the three areas of the heuristic meet, on the 0-1 axis scores.

    Parameters
    ----------
    trust_above : float, default 0.625
        A trust score above this is *creating* (trust takes precedence).
    contract_below : float, default 0.375
        A trust score below this means contract takes precedence; with a
        voluntary score below ``mandatory_below`` it is *complying*.
    mandatory_below : float, default 0.5
        A voluntary score below this is "more mandatory than voluntary".
    margin : float, default 0.05
        A score within this distance of a boundary is ``near_boundary``.

    Examples
    --------
    >>> Boundaries()
    Boundaries(trust_above=0.625, contract_below=0.375, mandatory_below=0.5, margin=0.05)
    >>> Boundaries(trust_above=0.3, contract_below=0.4)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: boundaries must satisfy 0 <= contract_below <= trust_above <= 1, ...
    """

    trust_above: float = 0.625
    contract_below: float = 0.375
    mandatory_below: float = 0.5
    margin: float = 0.05

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"{field.name} must be a number, got {value!r}")
        if not 0 <= self.contract_below <= self.trust_above <= 1:
            raise ValueError(
                "boundaries must satisfy 0 <= contract_below <= trust_above <= 1, got "
                f"contract_below={self.contract_below}, trust_above={self.trust_above}"
            )
        if not 0 <= self.mandatory_below <= 1:
            raise ValueError(f"mandatory_below must be from 0 to 1, got {self.mandatory_below}")
        if self.margin < 0:
            raise ValueError(f"margin must not be negative, got {self.margin}")

    def as_dict(self) -> dict[str, float]:
        """The boundaries as a plain dict (for JSON)."""
        return dataclasses.asdict(self)

    def segments(self) -> list[tuple[str, float, float, float, float, str, str]]:
        """The lines between areas: ``(name, x1, y1, x2, y2, mode below/left, mode above/right)``.

        x is the voluntary score, y the trust score.

        >>> [s[0] for s in Boundaries().segments()]
        ['trust_above', 'contract_below', 'mandatory_below']
        """
        t, c, m = self.trust_above, self.contract_below, self.mandatory_below
        return [
            ("trust_above", 0.0, t, 1.0, t, "constraining", "creating"),
            ("contract_below", 0.0, c, m, c, "complying", "constraining"),
            ("mandatory_below", m, 0.0, m, c, "complying", "constraining"),
        ]


#: The boundaries used when none are given.
DEFAULT_BOUNDARIES = Boundaries()


# --------------------------------------------------------------------------- item bank


@cache
def _bank() -> pd.DataFrame:
    with resources.files("toolkit.data").joinpath("items.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str)


def item_bank() -> pd.DataFrame:
    """Return the item bank, in questionnaire order, as a new DataFrame.

    Columns: ``id``, ``axis`` (``voluntary``, ``trust`` or ``continuum``),
    ``dimension``, ``topic``, ``left_pole`` (answer 1, or "no"), ``right_pole``
    (answer 5, or "yes") and ``source``. The pole statements paraphrase the rows
    of Armistead & Pettigrew's (2007) Tables 1 and 2, in the tables' order; the
    ``H`` items follow Himmelman's (2002) strategies.

    >>> bank = item_bank()
    >>> bank.groupby("axis", sort=False).size().to_dict()
    {'voluntary': 21, 'trust': 10, 'continuum': 4}
    >>> bank.loc[0, "source"]
    'Armistead & Pettigrew (2007), Table 1, row 1'
    """
    return _bank().copy()


def _axis_items(axis: str) -> list[str]:
    bank = _bank()
    return bank.loc[bank["axis"] == axis, "id"].tolist()


# --------------------------------------------------------------------------- scoring


def _id_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in _ID_COLUMNS if c in frame.columns]


def _canonical(responses: pd.DataFrame) -> pd.DataFrame:
    """Accept ``organisation`` for ``organization``; check the partnership column."""
    frame = responses
    if "organisation" in frame.columns and "organization" not in frame.columns:
        frame = frame.rename(columns={"organisation": "organization"})
    if "partnership" not in frame.columns:
        raise InputError(
            "no partnership column",
            file=responses.attrs.get("source"),
            allowed="a column named 'partnership'",
        )
    return frame


def score_responses(
    responses: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    min_answered: float = MIN_ANSWERED,
) -> pd.DataFrame:
    """Score each respondent on the two axes, place them in a mode and on the continuum.

    Parameters
    ----------
    responses : DataFrame
        The canonical table (see :mod:`toolkit.forms`): ``partnership``,
        optional ``round``, ``organization`` (or ``organisation``) and
        ``respondent``, and item columns by id holding numbers (1-5, or 1/0 for
        ``H`` items), the form's labels, or blanks. It is not modified.
    boundaries : Boundaries, optional
        Where the modes meet (see the module docstring).
    min_answered : float, default 0.5
        The share of an axis's items (among those in ``responses``) a
        respondent must answer to be scored.

    Returns
    -------
    DataFrame
        One row per respondent, same index: the id columns; ``voluntary``,
        ``trust`` (0-1, NaN when excluded); ``voluntary_answered``,
        ``trust_answered`` (the shares answered); ``excluded`` (the reason, or
        empty); the columns of :func:`classify_mode`; ``continuum``,
        ``continuum_inconsistent``, ``continuum_skipped``; and the ``H``
        answers.

    Raises
    ------
    InputError
        When there is no partnership column, no ``MV`` or no ``CT`` item, a
        duplicate respondent, or an answer that is not valid.

    Examples
    --------
    >>> answers = pd.DataFrame({"partnership": ["P", "P"], "respondent": ["a", "b"],
    ...                         "MV01": [1, 5], "MV02": [2, None], "CT01": [5, 3],
    ...                         "H1": [1, 1], "H2": [1, 0]})
    >>> scored = score_responses(answers)
    >>> scored[["respondent", "voluntary", "trust", "mode", "continuum"]]
      respondent  voluntary  trust          mode     continuum
    0          a      0.125    1.0      creating  coordinating
    1          b      1.000    0.5  constraining    networking
    """
    if not 0 <= min_answered <= 1:
        raise ValueError(f"min_answered must be from 0 to 1, got {min_answered}")
    frame = _canonical(responses)
    source = frame.attrs.get("source")
    # A shallow copy without attrs: pandas deep-copies attrs on every column access.
    frame = frame.copy(deep=False)
    frame.attrs = {"source": source} if source else {}
    ids = _id_columns(frame)
    mv = [i for i in _axis_items("voluntary") if i in frame.columns]
    ct = [i for i in _axis_items("trust") if i in frame.columns]
    hh = [i for i in CONTINUUM_ITEMS if i in frame.columns]
    for axis, items, first, last in (
        ("voluntary", mv, "MV01", "MV21"),
        ("trust", ct, "CT01", "CT10"),
    ):
        if not items:
            raise InputError(
                f"no items for the {axis} axis",
                file=source,
                allowed=f"at least one column from {first} to {last}",
            )
    columns: dict[str, Any] = {c: frame[c].array for c in ids}
    if "respondent" not in columns:
        columns["respondent"] = np.array([f"row {label}" for label in frame.index], dtype=object)
    keys = [k for k in ("partnership", "round", "respondent") if k in columns]
    codes = [pd.factorize(_objects(columns[k]), use_na_sentinel=False)[0] for k in keys]
    dup = _duplicated(codes, keep="first")
    if dup.any():
        position = int(np.flatnonzero(dup)[0])
        raise InputError(
            f"row {frame.index[position]!r}: duplicate respondent",
            file=source,
            column="respondent",
            value=columns["respondent"][position],
            allowed="each respondent once per partnership and round",
        )
    numeric = _numeric_answers(frame, mv + ct + hh)
    reasons = np.full(len(frame), "", dtype=object)
    for axis, items in (("voluntary", mv), ("trust", ct)):
        answered = np.zeros(len(frame), dtype=np.int64)
        total = np.zeros(len(frame))
        for item in items:
            values = numeric[item]
            given = ~np.isnan(values)
            answered += given
            total += np.where(given, values, 0.0)
        share = answered / len(items)
        with np.errstate(invalid="ignore", divide="ignore"):
            score = (total / answered - 1.0) / 4.0
        short = (share < min_answered) | (answered == 0)  # nobody is scored on no answers
        score[short] = np.nan
        columns[axis] = score
        columns[f"{axis}_answered"] = share
        if short.any():
            counts = answered[short].astype(str).astype(object)
            message = (
                "answered "
                + counts
                + f" of {len(items)} {axis} items "
                + (f"(fewer than {min_answered:.0%})" if min_answered > 0 else "(none answered)")
            )
            earlier = reasons[short]
            reasons[short] = np.where(earlier == "", message, earlier + "; " + message)
    columns["excluded"] = reasons
    columns.update(_mode_arrays(columns["voluntary"], columns["trust"], boundaries))
    continuum = _continuum_by_pattern({i: numeric[i] for i in hh}, len(frame))
    columns.update(continuum)
    columns.update({i: numeric[i] for i in hh})
    # No copy: the id columns are the input's Series (protected by copy-on-write) and
    # every other column is an array made here.
    ordered = {k: (frame[k] if k in ids else v) for k, v in columns.items()}
    return pd.DataFrame(ordered, index=frame.index, copy=False)


def _objects(values: Any) -> Any:
    """Text as an object array (faster to hash); anything else unchanged."""
    if pd.api.types.is_string_dtype(getattr(values, "dtype", None)) and not isinstance(
        values.dtype, pd.CategoricalDtype
    ):
        return np.asarray(values, dtype=object)
    return values


def _numeric_answers(frame: pd.DataFrame, items: list[str]) -> dict[str, np.ndarray]:
    """Item columns as float arrays, validated (fast path for columns already numbers)."""
    out: dict[str, np.ndarray] = {}
    other: dict[str, str] = {}
    for item in items:
        column = frame[item]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            values = column.to_numpy(dtype=float, na_value=np.nan)
            allowed = _YES_NO_VALUES if item in CONTINUUM_ITEMS else _SCALE_VALUES
            if (np.isin(values, allowed) | np.isnan(values)).all():
                out[item] = values
                continue
        other[item] = item
    if other:
        converted = answers_to_numbers(frame, other, file=frame.attrs.get("source"), lines=False)
        for item in converted.columns:
            out[item] = converted[item].to_numpy()
    return out


_SCALE_VALUES = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
_YES_NO_VALUES = np.array([0.0, 1.0])
_MODE_ARRAY = np.array([*MODES, None], dtype=object)


def _continuum_by_pattern(answers: dict[str, np.ndarray], rows: int) -> dict[str, np.ndarray]:
    """:func:`toolkit.continuum.continuum_levels`, run once per distinct answer pattern.

    Four yes/no/blank items make at most 81 patterns, so this is fast for any
    number of respondents and gives exactly what ``continuum_levels`` gives.
    """
    powers = 3 ** np.arange(len(CONTINUUM_ITEMS))
    code = np.zeros(rows, dtype=np.int64)
    for j, item in enumerate(CONTINUUM_ITEMS):
        if item in answers:
            values = answers[item]
            code += np.where(np.isnan(values), 0, values + 1).astype(np.int64) * powers[j]
    seen = np.bincount(code.astype(np.intp), minlength=3 ** len(CONTINUUM_ITEMS)) > 0
    patterns = np.flatnonzero(seen)
    position = np.cumsum(seen) - 1
    inverse = position[code]
    decoded = (patterns[:, None] // powers[None, :]) % 3
    unique_answers = pd.DataFrame(
        np.where(decoded == 0, np.nan, decoded - 1.0), columns=list(CONTINUUM_ITEMS)
    )
    levels = continuum_levels(unique_answers)
    inverse = inverse.ravel()
    return {c: levels[c].to_numpy()[inverse] for c in levels.columns}


def _mode_codes(x: np.ndarray, y: np.ndarray, boundaries: Boundaries) -> np.ndarray:
    """Index into :data:`MODES` of each point (``len(MODES)`` when a score is missing)."""
    creating = y > boundaries.trust_above
    complying = (y < boundaries.contract_below) & (x < boundaries.mandatory_below)
    code = np.where(creating, 2, np.where(complying, 0, 1))
    code[np.isnan(x) | np.isnan(y)] = len(MODES)
    return code


def _mode_arrays(voluntary: Any, trust: Any, boundaries: Boundaries) -> dict[str, np.ndarray]:
    """Mode, distance to the nearest boundary, the area across it, and the near flag."""
    x = np.asarray(voluntary, dtype=float)
    y = np.asarray(trust, dtype=float)
    valid = ~(np.isnan(x) | np.isnan(y))
    code = _mode_codes(x, y, boundaries)
    segments = boundaries.segments()
    t, c, m = boundaries.trust_above, boundaries.contract_below, boundaries.mandatory_below
    # The three lines are axis-parallel (see Boundaries.segments), so distances are simple.
    distances = np.empty((x.size, 3))
    distances[:, 0] = np.abs(y - t)  # y = t for every x in [0, 1]
    distances[:, 1] = np.hypot(np.maximum(x - m, 0.0), y - c)  # y = c, x in [0, m]
    distances[:, 2] = np.hypot(x - m, np.maximum(y - c, 0.0))  # x = m, y in [0, c]
    distances[~valid] = np.inf
    nearest = np.argmin(distances, axis=1) if x.size else np.zeros(0, dtype=int)
    distance = np.take_along_axis(distances, nearest[:, None], axis=1).ravel()
    distance = np.where(valid, distance, np.nan)
    low = np.array([MODES.index(s[5]) for s in segments])[nearest]
    high = np.array([MODES.index(s[6]) for s in segments])[nearest]
    neighbour = np.where(code == high, low, high)
    neighbour[~valid] = len(MODES)
    return {
        "mode": _MODE_ARRAY[code],
        "boundary_distance": distance,
        "neighbour": _MODE_ARRAY[neighbour],
        # The tolerance keeps a point exactly ``margin`` away "near" despite rounding.
        "near_boundary": valid & (distance <= boundaries.margin + 1e-12),
    }


def _mode_columns(voluntary: Any, trust: Any, boundaries: Boundaries) -> pd.DataFrame:
    index = voluntary.index if isinstance(voluntary, pd.Series) else None
    return pd.DataFrame(_mode_arrays(voluntary, trust, boundaries), index=index)


def classify_mode(
    scores: pd.DataFrame,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
) -> pd.DataFrame:
    """Place points in the complying, constraining or creating area.

    Parameters
    ----------
    scores : DataFrame
        Has ``voluntary`` and ``trust`` columns, scores from 0 to 1. It is not
        modified.
    boundaries : Boundaries, optional
        Where the areas meet (see the module docstring).

    Returns
    -------
    DataFrame
        A copy of ``scores`` with ``mode`` (missing when a score is missing),
        ``boundary_distance`` (to the nearest line between two areas),
        ``neighbour`` (the area across that line) and ``near_boundary``
        (distance at most ``boundaries.margin``), replacing any such columns.

    Examples
    --------
    >>> points = pd.DataFrame({"voluntary": [0.2, 0.8, 0.5, 0.9],
    ...                        "trust": [0.1, 0.2, 0.9, 0.64]})
    >>> placed = classify_mode(points)
    >>> placed[["voluntary", "trust", "mode", "boundary_distance", "near_boundary"]]
       voluntary  trust          mode  boundary_distance  near_boundary
    0        0.2   0.10     complying              0.275          False
    1        0.8   0.20  constraining              0.300          False
    2        0.5   0.90      creating              0.275          False
    3        0.9   0.64      creating              0.015           True
    >>> placed["neighbour"].tolist()
    ['constraining', 'complying', 'constraining', 'constraining']
    """
    missing = {"voluntary", "trust"} - set(scores.columns)
    if missing:
        raise InputError(
            "scores need voluntary and trust columns",
            value=", ".join(sorted(missing)),
            allowed="a DataFrame with columns 'voluntary' and 'trust' (0-1)",
        )
    voluntary = pd.to_numeric(scores["voluntary"], errors="coerce")
    trust = pd.to_numeric(scores["trust"], errors="coerce")
    for name, values in (("voluntary", voluntary), ("trust", trust)):
        outside = (values < 0) | (values > 1)
        if outside.any():
            label = values.index[int(np.flatnonzero(outside.to_numpy())[0])]
            raise InputError(
                f"row {label!r}: score out of range",
                column=name,
                value=float(values[label]),
                allowed="a number from 0 to 1",
            )
    result = scores.drop(
        columns=[
            c
            for c in ("mode", "boundary_distance", "neighbour", "near_boundary")
            if c in scores.columns
        ]
    ).copy()
    modes = _mode_columns(voluntary, trust, boundaries)
    for column in modes.columns:
        result[column] = modes[column]
    return result


# --------------------------------------------------------------------------- aggregation


def _round_key(rounds: pd.Series) -> pd.Series:
    """A sort key for rounds: numeric when every round is a number, else the text."""
    codes, uniques = pd.factorize(rounds.astype(str))
    numbers = pd.to_numeric(pd.Series(uniques), errors="coerce")
    if numbers.notna().all():
        return pd.Series(numbers.to_numpy()[codes], index=rounds.index)
    return pd.Series(np.asarray(uniques, dtype=object)[codes], index=rounds.index)


def _keys(scored: pd.DataFrame) -> list[str]:
    return ["partnership", "round"] if "round" in scored.columns else ["partnership"]


def _sort_ranks(values: pd.Series, *, rounds: bool) -> np.ndarray:
    """Each value's rank in sort order (text order; rounds as in :func:`_round_key`).

    Only the distinct values are sorted, so a column of many rows with few
    distinct values (partnerships, rounds, organisations) sorts fast.
    """
    codes, uniques = pd.factorize(values.astype(str))
    distinct = pd.Series(np.asarray(uniques, dtype=object))
    key = _round_key(distinct) if rounds else distinct
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[np.argsort(key.to_numpy(), kind="stable")] = np.arange(len(distinct))
    return rank[codes]


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    ordered = ["partnership", *(["round"] if "round" in keys else [])]
    ordered += [k for k in keys if k not in ("partnership", "round")]
    ranks = [_sort_ranks(frame[k], rounds=k == "round") for k in ordered]
    position = np.lexsort(ranks[::-1])  # stable; the first key sorts first
    return frame.iloc[position].reset_index(drop=True)


def summarize_partnerships(
    scored: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    continuum_yes_share: float = CONTINUUM_YES_SHARE,
) -> pd.DataFrame:
    """Summarise respondents' scores per partnership (and round).

    Parameters
    ----------
    scored : DataFrame
        As returned by :func:`score_responses`. It is not modified.
    boundaries : Boundaries, optional
        For the mode of the mean scores.
    disagreement_threshold : float, default 0.125
        ``partners_differ`` is true when the disagreement on either axis is at
        least this.
    continuum_yes_share : float, default 0.5
        The share of "yes" among respondents who answered an ``H`` item at
        which the partnership counts as doing that strategy.

    Returns
    -------
    DataFrame
        One row per partnership (and round), sorted by partnership then round:
        ``partnership``, ``round`` (when present), ``respondents`` (scored),
        ``excluded`` (not scored), ``voluntary``, ``trust`` (means), ``mode``,
        ``boundary_distance``, ``neighbour``, ``near_boundary``,
        ``disagreement_voluntary``, ``disagreement_trust`` (standard
        deviations; NaN with fewer than two respondents), ``partners_differ``,
        ``complying``, ``constraining``, ``creating`` (scored respondents in
        each mode, placed with ``boundaries``), ``continuum``,
        ``continuum_inconsistent``, ``continuum_skipped`` and ``organizations``
        (number of organisations among respondents).

    Examples
    --------
    >>> answers = pd.DataFrame({"partnership": ["P", "P", "Q"],
    ...                         "MV01": [1, 3, 5], "CT01": [2, 5, 5], "H1": [1, 1, 0]})
    >>> summary = summarize_partnerships(score_responses(answers))
    >>> summary[["partnership", "respondents", "voluntary", "trust", "mode", "continuum"]]
      partnership  respondents  voluntary  trust          mode   continuum
    0           P            2       0.25  0.625  constraining  networking
    1           Q            1       1.00  1.000      creating        none
    >>> summary[["disagreement_voluntary", "disagreement_trust", "partners_differ"]]
       disagreement_voluntary  disagreement_trust  partners_differ
    0                    0.25               0.375             True
    1                     NaN                 NaN            False
    """
    keys = _keys(scored)
    missing = {"partnership", "voluntary", "trust", "excluded"} - set(scored.columns)
    if missing:
        raise InputError(
            "not a scored table (use score_responses first)",
            value=", ".join(sorted(missing)),
            allowed="the DataFrame that score_responses returns",
        )
    gid, size, summary = _groups(scored, keys)
    inc = _included(scored)
    g = gid[inc]
    n = np.bincount(g.astype(np.intp), minlength=size)
    summary["respondents"] = n
    summary["excluded"] = np.bincount(gid.astype(np.intp), minlength=size) - n
    for axis in ("voluntary", "trust"):
        mean, spread = _mean_sd(g, scored[axis].to_numpy(dtype=float)[inc], n)
        summary[axis] = mean
        summary[f"disagreement_{axis}"] = np.where(n >= 2, spread, np.nan)
    summary["partners_differ"] = (summary["disagreement_voluntary"] >= disagreement_threshold) | (
        summary["disagreement_trust"] >= disagreement_threshold
    )
    modes = _mode_columns(summary["voluntary"], summary["trust"], boundaries)
    for column in modes.columns:
        summary[column] = modes[column]
    # Respondents' own modes, placed with these boundaries (numbers, not text: faster).
    mode_index = _mode_codes(
        scored["voluntary"].to_numpy(dtype=float)[inc],
        scored["trust"].to_numpy(dtype=float)[inc],
        boundaries,
    )
    valid = mode_index < len(MODES)
    counts = np.bincount(
        (g[valid] * len(MODES) + mode_index[valid]).astype(np.intp), minlength=size * len(MODES)
    ).reshape(size, len(MODES))
    for j, mode in enumerate(MODES):
        summary[mode] = counts[:, j]
    yes = pd.DataFrame(index=summary.index)
    for item in (i for i in CONTINUUM_ITEMS if i in scored.columns):
        answers = scored[item].to_numpy(dtype=float)[inc]
        answered = ~np.isnan(answers)
        said_yes = np.bincount(
            g[answered].astype(np.intp), weights=answers[answered] == 1, minlength=size
        )
        asked = np.bincount(g[answered].astype(np.intp), minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = said_yes / asked
        yes[item] = np.where(asked > 0, (share >= continuum_yes_share).astype(float), np.nan)
    levels = continuum_levels(yes)
    for column in levels.columns:
        summary[column] = levels[column]
    summary["organizations"] = 0
    if "organization" in scored.columns:
        org, names = pd.factorize(scored["organization"])
        org = org[inc]
        known = org >= 0
        width = len(names) + 1
        if size * width <= 20_000_000:  # a presence table is fastest while it stays small
            present = np.zeros(size * width, dtype=bool)
            present[g[known].astype(np.int64) * width + org[known]] = True
            summary["organizations"] = present.reshape(size, width).sum(axis=1)
        else:
            pairs = np.unique(g[known].astype(np.int64) * width + org[known])
            summary["organizations"] = np.bincount((pairs // width).astype(np.intp), minlength=size)
    columns = [
        *keys,
        "respondents",
        "excluded",
        "voluntary",
        "trust",
        "mode",
        "boundary_distance",
        "neighbour",
        "near_boundary",
        "disagreement_voluntary",
        "disagreement_trust",
        "partners_differ",
        *MODES,
        "continuum",
        "continuum_inconsistent",
        "continuum_skipped",
        "organizations",
    ]
    return _sorted(summary[columns], keys)


def _included(scored: pd.DataFrame) -> np.ndarray:
    """True for the respondents that were scored.

    A respondent is scored exactly when both axis scores exist (an excluded
    respondent's scores are NaN, and nobody is scored on zero items), which is
    much faster to test than the text of the ``excluded`` reasons.
    """
    voluntary = scored["voluntary"].to_numpy(dtype=float, na_value=np.nan)
    trust = scored["trust"].to_numpy(dtype=float, na_value=np.nan)
    return ~(np.isnan(voluntary) | np.isnan(trust))


def _groups(
    frame: pd.DataFrame, keys: list[str], rows: np.ndarray | None = None
) -> tuple[np.ndarray, int, pd.DataFrame]:
    """Group ids (in order of first appearance), the number of groups and their keys.

    ``rows`` (a boolean mask) restricts the grouping to some rows. Key values
    come back as text; a missing organisation as ``"(not given)"``.
    """
    combined = np.zeros(len(frame) if rows is None else int(rows.sum()), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(frame[key], use_na_sentinel=False)
        if rows is not None:
            codes = codes[rows]
        combined = combined * (len(uniques) + 1) + codes
    gid, uniques = pd.factorize(combined)
    if gid.size == 0:
        return gid, 0, pd.DataFrame({k: pd.Series(dtype=str) for k in keys})
    peak = np.maximum.accumulate(gid)
    first = np.flatnonzero(np.r_[True, peak[1:] > peak[:-1]])
    positions = first if rows is None else np.flatnonzero(rows)[first]
    groups = pd.DataFrame(
        {k: _as_text(frame[k].iloc[positions]).to_numpy() for k in keys}, dtype=str
    )
    return gid, len(uniques), groups


def _as_text(values: pd.Series) -> pd.Series:
    """Values as text, a missing one as ``"(not given)"`` (vectorised)."""
    text = values.astype(str)
    return text.where(values.notna().to_numpy(), "(not given)")


def _mean_sd(g: np.ndarray, x: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-group mean and population standard deviation (rounded to 12 decimals)."""
    size = n.size
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(g.astype(np.intp), weights=x, minlength=size) / n
        deviation = x - mean[g]
        spread = np.sqrt(
            np.bincount(g.astype(np.intp), weights=deviation * deviation, minlength=size) / n
        )
    return mean, np.round(spread, 12)


def summarize_organizations(
    scored: pd.DataFrame, *, boundaries: Boundaries = DEFAULT_BOUNDARIES
) -> pd.DataFrame:
    """Break each partnership (and round) down by the respondents' organisation.

    Returns one row per partnership, round (when present) and organisation:
    ``respondents``, mean ``voluntary`` and ``trust``, the ``mode`` of those
    means and ``near_boundary``. Respondents with no organisation are grouped
    under ``"(not given)"``; excluded respondents are left out (they are
    counted by :func:`summarize_partnerships`). Without an ``organization``
    column the result is empty. ``scored`` is not modified.

    >>> answers = pd.DataFrame({"partnership": ["P", "P", "P"],
    ...                         "organization": ["Council", "Charity", "Charity"],
    ...                         "MV01": [1, 4, 5], "CT01": [1, 5, 4]})
    >>> summarize_organizations(score_responses(answers)).drop(columns="near_boundary")
      partnership organization  respondents  voluntary  trust       mode
    0           P      Charity            2      0.875  0.875   creating
    1           P      Council            1      0.000  0.000  complying
    """
    keys = _keys(scored)
    columns = [*keys, "organization", "respondents", "voluntary", "trust", "mode", "near_boundary"]
    if "organization" not in scored.columns:
        return pd.DataFrame(columns=columns)
    inc = _included(scored)
    gid, size, stats = _groups(scored, [*keys, "organization"], rows=inc)
    n = np.bincount(gid.astype(np.intp), minlength=size)
    stats["respondents"] = n
    for axis in ("voluntary", "trust"):
        stats[axis], _ = _mean_sd(gid, scored[axis].to_numpy(dtype=float)[inc], n)
    modes = _mode_columns(stats["voluntary"], stats["trust"], boundaries)
    stats["mode"] = modes["mode"]
    stats["near_boundary"] = modes["near_boundary"]
    return _sorted(stats[columns], [*keys, "organization"])


def excluded_respondents(scored: pd.DataFrame) -> pd.DataFrame:
    """The respondents who were not scored, with the reason (a new DataFrame).

    >>> answers = pd.DataFrame({"partnership": ["P", "P"], "respondent": ["a", "b"],
    ...                         "MV01": [1, None], "CT01": [2, 3]})
    >>> excluded_respondents(score_responses(answers))
      partnership respondent                                            reason
    0           P          b  answered 0 of 1 voluntary items (fewer than 50%)
    """
    ids = _id_columns(scored)
    mask = ~_included(scored)
    out = scored.loc[mask, ids].copy()
    out["reason"] = scored.loc[mask, "excluded"]
    return out.reset_index(drop=True)


def direction_of_travel(summary: pd.DataFrame, *, steady: float = STEADY) -> pd.DataFrame:
    """Each partnership's movement between consecutive rounds.

    Parameters
    ----------
    summary : DataFrame
        As returned by :func:`summarize_partnerships`, with a ``round``
        column. It is not modified.
    steady : float, default 0.05
        A change on an axis smaller than this (in absolute value) is "steady".

    Returns
    -------
    DataFrame
        One row per partnership and pair of consecutive rounds:
        ``partnership``, ``from_round``, ``to_round``, ``voluntary_from``,
        ``voluntary_to``, ``voluntary_change``, ``trust_from``, ``trust_to``,
        ``trust_change``, ``distance`` (straight-line movement on the map),
        ``mode_from``, ``mode_to``, ``mode_changed``, ``continuum_from``,
        ``continuum_to`` and ``direction`` (a short description). Empty when
        there are no rounds.

    Examples
    --------
    >>> summary = pd.DataFrame({"partnership": ["P", "P"], "round": ["2025", "2026"],
    ...                         "voluntary": [0.3, 0.45], "trust": [0.3, 0.5],
    ...                         "mode": ["complying", "constraining"],
    ...                         "continuum": ["networking", "coordinating"]})
    >>> travel = direction_of_travel(summary)
    >>> travel[["from_round", "to_round", "voluntary_change", "trust_change"]]
      from_round to_round  voluntary_change  trust_change
    0       2025     2026              0.15           0.2
    >>> print(travel.loc[0, "direction"])
    more voluntary and more trust-based; moved from complying to constraining
    """
    columns = [
        "partnership",
        "from_round",
        "to_round",
        "voluntary_from",
        "voluntary_to",
        "voluntary_change",
        "trust_from",
        "trust_to",
        "trust_change",
        "distance",
        "mode_from",
        "mode_to",
        "mode_changed",
        "continuum_from",
        "continuum_to",
        "direction",
    ]
    if "round" not in summary.columns or summary.empty:
        return pd.DataFrame(columns=columns)
    ordered = _sorted(summary, ["partnership", "round"])
    nxt = ordered.groupby("partnership", sort=False).shift(-1)
    has_next = nxt["round"].notna().to_numpy()
    a = ordered[has_next].reset_index(drop=True)
    b = nxt[has_next].reset_index(drop=True)
    continuum_from = a["continuum"] if "continuum" in a else pd.Series(None, index=a.index)
    continuum_to = b["continuum"] if "continuum" in b else pd.Series(None, index=b.index)
    out = pd.DataFrame(
        {
            "partnership": a["partnership"],
            "from_round": a["round"],
            "to_round": b["round"],
            "voluntary_from": a["voluntary"].astype(float),
            "voluntary_to": b["voluntary"].astype(float),
            "trust_from": a["trust"].astype(float),
            "trust_to": b["trust"].astype(float),
            "mode_from": a["mode"],
            "mode_to": b["mode"],
            "continuum_from": continuum_from,
            "continuum_to": continuum_to,
        }
    )
    out["voluntary_change"] = (out["voluntary_to"] - out["voluntary_from"]).round(12)
    out["trust_change"] = (out["trust_to"] - out["trust_from"]).round(12)
    out["distance"] = np.hypot(out["voluntary_change"], out["trust_change"])
    out["mode_changed"] = (
        (out["mode_from"] != out["mode_to"]) & out["mode_from"].notna() & out["mode_to"].notna()
    )
    dv, dt = out["voluntary_change"].to_numpy(), out["trust_change"].to_numpy()
    vol = np.select(
        [dv >= steady, dv <= -steady], ["more voluntary", "more mandatory"], "about as voluntary"
    )
    tru = np.select(
        [dt >= steady, dt <= -steady],
        ["more trust-based", "more contract-based"],
        "about as trust-based",
    )
    moved = np.where(
        out["mode_changed"].to_numpy(),
        "moved from " + out["mode_from"].astype(str) + " to " + out["mode_to"].astype(str),
        "stayed " + out["mode_from"].astype(str),
    )
    text = pd.Series(vol, dtype=object) + " and " + pd.Series(tru, dtype=object) + "; " + moved
    unknown = np.isnan(dv) | np.isnan(dt)
    out["direction"] = text.where(~unknown, "not comparable: a round has no scored respondents")
    return out[columns]


# --------------------------------------------------------------------------- everything at once


@dataclass(frozen=True)
class Classification:
    """The result of :func:`classify`: every table the command line reports."""

    scored: pd.DataFrame
    summary: pd.DataFrame
    organizations: pd.DataFrame
    travel: pd.DataFrame
    excluded: pd.DataFrame
    ignored_columns: tuple[str, ...]
    boundaries: Boundaries
    settings: Mapping[str, float]
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``partnerships`` (each with ``disagreement`` and
        ``organizations``), ``direction_of_travel``, ``excluded``,
        ``ignored_columns``, ``boundaries`` and ``settings``."""
        keys = _keys(self.summary)
        orgs: dict[tuple, list[dict[str, Any]]] = {}
        for record in _records(self.organizations):
            key = tuple(record.pop(k) for k in keys)
            orgs.setdefault(key, []).append(record)
        partnerships = []
        for record in _records(self.summary):
            key = tuple(record[k] for k in keys)
            entry = {k: record[k] for k in keys}
            entry.update(
                respondents=record["respondents"],
                excluded=record["excluded"],
                voluntary=record["voluntary"],
                trust=record["trust"],
                mode=record["mode"],
                boundary_distance=record["boundary_distance"],
                neighbour=record["neighbour"],
                near_boundary=record["near_boundary"],
                disagreement={
                    "voluntary": record["disagreement_voluntary"],
                    "trust": record["disagreement_trust"],
                },
                partners_differ=record["partners_differ"],
                respondent_modes={m: record[m] for m in MODES},
                continuum=record["continuum"],
                continuum_inconsistent=record["continuum_inconsistent"],
                continuum_skipped=record["continuum_skipped"] or None,
                organizations=orgs.get(key, []),
            )
            partnerships.append(entry)
        return {
            "source": self.source,
            "partnerships": partnerships,
            "direction_of_travel": _records(self.travel),
            "excluded": _records(self.excluded),
            "ignored_columns": list(self.ignored_columns),
            "boundaries": self.boundaries.as_dict(),
            "settings": dict(self.settings),
        }

    def to_json(self) -> str:
        """The result as JSON text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _plain(v) for k, v in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def classify(
    responses: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    min_answered: float = MIN_ANSWERED,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    continuum_yes_share: float = CONTINUUM_YES_SHARE,
    steady: float = STEADY,
) -> Classification:
    """Score, summarise, break down and compare rounds in one call.

    ``responses`` is the canonical table (for example from
    :func:`read_responses`); it is not modified. The parameters are those of
    :func:`score_responses`, :func:`summarize_partnerships` and
    :func:`direction_of_travel`.

    >>> result = classify(example_responses())
    >>> sorted(result.summary["partnership"].unique())
    ['Example partnership A', 'Example partnership B']
    >>> result.to_dict()["partnerships"][0]["mode"]
    'complying'
    """
    scored = score_responses(responses, boundaries=boundaries, min_answered=min_answered)
    summary = summarize_partnerships(
        scored,
        boundaries=boundaries,
        disagreement_threshold=disagreement_threshold,
        continuum_yes_share=continuum_yes_share,
    )
    return Classification(
        scored=scored,
        summary=summary,
        organizations=summarize_organizations(scored, boundaries=boundaries),
        travel=direction_of_travel(summary, steady=steady),
        excluded=excluded_respondents(scored),
        ignored_columns=tuple(responses.attrs.get("ignored_columns", ())),
        boundaries=boundaries,
        settings={
            "min_answered": min_answered,
            "disagreement_threshold": disagreement_threshold,
            "continuum_yes_share": continuum_yes_share,
            "steady": steady,
        },
        source=responses.attrs.get("source"),
    )


# --------------------------------------------------------------------------- example data


def example_responses() -> pd.DataFrame:
    """Return a small, **illustrative** set of answers, invented for teaching.

    Two invented partnerships ("Example partnership A" and "Example partnership
    B"), each with respondents from three invented organisations, answered in
    two rounds (2025 and 2026). The partners do not all agree, one respondent
    skipped too many items to be scored, and one continuum pattern is
    inconsistent, so every part of the analysis has something to show. **This
    is not a real case** and describes no real partnership; the file's ``note``
    column says so on every row (the reader ignores and lists that column).

    >>> answers = example_responses()
    >>> answers["partnership"].unique().tolist(), answers["round"].unique().tolist()
    (['Example partnership A', 'Example partnership B'], ['2025', '2026'])
    >>> answers.attrs["ignored_columns"]
    ['note']
    """
    source = resources.files("toolkit.data").joinpath("example_responses.csv")
    with resources.as_file(source) as path:
        frame = read_responses(path)
    frame.attrs["source"] = "example_responses.csv"
    return frame


# --------------------------------------------------------------------------- questionnaire

_FORMATS = ("md", "csv", "html")
_INTRO = (
    "Each question shows two statements about the partnership, A and B, taken from "
    "Armistead & Pettigrew (2007). Choose where the partnership stands between them today: "
    "1 = A fits much better, 3 = A and B fit equally, 5 = B fits much better. "
    "There are no right answers, and partners often see things differently."
)
_META_QUESTIONS = (
    ("partnership", "Partnership", "short answer", "required: the name of the partnership"),
    ("organization", "Organisation", "short answer", "your organisation (optional)"),
    ("respondent", "Respondent", "short answer", "a code or name for yourself (optional)"),
)


def _title(row: Any) -> str:
    if row.axis == "continuum":
        return f"[{row.id}] Do the partners {row.topic}? Yes: {_yes_text(row.right_pole)}"
    return f"[{row.id}] {row.topic}. A: {row.left_pole} B: {row.right_pole}"


def _yes_text(text: str) -> str:
    return text.removeprefix("Yes: ")


def questionnaire(format: str = "md") -> str:
    """Return the questionnaire, statements in order with their ids, as Markdown, CSV or HTML.

    Every question title starts with the item id in brackets (``[MV01] ...``),
    so that a Google Forms or Microsoft Forms export built from it can be read
    by :func:`read_responses` as it is. The CSV is a form template: one row per
    question with ``id``, ``title``, ``type``, ``required``, ``options`` (separated by ``|``),
    ``statement_a``, ``statement_b``, ``axis`` and ``source``; the first rows are the
    partnership, organisation and respondent questions.

    Parameters
    ----------
    format : {"md", "csv", "html"}

    Examples
    --------
    >>> lines = questionnaire("csv").splitlines()
    >>> lines[0]
    'id,title,type,required,options,statement_a,statement_b,axis,source'
    >>> lines[4][:46]
    'MV01,"[MV01] Governance and accountability. A:'
    >>> "[H4]" in questionnaire("md") and "<h1>" in questionnaire("html")
    True
    """
    if format not in _FORMATS:
        raise ValueError(f"format must be one of {', '.join(_FORMATS)}, got {format!r}")
    bank = _bank()
    scale = " | ".join(f"{k} = {v}" for k, v in ANSWER_LABELS.items())
    scale_options = "|".join(ANSWER_LABELS.values())
    yes_no = "|".join(YES_NO_LABELS[k] for k in (1, 0))
    if format == "csv":
        rows = [
            {
                "id": key,
                "title": title,
                "type": kind,
                "required": "yes" if key == "partnership" else "no",
                "options": "",
                "statement_a": "",
                "statement_b": "",
                "axis": "",
                "source": "",
            }
            for key, title, kind, _ in _META_QUESTIONS
        ]
        for row in bank.itertuples(index=False):
            continuum = row.axis == "continuum"
            rows.append(
                {
                    "id": row.id,
                    "title": _title(row),
                    "type": "yes/no" if continuum else "linear scale 1-5",
                    "required": "no",
                    "options": yes_no if continuum else scale_options,
                    "statement_a": "" if continuum else row.left_pole,
                    "statement_b": "" if continuum else row.right_pole,
                    "axis": row.axis,
                    "source": row.source,
                }
            )
        return pd.DataFrame(rows).to_csv(index=False, lineterminator="\n")
    sections = [
        ("voluntary", "Part 1. How the partnership came about: mandatory or voluntary"),
        ("trust", "Part 2. What service provision relies on: contract or trust"),
        ("continuum", "Part 3. What the partners do together (answer yes or no)"),
    ]
    if format == "md":
        out = [
            "# Partnership questionnaire",
            "",
            _INTRO,
            "",
            "Answer scale: " + scale + ".",
            "",
            "Before the statements: **Partnership** (required), **Organisation** "
            "(optional), **Respondent** (optional code or name).",
            "",
        ]
        for axis, heading in sections:
            out += [f"## {heading}", ""]
            for row in bank[bank["axis"] == axis].itertuples(index=False):
                if axis == "continuum":
                    out.append(
                        f"- **[{row.id}]** Do the partners {md_cell(row.topic)}? "
                        f"Yes: {md_cell(_yes_text(row.right_pole))} (Yes / No)"
                    )
                else:
                    out.append(
                        f"- **[{row.id}] {md_cell(row.topic)}.** "
                        f"A: {md_cell(row.left_pole)} B: {md_cell(row.right_pole)} "
                        "(1 2 3 4 5)"
                    )
            out.append("")
        out.append(
            "Sources: Armistead & Pettigrew (2007), Tables 1 and 2 (paraphrased); Himmelman (2002)."
        )
        return "\n".join(out) + "\n"
    body = [
        f"<h1>{esc('Partnership questionnaire')}</h1>",
        f"<p>{esc(_INTRO)}</p>",
        f'<p class="meta">Answer scale: {esc(scale)}.</p>',
        '<p><strong>Partnership</strong> (required): <span class="write-in"></span>'
        '<strong>Organisation</strong> (optional): <span class="write-in"></span>'
        "<strong>Respondent</strong> (optional code or name): "
        '<span class="write-in"></span></p>',
    ]
    for axis, heading in sections:
        body.append(f'<h2>{esc(heading)}</h2><ol class="questions">')
        for row in bank[bank["axis"] == axis].itertuples(index=False):
            if axis == "continuum":
                body.append(
                    f'<li class="keep-together"><strong>[{esc(row.id)}]</strong> Do the partners '
                    f"{esc(row.topic)}? Yes: {esc(_yes_text(row.right_pole))} "
                    '<span class="meta">Yes &#9744; No &#9744;</span></li>'
                )
            else:
                boxes = " ".join(f"{k} &#9744;" for k in ANSWER_LABELS)
                body.append(
                    f'<li class="keep-together"><strong>[{esc(row.id)}] {esc(row.topic)}.</strong>'
                    f"<br>A: {esc(row.left_pole)}<br>B: {esc(row.right_pole)}<br>"
                    f'<span class="meta">A {boxes} B</span></li>'
                )
        body.append("</ol>")
    body.append(
        '<p class="meta">Sources: Armistead &amp; Pettigrew (2007), Tables 1 and 2 '
        "(paraphrased); Himmelman (2002).</p>"
    )
    return html_page("Partnership questionnaire", "\n".join(body))
