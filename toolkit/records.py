"""Tables as JSON records, with one rounding rule.

Every JSON report of the toolkit (classification, stakeholders, the plan check, the
continuum handout) turns its tables into records here, so a figure is written the same
way everywhere:

- a float is rounded to :data:`DECIMALS` decimal places (4: a share of 0.123456 is
  written 0.1235); a float that is not finite (NaN, infinity) is written ``null``, as are
  ``None``, ``pd.NA`` and ``pd.NaT``;
- numpy scalars become Python ``int``, ``float``, ``bool`` or ``str``;
- a timestamp becomes ISO 8601 text;
- lists, tuples, arrays and dicts inside a cell are converted item by item.

>>> import pandas as pd
>>> records(pd.DataFrame({"name": ["A", "B"], "share": [1 / 3, float("nan")], "n": [2, 3]}))
[{'name': 'A', 'share': 0.3333, 'n': 2}, {'name': 'B', 'share': None, 'n': 3}]
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DECIMALS", "json_value", "records"]

#: The number of decimal places every float of a JSON report is rounded to.
DECIMALS = 4


def json_value(value: Any) -> Any:
    """``value`` as a JSON-ready Python value, floats rounded to :data:`DECIMALS` places.

    >>> import numpy as np
    >>> json_value(np.float64(0.123456)), json_value(np.int64(3)), json_value(float("nan"))
    (0.1235, 3, None)
    >>> json_value((np.bool_(True), [0.5, None]))
    [True, [0.5, None]]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.ndarray | list | tuple):
        items = value.tolist() if isinstance(value, np.ndarray) else value
        return [json_value(v) for v in items]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, DECIMALS) if math.isfinite(value) else None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def records(table: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``table`` (a DataFrame, or rows as mappings) as JSON-ready dicts, one
    per row, keyed by column name, each value through :func:`json_value`.

    >>> records([{"a": 0.123456, "b": "x"}])
    [{'a': 0.1235, 'b': 'x'}]
    """
    if isinstance(table, pd.DataFrame):
        columns = [str(c) for c in table.columns]
        return [
            {k: json_value(v) for k, v in zip(columns, row, strict=True)}
            for row in table.itertuples(index=False, name=None)
        ]
    return [{str(k): json_value(v) for k, v in row.items()} for row in table]
