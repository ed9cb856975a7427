"""What every exercise app shares: how it displays with and without a kernel."""

from __future__ import annotations

from typing import Any

from ..report import esc

__all__ = ["ExerciseApp", "kernel_note_html"]


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
