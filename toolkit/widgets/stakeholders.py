"""Exercise 5, "Map your stakeholders": an editable register with live analyses.

The analyses are :mod:`toolkit.stakeholders` and :mod:`toolkit.stakeholders.charts`.
"""

from __future__ import annotations

import os
from typing import Any

from ..records import records
from ..report import esc
from ..reports.render import table_html
from ._autosave import Autosave
from ._base import (
    Confirm,
    ExerciseApp,
    button_layout,
    exercise_frame,
    feedback_html,
    menu_layout,
    show_in,
    wide_style,
)

__all__ = ["map_stakeholders", "register_problem", "table_in_words"]

_FIELDS = ("name", "organization", "sector", "power", "interest", "legitimacy", "urgency")
_NEW = "(add a new stakeholder)"

#: Column name -> the words a participant sees in the exercise's tables.
COLUMN_WORDS = {
    "name": "Stakeholder",
    "organization": "Organisation",
    "sector": "Sector",
    "power": "Power",
    "interest": "Interest",
    "legitimacy": "Legitimacy",
    "urgency": "Urgency",
    "grid": "Power/interest grid",
    "salience": "Salience",
    "salience_group": "Salience group",
    "marginal": "Marginal",
    "rank": "Rank",
    "attributes": "Attributes held",
    "fills": "Gap it fills",
    "reason": "Why",
    "round": "Round",
    "introduced_by": "Introduced by",
    "via": "Link followed",
}


def table_in_words(frame: Any, caption: str) -> str:
    """An HTML table with column names in words and Yes/No for True/False.

    >>> import pandas as pd
    >>> html = table_in_words(pd.DataFrame({"salience_group": ["latent"], "marginal": [True]}), "T")
    >>> "Salience group" in html and ">Yes<" in html and "True" not in html
    True
    """
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if values.dtype == bool or str(values.dtype) == "boolean":
            shown[column] = values.map({True: "Yes", False: "No"}).fillna("")
    shown.columns = [
        COLUMN_WORDS.get(str(c), str(c).replace("_", " ").capitalize()) for c in shown.columns
    ]
    return table_html(shown, caption=caption)


def register_problem(exc: Any) -> str:
    """A register check's error in plain words, for the row editor.

    >>> from toolkit.errors import InputError
    >>> register_problem(InputError("the name is missing", column="name"))
    'Give the stakeholder a name: the Name box is empty.'
    >>> register_problem(InputError("duplicate name", column="name", value="Council"))
    'There is already a stakeholder called "Council": give each one a different name.'
    """
    problem = getattr(exc, "problem", str(exc))
    column = getattr(exc, "column", None)
    value = getattr(exc, "value", None)
    if column == "name" and "missing" in problem:
        return "Give the stakeholder a name: the Name box is empty."
    if column == "name" and "duplicate" in problem:
        return f'There is already a stakeholder called "{value}": give each one a different name.'
    label = COLUMN_WORDS.get(str(column), str(column or "").replace("_", " ")).capitalize()
    text = f"{label}: {problem}" if column else problem[:1].upper() + problem[1:]
    if getattr(exc, "has_value", False):
        text += f' (you gave "{value}")'
    allowed = getattr(exc, "allowed", None)
    if allowed:
        text += f"; it should be {allowed}"
    return text + "."


