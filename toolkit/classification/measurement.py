"""Measurement you can trust: reliability, agreement, intervals and clear change.

The classification places each partnership on a map and reports how far its
partners disagree. This module answers the three questions the numbers alone
cannot: *do these items measure one thing?* (reliability), *do the partners
agree enough for one position to speak for the partnership?* (agreement) and
*did the partnership really move between two rounds, or is that noise?*
(intervals and clear change). Every function is pure and vectorised (NumPy
over whole columns; no Python loop per respondent or per group), and
:func:`toolkit.classification.classify` calls them.

Reliability: Cronbach's alpha
-----------------------------
For each axis, over the respondents who answered every item of that axis in
the file (Cronbach, 1951)::

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the total)

with ``k`` the number of items and sample variances (divisor ``n - 1``).
Items nobody answered are left out of ``k`` (and listed), because nobody could
answer every item otherwise. Each item gets its *corrected item-rest
correlation*: the correlation between the item and the total of the other
items. An item below ``0.2`` is *weak*; a misread or reversed item in a form is
the usual cause. With fewer than 3 respondents or fewer than 2 items, or when
every respondent has the same total, alpha is not computed and the ``note``
says why.

Agreement: r_wg(J)
------------------
Within each group of respondents (a partnership-round, or an organisation in
it), for each axis (James, Demaree and Wolf, 1984)::

    r_wg(J) = J (1 - s2/E) / (J (1 - s2/E) + s2/E),   0 when s2 >= E

``s2`` is the mean, over the axis's items, of the variance of the group's
answers to the item (sample variance, on the 1-5 scale), ``J`` the number of
items and ``E = (A^2 - 1) / 12`` the variance expected if everyone answered at
random among ``A`` options (2.0 for five). Only scored respondents count, as
for the means; an item is used when at least two of the group's respondents
answered it, and ``J`` counts the items used. With fewer than two respondents
there is no agreement to measure (missing). By a common convention, 0.70 or
more is enough agreement to speak of one position; it is a convention, not a
law.

Intervals
---------
Each partnership-round's voluntary and trust score gets a 95% interval. With
30 or more respondents it is the t-interval of the mean (mean plus or minus
``t * sd / sqrt(n)``, clipped to 0-1). With 2 to 29 it is a bootstrap
percentile interval: the respondents' scores are resampled with replacement
``resamples`` times (2,000 by default) and the interval runs from the 2.5th to
the 97.5th percentile of the resampled means. The interval always holds the
score itself (it is widened to it in the rare case a percentile would not).
A unanimous group has an interval of zero width; a single respondent has none
(missing), because one answer says nothing about how far the score could move.

The bootstrap is deterministic: the random numbers of a group come from the
``seed`` (:data:`DEFAULT_SEED` unless given) and the group's own name, and the
group's scores are taken in sorted order, so a partnership's interval does not
change when rows are reordered or other partnerships are added to the file.

**Between two modes.** A position is *between* two modes when its interval (the
rectangle of the two axes' intervals) crosses a boundary of the heuristic: the
wording then says "between constraining and creating" rather than naming one
mode. Without an interval (one respondent) the classification's margin rule
applies.

Clear change
------------
Between two rounds, the change on an axis is *clear* when the 95% interval of
the difference of the means excludes zero. The interval resamples each
round's respondents independently (the same bootstrap draws as the rounds'
own intervals); when both rounds have 30 or more respondents it is Welch's
t-interval of the difference. A round with fewer than two respondents makes
the change not computable (missing).

Examples
--------
>>> answers = np.array([[1, 2, 2], [2, 2, 3], [4, 5, 4], [5, 4, 5]], dtype=float)
>>> result = cronbach_alpha(answers, ["A", "B", "C"])
>>> result["alpha"], result["respondents"], result["items"], result["weak_items"]
(0.9447, 4, 3, [])
>>> agreement(answers, np.array([0, 0, 1, 1]), 2).round(4).tolist()
[0.9375, 0.9]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "AGREEMENT_CONVENTION",
    "CONFIDENCE",
    "DEFAULT_SEED",
    "RESAMPLES",
    "T_FROM",
    "WEAK_ITEM",
    "agreement",
    "agreement_sentence",
    "agreement_words",
    "between_modes",
    "change_words",
    "cronbach_alpha",
    "difference_intervals",
    "group_intervals",
    "how_to_read",
    "interval_words",
    "partnership_sentences",
    "position_words",
    "reliability_words",
    "travel_sentence",
]

#: The seed of the bootstrap when none is given (any fixed number would do).
DEFAULT_SEED = 2007
#: Bootstrap resamples per group (at least 2,000, as the method asks).
RESAMPLES = 2000
#: The coverage of every interval.
CONFIDENCE = 0.95
#: From this many respondents the t-interval replaces the bootstrap.
T_FROM = 30
#: Item-rest correlation below which an item is weak.
WEAK_ITEM = 0.2
#: The conventional r_wg(J) from which partners "speak of one position".
AGREEMENT_CONVENTION = 0.70
#: Answer options of the 1-5 scale.
OPTIONS = 5

_DIGITS = 12  # rounding that makes equal values equal despite floating point


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
    rest = np.round(rest, _DIGITS)
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
    out["alpha"] = round(min(round(alpha, _DIGITS), 1.0), 4)
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
    return _rwg(*_answer_stats(columns, g, size, options, whole), options)


def _answer_stats(
    columns: Sequence[np.ndarray], g: np.ndarray, size: int, options: int, whole: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per group: respondents, and per item (columns) the answers' count, sum and sum of squares.

    Sums are of the answers minus the middle of the scale; they add up across
    groups, so the figures of larger groups are sums of these. A loop over items
    (never over respondents or groups); for whole-number answers the sums are
    exact, so the variances are too.
    """
    middle = (options + 1) / 2
    people = np.bincount(g, minlength=size).astype(float)
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
            tables[:, j, :] = np.bincount(code, minlength=size * width).reshape(size, width)
        answered = tables[:, :, 1:]
        total = np.einsum("gjk,k->gj", answered, levels)
        squares = np.einsum("gjk,k->gj", answered, levels * levels)
        return people, answered.sum(axis=2), total, squares
    shape = (size, len(columns))
    count, total, squares = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for j, column in enumerate(columns):
        given = ~np.isnan(column)
        value = np.where(given, column - middle, 0.0)
        count[:, j] = np.bincount(g, weights=given, minlength=size)
        total[:, j] = np.bincount(g, weights=value, minlength=size)
        squares[:, j] = np.bincount(g, weights=value * value, minlength=size)
    return people, count, total, squares


