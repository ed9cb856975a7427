"""``python -m toolkit classify`` and ``python -m toolkit questionnaire``.

``classify FILE`` reads partners' answers (canonical CSV, Google Forms CSV or
Microsoft Forms XLSX) and reports where each partnership stands, how much the
partners disagree and how each partnership moved between rounds, as JSON
(the default), CSV, Markdown or a self-contained HTML page.

``questionnaire`` prints the statements, in order with their ids, as
Markdown, CSV (a form template) or a printable HTML page.
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from ..cli import add_output_options
from ..errors import InputError
from ..io import shown_path
from ..rounds import ROUND_RULE

_SUMMARY_COLUMNS = [
    "partnership",
    "round",
    "respondents",
    "excluded",
    "voluntary",
    "trust",
    "mode",
    "near_boundary",
    "neighbour",
    "disagreement_voluntary",
    "disagreement_trust",
    "partners_differ",
    "continuum",
]
_TRAVEL_COLUMNS = [
    "partnership",
    "from_round",
    "to_round",
    "voluntary_change",
    "trust_change",
    "mode_from",
    "mode_to",
    "continuum_from",
    "continuum_to",
    "direction",
]
_MAX_PROFILES = 6


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classify",
        epilog=ROUND_RULE,
        help="classify partnerships from partners' answers (mode, continuum, disagreement)",
        description="Read partners' answers (canonical CSV, Google Forms CSV or Microsoft Forms "
        "XLSX) and report, per partnership and round, the voluntary and trust scores, the mode "
        "(complying, constraining or creating), the continuum level, the disagreement between "
        "respondents, the breakdown by organisation and the direction of travel between rounds.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="the answers: a .csv or .xlsx file ('-' for standard input)"
    )
    add_output_options(parser, ("json", "csv", "html", "md"), "json")
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the worksheet of an .xlsx file to read (name or position from 0); needed when "
        "more than one sheet holds answers",
    )
    parser.add_argument(
        "--rounds",
        metavar="R1,R2,...",
        help="the order of the rounds, for example --rounds pre,post. " + ROUND_RULE,
    )
    parser.set_defaults(func=run_classify)

    parser = subparsers.add_parser(
        "questionnaire",
        help="print the classification questionnaire (statements in order, with ids)",
        description="Print the questionnaire: the paraphrased statements of Armistead & "
        "Pettigrew's Tables 1 and 2 and Himmelman's four strategies, in order, each title "
        "starting with its id in brackets ([MV01] ...), ready to paste into Google Forms or "
        "Microsoft Forms. CSV is a form template; HTML is a printable page.",
    )
    add_output_options(parser, ("md", "csv", "html"), "md")
    parser.add_argument(
        "--layout",
        choices=("items", "grid"),
        default="items",
        help="items: one question per statement (default); grid: the rows to paste into three "
        "grid questions (Google Forms multiple-choice grid, Microsoft Forms Likert), as md or csv",
    )
    parser.set_defaults(func=run_questionnaire)


def run_questionnaire(args: argparse.Namespace) -> int:
    from ..classification import questionnaire
    from ..cli import emit

    if args.layout == "grid":
        from ..form_grids import GRID_FORMATS, questionnaire_grid

        if args.format not in GRID_FORMATS:
            raise InputError(
                f"--layout grid is not available as {args.format}",
                value=args.format,
                allowed="--format md or --format csv with --layout grid",
            )
        emit(questionnaire_grid(args.format), args.out)
        return 0
    emit(questionnaire(args.format), args.out)
    return 0


def run_classify(args: argparse.Namespace) -> int:
    from ..classification import classify
    from ..cli import emit
    from ..forms import read_responses
    from ..io import safe_csv_text
    from ..rounds import given_round_order, order_rounds, parse_round_list

    responses = read_responses(args.file, sheet=args.sheet)
    given = parse_round_list(args.rounds) if args.rounds else None
    if given is not None:
        if "round" not in responses.columns:
            raise InputError(
                "--rounds was given but the file has no round column",
                file=shown_path(args.file),
                allowed="a column named 'round' (or leave out --rounds)",
            )
        try:
            order_rounds(responses["round"].astype(str), given)
        except InputError as exc:
            raise exc.located(file=shown_path(args.file)) from None
    source = shown_path(args.file)
    with given_round_order(given):
        result = classify(responses)
        if args.format == "json":
            text = result.to_json()
        elif args.format == "csv":
            text = safe_csv_text(_rounded(result.summary))
        elif args.format == "md":
            text = _markdown(result, source)
        else:
            text = _html(result, source, responses)
    emit(text, args.out)
    return 0


def _rounded(frame: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = out[column].round(digits)
    return out


def _present(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return _rounded(frame[[c for c in columns if c in frame.columns]], 2)


def _settings_text(result: Any) -> str:
    b = result.boundaries
    s = result.settings
    return (
        f"Modes: creating when trust is above {b.trust_above:g}; complying when trust is below "
        f"{b.contract_below:g} and voluntary below {b.mandatory_below:g}; constraining "
        "otherwise. "
        f"Near a boundary: within {b.margin:g}. A respondent is scored when they answered at "
        f"least {s['min_answered']:.0%} of each axis's items. Partners differ when the "
        f"disagreement (standard deviation of respondents' scores) on either axis is at least "
        f"{s['disagreement_threshold']:g}. The heuristic locates a partnership; it is not a "
        "verdict, and a point near a boundary sits between two areas."
    )


def _markdown(result: Any, source: str) -> str:
    from ..report import md_cell, md_table

    lines = [
        "# Partnership classification",
        "",
        f"Source: {md_cell(source)}",
        "",
        "## Partnerships",
        "",
        md_table(_present(result.summary, _SUMMARY_COLUMNS)),
    ]
    differ = result.summary[result.summary["partners_differ"]]
    if len(differ):
        names = ", ".join(
            md_cell(r.partnership) + (f" ({md_cell(r.round)})" if "round" in differ else "")
            for r in differ.itertuples()
        )
        lines += [f"**Partners see these very differently:** {names}.", ""]
    if len(result.organizations):
        lines += ["## By organisation", "", md_table(_rounded(result.organizations, 2))]
    if len(result.travel):
        lines += ["## Direction of travel", "", md_table(_present(result.travel, _TRAVEL_COLUMNS))]
    if len(result.excluded):
        lines += ["## Respondents not scored", "", md_table(result.excluded)]
    if result.ignored_columns:
        lines += [
            "Columns ignored: " + ", ".join(md_cell(c) for c in result.ignored_columns) + ".",
            "",
        ]
    lines += ["## How to read this", "", md_cell(_settings_text(result)), ""]
    return "\n".join(lines)


def _html(result: Any, source: str, responses: pd.DataFrame) -> str:
    from ..classification_charts import continuum_bar, heuristic_map, item_profile
    from ..report import chart_html, esc, html_page, table_html

    summary = result.summary
    body = [
        "<h1>Partnership classification</h1>",
        f'<p class="meta">Source: {esc(source)}. {len(summary)} rows: '
        f"{summary['partnership'].nunique()} partnerships"
        + (f", {summary['round'].nunique()} rounds" if "round" in summary else "")
        + f"; {int(summary['respondents'].sum())} respondents scored, "
        f"{len(result.excluded)} not scored.</p>",
        "<h2>The map</h2>",
        chart_html(heuristic_map(summary, result.scored, boundaries=result.boundaries)),
    ]
    differ = summary[summary["partners_differ"]]
    if len(differ):
        names = ", ".join(
            esc(r.partnership) + (f" ({esc(r.round)})" if "round" in differ else "")
            for r in differ.itertuples()
        )
        body.append(f'<p class="flag">Partners see these very differently: {names}.</p>')
    body += [
        "<h2>Partnerships</h2>",
        table_html(_present(summary, _SUMMARY_COLUMNS), caption="Where each partnership stands"),
        "<h2>Himmelman's continuum</h2>",
        chart_html(continuum_bar(summary)),
    ]
    if len(result.travel):
        body += [
            "<h2>Direction of travel</h2>",
            table_html(_present(result.travel, _TRAVEL_COLUMNS), caption="Change between rounds"),
        ]
    if len(result.organizations):
        body += [
            "<h2>By organisation</h2>",
            table_html(_rounded(result.organizations, 2), caption="Mean scores by organisation"),
        ]
    names = list(dict.fromkeys(summary["partnership"].astype(str)))
    body.append("<h2>Item by item</h2>")
    if len(names) > _MAX_PROFILES:
        body.append(
            f'<p class="meta">The first {_MAX_PROFILES} of {len(names)} partnerships; '
            "use toolkit.classification_charts.item_profile for the others.</p>"
        )
    body += [chart_html(item_profile(responses, name)) for name in names[:_MAX_PROFILES]]
    if len(result.excluded):
        body += [
            "<h2>Respondents not scored</h2>",
            table_html(result.excluded, caption="Too few answers to score"),
        ]
    if result.ignored_columns:
        body.append(
            '<p class="meta">Columns ignored: '
            + ", ".join(esc(c) for c in result.ignored_columns)
            + ".</p>"
        )
    body += ["<h2>How to read this</h2>", f"<p>{esc(_settings_text(result))}</p>"]
    return html_page("Partnership classification", "\n".join(body))
