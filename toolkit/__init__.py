"""Helpers for the Collaborative Partnerships course.

Classify a partnership (mandatory or voluntary, contract or trust; Himmelman's
continuum), map its stakeholders, and plan one in six steps. Data goes in and
comes out as pandas DataFrames; charts are Altair charts; exercises are
ipywidgets apps.

Importing :mod:`toolkit` is cheap: public names are loaded from their modules
the first time they are used, and Altair, ipywidgets and IPython are imported
only when a chart or a widget is asked for.

>>> import toolkit
>>> toolkit.CONTINUUM_LEVELS[-1]
'collaborating'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name -> the module that defines it. This table is the public API;
# tests/test_toplevel.py pins it, so a name is never moved or dropped silently.
_API: dict[str, str] = {
    "InputError": "toolkit.errors",
    "atomic_write_text": "toolkit.io",
    "atomic_write_bytes": "toolkit.io",
    "read_table": "toolkit.io",
    "CONTINUUM_LEVELS": "toolkit.continuum",
    "CONTINUUM_ITEMS": "toolkit.continuum",
    "continuum_levels": "toolkit.continuum",
    "himmelman_strategies": "toolkit.continuum",
}

__all__ = sorted([*_API, "__version__"])


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
