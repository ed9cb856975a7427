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

from ..errors import InputError
from ..rounds import ROUND_RULE
from .options import add_output_options, emit


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
    parser.add_argument(
        "--seed",
        type=_seed,
        default=None,
        metavar="N",
        help="seed of the bootstrap behind the 95%% intervals and clear change: a whole number "
        "from 0 (default: a fixed seed, reported in the settings). The same file and seed "
        "always give the same figures.",
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


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a whole number from 0: {text!r}")
    return value


def run_questionnaire(args: argparse.Namespace) -> int:
    from ..classification import questionnaire

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
    from ..classification.reporting import report
    from ..forms import read_responses
    from ..io import shown_path
    from ..rounds import given_round_order, order_rounds, parse_round_list

    source = shown_path(args.file)
    responses = read_responses(args.file, sheet=args.sheet)
    given = parse_round_list(args.rounds) if args.rounds else None
    if given is not None:
        if "round" not in responses.columns:
            raise InputError(
                "--rounds was given but the file has no round column",
                file=source,
                allowed="a column named 'round' (or leave out --rounds)",
            )
        try:
            order_rounds(responses["round"].astype(str), given)
        except InputError as exc:
            raise exc.located(file=source) from None
    options = {} if args.seed is None else {"seed": args.seed}
    with given_round_order(given):
        text = report(responses, args.format, source=source, **options)
    emit(text, args.out)
    return 0
