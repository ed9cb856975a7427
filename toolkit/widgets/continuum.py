"""The continuum self-check: four yes/no questions, the level reached, feedback."""

from __future__ import annotations

from typing import Any

from ..continuum import CONTINUUM_ITEMS, continuum_feedback, himmelman_strategies
from ._base import ExerciseApp

__all__ = ["continuum_self_check"]


def continuum_self_check(
    answers: dict[str, bool] | None = None, *, intro: bool = True
) -> ExerciseApp:
    """Build the self-check app: one checkbox per strategy, feedback below.

    ``intro=False`` leaves out the "Think of one partnership you know" line,
    for a page that already says it.

    ``answers`` sets the boxes initially (for example ``{"H1": True}``). The
    app's ``checkboxes`` (item id -> Checkbox) and ``feedback`` (HTML widget)
    are exposed for tests and for notebooks that want to read them.
    """
    import ipywidgets as w

    from ..report import esc

    table = himmelman_strategies()
    answers = dict(answers or {})
    boxes: dict[str, Any] = {}
    for item, row in zip(CONTINUUM_ITEMS, table.itertuples(), strict=True):
        boxes[item] = w.Checkbox(
            value=bool(answers.get(item, False)),
            description=f"We {row.strategy}",
            indent=False,
            layout=w.Layout(width="auto"),
        )
    feedback = w.HTML()

    def update(_change: Any = None) -> None:
        current = {item: box.value for item, box in boxes.items()}
        feedback.value = f'<p role="status">{esc(continuum_feedback(current))}</p>'

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    head = (
        [
            w.HTML(
                "<p>Think of one partnership you know. Tick each thing its partners do "
                "together.</p>"
            )
        ]
        if intro
        else []
    )
    root = w.VBox([*head, *boxes.values(), feedback])
    return ExerciseApp(
        root,
        "Continuum self-check",
        checkboxes=boxes,
        feedback=feedback,
    )
