"""Reliability (Cronbach's alpha, item-rest correlations) and agreement (r_wg(J)) of the answers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ...counts import bincount
from .constants import DIGITS, OPTIONS, WEAK_ITEM

# --------------------------------------------------------------------------- reliability


def cronbach_alpha(
    answers: np.ndarray | pd.DataFrame | Sequence[np.ndarray],
    items: Sequence[str] | None = None,
    *,
    weak_below: float = WEAK_ITEM,
) -> dict[str, Any]:
    """Cronbach's alpha of one set of items, with corrected item-rest correlations.

    Parameters
    ----------
    answers : array (respondents x items), DataFrame, or a list of columns
        Numbers, NaN for a blank. A DataFrame's columns name the items.
    items : sequence of str, optional
        The item names (default: the DataFrame's columns, or ``item 1``...).
    weak_below : float, default 0.2
        Items whose item-rest correlation is below this are listed as weak.

    Returns
    -------
    dict
        ``alpha`` (rounded to 4 decimals, or None), ``respondents`` (who
        answered every item used), ``items`` (used), ``weak_items``,
        ``item_rest`` (item -> correlation or None), ``unanswered_items``
        (left out: nobody answered them) and ``note`` (why alpha is missing,
        else None).

    Examples
    --------
    >>> cronbach_alpha(np.array([[1.0, 1.0], [2.0, 3.0]]), ["A", "B"])["note"]
    'not computed: fewer than 3 respondents answered every item (2)'
    """
    names, columns = _columns(answers, items)
    answered = [bool(c.size) and not np.isnan(c).all() for c in columns]
    unanswered = [n for n, a in zip(names, answered, strict=True) if not a]
    used = [n for n, a in zip(names, answered, strict=True) if a]
    columns = [c for c, a in zip(columns, answered, strict=True) if a]
    k = len(used)
    rows = len(columns[0]) if columns else 0
    complete = ~np.isnan(np.sum(columns, axis=0)) if k else np.zeros(rows, dtype=bool)
    m = int(complete.sum())
    out: dict[str, Any] = {
        "alpha": None,
        "respondents": m,
        "items": k,
        "weak_items": [],
        "item_rest": dict.fromkeys(used),
        "unanswered_items": unanswered,
        "note": None,
    }
    if k < 2:
        out["note"] = f"not computed: fewer than 2 items answered ({k})"
        return out
    if m < 3:
        out["note"] = f"not computed: fewer than 3 respondents answered every item ({m})"
        return out
    # Items as rows (each a contiguous copy), respondents who answered every item,
    # centred; then the items' sums of squares and cross-products in one product.
    x = np.stack(columns)
    if not complete.all():
        x = x[:, complete]
    x -= x.mean(axis=1, keepdims=True)
    total = x.sum(axis=0)
    item_ss = np.einsum("ij,ij->i", x, x)
    # einsum, not a matrix product: no multithreaded BLAS spinning on a busy machine.
    cross = np.einsum("ij,j->i", x, total)  # each item's cross-products with the total
    total_ss = float(np.einsum("i,i->", total, total))
    rest_ss = total_ss - 2 * cross + item_ss
    with np.errstate(invalid="ignore", divide="ignore"):
        rest = (cross - item_ss) / np.sqrt(item_ss * rest_ss)
    rest = np.round(rest, DIGITS)
    defined = (item_ss > 1e-12) & (rest_ss > 1e-12)
    out["item_rest"] = {
        n: (round(float(r), 4) if ok else None)
        for n, r, ok in zip(used, rest, defined, strict=True)
    }
    out["weak_items"] = [
        n for n, r, ok in zip(used, rest, defined, strict=True) if ok and r < weak_below
    ]
    if total_ss <= 1e-12:
        out["note"] = "not computed: every respondent has the same total"
        return out
    alpha = k / (k - 1) * (1 - float(item_ss.sum()) / total_ss)
    out["alpha"] = round(min(round(alpha, DIGITS), 1.0), 4)
    return out


def _columns(
    answers: np.ndarray | pd.DataFrame | Sequence[np.ndarray], items: Sequence[str] | None
) -> tuple[list[str], list[np.ndarray]]:
    """Item names and one float array per item, from a table, a 2-D array or columns."""
    if isinstance(answers, pd.DataFrame):
        names = [str(c) for c in answers.columns]
        columns = [answers[c].to_numpy(dtype=float, na_value=np.nan) for c in answers.columns]
    elif isinstance(answers, np.ndarray):
        if answers.ndim != 2:
            raise ValueError("answers must be a respondents x items table")
        matrix = np.asarray(answers, dtype=float)
        columns = [matrix[:, j] for j in range(matrix.shape[1])]
        names = [f"item {j + 1}" for j in range(len(columns))]
    else:
        columns = [np.asarray(c, dtype=float) for c in answers]
        names = [f"item {j + 1}" for j in range(len(columns))]
    if items is not None:
        names = [str(i) for i in items]
    if len(names) != len(columns) or len({len(c) for c in columns}) > 1:
        raise ValueError("answers must be a respondents x items table matching the item names")
    return names, columns


# --------------------------------------------------------------------------- agreement


def agreement(
    answers: np.ndarray | pd.DataFrame | Sequence[np.ndarray],
    groups: np.ndarray,
    size: int,
    *,
    options: int = OPTIONS,
    whole: bool = False,
) -> np.ndarray:
    """r_wg(J) of each group against the uniform null (James, Demaree & Wolf, 1984).

    Parameters
    ----------
    answers : array (respondents x items), DataFrame, or a list of columns
        The answers on the 1-``options`` scale, NaN for a blank.
    groups : int array (respondents,)
        Each respondent's group, from 0 to ``size - 1``.
    size : int
        The number of groups.
    options : int, default 5
        Answer options; the null variance is ``(options**2 - 1) / 12``.
    whole : bool, default False
        True when every answer is known to be a whole number from 1 to
        ``options`` (or NaN), as in a scored table: counting answers per group
        is then faster. Other answers would be miscounted.

    Returns
    -------
    float array (size,)
        r_wg(J) from 0 to 1; NaN for a group with fewer than two respondents
        or no item answered by two of them.

    Examples
    --------
    >>> answers = np.array([[3.0, 3.0], [3.0, 3.0], [1.0, 5.0], [5.0, 1.0], [2.0, 2.0]])
    >>> agreement(answers, np.array([0, 0, 1, 1, 2]), 3).tolist()
    [1.0, 0.0, nan]
    """
    _, columns = _columns(answers, None)
    g = np.asarray(groups, dtype=np.int64)
    if any(len(c) != len(g) for c in columns):
        raise ValueError("answers must have one row per entry of groups")
    if options < 2:
        raise ValueError(f"options must be at least 2, got {options}")
    return rwg_from_stats(*answer_stats(columns, g, size, options, whole), options)


def answer_stats(
    columns: Sequence[np.ndarray], g: np.ndarray, size: int, options: int, whole: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per group: respondents, and per item (columns) the answers' count, sum and sum of squares.

    Sums are of the answers minus the middle of the scale; they add up across
    groups, so the figures of larger groups are sums of these. A loop over items
    (never over respondents or groups); for whole-number answers the sums are
    exact, so the variances are too.
    """
    middle = (options + 1) / 2
    people = bincount(g, minlength=size).astype(float)
    levels = np.arange(1, options + 1) - middle
    width = options + 1
    if whole:
        # Whole answers 1..options (0 for a blank): one count per group and answer.
        base = (g * width).astype(np.intp)
        tables = np.empty((size, len(columns), width))
        for j, column in enumerate(columns):
            with np.errstate(invalid="ignore"):
                code = column.astype(np.intp)  # a blank's value is replaced next
            code[np.isnan(column)] = 0
            code += base
            tables[:, j, :] = bincount(code, minlength=size * width).reshape(size, width)
        answered = tables[:, :, 1:]
        total = np.einsum("gjk,k->gj", answered, levels)
        squares = np.einsum("gjk,k->gj", answered, levels * levels)
        return people, answered.sum(axis=2), total, squares
    shape = (size, len(columns))
    count, total, squares = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for j, column in enumerate(columns):
        given = ~np.isnan(column)
        value = np.where(given, column - middle, 0.0)
        count[:, j] = bincount(g, weights=given, minlength=size)
        total[:, j] = bincount(g, weights=value, minlength=size)
        squares[:, j] = bincount(g, weights=value * value, minlength=size)
    return people, count, total, squares


def rwg_from_stats(
    people: np.ndarray, count: np.ndarray, total: np.ndarray, squares: np.ndarray, options: int
) -> np.ndarray:
    """r_wg(J) from :func:`answer_stats`."""
    expected = (options * options - 1) / 12
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = (squares - total * total / count) / (count - 1)
    usable = count >= 2
    variance = np.where(usable, np.maximum(np.round(variance, DIGITS), 0.0), 0.0)
    items = usable.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = variance.sum(axis=1) / items
        share = 1 - s2 / expected
        r = items * share / (items * share + s2 / expected)
    r = np.where(s2 >= expected, 0.0, r)
    return np.where((people >= 2) & (items > 0), np.clip(np.round(r, DIGITS), 0.0, 1.0), np.nan)
