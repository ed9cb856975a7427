"""What every exercise app shares: how it displays with and without a kernel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..report import esc

__all__ = [
    "KEYBOARD_GUARD_JS",
    "WIDGET_CSS",
    "ExerciseApp",
    "button_layout",
    "exercise_frame",
    "feedback_html",
    "kernel_note_html",
    "menu_layout",
    "show_in",
    "wide_style",
]

#: Icon and word that mark each kind of feedback (never colour alone).
FEEDBACK_MARKS = {
    "correct": ("\u2714", "Right"),
    "wrong": ("\u2718", "Not right"),
    "warning": ("\u26a0", "Problem"),
    "info": ("\u2139", ""),
}

_SAYS_IT = ("correct", "not quite", "right", "wrong", "not right", "problem")

#: The exercises' own styles, shipped inside every exercise (JupyterLab, JupyterLite, Colab
#: and VS Code have none of the book's CSS). Scoped to ``.toolkit-exercise``.
WIDGET_CSS = """
.toolkit-exercise .lm-TabBar-tab, .toolkit-exercise .p-TabBar-tab {
  flex: 0 1 auto !important; min-width: 0 !important; max-width: none !important;
}
.toolkit-exercise .lm-TabBar-tabLabel, .toolkit-exercise .p-TabBar-tabLabel {
  overflow: visible !important; text-overflow: clip !important; white-space: nowrap;
}
.toolkit-exercise .widget-button, .toolkit-exercise .jupyter-button {
  width: auto; min-width: max-content; overflow: visible;
}
.toolkit-exercise .widget-dropdown select { min-width: 12em; }
.toolkit-exercise .toolkit-feedback { border-left: 4px solid #4a5568; padding: 0.25em 0.75em;
  margin: 0.5em 0; }