def _rwg(
    people: np.ndarray, count: np.ndarray, total: np.ndarray, squares: np.ndarray, options: int
) -> np.ndarray:
    """r_wg(J) from :func:`_answer_stats`."""
    expected = (options * options - 1) / 12
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = (squares - total * total / count) / (count - 1)
    usable = count >= 2
    variance = np.where(usable, np.maximum(np.round(variance, _DIGITS), 0.0), 0.0)
    items = usable.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s2 = variance.sum(axis=1) / items
        share = 1 - s2 / expected
        r = items * share / (items * share + s2 / expected)
    r = np.where(s2 >= expected, 0.0, r)
    return np.where((people >= 2) & (items > 0), np.clip(np.round(r, _DIGITS), 0.0, 1.0), np.nan)


# --------------------------------------------------------------------------- random numbers


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a well-mixed uint64 for each uint64 (wraps on overflow)."""
    z = z.copy()
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def _indices(streams: np.ndarray, counter: np.ndarray, size: int) -> np.ndarray:
    """Random whole numbers from 0 to ``size - 1``: four per SplitMix64 number.

    Entry ``[i, k]`` of the SplitMix64 output is the ``counter[k]``-th number of
    the sequence that starts from ``streams[i]``. Each 64-bit number is cut into four 16-bit
    numbers ``r`` (in little-endian order, whatever the machine), and
    ``r * size // 2**16`` picks a respondent; for groups under 30 the chances
    differ from exactly equal by less than 0.05%.
    """
    with np.errstate(over="ignore"):
        bits = _mix(streams[:, None] + counter[None, :] * _GOLDEN)
    quarters = bits.astype("<u8", copy=False).view("<u2").astype(np.uint32)
    return ((quarters * np.uint32(size)) >> np.uint32(16)).astype(np.int64)


def _streams(names: Sequence[str] | np.ndarray, seed: int) -> np.ndarray:
    """One random stream per group, from the seed and the group's name."""
    hashed = pd.util.hash_array(np.asarray(names, dtype=object))
    with np.errstate(over="ignore"):
        return _mix(hashed ^ _mix(np.array([seed], dtype=np.uint64)))


