"""``python -m toolkit continuum``: print Himmelman's continuum as a handout table."""

from __future__ import annotations

import argparse
import json

from ..cli import add_output_options


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
    from ..cli import emit
    from ..continuum import himmelman_strategies
    from ..io import safe_csv_text

    table = himmelman_strategies()
    if args.format == "csv":
        text = safe_csv_text(table)
    elif args.format == "json":
        text = json.dumps({"levels": table.to_dict(orient="records")}, indent=2)
    else:
        lines = ["| Item | Level | Strategy | What it adds |", "|---|---|---|---|"]
        lines += [f"| {r.item} | {r.level} | {r.strategy} | {r.adds} |" for r in table.itertuples()]
        text = "\n".join(lines) + "\n\nSource: " + table["source"].iloc[0] + "\n"
    emit(text, args.out)
    return 0
