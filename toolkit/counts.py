"""Counting by group code, the same on every platform.

``np.bincount`` takes only the platform's own index type: on 32-bit WebAssembly
(the in-browser exercises, Pyodide) it refuses int64 codes with "Cannot cast
array data from dtype('int64') to dtype('int32') according to the rule 'safe'".
Every count in the toolkit goes through :func:`bincount`, which casts first, so
no call site can forget it (``tests/test_wasm32_counts.py`` runs the analyses
with int32 codes).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["bincount"]


def bincount(codes: Any, weights: Any = None, minlength: int = 0) -> np.ndarray:
    """``np.bincount`` on whole-number codes of any integer type.

    >>> bincount(np.array([0, 2, 2], dtype=np.int64), minlength=4).tolist()
    [1, 0, 2, 0]
    >>> bincount(np.array([1, 1]), weights=np.array([0.5, 0.25])).tolist()
    [0.0, 0.75]
    """
    index = np.asarray(codes).astype(np.intp, copy=False)
    return np.bincount(index, weights=weights, minlength=minlength)