.toolkit-exercise .toolkit-feedback p { margin: 0.25em 0; }
.toolkit-exercise .toolkit-correct { border-left-color: #276749; }
.toolkit-exercise .toolkit-wrong { border-left-color: #9b2c2c; border-left-style: double;
  border-left-width: 6px; }
.toolkit-exercise .toolkit-warning { border-left-color: #975a16; border-left-style: dashed; }
.toolkit-exercise .toolkit-mark { font-weight: 700; margin-right: 0.35em; }
.toolkit-exercise .toolkit-correct .toolkit-mark { color: #276749; }
.toolkit-exercise .toolkit-wrong .toolkit-mark { color: #9b2c2c; }
.toolkit-exercise .toolkit-warning .toolkit-mark { color: #975a16; }
.toolkit-exercise .toolkit-field-problem { color: #9b2c2c; margin: 0 0 0.5em; }
.toolkit-exercise a.toolkit-download {
  display: inline-block; padding: 0.3em 0.9em; border: 1px solid #1f5fa8;
  border-radius: 4px; background: #1f5fa8; color: #fff; text-decoration: none;
  font-weight: 600; margin: 0.2em 0.5em 0.2em 0;
}
.toolkit-exercise a.toolkit-download:hover, .toolkit-exercise a.toolkit-download:focus {
  background: #174a85; outline: 2px solid #174a85; outline-offset: 2px;
}
.toolkit-exercise table { border-collapse: collapse; margin: 0.5em 0; }
.toolkit-exercise th, .toolkit-exercise td { border: 1px solid #cbd5e0; padding: 0.2em 0.5em;
  text-align: left; vertical-align: top; }
.toolkit-exercise .toolkit-side { display: flex; flex-wrap: wrap; gap: 1em;
  align-items: flex-start; }
.toolkit-exercise .toolkit-side > .toolkit-questions { flex: 1 1 420px; min-width: 0; }
.toolkit-exercise .toolkit-side > .toolkit-sticky { flex: 1 1 440px; position: sticky; top: 0;
  align-self: flex-start; background: var(--jp-layout-color0, #fff); z-index: 1; }
.jp-OutputArea-output:has(.toolkit-side), .jp-Cell-outputWrapper:has(.toolkit-side),
.jp-OutputArea:has(.toolkit-side), .jp-OutputArea-child:has(.toolkit-side) {
  overflow: visible !important;
}
.toolkit-exercise .toolkit-confirm { border: 2px solid #975a16; padding: 0.4em 0.6em;
  margin: 0.4em 0; }
"""

#: Keeps arrow keys (and Home, End, Page Up/Down, Space) inside the exercise's radio buttons,
#: drop-downs, sliders and tick boxes: JupyterLab would otherwise take them to move its cell
#: selection. Lumino skips shortcuts for a target carrying ``data-lm-suppress-shortcuts``;
#: the attribute is set only for those keys, only inside ``.toolkit-exercise``. It also names
#: each slider handle after its label (ipywidgets leaves the handle unnamed for screen readers).
KEYBOARD_GUARD_JS = """
(function () {
  if (window.__toolkitKeyGuard) { return; }
  window.__toolkitKeyGuard = true;
  function name() {
    document.querySelectorAll('.toolkit-exercise .widget-slider').forEach(function (s) {
      var l = s.querySelector('.widget-label');
      var text = l ? l.textContent.trim() : '';
      s.querySelectorAll('[role=slider]').forEach(function (h) {
        if (text && h.getAttribute('aria-label') !== text) { h.setAttribute('aria-label', text); }
      });
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; name(); });
  }).observe(document.body, {childList: true, subtree: true});
  name();
  var keys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End',
              'PageUp', 'PageDown', ' '];
  window.addEventListener('keydown', function (event) {
    var t = event.target;
    if (!t || !t.closest || !t.closest('.toolkit-exercise')) { return; }
    if (keys.indexOf(event.key) >= 0 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      t.setAttribute('data-lm-suppress-shortcuts', 'true');
    } else if (t.getAttribute('data-lm-suppress-shortcuts') === 'true') {
      t.removeAttribute('data-lm-suppress-shortcuts');
    }
  }, true);
})();
"""


def kernel_note_html(title: str) -> str:
    """What a notebook's saved output shows in place of an exercise before it runs.

    Two notes: one for Jupyter (JupyterLab, JupyterLite, Colab, VS Code), where
    running the cell starts the exercise, and one for the static course site
    (``hidden``; the book's CSS shows it and hides the first), where there is
    no kernel and the launch links are the way in.

    >>> html = kernel_note_html("Continuum self-check")
    >>> "Binder" in html and "Run this cell" in html
    True
    """
    return (
        '<div class="toolkit-run-note" role="note">'
        f"<p><strong>{esc(title)}</strong>: run this cell to start the exercise "
        "(Run this cell with Shift+Enter, or use Run, Run All Cells). Your saved answers "
        "come back when it starts.</p></div>"
        '<div class="toolkit-kernel-note" role="note" hidden="hidden">'
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

    ``parts`` are the exercise's widgets and state, kept as attributes (``app.tabs``,
    ``app.state``, ``app.autosave``...) so that tests and notebooks can reach them.
    """

    def __init__(self, widget: Any, title: str, **parts: Any) -> None:
        self.widget = widget
        self.title = title
        for name, value in parts.items():
            setattr(self, name, value)

    if TYPE_CHECKING:
        # For the type checker only: an exercise has the attributes given as ``parts``.
        def __getattr__(self, name: str) -> Any: ...

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = dict(self.widget._repr_mimebundle_(**kwargs))
        data["text/html"] = kernel_note_html(self.title)
        data["text/plain"] = f"{self.title} (interactive exercise: run this cell to start it)"
        return data


class Confirm:
    """A question with two buttons, shown only while something waits for an answer.

    ``ask(question, yes, no, action)`` shows it; ``action()`` runs only when
    the participant presses ``yes``; ``no`` closes it and runs ``on_no`` if
    given. ``box`` is the widget to place (hidden until asked).
    """

    def __init__(self) -> None:
        import ipywidgets as w

        self.question = w.HTML()
        self.yes = w.Button(button_style="warning", layout=button_layout())
        self.no = w.Button(layout=button_layout())
        self.yes.on_click(self._on_yes)
        self.no.on_click(self._on_no)
        self._action: Any = None
        self._on_no_action: Any = None
        self.box = w.VBox(
            [self.question, w.HBox([self.yes, self.no])], layout=w.Layout(display="none")
        )
        self.box.add_class("toolkit-confirm")

    @property
    def open(self) -> bool:
        """Whether a question is waiting for an answer."""
        return self.box.layout.display != "none"

    def ask(self, question: str, yes: str, no: str, action: Any, on_no: Any = None) -> None:
        self.question.value = f'<p role="alert"><strong>{esc(question)}</strong></p>'
        self.yes.description, self.no.description = yes, no
        self._action, self._on_no_action = action, on_no
        self.box.layout.display = "flex"

    def close(self) -> None:
        self._action = self._on_no_action = None
        self.box.layout.display = "none"
        self.question.value = ""

    def _on_yes(self, _button: Any = None) -> None:
        action = self._action
        self.close()
        if action is not None:
            action()

    def _on_no(self, _button: Any = None) -> None:
        action = self._on_no_action
        self.close()
        if action is not None:
            action()


def _guard() -> Any:
    """The style sheet and keyboard guard, as one invisible Output widget."""
    import ipywidgets as w

    out = w.Output(layout=w.Layout(height="0px", overflow="hidden", margin="0"))
    out.add_class("toolkit-guard")
    out.outputs = (
        {
            "output_type": "display_data",
            "data": {"application/javascript": KEYBOARD_GUARD_JS, "text/plain": ""},
            "metadata": {},
        },
    )
    return out


def exercise_frame(title: str, intro: str, children: list[Any], autosave: Any = None) -> Any:
    """Lay out an exercise the same way everywhere: heading, introduction, body, autosave bar.

    ``intro`` is trusted HTML written by the toolkit (never user text). Returns
    an ``ipywidgets.VBox`` with the CSS class ``toolkit-exercise``; it carries
    the exercises' style sheet (:data:`WIDGET_CSS`) and keyboard guard
    (:data:`KEYBOARD_GUARD_JS`).
    """
    import ipywidgets as w

    head = w.HTML(f"<style>{WIDGET_CSS}</style><h3>{esc(title)}</h3>{intro}")
    parts = [head, *children]
    if autosave is not None:
        parts.append(autosave.bar)
    parts.append(_guard())
    box = w.VBox(parts, layout=w.Layout(max_width="1100px", padding="0.25em"))
    box.add_class("toolkit-exercise")
    return box


def feedback_html(text: str, *, kind: str = "info") -> str:
    """Feedback as a live region: ``kind`` is ``info``, ``correct``, ``wrong`` or ``warning``.

    Right, wrong and problem feedback start with an icon and a word, so they
    are told apart without colour (the icon is hidden from screen readers,
    the word is not).

    >>> print(feedback_html("Well done.", kind="correct").replace("><", ">" + chr(10) + "<"))
    <div class="toolkit-feedback toolkit-correct" role="status" aria-live="polite">
    <p>
    <span class="toolkit-mark">
    <span aria-hidden="true">✔</span> Right:</span> Well done.</p>
    </div>
    >>> "Right:" in feedback_html("Correct: networking.", kind="correct")
    False
    """
    icon, word = FEEDBACK_MARKS.get(kind, ("", ""))
    if text.strip().lower().startswith(_SAYS_IT):
        word = ""  # the text already says it in words
    mark = (
        f'<span class="toolkit-mark"><span aria-hidden="true">{icon}</span>'
        f"{' ' + esc(word) + ':' if word else ''}</span> "
        if icon and kind != "info"
        else ""
    )
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(
        f"<p>{mark if i == 0 else ''}{esc(p)}</p>" for i, p in enumerate(paragraphs)
    ) or (f"<p>{mark}</p>" if mark else "")
    return (
        f'<div class="toolkit-feedback toolkit-{esc(kind)}" role="status" aria-live="polite">'
        f"{body}</div>"
    )


def wide_style() -> dict[str, str]:
    """Widget style that shows a control's whole description (no truncated labels)."""
    return {"description_width": "initial"}


def menu_layout() -> Any:
    """Layout for a drop-down wide enough to show its longest choice."""
    import ipywidgets as w

    return w.Layout(width="max-content", max_width="100%")


def button_layout() -> Any:
    """Layout for a button that shows its whole label."""
    import ipywidgets as w

    return w.Layout(width="auto", min_width="max-content")


def show_in(output: Any, *objects: Any) -> None:
    """Replace what an ``ipywidgets.Output`` shows with ``objects`` (charts or HTML strings).

    The outputs are set directly on the widget (no capture of the kernel's
    display messages), so it works the same during a live session, an nbval
    run and the book's execution, and without a kernel in tests. Charts go
    through the toolkit's offline renderer (:mod:`toolkit.charts`), without
    vega-embed's actions menu.
    """
    from ..charts import VEGALITE_MIME, render_spec

    outputs = []
    for obj in objects:
        metadata: dict[str, Any] = {}
        if isinstance(obj, str):
            data: dict[str, Any] = {"text/html": obj, "text/plain": "(HTML)"}
        else:
            data = dict(render_spec(obj.to_dict()))
            # No "..." actions menu: its unnamed <summary> fails accessibility checks.
            metadata = {VEGALITE_MIME: {"embed_options": {"actions": False}}}
        outputs.append({"output_type": "display_data", "data": data, "metadata": metadata})
    output.outputs = tuple(outputs)
