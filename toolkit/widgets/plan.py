"""Exercise 7, "Plan in six steps": a tabbed plan builder over :mod:`toolkit.planning`.

The readiness check comes first, then one tab per step of Roberts' model;
progress, the next action, the YAML plan file and the worksheet come from
:mod:`toolkit.planning` and :mod:`toolkit.planning.worksheets`.

Records (perspectives, motivations, members, goals, observed values) are
typed one per line, parts separated by ``|`` in the order the tab shows: the
course's choice to keep the builder usable by keyboard and screen reader
without a grid widget. Each line is checked on its own
(:func:`check_records`): a missing ``|``, a choice that is not allowed or a
number that is not a number is said in words beside the field, that part is
left out, and the rest of the plan (progress, readiness, next step) keeps
working. Step 6's GAO checklist and the stakeholder register file are left to
the plan file and the worksheet. The failure-risk ratings of exercise 6 are
carried into the plan (:func:`risks_from_answers`).
"""

from __future__ import annotations

import base64
import os
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..report import esc
from ..reports.render import table_html
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, wide_style

__all__ = [
    "check_records",
    "plan_builder",
    "records_from_text",
    "records_to_text",
    "risks_from_answers",
]

_WARN = '<span aria-hidden="true">\u26a0</span>'
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


def _simple(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def _number(text: str) -> int | float | None:
    try:
        value = float(text.replace(" ", ""))
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() else value


def check_records(
    text: str,
    fields: list[dict[str, Any]],
    *,
    goal_ids: list[str] | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Read one-per-line records and check each line; return ``(records, problems)``.

    ``fields`` are the field specs of the output (``key``, ``label``, ``kind``,
    ``choices``, ``required``), as in ``six_steps.yaml``. Every problem is one
    plain sentence naming the line, the part and what is allowed; the bad part
    is left out of the record (or, for an observed value of an unknown or
    repeated goal, the whole line), so the plan stays valid. ``goal_ids`` (the
    step-4 goal ids) turns on the checks for observed values.

    >>> fields = [{"key": "name", "label": "Member", "kind": "text", "required": True},
    ...           {"key": "sector", "label": "Sphere of society", "kind": "choice",
    ...            "choices": ["state", "market", "civil society"]}]
    >>> records, problems = check_records("Council | government", fields)
    >>> records
    [{'name': 'Council', 'sector': ''}]
    >>> print(problems[0][:71])
    Line 1: Sphere of society "government" is not one of the choices (state
    >>> check_records("Council | State", fields)
    ([{'name': 'Council', 'sector': 'state'}], [])
    """
    names = [f["key"] for f in fields]
    labels = [f["label"] for f in fields]
    last_required = max((i for i, f in enumerate(fields) if f.get("required")), default=0)
    seen_goals: dict[str, int] = {}
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) <= last_required:
            problems.append(
                f"Line {number} has {len(parts)} part{'s' if len(parts) != 1 else ''}, but "
                f"needs at least {last_required + 1}, separated by |: "
                f"{' | '.join(labels[: last_required + 1])}. Is a | missing?"
            )
        record = records_from_text(line, names)[0]
        for spec in fields:
            key, value = spec["key"], record[spec["key"]]
            if not value:
                continue
            if spec.get("kind") == "choice":
                wanted = {
                    " ".join(c.casefold().replace("-", " ").split()): c for c in spec["choices"]
                }
                found = wanted.get(" ".join(value.casefold().replace("-", " ").split()))
                if found is None:
                    problems.append(
                        f'Line {number}: {spec["label"]} "{value}" is not one of the choices '
                        f"({', '.join(spec['choices'])}), so it was left out."
                    )
                    record[key] = ""
                else:
                    record[key] = found
            elif spec.get("kind") == "number":
                parsed = _number(value)
                if parsed is None:
                    problems.append(
                        f'Line {number}: {spec["label"]} "{value}" is not a number (write digits, '
                        "for example 12 or 2.5), so it was left out."
                    )
                record[key] = parsed
        if goal_ids is not None and "goal" in record:
            gid = str(record["goal"])
            if not gid:
                problems.append(
                    f"Line {number}: the goal id is missing; write one of the step-4 goal ids "
                    f"({', '.join(goal_ids) or 'none yet: add goals in step 4 first'})."
                )
                continue
            if gid not in goal_ids:
                problems.append(
                    f'Line {number}: there is no step-4 goal "{gid}", so this line was left out. '
                    f"Step-4 goal ids: {', '.join(goal_ids) or 'none yet: add goals in step 4'}."
                )
                continue
            if gid in seen_goals:
                problems.append(
                    f"Line {number}: goal {gid} already has an observed value on line "
                    f"{seen_goals[gid]}, so this line was left out."
                )
                continue
            seen_goals[gid] = number
        if "id" in record and "goal" in names and goal_ids is None:  # step-4 goals
            gid = str(record["id"])
            if gid and gid in seen_goals:
                problems.append(
                    f"Line {number}: the goal id {gid} is already used on line "
                    f"{seen_goals[gid]}; give each goal its own id. This line was left out."
                )
                continue
            if gid:
                seen_goals[gid] = number
        records.append(record)
    return records, problems


def risks_from_answers(answers: dict[str, Any]) -> dict[str, int | None]:
    """The failure-risk ratings from exercise 6's answers, for a plan's ``risks``.

    Exercise 6 keeps each rating as ``risk:<reason id>``: -1 (not rated), 0, 1 or 2.

    >>> risks_from_answers({"risk:membership_gaps": 2, "risk:power_struggles": -1, "x": 1})
    {'membership_gaps': 2, 'power_struggles': None}
    """
    out: dict[str, int | None] = {}
    for key, value in answers.items():
        if not key.startswith("risk:"):
            continue
        rating = value if isinstance(value, int) and not isinstance(value, bool) else -1
        out[key[5:]] = rating if rating in (0, 1, 2) else None
    return out


def plan_builder(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 7: build a six-step plan, see progress, save the plan, export a worksheet.

    Tabs: *Readiness* (Roberts' two conditions and the costs), then one per
    step with a control for each output (text boxes; one line per item for
    lists and records; drop-downs for choices; step 6 has one line per step-4
    goal for its observed value), then *Save and export*. Every change
    re-checks the plan (:func:`toolkit.planning.plan_progress`,
    :func:`toolkit.planning.next_action`, readiness) and updates the progress
    bar. A line that does not fit (:func:`check_records`) is explained under
    its field, that part is left out, and the rest of the feedback stays.
    *Save the plan* writes ``07-six-steps.plan.yaml``
    (:func:`toolkit.planning.save_plan`, atomic) and *Make a printable
    worksheet* ``07-six-steps.worksheet.html``
    (:func:`toolkit.planning.worksheets.worksheet_html`) in the answers folder, each
    also offered as a download button. The risk ratings saved by exercise 6
    in the same folder go into the plan. Answers are kept in
    ``07-six-steps.answers.json``.

    Exposes ``title``, ``controls`` ((section, key) -> widget), ``problems``
    ((section, key) -> HTML under a field), ``progress`` (IntProgress),
    ``status`` (HTML), ``save`` and ``export`` (Buttons), ``files`` (HTML),
    ``plan`` (function returning the current Plan), ``state`` and ``autosave``.
    """
    import ipywidgets as w

    from ..answers import answers_dir, load_answers
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
    from ._base import button_layout, menu_layout

    data = _steps_yaml()
    autosave = Autosave("07-six-steps", folder)
    controls: dict[tuple[str, str], Any] = {}
    problems: dict[tuple[str, str], Any] = {}
    kinds: dict[tuple[str, str], tuple[str, list[dict[str, Any]]]] = {}
    where: dict[tuple[str, str], str] = {}
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
            options=_YES_NO,
            value="",
            description=f"{cond['label']}:",
            style=wide_style(),
            layout=menu_layout(),
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
        layout=menu_layout(),
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
            if kind == "text" and key == "stakeholder_register":
                continue  # a file name for the facilitator's tools, not for participants
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
                    layout=menu_layout(),
                )
            elif kind in ("records", "observations"):
                hint = " | ".join(f["label"] for f in out["fields"])
                example = ""
                if kind == "observations":
                    example = " For example: G1 | 42 | counted in March."
                control = text_box(label, f"One per line: {hint}", 4)
                children.append(
                    w.HTML(
                        f"<p><small>One per line, parts separated by |: {esc(hint)}."
                        f"{esc(example)}</small></p>"
                    )
                )
                kinds[(step["key"], key)] = (kind, out["fields"])
                problems[(step["key"], key)] = w.HTML()
            else:  # the GAO checklist stays in the plan file and the worksheet
                continue
            kinds.setdefault((step["key"], key), (kind, []))
            controls[(step["key"], key)] = control
            where[(step["key"], key)] = f"{out['label']} (step {step['number']})"
            children.append(control)
            if (step["key"], key) in problems:
                children.append(problems[(step["key"], key)])
        pages.append((f"{step['number']}. {step['name']}", w.VBox(children)))
    save = w.Button(
        description="Save the plan",
        button_style="primary",
        tooltip="Keep the plan in a file beside this notebook, and offer it as a download",
        layout=button_layout(),
    )
    export = w.Button(
        description="Make a printable worksheet",
        tooltip="A web page of the plan to print or share, beside this notebook",
        layout=button_layout(),
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

    def build() -> tuple[Plan, list[str]]:
        plan = blank_plan(title.value).to_dict()
        flagged: list[str] = []
        goal_ids: list[str] = []
        for (section, key), control in controls.items():
            kind, fields = kinds[(section, key)]
            value = control.value
            if kind == "yesno" or kind == "choice":
                value = value or None
            elif kind == "texts":
                value = [line.strip() for line in value.splitlines() if line.strip()]
            elif kind in ("records", "observations"):
                value, found = check_records(
                    value, fields, goal_ids=goal_ids if kind == "observations" else None
                )
                if key == "goals":
                    goal_ids[:] = [str(r["id"]) for r in value if r.get("id")]
                box = problems[(section, key)]
                box.value = (
                    '<div class="toolkit-field-problem" role="status">'
                    + "".join(
                        f'<p><span aria-hidden="true">\u26a0</span> {esc(p)}</p>' for p in found
                    )
                    + "</div>"
                    if found
                    else ""
                )
                if found:
                    flagged.append(where[(section, key)])
            if section == "readiness":
                plan["readiness"][key] = value
            elif section == "costs":
                plan["readiness"]["costs"][key] = value
            else:
                plan["steps"][section][key] = value
        risks = risks_from_answers(load_answers("06-why-did-it-fail", folder).answers)
        plan["risks"].update({k: v for k, v in risks.items() if k in plan["risks"]})
        return Plan.from_dict(plan).validated(), flagged

    def update(_change: Any = None) -> None:
        try:
            plan, flagged = build()
        except InputError as exc:  # a problem the line checks did not catch
            listed = getattr(exc, "issues", None) or [str(exc)]
            status.value = feedback_html(
                "This entry does not fit the plan yet, so the progress below is from before "
                "it: " + "; ".join(listed),
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
        rated = sum(v is not None for v in plan.to_dict()["risks"].values())
        risk_line = (
            f"Failure risks: {rated} of 9 rated in exercise 6 (Why did it fail?); they are "
            "part of this plan."
            if rated
            else "Failure risks: not rated yet. Rate them in exercise 6 (Why did it fail?) "
            "and they come into this plan."
        )
        warn = ""
        if flagged:
            warn = (
                "Some lines need a look, and were left out of the plan until fixed: see the "
                f"notes under {', '.join(flagged)}.\n\n"
            )
        status.value = (
            (feedback_html(warn.strip(), kind="warning") if warn else "")
            + feedback_html(
                f"Readiness: {ready}\n\n{done} of 6 steps complete. Next: {next_action(plan)}"
                f"\n\n{risk_line}"
            )
            + table_html(shown, caption="Progress through the six steps")
        )

    def on_save(_button: Any = None) -> None:
        update()
        plan = state["plan"]
        text = dumps_plan(plan)
        link = _data_link(text, "07-six-steps.plan.yaml", "application/x-yaml", "the plan")
        base = answers_dir(folder)
        if base is None:
            files.value = f"<p>Saving to a file is turned off here. {link}</p>"
            return
        path = save_plan(plan, base / "07-six-steps.plan.yaml")
        state["plan_file"] = path
        files.value = f"<p>Saved the plan beside this notebook as {esc(path.name)}. {link}</p>"

    def on_export(_button: Any = None) -> None:
        from ..io import atomic_write_text

        update()
        page = worksheet_html(state["plan"])
        link = _data_link(page, "07-six-steps.worksheet.html", "text/html", "the worksheet")
        base = answers_dir(folder)
        if base is None:
            files.value = f"<p>Saving to a file is turned off here. {link}</p>"
            return
        path = base / "07-six-steps.worksheet.html"
        atomic_write_text(path, page)
        state["worksheet_file"] = path
        files.value = (
            f"<p>Made the worksheet beside this notebook as {esc(path.name)}: open it in a "
            f"browser to print it. {link}</p>"
        )

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
        "each step's outputs; the progress bar and the next action update as you type. "
        "Your ratings of the failure risks in exercise 6 come into the plan. When you are "
        "done, save the plan or make a printable worksheet on the last tab.</p>"
    )
    root = exercise_frame("Plan in six steps", intro, [title, progress, tabs, status], autosave)
    return ExerciseApp(
        root,
        "Plan in six steps",
        title_box=title,
        controls=controls,
        problems=problems,
        tabs=tabs,
        progress=progress,
        status=status,
        save=save,
        export=export,
        files=files,
        plan=lambda: state["plan"],
        state=state,
        autosave=autosave,
    )


def _data_link(text: str, name: str, mime: str, what: str) -> str:
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (
        f'<a class="toolkit-download" download="{esc(name)}" '
        f'href="data:{mime};base64,{payload}">Download {esc(what)}</a>'
    )
