"""Answers as numbers: a 1-5 answer or a yes/no answer from what a form wrote (a number, a
label, a labelled number), and the message naming a value that is not a valid answer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, csv_line
from ..questionnaires import Scale, instrument, scale
from .columns import _short

#: The label a form shows for each point of the 1-5 scale. "A" is the item's
#: left statement (mandatory; contract), "B" its right statement (voluntary; trust).
ANSWER_LABELS: dict[int, str] = dict(scale("a_or_b").labels)


#: The labels a form shows for the yes/no continuum items.
YES_NO_LABELS: dict[int, str] = dict(scale("yes_no").labels)


_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


_LABELLED_NUMBER = re.compile(r"^(\d+)\s*[-\u2013\u2014:.)=]\s*[^\d\s]")


def _scale_value(value: Any) -> float:
    """One answer to a 1-5 item as a number, or NaN when it is not valid."""
    if isinstance(value, bool | np.bool_):
        return np.nan
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        text = " ".join(str(value).split())
        if _NUMBER.match(text):
            number = float(text)
        else:
            lowered = text.lower()
            for key, label in ANSWER_LABELS.items():
                if lowered == label.lower():
                    return float(key)
            labelled = _LABELLED_NUMBER.match(text)
            if not labelled:
                return np.nan
            number = float(labelled.group(1))
    if number != number or number not in _SCALE.values:
        return np.nan
    return number


_SCALE = scale("a_or_b")


_YES_NO = scale("yes_no")


_YES_NO_WORDS = _YES_NO.words


def _yes_no_value(value: Any) -> float:
    """One answer to a yes/no item as 1.0 or 0.0, or NaN when it is not valid."""
    if isinstance(value, bool | np.bool_):
        return float(value)
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        text = str(value).strip()
        word = _YES_NO_WORDS.get(text.lower())
        if word is not None:
            return word
        if not _NUMBER.match(text):
            return np.nan
        number = float(text)
    return number if number in _YES_NO.values else np.nan


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _shown(value: Any) -> Any:
    """A bad value as the user typed it: 7, not 7.0 (numbers read from a file are floats)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _describe_bad(value: Any, kind: str) -> str:
    text = str(value).strip()
    numeric = isinstance(value, int | float | np.integer | np.floating) or _NUMBER.match(text)
    if kind == "yesno":
        return "a yes/no answer must be 1 or 0" if numeric else "not a yes/no answer"
    if numeric:
        return "answer out of range or not a whole number"
    return "answer is not a number from 1 to 5 or a known label"


def answers_to_numbers(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    file: str | None = None,
    lines: bool = True,
) -> pd.DataFrame:
    """Convert answer columns to numbers, rejecting any value that is not a valid answer.

    Parameters
    ----------
    frame : DataFrame
        Holds the answers, as text or numbers. It is not modified.
    columns : mapping, optional
        Item id -> column of ``frame`` holding it. By default, every column
        of ``frame`` named by an item id.
    file : str, optional
        The file the answers came from, named in errors.
    lines : bool, default True
        Report a bad cell by its line in a file with one header line (row
        position + 2). When False, by the frame's index label instead.

    Returns
    -------
    DataFrame
        One float column per item, named by id, in the bank's order, same index:
        1-5 for ``MV``/``CT`` items, 1/0 for ``H`` items, NaN when blank.

    Raises
    ------
    InputError
        At the first bad cell (top to bottom, then left to right), naming the
        line, the column, the value, what is allowed and how many bad cells
        there are in all.

    Examples
    --------
    >>> raw = pd.DataFrame({"MV01": ["1", "B fits much better", None],
    ...                     "H1": ["Yes", "0", "no"]})
    >>> answers_to_numbers(raw)
       MV01   H1
    0   1.0  1.0
    1   5.0  0.0
    2   NaN  0.0
    >>> try:
    ...     answers_to_numbers(pd.DataFrame({"MV01": ["3", "7"]}), file="a.csv")
    ... except InputError as err:
    ...     print(err.file, err.line, err.column, repr(err.value), err.problem)
    a.csv 3 MV01 '7' answer out of range or not a whole number
    """
    inst = instrument()
    ids = inst.ids
    if columns is None:
        columns = {i: i for i in ids if i in frame.columns}
    block = np.empty((len(columns), len(frame)))  # one contiguous row per item
    first_bad: tuple[int, int, str, Any, Scale] | None = None
    total_bad = 0
    for order, (item, header) in enumerate(columns.items()):
        answer_scale = inst.scale_for(item)
        kind = "yesno" if answer_scale.is_yes_no else "scale"
        series = frame[header]
        allowed = np.array(answer_scale.values)
        if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
            series.dtype
        ):
            values = series.to_numpy(dtype=float, na_value=np.nan)
            bad = ~(np.isin(values, allowed) | np.isnan(values))
            bad_values = values
        else:
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            convert = _yes_no_value if kind == "yesno" else _scale_value
            table = np.array([convert(u) for u in uniques] + [np.nan], dtype=float)
            values = table[codes]  # code -1 (blank) picks the trailing NaN
            blank = np.array([_is_blank(u) for u in uniques] + [True], dtype=bool)[codes]
            bad = np.isnan(values) & ~blank
            bad_values = np.asarray([*uniques, None], dtype=object)[codes]
        if bad.any():
            positions = np.flatnonzero(bad)
            total_bad += positions.size
            candidate = (int(positions[0]), order, header, bad_values[positions[0]], answer_scale)
            if first_bad is None or candidate[:2] < first_bad[:2]:
                first_bad = candidate
        block[order] = values
    if first_bad is not None:
        position, _, header, value, answer_scale = first_bad
        problem = _describe_bad(value, "yesno" if answer_scale.is_yes_no else "scale")
        if total_bad > 1:
            problem += f" ({total_bad} bad answers in all)"
        line = csv_line(position) if lines else None
        if not lines:
            problem = f"row {frame.index[position]!r}: {problem}"
        raise InputError(
            problem,
            file=file,
            line=line,
            column=_short(header),
            value=_shown(value),
            allowed=answer_scale.allowed,
        )
    return pd.DataFrame(block.T, index=frame.index, columns=list(columns), copy=False)
