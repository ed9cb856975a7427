"""Autosave for exercise apps: bind controls to keys, save every change, restore, up/download.

An :class:`Autosave` belongs to one exercise. An app *binds* each control it
wants kept (``bind(key, widget)``), or a getter/setter pair for answers that
are not one control (``bind_custom``), then calls :meth:`Autosave.restore`:
the saved answers are put back into the controls and, from then on, every
change is written to the answers file (see :mod:`toolkit.answers`). Its
``bar`` holds the status line (a live region), the download link and the
upload control, the "Start over" button and the undo button; apps place it
at the bottom of their frame.

Nothing a participant typed is replaced by one click: uploading answers and
starting over both ask first (:meth:`Autosave.confirm`), and both can be
undone (:meth:`Autosave.replace`). Apps use the same two methods for their
own reset-like controls.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

from ..answers import (
    ANSWERS_FORMAT,
    ANSWERS_VERSION,
    download_link_html,
    load_answers,
    parse_answers,
    save_answers,
)
from ..report import esc
from ._base import Confirm

__all__ = ["EXERCISE_TITLES", "Autosave", "read_uploaded_answers"]

#: Exercise id -> the title participants see.
EXERCISE_TITLES = {
    "01-continuum": "Spot the partnership",
    "02-classify": "Mandatory or voluntary, contract or trust",
    "03-many-views": "Many partners, many views",
    "04-trust-game": "The trust game",
    "05-stakeholders": "Map your stakeholders",
    "06-why-did-it-fail": "Why did it fail?",
    "07-six-steps": "Plan in six steps",
}


def read_uploaded_answers(
    content: bytes, exercise: str, name: str
) -> tuple[dict[str, Any] | None, str]:
    """Check an uploaded answers file; return ``(answers, "")`` or ``(None, problem)``.

    The problem is one plain sentence for the participant (no parser jargon),
    saying what is wrong with the file and what to do.

    >>> from toolkit.answers import answers_json
    >>> read_uploaded_answers(b"{oops", "02-classify", "mine.json")[1][:60]
    'mine.json is not a file of saved answers from this course, s'
    >>> other = answers_json("01-continuum", {}).encode()
    >>> print(read_uploaded_answers(other, "02-classify", "a.json")[1][:69])
    a.json holds your answers to exercise 1, "Spot the partnership", not
    """
    unchanged = "so nothing was changed"
    not_ours = (
        f"{name} is not a file of saved answers from this course, {unchanged}. Choose the file "
        'that "Download my answers" gave you: its name ends in .answers.json.'
    )
    damaged = (
        f"{name} is damaged and was not loaded: it holds no answers this exercise can use, "
        f"{unchanged}."
    )
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # One of ours that cannot be read (a number too long, nesting too deep) is damaged;
        # anything else is not a file of saved answers at all.
        return None, damaged if ANSWERS_FORMAT.encode() in content else not_ours
    if not isinstance(document, dict) or document.get("format") != ANSWERS_FORMAT:
        return None, not_ours
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > ANSWERS_VERSION:
        return None, (
            f"{name} was saved by a newer version of the course toolkit than this one, "
            f"{unchanged}. Update the toolkit (or ask your facilitator to), then upload it again."
        )
    other = document.get("exercise")
    if other != exercise:
        title = EXERCISE_TITLES.get(str(other))
        if title:
            number = int(str(other)[:2])
            return None, (
                f'{name} holds your answers to exercise {number}, "{title}", not to this '
                f"exercise, {unchanged}. Upload it in that exercise's notebook."
            )
        return None, f"{name} holds answers to another exercise, not to this one, {unchanged}."
    try:
        answers = parse_answers(content, exercise, file=name)
    except Exception:  # parse_answers raises InputError; anything else is said the same way
        return None, damaged
    return answers, ""


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
        self.defaults: dict[str, Any] = {}
        self._after_apply: list[Callable[[], None]] = []
        self._undo_answers: dict[str, Any] | None = None
        self._quiet = 0
        self.loaded = load_answers(exercise, folder)
        self.status = w.HTML(layout=w.Layout(width="100%"))
        self.download = w.HTML()
        self.upload = w.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="Upload answers",
            tooltip="Restore answers from a file you downloaded earlier (asks first)",
            icon="upload",
            layout=w.Layout(width="auto", min_width="max-content"),
        )
        self.upload.observe(self._on_upload, names="value")
        self.start_over = w.Button(
            description="Start over",
            tooltip="Clear every answer in this exercise (asks first, and can be undone)",
            icon="eraser",
            layout=w.Layout(width="auto", min_width="max-content"),
        )
        self.start_over.on_click(self._on_start_over)
        self.undo = w.Button(
            description="Undo",
            tooltip="Put back the answers you had before",
            icon="undo",
            layout=w.Layout(width="auto", min_width="max-content", display="none"),
        )
        self.undo.on_click(self._on_undo)
        self.asking = Confirm()
        self.question, self.yes, self.no = self.asking.question, self.asking.yes, self.asking.no
        self.confirm_box = self.asking.box
        self.bar = w.VBox(
            [
                w.HBox(
                    [self.download, self.upload, self.start_over, self.undo],
                    layout=w.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.confirm_box,
                self.status,
            ],
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
        self.defaults[key] = get()
        widget.observe(lambda _change: self.save(), names=trait)

    def bind_custom(self, key: str, get: Callable[[], Any], put: Callable[[Any], None]) -> None:
        """Keep the value ``get()`` returns under ``key``; ``put(value)`` restores it.

        The app calls :meth:`save` itself after such a value changes. The value
        ``get()`` returns now is what "Start over" goes back to.
        """
        self._bindings[key] = (get, put)
        self.defaults[key] = get()

    def on_applied(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after answers are put back from outside (upload, start over,
        undo), for apps whose display is not driven by the bound controls alone."""
        self._after_apply.append(callback)

    # --- reading and writing ---------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The current answers, key -> value (JSON-ready)."""
        return {key: get() for key, (get, _put) in self._bindings.items()}

    def apply(self, answers: dict[str, Any]) -> list[str]:
        """Put ``answers`` into the controls; return the keys that could not be restored."""
        failed = [key for key in answers if key not in self._bindings]
        self._quiet += 1
        try:
            for key, (_get, put) in self._bindings.items():  # in binding order
                if key not in answers:
                    continue
                try:
                    put(answers[key])
                except Exception:  # a value the control no longer accepts
                    failed.append(key)
        finally:
            self._quiet -= 1
        return failed

    # --- asking first, and undo --------------------------------------------------------

    def confirm(self, question: str, yes: str, no: str, action: Callable[[], object]) -> None:
        """Ask ``question`` with two buttons; run ``action()`` only on ``yes``."""
        self.asking.ask(
            question, yes, no, action, on_no=lambda: self._set_status("Nothing was changed.")
        )

    def replace(self, answers: dict[str, Any], done: str) -> list[str]:
        """Put ``answers`` in place of the current ones, save, and offer to undo it.

        ``done`` is the status sentence ("Started over."). Returns the keys
        that could not be restored.
        """
        before = self.answers()
        failed = self.apply(answers)
        for callback in self._after_apply:
            callback()
        self.save()
        self._undo_answers = before
        self.undo.layout.display = "inline-flex"
        note = f" Left out: {', '.join(sorted(failed))}." if failed else ""
        self._set_status(f"{done}{note} Changed your mind? Use Undo.", bool(failed))
        return failed

    def _on_undo(self, _button: Any = None) -> None:
        if self._undo_answers is None:
            return
        before = self._undo_answers
        self._undo_answers = None
        self.apply(before)
        for callback in self._after_apply:
            callback()
        self.save()
        self.undo.layout.display = "none"
        self._set_status("Undone: your answers are back as they were.")

    def _on_start_over(self, _button: Any = None) -> None:
        self.confirm(
            "Start over? This clears every answer in this exercise.",
            "Yes, clear my answers",
            "No, keep my answers",
            lambda: self.replace(dict(self.defaults), "Started over: every answer is cleared."),
        )

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
        answers, problem = read_uploaded_answers(bytes(item["content"]), self.exercise, name)
        if answers is None:
            self._set_status(problem, True)
        else:
            self.confirm(
                f"Replace your current answers with the ones in {name}?",
                "Yes, replace my answers",
                "No, keep my answers",
                lambda: self.replace(answers, f"Restored your answers from {name}."),
            )
        self._quiet += 1
        try:
            self.upload.value = ()
        finally:
            self._quiet -= 1
