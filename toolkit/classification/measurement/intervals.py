"""Intervals of the scores (bootstrap or t) and of the change between rounds; between modes."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ...counts import bincount
from .constants import CONFIDENCE, DEFAULT_SEED, DIGITS, RESAMPLES, T_FROM

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
    quarters = bits.astype("<u8", copy=False).view("<u2")
    return _scale(size)[quarters]


@functools.cache
def _scale(size: int) -> np.ndarray:
    """``r * size // 2**16`` for every 16-bit ``r``: one lookup instead of four array passes."""
    return ((np.arange(1 << 16, dtype=np.int64) * size) >> 16).astype(np.intp)


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


class Sample:
    """Scores by group, with each group's size, mean and sample variance."""

    def __init__(self, groups: np.ndarray, values: np.ndarray, size: int) -> None:
        g = np.asarray(groups, dtype=np.int64)
        x = np.asarray(values, dtype=float)
        keep = ~np.isnan(x)
        if not keep.all():
            g, x = g[keep], x[keep]
        self.g, self.x, self.size = g, x, size
        self.n = bincount(g, minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            self.mean = bincount(g, weights=x, minlength=size) / self.n
            dev = x - self.mean[g]
            self.var = bincount(g, weights=dev * dev, minlength=size) / (self.n - 1)

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
                # The groups' sorted scores as a (groups, size) table, so each draw is a
                # position within its own group's row (no offset to add).
                table = values[offset[which[rows]][:, None] + np.arange(size)]
                pick = _indices(streams[rows], counter, size)[:, :per_group]
                block = np.take_along_axis(table, pick, axis=1)
                out[rows] = block.reshape(len(rows), resamples, size).sum(axis=2) / size
        return out


def _percentiles(draws: np.ndarray, confidence: float) -> tuple[np.ndarray, np.ndarray]:
    tail = (1 - confidence) / 2
    if draws.shape[0] == 0:
        return np.zeros(0), np.zeros(0)
    low, high = np.quantile(draws, [tail, 1 - tail], axis=1)
    return low, high


def check_settings(resamples: int, confidence: float) -> None:
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
    check_settings(resamples, confidence)
    sample = Sample(groups, values, len(names))
    return sample_intervals(
        sample, np.asarray(names, dtype=object), seed, resamples, confidence, t_from
    )[:2]


def sample_intervals(
    sample: Sample,
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
    return np.round(low, DIGITS), np.round(high, DIGITS), kept


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
    check_settings(resamples, confidence)
    sample = Sample(groups, values, len(names))
    names = np.asarray(names, dtype=object)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return sample_differences(sample, names, pairs, seed, resamples, confidence, t_from)


def sample_differences(
    sample: Sample,
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
    low, high = np.round(low, DIGITS), np.round(high, DIGITS)
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
