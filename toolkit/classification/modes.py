"""The three modes of a partnership and the boundaries between them."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError

#: The three areas of Armistead & Pettigrew's heuristic, from contract-led to trust-led.
MODES: tuple[str, ...] = ("complying", "constraining", "creating")


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
_MODE_ARRAY = np.array([*MODES, None], dtype=object)


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
