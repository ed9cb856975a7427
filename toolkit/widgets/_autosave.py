"""Autosave for exercise apps: bind controls to keys, save every change, restore, up/download.

An :class:`Autosave` belongs to one exercise. An app *binds* each control it
wants kept (``bind(key, widget)``), or a getter/setter pair for answers that
are not one control (``bind_custom``), then calls :meth:`Autosave.restore`:
the saved answers are put back into the controls and, from then on, every
change is written to the answers file (see :mod:`toolkit.answers`). Its
``bar`` holds the status line (a live region), the download link and the
upload control; apps place it at the bottom of their frame.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ..answers import download_link_html, load_answers, parse_answers, save_answers
from ..report import esc

__all__ = ["Autosave"]


class Autosave:
    """Keep an exercise's answers in its answers file (see :mod:`toolkit.answers`).

    Parameters
    ----------
    exercise : str
        The exercise id (the notebook's name without ``.ipynb``).
    folder : path, optional
        Where the answers file lives; default from :func:`toolkit.answers.answers_dir`.
    """

    def __init__(self, exercise: str, folder: str | os.PathLike[str] | None = None) -> None:
        import ipywidgets as w

        self.exercise = exercise
        self.folder = folder
        self._bindings: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}
        self._quiet = 0
        self.loaded = load_answers(exercise, folder)
        self.status = w.HTML(layout=w.Layout(width="100%"))
        self.download = w.HTML()
        self.upload = w.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="Upload answers",
            tooltip="Restore answers from a file you downloaded earlier",
            icon="upload",
        )
        self.upload.observe(self._on_upload, names="value")
        self.bar = w.VBox(
            [w.HBox([self.download, self.upload]), self.status],
            layout=w.Layout(border_top="1px solid #bbb", padding="0.5em 0 0 0", margin="1em 0 0"),
        )
        self.bar.add_class("toolkit-autosave")
        self._set_status(self.loaded.message, self.loaded.status == "invalid")
        self._refresh_download()

    # --- binding ---------------------------------------------------------------------

    def bind(self, key: str, widget: Any, trait: str = "value") -> None:
        """Keep ``widget.<trait>`` under ``key``; save whenever it changes."""

        def get() -> Any:
            value = getattr(widget, trait)
            return list(value) if isinstance(value, tuple) else value

        def put(value: Any) -> None:
            if isinstance(getattr(widget, trait), tuple) and isinstance(value, list):
                value = tuple(value)
            setattr(widget, trait, value)

        self._bindings[key] = (get, put)
        widget.observe(lambda _change: self.save(), names=trait)

    def bind_custom(self, key: str, get: Callable[[], Any], put: Callable[[Any], None]) -> None:
        """Keep the value ``get()`` returns under ``key``; ``put(value)`` restores it.

        The app calls :meth:`save` itself after such a value changes.
        """
        self._bindings[key] = (get, put)

    # --- reading and writing ---------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The current answers, key -> value (JSON-ready)."""
        return {key: get() for key, (get, _put) in self._bindings.items()}

    def apply(self, answers: dict[str, Any]) -> list[str]:
        """Put ``answers`` into the controls; return the keys that could not be restored."""
        failed = []
        self._quiet += 1
        try:
            for key, value in answers.items():
                binding = self._bindings.get(key)
                if binding is None:
                    failed.append(key)
                    continue
                try:
                    binding[1](value)
                except Exception:  # a value the control no longer accepts
                    failed.append(key)
        finally:
            self._quiet -= 1
        return failed

    def restore(self) -> None:
        """Put the answers found in the file back into the bound controls."""
        if self.loaded.answers:
            failed = self.apply(self.loaded.answers)
            if failed:
                self._set_status(
                    f"{self.loaded.message} Some saved answers no longer fit the exercise and "
                    f"were left out: {', '.join(sorted(failed))}.",
                    True,
                )
        self._refresh_download()

    def save(self) -> None:
        """Save the current answers (atomic write); say so in the status line."""
        if self._quiet:
            return
        answers = self.answers()
        try:
            path, backup = save_answers(self.exercise, answers, self.folder)
        except Exception as exc:  # never let a save break the exercise: say so, offer download
            self._set_status(
                f"Could not save your answers: {exc}. Use the download link to keep them.", True
            )
            self._refresh_download(answers)
            return
        if path is None:
            self._set_status("Autosave is turned off: use the download link to keep answers.")
        elif backup is not None:
            self._set_status(
                f"Saved your answers in {path.name}. The old file there could not be read, so "
                f"it was kept as {backup.name}.",
                True,
            )
        else:
            self._set_status(f"Saved your answers in {path.name}.")
        self._refresh_download(answers)

    # --- internals -------------------------------------------------------------------

    def _set_status(self, message: str, warning: bool = False) -> None:
        css = "toolkit-status toolkit-warning" if warning else "toolkit-status"
        self.status.value = f'<p class="{css}" role="status" aria-live="polite">{esc(message)}</p>'
        self.status_text = message
        self.status_warning = warning

    def _refresh_download(self, answers: dict[str, Any] | None = None) -> None:
        try:
            self.download.value = download_link_html(
                self.exercise, self.answers() if answers is None else answers
            )
        except Exception as exc:  # pragma: no cover - answers_json cleans every value
            self._set_status(f"The download link could not be made: {exc}", True)

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = item.get("name", "uploaded file")
        try:
            answers = parse_answers(bytes(item["content"]), self.exercise, file=name)
        except Exception as exc:  # parse_answers raises InputError; anything else is said too
            self._set_status(f"That file was not loaded, nothing changed: {exc}", True)
        else:
            failed = self.apply(answers)
            self.save()
            note = f" Left out: {', '.join(sorted(failed))}." if failed else ""
            self._set_status(f"Restored your answers from {name}.{note}", bool(failed))
        self._quiet += 1
        try:
            self.upload.value = ()
        finally:
            self._quiet -= 1
