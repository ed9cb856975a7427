"""``python -m toolkit continuum``: print Himmelman's continuum as a handout table."""

from __future__ import annotations

import argparse

from .options import add_output_options, emit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "continuum",
        help="print Himmelman's four strategies of working together",
        description="Print Himmelman's continuum (networking, coordinating, cooperating, "
        "collaborating): what each level adds, and the item that asks about it.",
    )
    add_output_options(parser, ("md", "csv", "json"), "md")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..continuum import continuum_report

    emit(continuum_report(args.format), args.out)
    return 0
