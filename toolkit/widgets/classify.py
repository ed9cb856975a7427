"""Exercise 2, "Mandatory or voluntary, contract or trust", and exercise 3, "Many views".

Scoring and charts come from :mod:`toolkit.classification`,
:mod:`toolkit.forms` and :mod:`toolkit.classification.charts`.
"""

from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path
from typing import Any

from ..report import esc, table_html
from ._autosave import Autosave
from ._base import ExerciseApp, exercise_frame, feedback_html, show_in, wide_style

__all__ = ["classify_partnership", "many_views"]

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
            items[row.id] = menu
            autosave.bind(row.id, menu)
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
    root = exercise_frame(
        "Mandatory or voluntary, contract or trust", intro, [tabs, feedback, chart_out], autosave
    )
    app = ExerciseApp(root, "Mandatory or voluntary, contract or trust")
    app.items = items  # type: ignore[attr-defined]
    app.feedback = feedback  # type: ignore[attr-defined]
    app.state = state  # type: ignore[attr-defined]
    app.autosave = autosave  # type: ignore[attr-defined]
    return app


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
            raise InputError(str(exc).replace(str(path), name)) from None


def many_views(folder: str | os.PathLike[str] | None = None) -> ExerciseApp:
    """Exercise 3: perception gaps between organisations and movement between rounds.

    Starts with the toolkit's illustrative data set
    (:func:`toolkit.classification.example_responses`, invented for
    teaching); a file upload loads a form export instead (canonical CSV,
    Google Forms CSV or Microsoft Forms XLSX, read by
    :func:`toolkit.forms.read_responses`). For the chosen partnership it shows
    each organisation's view (:func:`toolkit.classification.summarize_organizations`),
    the direction of travel between rounds, the heuristic map and the item
    profile. The participant's notes, the chosen partnership and an uploaded
    file (up to 1 MB) are kept in ``03-many-views.answers.json``.

    Above the tables, ``figures`` states each round's position with its 95%
    intervals and the partners' agreement, and each move between rounds
    (saying "no clear change" where the move could be noise), from
    :func:`toolkit.classification.measurement.partnership_sentences`.

    Exposes ``partnership`` (Dropdown), ``upload``, ``use_example`` (Button),
    ``message``, ``figures``, ``views``, ``travel``, ``notes``, ``state`` and ``autosave``.
    """
    import ipywidgets as w

    from ..classification import classify, example_responses
    from ..classification.charts import heuristic_map, item_profile
    from ..classification.measurement import partnership_sentences
    from ..errors import InputError

    autosave = Autosave("03-many-views", folder)
    state: dict[str, Any] = {"upload": None}
    message = w.HTML()
    partnership = w.Dropdown(description="Partnership:", style=wide_style(), options=[])
    upload = w.FileUpload(
        accept=".csv,.xlsx",
        multiple=False,
        description="Upload a form export",
        tooltip="A CSV or XLSX export of the questionnaire",
        icon="upload",
    )
    use_example = w.Button(
        description="Use the illustrative data",
        tooltip="Go back to the invented example data shipped with the toolkit",
    )
    views = w.HTML()
    travel = w.HTML()
    figures = w.HTML()  # position, intervals, agreement and clear change in words
    charts = w.Output()
    notes = w.Textarea(
        description="Your notes:",
        placeholder="Where do the organisations see the partnership differently, and why?",
        style=wide_style(),
        layout=w.Layout(width="600px", height="6em"),
    )

    def load(data: Any, label: str) -> None:
        result = classify(data)
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
        views.value = table_html(
            orgs[cols].round(2), caption=f"How each organisation sees {chosen}"
        )
        moves = result.travel
        if len(moves):
            moves = moves[moves["partnership"].astype(str) == chosen]
        travel.value = (
            table_html(moves.round(2), caption="Direction of travel between rounds")
            if len(moves)
            else "<p>This partnership has one round only: no direction of travel yet.</p>"
        )
        summary = result.summary[result.summary["partnership"].astype(str) == chosen]
        scored = result.scored[result.scored["partnership"].astype(str) == chosen]
        figures.value = (
            "<ul>"
            + "".join(
                f"<li>{esc(line)}</li>" for line in partnership_sentences(summary, moves, chosen)
            )
            + "</ul>"
        )
        state["charts"] = [
            heuristic_map(summary, scored, title=f"Where {chosen} stands", travel=moves),
            item_profile(result.scored, chosen),
        ]
        show_in(charts, *state["charts"])

    def use_example_data(_button: Any = None) -> None:
        state["upload"] = None
        load(example_responses(), "example")
        message.value = feedback_html(
            "Showing the illustrative data set: invented answers for teaching, not a real "
            "partnership."
        )
        autosave.save()

    def load_upload(item: dict[str, Any] | None, restoring: bool = False) -> bool:
        if not item:
            return False
        content = bytes(item["content"])
        try:
            data = _read_upload(item["name"], content)
            load(data, item["name"])
        except (InputError, OSError, ValueError) as exc:
            message.value = feedback_html(
                f"{item['name']} could not be read: {exc}", kind="warning"
            )
            return False
        state["upload"] = item if len(content) <= MAX_SAVED_UPLOAD else None
        note = (
            ""
            if state["upload"]
            else " It is larger than 1 MB, so it is not kept in the "
            "answers file: upload it again after a restart."
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

    def get_upload() -> Any:
        item = state["upload"]
        if not item:
            return None
        return {"name": item["name"], "content": base64.b64encode(item["content"]).decode()}

    def put_upload(value: Any) -> None:
        if value:
            load_upload(
                {"name": str(value["name"]), "content": base64.b64decode(value["content"])},
                restoring=True,
            )

    upload.observe(on_upload, names="value")
    use_example.on_click(use_example_data)
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
        w.HBox([upload, use_example]),
        message,
        partnership,
        figures,
        views,
        travel,
        charts,
        notes,
    ]
    root = exercise_frame("Many partners, many views", intro, body, autosave)
    app = ExerciseApp(root, "Many partners, many views")
    app.partnership = partnership  # type: ignore[attr-defined]
    app.upload = upload  # type: ignore[attr-defined]
    app.use_example = use_example  # type: ignore[attr-defined]
    app.message = message  # type: ignore[attr-defined]
    app.views = views  # type: ignore[attr-defined]
    app.travel = travel  # type: ignore[attr-defined]
    app.figures = figures  # type: ignore[attr-defined]
    app.notes = notes  # type: ignore[attr-defined]
    app.state = state  # type: ignore[attr-defined]
    app.autosave = autosave  # type: ignore[attr-defined]
    return app
