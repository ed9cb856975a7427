"""What every exercise app shares: how it displays with and without a kernel."""

from __future__ import annotations

from typing import Any

from ..report import esc

__all__ = [
    "ExerciseApp",
    "exercise_frame",
    "feedback_html",
    "kernel_note_html",
    "show_in",
    "wide_style",
]


def kernel_note_html(title: str) -> str:
    """The note shown in place of an interactive exercise on the static site.

    >>> "Binder" in kernel_note_html("Continuum self-check")
    True
    """
    return (
        '<div class="toolkit-kernel-note" role="note">'
        f"<p><strong>{esc(title)}</strong> is interactive and needs a live Python kernel, "
        "which this page does not have.</p>"
        "<p>To try it, open this page as a notebook: use the launch button (the rocket icon) at "
        "the top of the page to start it on Binder, Google Colab or your JupyterHub, or run "
        "<code>jupyter lab</code> in a copy of the course repository. The exercise saves your "
        "answers as you go.</p></div>"
    )


class ExerciseApp:
    """An exercise: a root ipywidget plus a title, displayed the right way everywhere.

    In JupyterLab, Notebook, Colab or VS Code the widget itself shows (the
    widget view is the preferred output). The same output also carries a
    ``text/html`` note from :func:`kernel_note_html`, which the book shows
    because its configuration drops widget views (there is no kernel behind
    them on a static page), and a short, stable ``text/plain``.
    """

    def __init__(self, widget: Any, title: str) -> None:
        self.widget = widget
        self.title = title

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = dict(self.widget._repr_mimebundle_(**kwargs))
        data["text/html"] = kernel_note_html(self.title)
        data["text/plain"] = f"{self.title} (interactive exercise: run it in Jupyter)"
        return data


def exercise_frame(title: str, intro: str, children: list[Any], autosave: Any = None) -> Any:
    """Lay out an exercise the same way everywhere: heading, introduction, body, autosave bar.

    ``intro`` is trusted HTML written by the toolkit (never user text). Returns
    an ``ipywidgets.VBox`` with the CSS class ``toolkit-exercise``.
    """
    import ipywidgets as w

    head = w.HTML(f"<h3>{esc(title)}</h3>{intro}")
    parts = [head, *children]
    if autosave is not None:
        parts.append(autosave.bar)
    box = w.VBox(parts, layout=w.Layout(max_width="900px", padding="0.25em"))
    box.add_class("toolkit-exercise")
    return box


def feedback_html(text: str, *, kind: str = "info") -> str:
    """Feedback as a live region: ``kind`` is ``info``, ``correct``, ``wrong`` or ``warning``.

    >>> print(feedback_html("Correct.", kind="correct").replace("><", ">" + chr(10) + "<"))
    <div class="toolkit-feedback toolkit-correct" role="status" aria-live="polite">
    <p>Correct.</p>
    </div>
    """
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f'<div class="toolkit-feedback toolkit-{esc(kind)}" role="status" aria-live="polite">'
        f"{paragraphs}</div>"
    )


def wide_style() -> dict[str, str]:
    """Widget style that shows a control's whole description (no truncated labels)."""
    return {"description_width": "initial"}


def show_in(output: Any, *objects: Any) -> None:
    """Replace what an ``ipywidgets.Output`` shows with ``objects`` (charts or HTML strings).

    The outputs are set directly on the widget (no capture of the kernel's
    display messages), so it works the same during a live session, an nbval
    run and the book's execution, and without a kernel in tests. Charts go
    through the toolkit's offline renderer (:mod:`toolkit.charts`).
    """
    from ..charts import render_spec

    outputs = []
    for obj in objects:
        if isinstance(obj, str):
            data: dict[str, Any] = {"text/html": obj, "text/plain": "(HTML)"}
        else:
            data = dict(render_spec(obj.to_dict()))
        outputs.append({"output_type": "display_data", "data": data, "metadata": {}})
    output.outputs = tuple(outputs)
