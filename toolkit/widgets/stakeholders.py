"""Exercise 5, "Map your stakeholders": an editable register with live analyses.

The analyses are :mod:`toolkit.stakeholders` and :mod:`toolkit.stakeholders.charts`.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..report import esc, table_html
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, show_in, wide_style

__all__ = ["map_stakeholders"]

_FIELDS = ("name", "organization", "sector", "power", "interest", "legitimacy", "urgency")
_NEW = "(add a new stakeholder)"


def map_stakeholders(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 5: add, edit and remove stakeholders; see grid, salience, gaps and members.

    The register starts as the toolkit's invented example
    (:func:`toolkit.stakeholders.example_register`), or blank with "Start
    blank". A row editor (pick a stakeholder or "add a new stakeholder", edit
    the fields, then *Save stakeholder* or *Remove stakeholder*) changes it;
    every change is validated (:func:`toolkit.stakeholders.validate_register`)
    and redraws the power/interest grid, the salience table, the gaps and the
    candidates under the three member-identification models of step 3. The
    example relationships are used for the expanding network model where both
    ends are still in the register. Kept in ``05-stakeholders.answers.json``.

    Exposes ``register`` (a function returning the current register),
    ``fields`` (name -> control), ``row`` (the row picker), ``save_row``,
    ``remove_row``, ``start_blank``, ``start_example``, ``message``,
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
            for rec in frame[list(_FIELDS)].to_dict("records")
        ]

    fields = {
        "name": w.Text(description="Name:", style=wide_style()),
        "organization": w.Text(description="Organisation:", style=wide_style()),
        "sector": w.Dropdown(options=list(SECTORS), description="Sector:", style=wide_style()),
    }
    for key in _FIELDS[3:]:
        fields[key] = w.IntSlider(
            value=3, min=1, max=5, description=f"{key.capitalize()} (1-5):", style=wide_style()
        )
    row = w.Dropdown(description="Stakeholder to edit:", style=wide_style(), options=[_NEW])
    save_row = w.Button(description="Save stakeholder", button_style="primary")
    remove_row = w.Button(description="Remove stakeholder", button_style="warning")
    start_blank = w.Button(description="Start blank", tooltip="Empty the register")
    start_example = w.Button(
        description="Start from the example", tooltip="The invented example register"
    )
    message = w.HTML()
    register_table = w.HTML()
    salience_table = w.HTML()
    gaps = w.HTML()
    models = w.HTML()
    chart_out = w.Output()
    members = w.SelectMultiple(
        description="Current members (for the models):", style=wide_style(), rows=6
    )

    def register() -> pd.DataFrame:
        return pd.DataFrame(state["rows"], columns=list(_FIELDS))

    def refresh(note: str | None = None) -> None:
        names = [r["name"] for r in state["rows"]]
        row.unobserve(pick, names="value")
        row.options = [_NEW, *names]
        row.value = _NEW if row.value not in names else row.value
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
        register_table.value = table_html(register(), caption="Your stakeholder register")
        cols = [
            c
            for c in ("name", "grid", "salience", "salience_group", "marginal", "recommendation")
            if c in analysed.columns
        ]
        salience_table.value = table_html(analysed[cols], caption="Grid and salience")
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
        names = set(clean["name"])
        links = (
            example_links[example_links["source"].isin(names) & example_links["target"].isin(names)]
            if {"source", "target"} <= set(example_links.columns)
            else example_links.iloc[0:0]
        )
        if chosen and len(links):
            found = expanding_network_candidates(clean, links, chosen)
            parts.append(table_html(found.head(10), caption="Expanding network (from members)"))
        else:
            parts.append(
                "<p><strong>Expanding network:</strong> pick current members; the example "
                "relationships between stakeholders still in the register are followed.</p>"
            )
        found = stakeholder_analysis_candidates(clean, chosen or None)
        parts.append(table_html(found.head(10), caption="Stakeholder analysis"))
        found = self_selection_candidates(clean)
        parts.append(table_html(found.head(10), caption="Self-selection"))
        return "".join(parts)

    def pick(_change: Any = None) -> None:
        if row.value == _NEW:
            fields["name"].value = ""
            fields["organization"].value = ""
            return
        record = next(r for r in state["rows"] if r["name"] == row.value)
        for key, control in fields.items():
            control.value = record[key]

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
            problem = re.sub(r"^line \d+, ", "", str(exc))
            message.value = feedback_html(f"Not saved: {problem}", kind="warning")
            return
        state["rows"] = rows
        refresh(f"Saved {record['name']}.")
        row.value = record["name"]
        autosave.save()

    def on_remove(_button: Any = None) -> None:
        if row.value == _NEW:
            message.value = feedback_html("Pick a stakeholder to remove first.", kind="warning")
            return
        name = row.value
        state["rows"] = [r for r in state["rows"] if r["name"] != name]
        state["members"] = [m for m in state["members"] if m != name]
        refresh(f"Removed {name}.")
        autosave.save()

    def on_members(_change: Any = None) -> None:
        state["members"] = list(members.value)
        if state["rows"]:
            models.value = _models_html(validate_register(register()))
        autosave.save()

    def on_blank(_button: Any = None) -> None:
        state["rows"], state["members"] = [], []
        refresh("Started a blank register.")
        autosave.save()

    def on_example(_button: Any = None) -> None:
        state["rows"], state["members"] = from_frame(example_register()), []
        refresh("Loaded the example register (invented teaching data).")
        autosave.save()

    def put_rows(value: Any) -> None:
        rows = [{k: r[k] for k in _FIELDS} for r in value]
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
    autosave.restore()
    refresh()
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
        message,
        register_table,
        chart_out,
        salience_table,
        gaps,
        members,
        models,
    ]
    root = exercise_frame("Map your stakeholders", intro, body, autosave)
    app = ExerciseApp(root, "Map your stakeholders")
    app.register = register  # type: ignore[attr-defined]
    app.fields = fields  # type: ignore[attr-defined]
    app.row = row  # type: ignore[attr-defined]
    app.save_row = save_row  # type: ignore[attr-defined]
    app.remove_row = remove_row  # type: ignore[attr-defined]
    app.start_blank = start_blank  # type: ignore[attr-defined]
    app.start_example = start_example  # type: ignore[attr-defined]
    app.members = members  # type: ignore[attr-defined]
    app.message = message  # type: ignore[attr-defined]
    app.salience_table = salience_table  # type: ignore[attr-defined]
    app.gaps = gaps  # type: ignore[attr-defined]
    app.models = models  # type: ignore[attr-defined]
    app.state = state  # type: ignore[attr-defined]
    app.autosave = autosave  # type: ignore[attr-defined]
    return app


def _gap_texts(gaps: Any) -> list[str]:
    """The gap sentences from :func:`toolkit.stakeholders.coverage_gaps`."""
    if len(gaps) == 0:
        return ["No gaps found."]
    column = "gap" if "gap" in gaps.columns else gaps.columns[-1]
    return [str(v) for v in gaps[column]]