def map_stakeholders(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 5: add, edit and remove stakeholders; see grid, salience, gaps and members.

    The register starts as the toolkit's invented example
    (:func:`toolkit.stakeholders.example_register`), or blank with "Start
    blank" (both ask first when they would replace the register, and can be
    undone). A row editor (pick a stakeholder or "add a new stakeholder", edit
    the fields, then *Save stakeholder* or *Remove stakeholder*) changes it;
    every change is validated (:func:`toolkit.stakeholders.validate_register`)
    and redraws the power/interest grid, the salience table, the gaps and the
    candidates under the three member-identification models of step 3. The
    example relationships are used for the expanding network model where both
    ends are still in the register. The models list only stakeholders who are
    not among the current members, and wait until members are chosen. Picking
    another row, removing a stakeholder or starting again never throws away
    unsaved typing without asking. Kept in ``05-stakeholders.answers.json``.

    Exposes ``register`` (a function returning the current register),
    ``fields`` (name -> control), ``row`` (the row picker), ``save_row``,
    ``remove_row``, ``start_blank``, ``start_example``, ``confirm`` (the
    question asked before anything is replaced), ``message``, ``register_table``,
    ``salience_table``, ``gaps``, ``models``, ``state`` and ``autosave``.
    """
    import ipywidgets as w
    import pandas as pd

    from ..errors import InputError
    from ..stakeholders import (
        SECTORS,
        analyse_stakeholders,
        coverage_gaps,
        example_register,
        example_relationships,
        expanding_network_candidates,
        self_selection_candidates,
        stakeholder_analysis_candidates,
        validate_register,
    )
    from ..stakeholders.charts import grid_chart

    autosave = Autosave("05-stakeholders", folder)
    state: dict[str, Any] = {"rows": [], "members": []}
    example_links = example_relationships()

    def from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [
            {k: (int(v) if k in _FIELDS[3:] else str(v)) for k, v in rec.items()}
            for rec in records(frame[list(_FIELDS)])
        ]

    fields = {
        "name": w.Text(description="Name:", style=wide_style()),
        "organization": w.Text(description="Organisation:", style=wide_style()),
        "sector": w.Dropdown(
            options=list(SECTORS), description="Sector:", style=wide_style(), layout=menu_layout()
        ),
    }
    for key in _FIELDS[3:]:
        fields[key] = w.IntSlider(
            value=3, min=1, max=5, description=f"{key.capitalize()} (1-5):", style=wide_style()
        )
    row = w.Dropdown(
        description="Stakeholder to edit:", style=wide_style(), options=[_NEW], layout=menu_layout()
    )
    save_row = w.Button(
        description="Save stakeholder", button_style="primary", layout=button_layout()
    )
    remove_row = w.Button(
        description="Remove stakeholder", button_style="warning", layout=button_layout()
    )
    start_blank = w.Button(
        description="Start blank",
        tooltip="Empty the register (asks first, and can be undone)",
        layout=button_layout(),
    )
    start_example = w.Button(
        description="Start from the example",
        tooltip="The invented example register (asks first, and can be undone)",
        layout=button_layout(),
    )
    confirm = Confirm()
    message = w.HTML()
    register_table = w.HTML()
    salience_table = w.HTML()
    gaps = w.HTML()
    models = w.HTML()
    chart_out = w.Output()
    members = w.SelectMultiple(
        description="Current members:",
        style=wide_style(),
        rows=8,
        layout=w.Layout(width="36em", max_width="100%"),
    )
    members_hint = w.HTML(
        "<p><small>Select every stakeholder already in the partnership. To select several, "
        "hold Ctrl (Cmd on a Mac) and click each; with the keyboard, hold Shift and use the "
        "arrow keys.</small></p>"
    )

    def register() -> pd.DataFrame:
        return pd.DataFrame(state["rows"], columns=list(_FIELDS))

    def refresh(note: str | None = None) -> None:
        names = [r["name"] for r in state["rows"]]
        row.unobserve(pick, names="value")
        row.options = [_NEW, *names]
        row.value = _NEW if row.value not in names else row.value
        if state.get("editing") not in names:
            state["editing"] = _NEW
        row.observe(pick, names="value")
        members.unobserve(on_members, names="value")
        members.options = names
        members.value = tuple(m for m in state["members"] if m in names)
        members.observe(on_members, names="value")
        if not state["rows"]:
            register_table.value = "<p>The register is empty: add a stakeholder above.</p>"
            for box in (salience_table, gaps, models):
                box.value = ""
            show_in(chart_out)
            message.value = feedback_html(f"{note or ''} The register is empty.".strip())
            return
        clean = validate_register(register())
        analysed = analyse_stakeholders(clean)
        register_table.value = table_in_words(register(), "Your stakeholder register")
        cols = [
            c
            for c in ("name", "grid", "salience", "salience_group", "marginal")
            if c in analysed.columns
        ]
        salience_table.value = table_in_words(
            analysed[cols], "Grid and salience"
        ) + _recommendations_html(analysed)
        gap_list = coverage_gaps(clean)
        gaps.value = (
            "<h4>Gaps</h4><ul>"
            + "".join(f"<li>{esc(g)}</li>" for g in _gap_texts(gap_list))
            + "</ul>"
        )
        models.value = _models_html(clean)
        state["chart"] = grid_chart(clean)
        show_in(chart_out, state["chart"])
        message.value = feedback_html(note or f"{len(clean)} stakeholders in the register.")

    def _models_html(clean: pd.DataFrame) -> str:
        chosen = list(state["members"])
        parts = ["<h4>Who else could join? The three member-identification models</h4>"]
        if not chosen:
            parts.append(
                "<p>Select the current members above first: the models suggest who else "
                "could join, so they need to know who is in the partnership already.</p>"
            )
            return "".join(parts)

        def others(found: pd.DataFrame) -> pd.DataFrame:
            return found[~found["name"].isin(chosen)] if "name" in found.columns else found

        candidates = state["candidates"] = {}

        names = set(clean["name"])
        links = (
            example_links[example_links["source"].isin(names) & example_links["target"].isin(names)]
            if {"source", "target"} <= set(example_links.columns)
            else example_links.iloc[0:0]
        )
        if len(links):
            found = candidates["expanding network"] = others(
                expanding_network_candidates(clean, links, chosen)
            )
            parts.append(table_in_words(found.head(10), "Expanding network (from members)"))
        else:
            parts.append(
                "<p><strong>Expanding network:</strong> no relationships are known between "
                "the members and the other stakeholders in the register.</p>"
            )
        found = candidates["stakeholder analysis"] = others(
            stakeholder_analysis_candidates(clean, chosen)
        )
        parts.append(table_in_words(found.head(10), "Stakeholder analysis"))
        found = candidates["self-selection"] = others(self_selection_candidates(clean))
        parts.append(table_in_words(found.head(10), "Self-selection"))
        return "".join(parts)

    def loaded_values(name: str) -> dict[str, Any]:
        if name == _NEW:
            return {"name": "", "organization": ""}
        record = next((r for r in state["rows"] if r["name"] == name), None)
        return dict(record) if record else {}

    def unsaved() -> bool:
        """Whether the editor holds typing that is not in the register."""
        shown = state.get("editing", _NEW)
        base = loaded_values(shown)
        if not base:  # the row is gone (removed, undone): nothing to compare with
            return False
        if shown == _NEW:
            return bool(fields["name"].value.strip() or fields["organization"].value.strip())
        return any(fields[k].value != base.get(k) for k in fields)

    def load_row(name: str) -> None:
        state["editing"] = name
        for key, value in loaded_values(name).items():
            fields[key].value = value

    def pick(change: Any = None) -> None:
        target = row.value
        previous = state.get("editing", _NEW)
        if target == previous:
            return
        if unsaved():
            row.unobserve(pick, names="value")
            row.value = previous
            row.observe(pick, names="value")
            what = "the new stakeholder" if previous == _NEW else previous
            confirm.ask(
                f"You have changes to {what} that are not saved. Leave them?",
                "Leave them, do not save",
                "Keep editing",
                lambda: switch(target),
            )
            return
        load_row(target)

    def switch(target: str) -> None:
        row.unobserve(pick, names="value")
        row.value = target
        row.observe(pick, names="value")
        load_row(target)

    def on_save(_button: Any = None) -> None:
        record = {k: c.value for k, c in fields.items()}
        record["name"] = record["name"].strip()
        rows = [dict(r) for r in state["rows"]]
        if row.value == _NEW:
            rows.append(record)
        else:
            rows = [record if r["name"] == row.value else r for r in rows]
        try:
            validate_register(pd.DataFrame(rows, columns=list(_FIELDS)))
        except InputError as exc:
            message.value = feedback_html(f"Not saved. {register_problem(exc)}", kind="warning")
            return
        state["rows"] = rows
        refresh(f"Saved {record['name']}.")
        switch(record["name"])
        autosave.save()

    def on_remove(_button: Any = None) -> None:
        if row.value == _NEW:
            message.value = feedback_html("Pick a stakeholder to remove first.", kind="warning")
            return
        name = row.value

        def remove() -> None:
            rows = [r for r in state["rows"] if r["name"] != name]
            kept = [m for m in state["members"] if m != name]
            autosave.replace({"register": rows, "members": kept}, f"Removed {name}.")
            load_row(_NEW)
            message.value = feedback_html(
                f"Removed {name}. Changed your mind? Use Undo at the bottom of the exercise."
            )

        confirm.ask(f"Remove {name} from the register?", "Yes, remove", "No, keep it", remove)

    def on_members(_change: Any = None) -> None:
        state["members"] = list(members.value)
        if state["rows"]:
            models.value = _models_html(validate_register(register()))
        autosave.save()

    def start_with(rows: list[dict[str, Any]], done: str) -> None:
        def go() -> None:
            autosave.replace({"register": rows, "members": []}, done)
            load_row(_NEW)
            message.value = feedback_html(
                f"{done} Changed your mind? Use Undo at the bottom of the exercise."
            )

        if not state["rows"] and not unsaved():
            go()
            return
        confirm.ask(
            f"Replace your register of {len(state['rows'])} stakeholders"
            f"{' and the changes you have not saved' if unsaved() else ''}? {done}",
            "Yes, replace it",
            "No, keep my register",
            go,
        )

    def on_blank(_button: Any = None) -> None:
        start_with([], "The register will be empty.")

    def on_example(_button: Any = None) -> None:
        start_with(
            from_frame(example_register()),
            "The register will be the invented example.",
        )

    def put_rows(value: Any) -> None:
        rows = [{k: r[k] for k in _FIELDS} for r in value]
        if rows:
            validate_register(pd.DataFrame(rows, columns=list(_FIELDS)))  # raises: left out
        state["rows"] = rows

    def put_members(value: Any) -> None:
        state["members"] = [str(v) for v in value]

    row.observe(pick, names="value")
    members.observe(on_members, names="value")
    save_row.on_click(on_save)
    remove_row.on_click(on_remove)
    start_blank.on_click(on_blank)
    start_example.on_click(on_example)
    state["rows"] = from_frame(example_register())
    autosave.bind_custom("register", lambda: [dict(r) for r in state["rows"]], put_rows)
    autosave.bind_custom("members", lambda: list(state["members"]), put_members)
    autosave.on_applied(refresh)
    autosave.restore()
    refresh()
    state["editing"] = _NEW
    intro = (
        "<p>List the stakeholders of a partnership you know, with their sector and four "
        "ratings from 1 to 5: power, interest, legitimacy and urgency. The power/interest "
        "grid (Mendelow), salience (Mitchell, Agle and Wood), the gaps and the candidates "
        "under the three member-identification models update as you edit. The register starts "
        "with an invented example.</p>"
    )
    editor = w.VBox(
        [row, *fields.values(), w.HBox([save_row, remove_row])],
        layout=w.Layout(border="1px solid #bbb", padding="0.5em"),
    )
    body = [
        w.HBox([start_example, start_blank]),
        editor,
        confirm.box,
        message,
        register_table,
        chart_out,
        salience_table,
        gaps,
        members,
        members_hint,
        models,
    ]
    root = exercise_frame("Map your stakeholders", intro, body, autosave)
    return ExerciseApp(
        root,
        "Map your stakeholders",
        register=register,
        fields=fields,
        row=row,
        save_row=save_row,
        remove_row=remove_row,
        start_blank=start_blank,
        start_example=start_example,
        members=members,
        confirm=confirm,
        register_table=register_table,
        message=message,
        salience_table=salience_table,
        gaps=gaps,
        models=models,
        state=state,
        autosave=autosave,
    )


def _recommendations_html(analysed: Any) -> str:
    """Each distinct recommendation once, with the stakeholders it is for."""
    if "recommendation" not in analysed.columns:
        return ""
    parts = []
    texts = analysed["recommendation"].fillna("").astype(str)
    for text in dict.fromkeys(t for t in texts if t.strip()):
        who = analysed.loc[texts == text, "name"].astype(str).tolist()
        parts.append(
            f"<p><strong>For the marginal stakeholders ({esc(', '.join(who))}):</strong> "
            f"{esc(text[:1].upper() + text[1:])}.</p>"
        )
    return "".join(parts)


def _gap_texts(gaps: Any) -> list[str]:
    """The gap sentences from :func:`toolkit.stakeholders.coverage_gaps`."""
    if len(gaps) == 0:
        return ["No gaps found."]
    column = "gap" if "gap" in gaps.columns else gaps.columns[-1]
    return [str(v) for v in gaps[column]]
