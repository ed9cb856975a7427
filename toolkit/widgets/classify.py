"""Exercise 2, "Mandatory or voluntary, contract or trust", and exercise 3, "Many views".

Scoring and charts come from :mod:`toolkit.classification`,
:mod:`toolkit.forms`, :mod:`toolkit.classification.charts` and
:mod:`toolkit.classification.item_charts`.
"""

from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path
from typing import Any

from ..report import esc
from ..reports.render import table_html
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, show_in, wide_style

__all__ = [
    "classify_partnership",
    "form_problem",
    "kept_responses",
    "many_views",
    "organisation_differences",
    "responses_from_kept",
    "travel_in_words",
]

_SCALE = [
    ("Not answered", 0),
    ("1: the left statement fits much better", 1),
    ("2: the left statement fits a little better", 2),
    ("3: both fit equally", 3),
    ("4: the right statement fits a little better", 4),
    ("5: the right statement fits much better", 5),
]
#: Largest uploaded file kept in the answers file (bytes).
MAX_SAVED_UPLOAD = 1_000_000


def classify_partnership(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 2: the questionnaire as widgets, with the live heuristic map.

    One drop-down per statement pair (1-5, or not answered), the two pole
    statements shown beside it, grouped in two tabs (mandatory vs voluntary,
    contract vs trust). On every change the answers are scored
    (:func:`toolkit.exercises.questionnaire_result`), the mode and distance
    to the nearest boundary are given in words, and the heuristic map
    (:func:`toolkit.classification.charts.heuristic_map`) is redrawn. Kept in
    ``02-classify.answers.json``.

    Exposes ``items`` (item id -> Dropdown), ``feedback``, ``state`` (last
    ``scored`` row and ``chart``) and ``autosave``.
    """
    import ipywidgets as w

    from ..classification import item_bank, summarize_partnerships
    from ..classification.charts import heuristic_map
    from ..exercises import questionnaire_result

    bank = item_bank()
    bank = bank[bank["axis"].isin(["voluntary", "trust"])]
    autosave = Autosave("02-classify", folder)
    items: dict[str, Any] = {}
    feedback = w.HTML()
    chart_out = w.Output()
    state: dict[str, Any] = {}
    pages = []
    for axis, label in (("voluntary", "Mandatory or voluntary"), ("trust", "Contract or trust")):
        rows = []
        for row in bank[bank["axis"] == axis].itertuples():
            menu = w.Dropdown(
                options=_SCALE,
                value=0,
                description=f"{row.id} {row.topic}:",
                style=wide_style(),
                layout=w.Layout(width="max-content"),
            )
            items[str(row.id)] = menu
            autosave.bind(str(row.id), menu)
            poles = (
                '<div class="toolkit-poles"><p><strong>Left (1):</strong> '
                f"{esc(row.left_pole)}</p><p><strong>Right (5):</strong> "
                f"{esc(row.right_pole)}</p></div>"
            )
            rows.append(w.VBox([w.HTML(poles), menu], layout=w.Layout(margin="0 0 0.75em")))
        pages.append((label, w.VBox(rows)))
    tabs = w.Tab(children=[page for _, page in pages])
    for i, (label, _) in enumerate(pages):
        tabs.set_title(i, label)

    def update(_change: Any = None) -> None:
        answers = {k: (m.value or None) for k, m in items.items()}
        scored, text = questionnaire_result(answers)
        state["scored"] = scored
        feedback.value = feedback_html(text)
        if scored["mode"].notna().iloc[0]:
            summary = summarize_partnerships(scored)
            state["chart"] = heuristic_map(summary, title="Where your answers place it")
            show_in(chart_out, state["chart"])
        else:
            state["chart"] = None
            show_in(chart_out, "<p>The map appears when you have answered enough statements.</p>")

    for menu in items.values():
        menu.observe(update, names="value")
    autosave.restore()
    update()
    intro = (
        "<p>Think of one partnership. For each pair of statements (after Armistead and "
        "Pettigrew's Tables 1 and 2), choose where the partnership sits between the left and "
        "the right statement. The map shows where your answers place it: complying, "
        "constraining or creating. Leave a statement unanswered if you cannot say.</p>"
    )
    questions = w.VBox([tabs, feedback], layout=w.Layout(overflow="visible"))
    questions.add_class("toolkit-questions")
    chart_box = w.VBox([chart_out], layout=w.Layout(overflow="visible"))
    chart_box.add_class("toolkit-sticky")
    side = w.HBox([questions, chart_box], layout=w.Layout(overflow="visible"))
    side.add_class("toolkit-side")
    root = exercise_frame("Mandatory or voluntary, contract or trust", intro, [side], autosave)
    root.layout.overflow = "visible"
    return ExerciseApp(
        root,
        "Mandatory or voluntary, contract or trust",
        items=items,
        tabs=tabs,
        side=side,
        feedback=feedback,
        state=state,
        autosave=autosave,
    )


def _read_upload(name: str, content: bytes) -> Any:
    from ..errors import InputError
    from ..forms import read_responses

    suffix = Path(name).suffix.lower() or ".csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        try:
            return read_responses(path)
        except InputError as exc:  # name the participant's file, not the temporary copy
            raise exc.with_file(name, problem=exc.problem.replace(str(path), name)) from None


def form_problem(exc: Any, name: str) -> str:
    """Why an uploaded form export could not be read, in words.

    >>> from toolkit.errors import InputError
    >>> text = form_problem(InputError("answer out of range", line=2, column="MV01", value=9,
    ...                                allowed="a whole number from 1 to 5"), "ours.csv")
    >>> print(text.replace(". ", "." + chr(10)))
    ours.csv could not be read, so nothing changed.
    On line 2, in the column MV01: answer out of range (the file has 9).
    What fits there: a whole number from 1 to 5.
    """
    where = []
    if getattr(exc, "line", None) is not None:
        where.append(f"on line {exc.line}")
    if getattr(exc, "column", None):
        where.append(f"in the column {exc.column}")
    problem = getattr(exc, "problem", str(exc))
    text = f"{name} could not be read, so nothing changed. "
    lead = ", ".join(where)
    text += (lead[:1].upper() + lead[1:] + ": ") if where else ""
    text += problem if where else problem[:1].upper() + problem[1:]
    if getattr(exc, "has_value", False):
        text += f" (the file has {exc.value})"
    text += "."
    if getattr(exc, "allowed", None):
        text += f" What fits there: {exc.allowed}."
    return text


def kept_responses(data: Any) -> dict[str, Any]:
    """What exercise 3 keeps of an uploaded form export: only what it needs.

    The partnership, round and organisation of each respondent and their
    answers to the questionnaire's items, nothing else: respondent ids
    (which in a form export may be e-mail addresses or names), time stamps and
    any other column are dropped, and respondents are numbered instead.
    Returns ``{"columns": [...], "rows": [[...], ...]}`` (JSON-ready).

    >>> import pandas as pd
    >>> data = pd.DataFrame({"partnership": ["P"], "respondent": ["ann@example.org"],
    ...                      "organization": ["Council"], "MV01": [4.0]})
    >>> kept = kept_responses(data)
    >>> kept["columns"], "ann@example.org" in str(kept)
    (['partnership', 'organization', 'respondent', 'MV01'], False)
    """
    from ..classification import item_bank

    items = set(item_bank()["id"])
    columns = [c for c in ("partnership", "round", "organization") if c in data.columns]
    columns += ["respondent"] + [c for c in data.columns if c in items]
    frame = data.copy()
    frame["respondent"] = [f"respondent {i}" for i in range(1, len(frame) + 1)]
    frame = frame[columns].astype(object)
    rows = [
        [None if (isinstance(v, float) and v != v) or v is None else v for v in row]
        for row in frame.itertuples(index=False, name=None)
    ]
    rows = [[v if v is None or not hasattr(v, "item") else v.item() for v in row] for row in rows]
    rows = [
        [
            str(v) if i < 3 and v is not None and columns[i] != "respondent" else v
            for i, v in enumerate(row)
        ]
        for row in rows
    ]
    return {"columns": columns, "rows": rows}


def responses_from_kept(kept: dict[str, Any]) -> Any:
    """The inverse of :func:`kept_responses`: a responses frame to classify."""
    import pandas as pd

    frame = pd.DataFrame(kept["rows"], columns=kept["columns"])
    for column in frame.columns:
        if column not in ("partnership", "round", "organization", "respondent"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def organisation_differences(orgs: Any) -> str:
    """Say in words where the organisations of one partnership see it differently.

    ``orgs`` is :attr:`toolkit.classification.ClassificationResult.organizations`
    for one partnership. Uses the latest round.

    >>> import pandas as pd
    >>> orgs = pd.DataFrame({"organization": ["Council", "Charity"], "respondents": [2, 3],
    ...                      "voluntary": [0.2, 0.7], "trust": [0.3, 0.4],
    ...                      "mode": ["complying", "constraining"]})
    >>> text = organisation_differences(orgs)
    >>> print(text[:60])
    Council places the partnership in complying (how voluntary 0
    >>> "They differ most on how voluntary it is: 0.50 apart" in text
    True
    """
    frame = orgs.dropna(subset=["voluntary", "trust"])
    where = ""
    if "round" in frame.columns and frame["round"].notna().any():
        rounds = frame["round"].astype(str)
        latest = sorted(set(rounds), key=lambda r: (len(r), r))[-1]
        frame = frame[rounds == latest]
        where = f"In round {latest}, "
    if len(frame) < 2:
        return (
            f"{where}only one organisation answered, so there is no gap between "
            "organisations to see."
        ).capitalize()
    parts = []
    for i, row in enumerate(frame.itertuples()):
        org = str(row.organization) if row.organization is not None else "(no organisation)"
        if i == 0:
            parts.append(
                f"{org} places the partnership in {row.mode} (how voluntary "
                f"{row.voluntary:.2f}, how trust-based {row.trust:.2f})"
            )
        else:
            parts.append(f"{org} in {row.mode} ({row.voluntary:.2f}, {row.trust:.2f})")
    text = where + "; ".join(parts) + "."
    gaps = {
        "how voluntary it is": frame["voluntary"].max() - frame["voluntary"].min(),
        "how much it relies on trust": frame["trust"].max() - frame["trust"].min(),
    }
    axis, gap = max(gaps.items(), key=lambda kv: kv[1])
    text += f" They differ most on {axis}: {gap:.2f} apart on the 0-to-1 scale."
    modes = list(dict.fromkeys(str(m) for m in frame["mode"]))
    if len(modes) > 1:
        text += f" They place it in different areas: {', '.join(modes)}."
    else:
        text += f" All of them place it in the same area, {modes[0]}."
    return text[:1].upper() + text[1:]


def travel_in_words(moves: Any) -> str:
    """The direction of travel between rounds as a short table in words (HTML).

    >>> import pandas as pd
    >>> moves = pd.DataFrame({"from_round": ["2025"], "to_round": ["2026"],
    ...     "voluntary_from": [0.31], "voluntary_to": [0.42], "trust_from": [0.37],
    ...     "trust_to": [0.51], "mode_from": ["complying"], "mode_to": ["constraining"],
    ...     "direction": ["more voluntary and more trust-based; moved from complying"]})
    >>> html = travel_in_words(moves)
    >>> "2025 to 2026" in html and "0.31 to 0.42" in html and "mode_changed" not in html
    True
    """
    shown = [
        {
            "Rounds": f"{r.from_round} to {r.to_round}",
            "How voluntary (0 to 1)": f"{r.voluntary_from:.2f} to {r.voluntary_to:.2f}",
            "How trust-based (0 to 1)": f"{r.trust_from:.2f} to {r.trust_to:.2f}",
            "Area": (
                f"{r.mode_from} to {r.mode_to}" if r.mode_from != r.mode_to else f"{r.mode_to}"
            ),
            "In words": str(r.direction)[:1].upper() + str(r.direction)[1:] + ".",
        }
        for r in moves.itertuples()
    ]
    import pandas as pd

    return table_html(pd.DataFrame(shown), caption="Direction of travel between rounds")


def many_views(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 3: perception gaps between organisations and movement between rounds.

    Starts with the toolkit's illustrative data set
    (:func:`toolkit.classification.example_responses`, invented for
    teaching); a file upload loads a form export instead (canonical CSV,
    Google Forms CSV or Microsoft Forms XLSX, read by
    :func:`toolkit.forms.read_responses`). For the chosen partnership it shows
    each organisation's view (:func:`toolkit.classification.summarize_organizations`)
    and where they differ, in words; the direction of travel between rounds,
    in words; a map with each organisation's respondents in its own colour;
    and the item-by-item profile. The participant's notes, the chosen
    partnership and, of an uploaded file, only what the exercise needs
    (:func:`kept_responses`: no respondent ids, e-mail addresses or other
    columns; up to 1 MB) are kept in ``03-many-views.answers.json``.

    Above the tables, ``figures`` states each round's position with its 95%
    intervals and the partners' agreement, and each move between rounds
    (saying "no clear change" where the move could be noise), from
    :func:`toolkit.classification.measurement.partnership_sentences`.

    Exposes ``partnership`` (Dropdown), ``upload``, ``use_example`` (Button),
    ``message``, ``figures``, ``views``, ``differences``, ``travel``, ``notes``, ``state``
    and ``autosave``.
    """
    import ipywidgets as w

    from ..classification import classify, example_responses
    from ..classification.charts import heuristic_map
    from ..classification.item_charts import item_profile
    from ..classification.measurement import partnership_sentences
    from ..errors import InputError
    from ._base import Confirm, button_layout, menu_layout

    autosave = Autosave("03-many-views", folder)
    state: dict[str, Any] = {"upload": None}
    message = w.HTML()
    partnership = w.Dropdown(
        description="Partnership:", style=wide_style(), options=[], layout=menu_layout()
    )
    upload = w.FileUpload(
        accept=".csv,.xlsx",
        multiple=False,
        description="Upload a form export",
        tooltip="A CSV or XLSX export of the questionnaire",
        icon="upload",
        layout=button_layout(),
    )
    use_example = w.Button(
        description="Use the illustrative data",
        tooltip="Go back to the invented example data shipped with the toolkit",
        layout=button_layout(),
    )
    confirm = Confirm()
    views = w.HTML()
    differences = w.HTML()
    travel = w.HTML()
    figures = w.HTML()  # position, intervals, agreement and clear change in words
    charts = w.Output()
    notes = w.Textarea(
        description="Your notes:",
        placeholder="Where do the organisations see the partnership differently, and why?",
        style=wide_style(),
        layout=w.Layout(width="600px", max_width="100%", height="6em"),
    )

    def load(data: Any, label: str) -> None:
        result = classify(data)
        state["data"] = data
        state["result"] = result
        state["label"] = label
        names = [str(p) for p in result.summary["partnership"].drop_duplicates()]
        current = partnership.value
        partnership.options = names
        partnership.value = current if current in names else (names[0] if names else None)
        show()

    def show(_change: Any = None) -> None:
        result = state.get("result")
        chosen = partnership.value
        if result is None or chosen is None:
            return
        orgs = result.organizations
        orgs = orgs[orgs["partnership"].astype(str) == chosen]
        cols = [
            c
            for c in (
                "round",
                "organization",
                "respondents",
                "voluntary",
                "trust",
                "mode",
                "agreement_voluntary",
                "agreement_trust",
            )
            if c in orgs.columns
        ]
        shown = orgs[cols].round(2)
        shown.columns = [
            {
                "round": "Round",
                "organization": "Organisation",
                "respondents": "Respondents",
                "voluntary": "How voluntary (0 to 1)",
                "trust": "How trust-based (0 to 1)",
                "mode": "Area",
                "agreement_voluntary": "Agreement on voluntary (0 to 1)",
                "agreement_trust": "Agreement on trust (0 to 1)",
            }[c]
            for c in cols
        ]
        views.value = table_html(shown, caption=f"How each organisation sees {chosen}")
        differences.value = feedback_html(organisation_differences(orgs))
        moves = result.travel
        if len(moves):
            moves = moves[moves["partnership"].astype(str) == chosen]
        travel.value = (
            travel_in_words(moves)
            if len(moves)
            else "<p>This partnership has one round only: no direction of travel yet.</p>"
        )
        summary = result.summary[result.summary["partnership"].astype(str) == chosen]
        figures.value = (
            "<ul>"
            + "".join(
                f"<li>{esc(line)}</li>" for line in partnership_sentences(summary, moves, chosen)
            )
            + "</ul>"
        )
        charts_list = [_organisation_map(result, chosen, heuristic_map)]
        data = state["data"]
        data = data[data["partnership"].astype(str) == chosen]
        charts_list.append(item_profile(data, chosen))
        state["charts"] = charts_list
        show_in(charts, *charts_list)

    def use_example_data() -> None:
        state["upload"] = None
        load(example_responses(), "example")
        message.value = feedback_html(
            "Showing the illustrative data set: invented answers for teaching, not a real "
            "partnership."
        )
        autosave.save()

    def on_use_example(_button: Any = None) -> None:
        if state["upload"] is None and state.get("label") == "example":
            use_example_data()
            return
        confirm.ask(
            f"Put the illustrative data in place of {state.get('label')}? You would need to "
            "upload your file again to see it.",
            "Yes, use the illustrative data",
            "No, keep my file",
            use_example_data,
        )

    def load_upload(item: dict[str, Any] | None, restoring: bool = False) -> bool:
        if not item:
            return False
        content = bytes(item["content"])
        try:
            data = _read_upload(item["name"], content)
            load(data, item["name"])
        except (InputError, OSError, ValueError) as exc:
            message.value = feedback_html(form_problem(exc, item["name"]), kind="warning")
            return False
        kept = {"name": item["name"], **kept_responses(data)}
        state["upload"] = kept if len(str(kept)) <= MAX_SAVED_UPLOAD else None
        note = (
            " Only what the exercise needs is kept with your answers: partnership, round, "
            "organisation and the answers, no names or e-mail addresses."
            if state["upload"]
            else " It is larger than 1 MB, so it is not kept with your answers: upload it "
            "again after a restart."
        )
        verb = "Restored" if restoring else "Loaded"
        message.value = feedback_html(f"{verb} {item['name']}.{note}")
        return True

    def on_upload(change: dict[str, Any]) -> None:
        files = change["new"]
        if files:
            item = {"name": files[0]["name"], "content": bytes(files[0]["content"])}
            if load_upload(item):
                autosave.save()
            upload.unobserve(on_upload, names="value")
            upload.value = ()
            upload.observe(on_upload, names="value")

    def get_upload() -> Any:
        return state["upload"]

    def put_upload(value: Any) -> None:
        if not value:
            if state["upload"] is not None or state.get("label") != "example":
                state["upload"] = None
                load(example_responses(), "example")
            return
        if "rows" not in value:  # an answers file from before: the whole file was kept
            load_upload(
                {"name": str(value["name"]), "content": base64.b64decode(value["content"])},
                restoring=True,
            )
            return
        data = responses_from_kept(value)
        load(data, str(value["name"]))
        state["upload"] = value
        message.value = feedback_html(f"Restored {value['name']}.")

    upload.observe(on_upload, names="value")
    use_example.on_click(on_use_example)
    partnership.observe(show, names="value")
    load(example_responses(), "example")
    message.value = feedback_html(
        "Showing the illustrative data set: invented answers for teaching, not a real "
        "partnership. Upload your own form export to see your partners' views."
    )
    autosave.bind_custom("upload", get_upload, put_upload)
    autosave.bind("partnership", partnership)
    autosave.bind("notes", notes)
    autosave.restore()
    intro = (
        "<p>Partners rarely see their partnership the same way. Here each organisation's "
        "answers to the questionnaire are scored separately, so you can see where they "
        "disagree (perception gaps) and, with more than one survey round, which way the "
        "partnership is moving.</p>"
    )
    body = [
        w.HBox([upload, use_example], layout=w.Layout(flex_flow="row wrap")),
        confirm.box,
        message,
        partnership,
        figures,
        views,
        differences,
        travel,
        charts,
        notes,
    ]
    root = exercise_frame("Many partners, many views", intro, body, autosave)
    return ExerciseApp(
        root,
        "Many partners, many views",
        partnership=partnership,
        upload=upload,
        use_example=use_example,
        confirm=confirm,
        message=message,
        views=views,
        differences=differences,
        travel=travel,
        figures=figures,
        notes=notes,
        state=state,
        autosave=autosave,
    )


def _organisation_map(result: Any, chosen: str, heuristic_map: Any) -> Any:
    """The heuristic map of one partnership, one colour per organisation.

    Each organisation's mean is a large point, its respondents small points in
    the same colour, and its movement between rounds an arrow.
    """
    from ..classification import summarize_partnerships

    people = result.scored[result.scored["partnership"].astype(str) == chosen].copy()
    people["partnership"] = (
        people["organization"]
        .astype(object)
        .where(people["organization"].notna(), "(no organisation)")
        .astype(str)
    )
    people = people.drop(columns=["organization", "respondent"], errors="ignore")
    return heuristic_map(
        summarize_partnerships(people),
        people,
        title=f"How each organisation sees {chosen}",
        legend_title="Organisation",
    )
