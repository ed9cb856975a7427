"""Score each respondent on the voluntary and trust axes and Himmelman's continuum."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..continuum import CONTINUUM_ITEMS, continuum_levels
from ..counts import bincount
from ..errors import InputError
from ..forms import (
    answers_to_numbers,
    duplicated_keys,
)
from .items import _axis_items
from .modes import DEFAULT_BOUNDARIES, Boundaries, _mode_arrays

#: Default minimum share of an axis's items a respondent must answer.
MIN_ANSWERED = 0.5
#: Default share of "yes" answers at which a partnership counts as doing a continuum strategy.
CONTINUUM_YES_SHARE = 0.5

_ID_COLUMNS = ("partnership", "round", "organization", "respondent")


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
    return score_with_answers(responses, boundaries=boundaries, min_answered=min_answered)[0]


def score_with_answers(
    responses: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    min_answered: float = MIN_ANSWERED,
) -> tuple[pd.DataFrame, dict[str, np.ndarray], dict[str, list[str]]]:
    """:func:`score_responses`, plus the answers as numbers and the axes' item ids.

    Returns ``(scored, answers, items)``: ``answers`` maps each item id in the
    file to its answers (a float array in the rows of ``scored``, NaN for a
    blank); ``items`` maps ``"voluntary"`` and ``"trust"`` to their item ids in
    the file. The measurement figures (:mod:`toolkit.classification.measurement`)
    need the answers item by item.
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
    dup = duplicated_keys(codes, keep="first")
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
    scored = pd.DataFrame(ordered, index=frame.index, copy=False)
    return scored, numeric, {"voluntary": mv, "trust": ct}


def _objects(values: Any) -> Any:
    """Text as an object array (faster to hash); anything else unchanged."""
    dtype = getattr(values, "dtype", None)
    if (
        dtype is not None
        and pd.api.types.is_string_dtype(dtype)
        and not isinstance(dtype, pd.CategoricalDtype)
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
    seen = bincount(code, minlength=3 ** len(CONTINUUM_ITEMS)) > 0
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
