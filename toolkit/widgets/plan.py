"""Exercise 7, "Plan in six steps": a tabbed plan builder over :mod:`toolkit.planning`.

The readiness check comes first, then one tab per step of Roberts' model;
progress, the next action, the YAML plan file and the worksheet come from
:mod:`toolkit.planning` and :mod:`toolkit.planning.worksheets`.

Records (perspectives, motivations, members, goals) are typed one per line,
fields separated by ``|`` in the order the tab shows: the course's choice to
keep the builder usable by keyboard and screen reader without a grid widget.
Step 6's observations and GAO checklist are left to the YAML file and the
worksheet (the thin adapter here does not edit them).
"""

from __future__ import annotations

import base64
import os
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..report import esc, table_html
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, wide_style

__all__ = ["plan_builder", "records_from_text", "records_to_text"]

_YES_NO = [("Not answered", ""), ("Yes", "yes"), ("No", "no"), ("Unsure", "unsure")]


@cache
def _steps_yaml() -> dict[str, Any]:
    text = resources.files("toolkit.data").joinpath("six_steps.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def records_from_text(text: str, fields: list[str]) -> list[dict[str, Any]]:
    """Turn lines of ``a | b | c`` into records with ``fields`` (blank lines skipped).

    >>> records_from_text("Council | budget\\n\\nCharity", ["name", "contribution"])
    [{'name': 'Council', 'contribution': 'budget'}, {'name': 'Charity', 'contribution': ''}]
    """
    records = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (len(fields) - len(parts))
        head, extra = parts[: len(fields)], parts[len(fields) :]
        if extra and any(extra):  # keep stray text in the last field
            head[-1] = " | ".join([head[-1], *extra]).strip(" |")
        records.append(dict(zip(fields, head, strict=True)))
    return records


def records_to_text(records: list[dict[str, Any]], fields: list[str]) -> str:
    """The inverse of :func:`records_from_text`.

    >>> records_to_text([{"name": "Council", "contribution": None}], ["name", "contribution"])
    'Council | '
    """
    lines = []
    for rec in records:
        values = ["" if rec.get(f) is None else str(rec.get(f)) for f in fields]
        lines.append(" | ".join(values))
    return "\n".join(lines)


def plan_builder(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 7: build a six-step plan, see progress, save it as YAML, export a worksheet.

    Tabs: *Readiness* (Roberts' two conditions and the costs), then one per
    step with a control for each output (text boxes; one line per item for
    lists and records; drop-downs for choices), then *Save and export*. Every
    change re-checks the plan (:func:`toolkit.planning.plan_progress`,
    :func:`toolkit.planning.next_action`, readiness) and updates the progress
    bar; a value the plan schema rejects (for example a goal target that is
    not a number) is reported and the last valid plan is kept. *Save plan*
    writes ``07-six-steps.plan.yaml`` (:func:`toolkit.planning.save_plan`,
    atomic) and *Export worksheet* ``07-six-steps.worksheet.html``
    (:func:`toolkit.planning.worksheets.worksheet_html`) in the answers folder, each
    also offered as a download link. Answers are kept in
    ``07-six-steps.answers.json``.

    Exposes ``title``, ``controls`` ((section, key) -> widget), ``progress``
    (IntProgress), ``status`` (HTML), ``save`` and ``export`` (Buttons),
    ``files`` (HTML), ``plan`` (function returning the current Plan),
    ``state`` and ``autosave``.
    """
    import ipywidgets as w

    from ..answers import answers_dir
    from ..errors import InputError
    from ..planning import (
        Plan,
        blank_plan,
        dumps_plan,
        next_action,
        plan_progress,
        readiness_check,
        save_plan,
    )
    from ..planning.worksheets import worksheet_html

    data = _steps_yaml()
    autosave = Autosave("07-six-steps", folder)
    controls: dict[tuple[str, str], Any] = {}
    kinds: dict[tuple[str, str], tuple[str, list[str]]] = {}
    state: dict[str, Any] = {"plan": blank_plan()}

    def text_box(label: str, placeholder: str = "", rows: int = 3) -> Any:
        return w.Textarea(
            description=label,
            placeholder=placeholder,
            style=wide_style(),
            layout=w.Layout(width="95%", height=f"{rows * 1.6 + 1:.1f}em"),
        )

    title = w.Text(description="Plan title:", style=wide_style(), layout=w.Layout(width="70%"))
    # Readiness.
    ready_children: list[Any] = [w.HTML(f"<p>{esc(data['readiness']['question'])}</p>")]
    for cond in data["readiness"]["conditions"]:
        menu = w.Dropdown(
            options=_YES_NO, value="", description=f"{cond['label']}:", style=wide_style()
        )
        controls[("readiness", cond["key"])] = menu
        kinds[("readiness", cond["key"])] = ("yesno", [])
        evidence = text_box("Evidence:", cond["question"], 2)
        controls[("readiness", cond["evidence"])] = evidence
        kinds[("readiness", cond["evidence"])] = ("text", [])
        ready_children += [menu, evidence]
    for cost in data["readiness"]["costs"]:
        box = text_box(f"Cost in {cost['label'].lower()}:", cost["question"], 2)
        controls[("costs", cost["key"])] = box
        kinds[("costs", cost["key"])] = ("text", [])
        ready_children.append(box)
    accepted = w.Dropdown(
        options=_YES_NO,
        value="",
        description=f"{data['readiness']['costs_accepted']['label']}:",
        style=wide_style(),
    )
    controls[("readiness", "costs_accepted")] = accepted
    kinds[("readiness", "costs_accepted")] = ("yesno", [])
    ready_children.append(accepted)
    pages = [("Readiness", w.VBox(ready_children))]
    # The six steps.
    for step in data["steps"]:
        children: list[Any] = [w.HTML(f"<p><strong>{esc(step['question'])}</strong></p>")]
        for out in step["outputs"]:
            kind, key = out["kind"], out["key"]
            label = f"{out['label']}{' (required)' if out.get('required') else ''}:"
            if kind == "text":
                control = text_box(label)
            elif kind == "texts":
                control = text_box(label, "One per line")
            elif kind == "choice":
                control = w.Dropdown(
                    options=[("Not chosen", "")] + [(c, c) for c in out["choices"]],
                    value="",
                    description=label,
                    style=wide_style(),
                )
            elif kind == "records":
                names = [f["key"] for f in out["fields"]]
                hint = " | ".join(f["label"] for f in out["fields"])
                control = text_box(label, f"One per line: {hint}", 4)
                children.append(w.HTML(f"<p><small>One per line: {esc(hint)}</small></p>"))
                kinds[(step["key"], key)] = ("records", names)
            else:  # observations and checklists stay in the YAML file
                continue
            kinds.setdefault((step["key"], key), (kind, []))
            controls[(step["key"], key)] = control
            children.append(control)
        pages.append((f"{step['number']}. {step['name']}", w.VBox(children)))
    save = w.Button(
        description="Save plan (YAML)",
        button_style="primary",
        tooltip="Write the plan file beside the notebook",
    )
    export = w.Button(
        description="Export worksheet (HTML)",
        tooltip="Write a printable worksheet beside the notebook",
    )
    files = w.HTML()
    pages.append(("Save and export", w.VBox([w.HBox([save, export]), files])))
    tabs = w.Tab(children=[p for _, p in pages])
    for i, (label, _) in enumerate(pages):
        tabs.set_title(i, label)
    progress = w.IntProgress(
        value=0, min=0, max=6, description="Steps complete:", style=wide_style()
    )
    status = w.HTML()

    def build() -> Plan:
        plan = blank_plan(title.value).to_dict()
        for (section, key), control in controls.items():
            kind, names = kinds[(section, key)]
            value = control.value
            if kind == "yesno" or kind == "choice":
                value = value or None
            elif kind == "texts":
                value = [line.strip() for line in value.splitlines() if line.strip()]
            elif kind == "records":
                value = records_from_text(value, names)
            if section == "readiness":
                plan["readiness"][key] = value
            elif section == "costs":
                plan["readiness"]["costs"][key] = value
            else:
                plan["steps"][section][key] = value
        return Plan.from_dict(plan).validated()

    def update(_change: Any = None) -> None:
        try:
            plan = build()
        except InputError as exc:
            status.value = feedback_html(
                f"This entry does not fit the plan yet, so the plan was not updated: {exc}",
                kind="warning",
            )
            return
        state["plan"] = plan
        table = plan_progress(plan)
        done = int(table["complete"].sum())
        progress.value = done
        ready = readiness_check(plan)
        shown = table[["number", "name", "status", "filled", "required"]]
        shown.columns = ["Step", "Name", "Status", "Outputs done", "Outputs required"]
        status.value = feedback_html(
            f"Readiness: {ready}\n\n{done} of 6 steps complete. Next: {next_action(plan)}"
        ) + table_html(shown, caption="Progress through the six steps")

    def folder_path() -> Any:
        base = answers_dir(folder)
        return base

    def on_save(_button: Any = None) -> None:
        plan = state["plan"]
        text = dumps_plan(plan)
        link = _data_link(text, "07-six-steps.plan.yaml", "application/x-yaml")
        base = folder_path()
        if base is None:
            files.value = f"<p>Autosave is off, so nothing was written. {link}</p>"
            return
        path = save_plan(plan, base / "07-six-steps.plan.yaml")
        state["plan_file"] = path
        files.value = f"<p>Saved {esc(path.name)}. {link}</p>"

    def on_export(_button: Any = None) -> None:
        from ..io import atomic_write_text

        page = worksheet_html(state["plan"])
        link = _data_link(page, "07-six-steps.worksheet.html", "text/html")
        base = folder_path()
        if base is None:
            files.value = f"<p>Autosave is off, so nothing was written. {link}</p>"
            return
        path = base / "07-six-steps.worksheet.html"
        atomic_write_text(path, page)
        state["worksheet_file"] = path
        files.value = f"<p>Exported {esc(path.name)}. {link}</p>"

    autosave.bind("title", title)
    title.observe(update, names="value")
    for (section, key), control in controls.items():
        autosave.bind(f"{section}.{key}", control)
        control.observe(update, names="value")
    save.on_click(on_save)
    export.on_click(on_export)
    autosave.restore()
    update()
    intro = (
        "<p>Plan a partnership with Joan Roberts' six steps (after Thomas Cummings). Start "
        "with the readiness check: is a partnership the right strategy at all? Then fill in "
        "each step's outputs; the progress bar and the next action update as you type. Save "
        "the plan as a YAML file the toolkit's <code>plan</code> command reads, or export a "
        "printable worksheet.</p>"
    )
    root = exercise_frame("Plan in six steps", intro, [title, progress, tabs, status], autosave)
    app = ExerciseApp(root, "Plan in six steps")
    app.title_box = title  # type: ignore[attr-defined]
    app.controls = controls  # type: ignore[attr-defined]
    app.progress = progress  # type: ignore[attr-defined]
    app.status = status  # type: ignore[attr-defined]
    app.save = save  # type: ignore[attr-defined]
    app.export = export  # type: ignore[attr-defined]
    app.files = files  # type: ignore[attr-defined]
    app.plan = lambda: state["plan"]  # type: ignore[attr-defined]
    app.state = state  # type: ignore[attr-defined]
    app.autosave = autosave  # type: ignore[attr-defined]
    return app


def _data_link(text: str, name: str, mime: str) -> str:
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="toolkit-download" download="{esc(name)}" '
        f'href="data:{mime};base64,{payload}">Download {esc(name)}</a>'
    )
