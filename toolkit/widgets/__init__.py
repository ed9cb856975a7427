"""ipywidgets apps for the exercises.

Importing this package does not import ipywidgets; each app does when it is
built. Every app is an :class:`~toolkit.widgets._base.ExerciseApp`: in a live
kernel it shows the widgets; on the static site, where no kernel runs, it
shows a note saying how to launch the exercise instead of a dead widget.
"""

from __future__ import annotations

import importlib
from typing import Any

_API = {
    "ExerciseApp": "toolkit.widgets._base",
    "kernel_note_html": "toolkit.widgets._base",
    "continuum_self_check": "toolkit.widgets.continuum",
    "Autosave": "toolkit.widgets._autosave",
    "spot_the_partnership": "toolkit.widgets.quizzes",
    "why_did_it_fail": "toolkit.widgets.quizzes",
    "trust_game": "toolkit.widgets.trust",
    "classify_partnership": "toolkit.widgets.classify",
    "many_views": "toolkit.widgets.classify",
    "map_stakeholders": "toolkit.widgets.stakeholders",
    "plan_builder": "toolkit.widgets.plan",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit.widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
