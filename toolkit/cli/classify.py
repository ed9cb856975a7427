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

from .options import add_output_options, emit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classify",
        help="classify partnerships from partners' answers (mode, continuum, disagreement)",
        description="Read partners' answers (canonical CSV, Google Forms CSV or Microsoft Forms "
        "XLSX) and report, per partnership and round, the voluntary and trust scores, the mode "
        "(complying, constraining or creating), the continuum level, the disagreement between "
        "respondents, the breakdown by organisation and the direction of travel between rounds.",
    )
    parser.add_argument("file", metavar="FILE", help="the answers: a .csv or .xlsx file")
    add_output_options(parser, ("json", "csv", "html", "md"), "json")
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
    parser.set_defaults(func=run_questionnaire)


def run_questionnaire(args: argparse.Namespace) -> int:
    from ..classification import questionnaire

    emit(questionnaire(args.format), args.out)
    return 0


def run_classify(args: argparse.Namespace) -> int:
    from ..classification.reporting import report
    from ..forms import read_responses

    emit(report(read_responses(args.file), args.format, source=args.file), args.out)
    return 0