# --------------------------------------------------------------------------- intervals


def _t_quantile(df: np.ndarray, confidence: float) -> np.ndarray:
    """Two-sided Student t quantile (Abramowitz & Stegun 26.7.5; under 1e-6 off for df >= 29)."""
    from statistics import NormalDist

    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    v = np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (
            z
            + (z**3 + z) / (4 * v)
            + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
        )


class _Sample:
    """Scores by group, with each group's size, mean and sample variance."""

    def __init__(self, groups: np.ndarray, values: np.ndarray, size: int) -> None:
        g = np.asarray(groups, dtype=np.int64)
        x = np.asarray(values, dtype=float)
        keep = ~np.isnan(x)
        if not keep.all():
            g, x = g[keep], x[keep]
        self.g, self.x, self.size = g, x, size
        self.n = np.bincount(g, minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.mean = np.bincount(g, weights=x, minlength=size) / self.n
            dev = x - self.mean[g]
            self.var = np.bincount(g, weights=dev * dev, minlength=size) / (self.n - 1)

    def draws(self, which: np.ndarray, streams: np.ndarray, resamples: int) -> np.ndarray:
        """Bootstrap means, shape (len(which), resamples), in chunks of bounded memory.

        Only the groups in ``which`` are sorted (by group, then score), so the
        draws depend on a group's scores, not on their order in the file.
        """
        out = np.empty((len(which), resamples))
        if not len(which):
            return out
        wanted = np.zeros(self.size, dtype=bool)
        wanted[which] = True
        rows = wanted[self.g]
        g, x = self.g[rows], self.x[rows]
        order = np.lexsort((x, g))
        values = x[order]
        offset = np.zeros(self.size, dtype=np.int64)
        offset[wanted] = np.cumsum(self.n[wanted]) - self.n[wanted]
        sizes = self.n[which]
        budget = 2_000_000  # random numbers per block: bounded memory
        # Groups of the same size are drawn together, as a (groups, resamples, size) block:
        # a loop over the distinct sizes (fewer than 30), never over groups.
        for size in np.unique(sizes).tolist():
            position = np.flatnonzero(sizes == size)
            per_group = resamples * size
            counter = np.arange(1, (per_group + 3) // 4 + 1, dtype=np.uint64)
            step = max(1, budget // per_group)
            for start in range(0, len(position), step):
                rows = position[start : start + step]
                pick = (
                    offset[which[rows]][:, None]
                    + _indices(streams[rows], counter, size)[:, :per_group]
                )
                block = values[pick].reshape(len(rows), resamples, size)
                out[rows] = block.sum(axis=2) / size
        return out


def _percentiles(draws: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - confidence) / 2
    if draws.shape[0] == 0:
        return np.zeros(0), np.zeros(0)
    low, high = np.quantile(draws, [tail, 1 - tail], axis=1)
    return low, high


def _check(resamples: int, confidence: float) -> None:
    if not isinstance(resamples, int | np.integer) or resamples < 1:
        raise ValueError(f"resamples must be a positive whole number, got {resamples!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")


def group_intervals(
    groups: np.ndarray,
    values: np.ndarray,
    names: Sequence[str] | np.ndarray,
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    t_from: int = T_FROM,
) -> tuple[np.ndarray, np.ndarray]:
    """The interval of each group's mean score (see the module docstring).

    Parameters
    ----------
    groups : int array
        Each score's group, from 0 to ``len(names) - 1``.
    values : float array
        The scores (0-1); NaN ones are ignored.
    names : sequence of str
        One name per group: with ``seed``, it fixes the group's random numbers.
    seed, resamples, confidence, t_from
        The bootstrap's seed and number of resamples, the coverage, and the
        group size from which the t-interval is used.

    Returns
    -------
    (low, high) : float arrays
        NaN for a group with fewer than two scores.

    Examples
    --------
    >>> low, high = group_intervals(np.array([0, 0, 0, 1, 1, 2]),
    ...                             np.array([0.5, 0.5, 0.5, 0.25, 0.75, 1.0]),
    ...                             ["same", "split", "alone"])
    >>> low.tolist(), high.tolist()
    ([0.5, 0.25, nan], [0.5, 0.75, nan])
    """
    _check(resamples, confidence)
    sample = _Sample(groups, values, len(names))
    return _intervals(sample, np.asarray(names, dtype=object), seed, resamples, confidence, t_from)[
        :2
    ]


def _intervals(
    sample: _Sample,
    names: np.ndarray,
    seed: int,
    resamples: int,
    confidence: float,
    t_from: int,
    extra: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
    """Intervals of every group, and the bootstrap draws of the groups in ``extra`` too."""
    n = sample.n
    size = n.size
    low = np.full(size, np.nan)
    high = np.full(size, np.nan)
    large = n >= max(t_from, 2)
    half = _t_quantile(n[large] - 1, confidence) * np.sqrt(sample.var[large] / n[large])
    low[large] = sample.mean[large] - half
    high[large] = sample.mean[large] + half
    small = (n >= 2) & ~large
    need = small.copy()
    if extra is not None:
        need[extra[n[extra] >= 2]] = True
    which = np.flatnonzero(need)
    streams = _streams(names[which], seed) if which.size else np.zeros(0, np.uint64)
    draws = sample.draws(which, streams, resamples)
    boot_low, boot_high = _percentiles(draws, confidence)
    use = small[which]
    low[which[use]] = boot_low[use]
    high[which[use]] = boot_high[use]
    ok = n >= 2
    # The interval holds the score and stays on the 0-1 scale.
    with np.errstate(invalid="ignore"):
        low = np.where(ok, np.clip(np.minimum(low, sample.mean), 0.0, 1.0), np.nan)
        high = np.where(ok, np.clip(np.maximum(high, sample.mean), 0.0, 1.0), np.nan)
    kept = dict(zip(which.tolist(), draws, strict=True))
    return np.round(low, _DIGITS), np.round(high, _DIGITS), kept


def difference_intervals(
    groups: np.ndarray,
    values: np.ndarray,
    names: Sequence[str] | np.ndarray,
    pairs: np.ndarray,
    *,
    seed: int = DEFAULT_SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    t_from: int = T_FROM,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Interval of the difference of means (second minus first) for pairs of groups.

    ``pairs`` is an int array (pairs x 2) of group numbers: (earlier round,
    later round). Returns ``(low, high, clear)``: the interval and whether it
    excludes zero (``clear`` is a float array: 1.0, 0.0, or NaN when a group
    has fewer than two scores).

    >>> low, high, clear = difference_intervals(
    ...     np.array([0, 0, 0, 1, 1, 1]), np.array([0.1, 0.2, 0.15, 0.8, 0.9, 0.85]),
    ...     ["before", "after"], np.array([[0, 1]]))
    >>> clear.tolist(), bool(low[0] > 0.6 and high[0] < 0.8)
    ([1.0], True)
    """
    _check(resamples, confidence)
    sample = _Sample(groups, values, len(names))
    names = np.asarray(names, dtype=object)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return _differences(sample, names, pairs, seed, resamples, confidence, t_from)


def _differences(
    sample: _Sample,
    names: np.ndarray,
    pairs: np.ndarray,
    seed: int,
    resamples: int,
    confidence: float,
    t_from: int,
    draws: dict[int, np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = sample.n
    a, b = pairs[:, 0], pairs[:, 1]
    low = np.full(len(pairs), np.nan)
    high = np.full(len(pairs), np.nan)
    ok = (n[a] >= 2) & (n[b] >= 2)
    large = ok & (n[a] >= t_from) & (n[b] >= t_from)
    boot = ok & ~large
    if large.any():
        va, vb = sample.var[a[large]] / n[a[large]], sample.var[b[large]] / n[b[large]]
        with np.errstate(invalid="ignore", divide="ignore"):
            df = (va + vb) ** 2 / (
                va**2 / (n[a[large]] - 1) + vb**2 / (n[b[large]] - 1)
            )  # Welch-Satterthwaite
        df = np.where(np.isnan(df), n[a[large]] + n[b[large]] - 2, df)
        half = _t_quantile(np.maximum(df, 1.0), confidence) * np.sqrt(va + vb)
        centre = sample.mean[b[large]] - sample.mean[a[large]]
        low[large], high[large] = centre - half, centre + half
    if boot.any():
        needed = np.unique(np.concatenate([a[boot], b[boot]]))
        if draws is None:
            draws = {}
        missing = np.array([g for g in needed.tolist() if g not in draws], dtype=np.int64)
        if missing.size:
            fresh = sample.draws(missing, _streams(names[missing], seed), resamples)
            draws.update(zip(missing.tolist(), fresh, strict=True))
        rows = {g: i for i, g in enumerate(needed.tolist())}
        table = np.stack([draws[g] for g in needed.tolist()])
        ia = np.array([rows[g] for g in a[boot].tolist()], dtype=np.int64)
        ib = np.array([rows[g] for g in b[boot].tolist()], dtype=np.int64)
        lo, hi = _percentiles(table[ib] - table[ia], confidence)
        low[boot], high[boot] = lo, hi
    low, high = np.round(low, _DIGITS), np.round(high, _DIGITS)
    with np.errstate(invalid="ignore"):
        clear = np.where(ok, ((low > 0) | (high < 0)).astype(float), np.nan)
    return low, high, clear


# --------------------------------------------------------------------------- between modes


def between_modes(
    voluntary: tuple[np.ndarray, np.ndarray],
    trust: tuple[np.ndarray, np.ndarray],
    boundaries: Any,
    modes: Sequence[str] = ("complying", "constraining", "creating"),
) -> np.ndarray:
    """For each interval rectangle, the modes it touches, joined as ``"a|b"``.

    ``voluntary`` and ``trust`` are ``(low, high)`` arrays; ``boundaries`` has
    ``trust_above``, ``contract_below`` and ``mandatory_below`` (see
    :class:`toolkit.classification.Boundaries`). The rules are those of the
    classification: *creating* when trust is above ``trust_above``;
    *complying* when trust is below ``contract_below`` and voluntary below
    ``mandatory_below``; *constraining* otherwise. Empty text where an interval
    is missing.

    >>> from toolkit.classification import Boundaries
    >>> between_modes((np.array([0.4, 0.2]), np.array([0.6, 0.3])),
    ...               (np.array([0.6, 0.1]), np.array([0.7, 0.2])), Boundaries()).tolist()
    ['constraining|creating', 'complying']
    """
    vl, vh = (np.asarray(v, dtype=float) for v in voluntary)
    tl, th = (np.asarray(v, dtype=float) for v in trust)
    t, c, m = boundaries.trust_above, boundaries.contract_below, boundaries.mandatory_below
    creating = th > t
    complying = (tl < c) & (vl < m)
    # Some point of the rectangle is neither creating nor complying.
    constraining = (tl <= t) & ((th >= c) | (vh >= m))
    touched = np.stack([complying, constraining, creating], axis=1)
    known = ~(np.isnan(vl) | np.isnan(vh) | np.isnan(tl) | np.isnan(th))
    text = np.full(len(vl), "", dtype=object)
    for j, mode in enumerate(modes):  # three modes: a loop over columns, not rows
        add = touched[:, j] & known
        text[add] = np.where(text[add] == "", mode, text[add] + "|" + mode)
    return text


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


_AXIS_WORDS = {
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
    up, down = _AXIS_WORDS[axis]
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
    for row in summary.to_dict("records"):
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
        for row in travel.to_dict("records"):
            lines.append(
                f"{row['partnership']}, {row['from_round']} to {row['to_round']}: "
                f"{row['direction']}."
            )
    return lines


# --------------------------------------------------------------------------- tables


def _text_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the values' text (a missing value as "(not given)") and the distinct texts."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    distinct = pd.Series(uniques, dtype=object)
    text = distinct.astype(str).where(distinct.notna(), "(not given)")
    text_codes, text_uniques = pd.factorize(text)
    return text_codes[codes], np.asarray(text_uniques, dtype=object)


def _rows_in(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    keys: list[str],
    cache: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
) -> np.ndarray:
    """For each row of ``frame``, the position of the ``table`` row with the same key text.

    ``cache`` keeps each key column's codes for the next call on the same frame.
    """
    cache = {} if cache is None else cache
    mine = np.zeros(len(frame), dtype=np.int64)
    theirs = np.zeros(len(table), dtype=np.int64)
    for key in keys:
        if key not in cache:
            cache[key] = _text_codes(frame[key])
        codes, uniques = cache[key]
        other = pd.Index(uniques).get_indexer(table[key].astype(str).to_numpy())
        width = len(uniques) + 1
        mine = mine * width + codes
        theirs = theirs * width + np.where(other < 0, len(uniques), other)
    return pd.Index(theirs).get_indexer(mine)


def _names(table: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """One name per row of a summary table: its key texts joined."""
    name = table[keys[0]].astype(str)
    for key in keys[1:]:
        name = name + "\x1f" + table[key].astype(str)
    return name.to_numpy(dtype=object)


def _sum_rows(figure: np.ndarray, parent: np.ndarray, size: int) -> np.ndarray:
    """Sum the rows of ``figure`` (1-D or 2-D) into ``size`` parent rows."""
    order = np.argsort(parent, kind="stable")  # already sorted in a classification
    ordered = parent[order]
    present, starts = np.unique(ordered, return_index=True)
    out = np.zeros((size, *figure.shape[1:]))
    if len(present):
        out[present] = np.add.reduceat(figure[order], starts, axis=0)
    return out


def _position_text(mode: np.ndarray, touched: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Vectorised :func:`position_words`: ``touched`` "a|b" becomes "between a and b"."""
    parts = pd.Series(touched, dtype=object).str.split("|")
    count = parts.str.len().to_numpy()
    joined = pd.Series(touched, dtype=object).str.replace("|", " and ", regex=False)
    three = pd.Series(touched, dtype=object).str.replace("|", ", ", n=1, regex=False)
    three = three.str.replace("|", " and ", regex=False)
    text = np.where(count >= 3, "between " + three, np.where(count == 2, "between " + joined, mode))
    text = np.where(pd.Series(touched).eq("").to_numpy(), fallback, text)
    missing = pd.isna(pd.Series(mode, dtype=object)).to_numpy()
    return np.where(missing, "not placed (no scored respondents)", text).astype(object)


def _agreement_text(voluntary: np.ndarray, trust: np.ndarray) -> np.ndarray:
    """Vectorised :func:`agreement_sentence`."""

    def words(r: np.ndarray) -> np.ndarray:
        return np.select(
            [np.isnan(r), r >= AGREEMENT_CONVENTION, r > 0],
            [
                agreement_words(None),
                agreement_words(1.0),
                agreement_words(0.5),
            ],
            agreement_words(0.0),
        ).astype(object)

    a, b = words(voluntary), words(trust)
    both = np.where(np.isnan(voluntary), a, a + " on both axes")
    return np.where(a == b, both, "on the voluntary axis " + a + "; on the trust axis " + b).astype(
        object
    )


def _change_text(axis: str, change: np.ndarray, clear: np.ndarray, steady: float) -> np.ndarray:
    """Vectorised :func:`change_words`."""
    up, down = _AXIS_WORDS[axis]
    about = "about as voluntary" if axis == "voluntary" else "about as trust-based"
    direction = np.where(change > 0, up, down).astype(object)
    small = np.abs(change) < steady
    return np.select(
        [
            np.isnan(change),
            np.isnan(clear) & small,
            np.isnan(clear),
            clear == 0,
            small,
        ],
        [
            f"no comparable {axis} score",
            about,
            direction,
            f"no clear change in {axis}",
            "slightly " + direction,
        ],
        direction,
    ).astype(object)


def _travel_text(travel: pd.DataFrame, steady: float) -> np.ndarray:
    """Vectorised :func:`travel_sentence` over a direction-of-travel table."""
    dv = travel["voluntary_change"].to_numpy(dtype=float)
    dt = travel["trust_change"].to_numpy(dtype=float)
    cv = travel["clear_change_voluntary"].to_numpy(dtype=float)
    ct = travel["clear_change_trust"].to_numpy(dtype=float)
    mode_from = travel["mode_from"].astype(str).to_numpy(dtype=object)
    mode_to = travel["mode_to"].astype(str).to_numpy(dtype=object)
    changed = travel["mode_from"].notna() & travel["mode_to"].notna()
    changed = (changed & (travel["mode_from"] != travel["mode_to"])).to_numpy()
    moved = np.where(
        changed, "moved from " + mode_from + " to " + mode_to, "stayed " + mode_from
    ).astype(object)
    since = travel["from_round"].astype(str).to_numpy(dtype=object)
    head = (
        _change_text("voluntary", dv, cv, steady) + " and " + _change_text("trust", dt, ct, steady)
    )
    unsure = np.isnan(cv) | np.isnan(ct)
    head = np.where(
        unsure, head + " (too few respondents to tell whether the change is clear)", head
    )
    head = np.where((cv == 0) & (ct == 0), "no clear change since " + since, head)
    text = (head + "; " + moved).astype(object)
    unknown = np.isnan(dv) | np.isnan(dt)
    return np.where(unknown, "not comparable: a round has no scored respondents", text).astype(
        object
    )


def add_measurement(
    scored: pd.DataFrame,
    numeric: Mapping[str, np.ndarray],
    summary: pd.DataFrame,
    organizations: pd.DataFrame,
    travel: pd.DataFrame,
    *,
    boundaries: Any,
    seed: int = DEFAULT_SEED,
    resamples: int = RESAMPLES,
    confidence: float = CONFIDENCE,
    steady: float = 0.05,
    items: Mapping[str, Sequence[str]],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Add reliability, agreement, intervals and clear change to the classification's tables.

    ``numeric`` maps each item id to its answers (float array, NaN for a
    blank) in the rows of ``scored``; ``items`` maps ``"voluntary"`` and
    ``"trust"`` to the item ids in the file. Returns new ``summary``,
    ``organizations`` and ``travel`` tables (the inputs are not modified) and
    the ``reliability`` dict.

    Columns added to ``summary``: ``agreement_voluntary``, ``agreement_trust``
    (r_wg(J)), ``voluntary_low``, ``voluntary_high``, ``trust_low``,
    ``trust_high`` (the intervals), ``position`` (the mode, or "between ..."
    when the interval crosses a boundary) and ``agreement`` (in words);
    ``near_boundary`` becomes "the interval crosses a boundary" wherever there
    is an interval. To ``organizations``: ``agreement_voluntary``,
    ``agreement_trust``. To ``travel``: ``voluntary_change_low``,
    ``voluntary_change_high``, ``trust_change_low``, ``trust_change_high``,
    ``clear_change_voluntary``, ``clear_change_trust`` (True, False or None),
    and ``direction`` says "no clear change" where the change is not clear.
    """
    _check(resamples, confidence)
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a whole number from 0, got {seed!r}")
    reliability = {
        axis: cronbach_alpha([numeric[i] for i in ids], list(ids)) for axis, ids in items.items()
    }
    voluntary = scored["voluntary"].to_numpy(dtype=float, na_value=np.nan)
    trust = scored["trust"].to_numpy(dtype=float, na_value=np.nan)
    inc = ~(np.isnan(voluntary) | np.isnan(trust))
    keys = ["partnership", "round"] if "round" in summary.columns else ["partnership"]
    summary = summary.copy()
    size = len(summary)
    codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    every_row = _rows_in(scored, summary, keys, codes) if size else np.zeros(0, np.int64)
    g = every_row[inc]
    organizations = organizations.copy()
    count = len(organizations)
    if count:
        # Respondents who were not scored count in an extra group, dropped below: this
        # spares selecting the scored rows of every item column.
        group = np.where(
            inc, _rows_in(scored, organizations, [*keys, "organization"], codes), count
        )
        parent = _rows_in(organizations, summary, keys)
    else:
        group = np.where(inc, every_row, size)
    for axis, ids in items.items():
        columns = [numeric[i] for i in ids]
        if count:
            # Count answers per organisation once; a partnership's counts are their sums.
            stats = tuple(
                f[:count] for f in _answer_stats(columns, group, count + 1, OPTIONS, True)
            )
            organizations[f"agreement_{axis}"] = _rwg(*stats, OPTIONS)
            stats = tuple(_sum_rows(figure, parent, size) for figure in stats)
        else:
            stats = tuple(f[:size] for f in _answer_stats(columns, group, size + 1, OPTIONS, True))
            organizations[f"agreement_{axis}"] = pd.Series(dtype=float)
        summary[f"agreement_{axis}"] = _rwg(*stats, OPTIONS)
    names = _names(summary, keys) if size else np.zeros(0, dtype=object)
    pairs = np.zeros((0, 2), dtype=np.int64)
    if "round" in keys and len(travel):
        index = pd.MultiIndex.from_arrays([summary["partnership"], summary["round"]])
        first = index.get_indexer(
            pd.MultiIndex.from_arrays([travel["partnership"], travel["from_round"]])
        )
        second = index.get_indexer(
            pd.MultiIndex.from_arrays([travel["partnership"], travel["to_round"]])
        )
        pairs = np.column_stack([first, second]).astype(np.int64)
    travel = travel.copy()
    for axis, values in (("voluntary", voluntary), ("trust", trust)):
        sample = _Sample(g, values[inc], size)
        # Draws are needed for both rounds of a pair unless both have a t-interval.
        boot = sample.n[pairs].min(axis=1) < T_FROM if len(pairs) else np.zeros(0, bool)
        extra = np.unique(pairs[boot].ravel())
        low, high, draws = _intervals(sample, names, seed, resamples, confidence, T_FROM, extra)
        summary[f"{axis}_low"] = low
        summary[f"{axis}_high"] = high
        if len(travel):
            lo, hi, clear = _differences(
                sample, names, pairs, seed, resamples, confidence, T_FROM, draws
            )
            travel[f"{axis}_change_low"] = lo
            travel[f"{axis}_change_high"] = hi
            travel[f"clear_change_{axis}"] = clear
    touched = between_modes(
        (summary["voluntary_low"].to_numpy(), summary["voluntary_high"].to_numpy()),
        (summary["trust_low"].to_numpy(), summary["trust_high"].to_numpy()),
        boundaries,
    )
    has_interval = touched != ""
    near = summary["near_boundary"].to_numpy(dtype=bool)
    summary["near_boundary"] = np.where(
        has_interval, pd.Series(touched).str.contains("|", regex=False).to_numpy(), near
    )
    mode = summary["mode"].to_numpy(dtype=object)
    neighbour = summary["neighbour"].astype(str).to_numpy(dtype=object)
    order = {"complying": 0, "constraining": 1, "creating": 2}
    first_mode = pd.Series(mode).map(order).to_numpy(dtype=float)
    second_mode = pd.Series(neighbour).map(order).to_numpy(dtype=float)
    pair = np.where(
        first_mode <= second_mode,
        "between " + mode.astype(str) + " and " + neighbour,
        "between " + neighbour + " and " + mode.astype(str),
    )
    fallback = np.where(near & ~has_interval, pair, mode).astype(object)
    summary["position"] = _position_text(mode, touched, fallback)
    summary["agreement"] = _agreement_text(
        summary["agreement_voluntary"].to_numpy(dtype=float),
        summary["agreement_trust"].to_numpy(dtype=float),
    )
    if len(travel):
        travel["direction"] = _travel_text(travel, steady)
        for axis in ("voluntary", "trust"):
            clear = travel[f"clear_change_{axis}"].to_numpy(dtype=float)
            travel[f"clear_change_{axis}"] = pd.array(
                np.where(np.isnan(clear), None, clear == 1), dtype="boolean"
            )
    else:
        for column in (
            "voluntary_change_low",
            "voluntary_change_high",
            "trust_change_low",
            "trust_change_high",
        ):
            travel[column] = pd.Series(dtype=float)
        for axis in ("voluntary", "trust"):
            travel[f"clear_change_{axis}"] = pd.Series(dtype="boolean")
    return summary, organizations, travel, reliability
