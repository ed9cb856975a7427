"""``python -m toolkit workshop``: every analysis of one workshop in one file.

    python -m toolkit workshop --title "Riverside partnership workshop, March 2026" \\
        --responses answers.csv [--register register.csv] [--relationships links.csv] \\
        [--plan plan.yaml] [--format html|xlsx|md] --out pack.html

The pack has the title and date, a summary across the analyses, a table of
contents, then the classification, stakeholder and plan sections (the same
reports as ``classify``, ``stakeholders`` and ``plan check``), each starting on
a new printed page. An input that is not given is left out. A bad file gives the
same one-line error as the single command (exit status 2).
"""

from __future__ import annotations

import argparse

from .options import emit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "workshop",
        help="one pack for a workshop: classification, stakeholder map and plan in one file",
        description="Write one self-contained file for a workshop: the title and date, a "
        "summary across the analyses, a table of contents, then the classification "
        "(--responses), the stakeholder map (--register, --relationships) and the plan check "
        "(--plan), each on a new printed page. Inputs not given are left out. HTML works "
        "offline and prints on A4 and Letter; xlsx is one workbook with every table.",
    )
    parser.add_argument("--title", required=True, help="the workshop's title, shown on top")
    parser.add_argument("--responses", metavar="ANSWERS", help="partners' answers (.csv/.xlsx)")
    parser.add_argument("--register", metavar="REGISTER", help="stakeholder register (.csv/.xlsx)")
    parser.add_argument(
        "--relationships", metavar="LINKS", help="relationships between stakeholders"
    )
    parser.add_argument("--plan", metavar="PLAN.yaml", help="a six-step plan")
    parser.add_argument(
        "--founder",
        action="append",
        metavar="NAME",
        help="a founding member, for the expanding network model (repeat for several)",
    )
    parser.add_argument(
        "--format",
        choices=("html", "xlsx", "md"),
        default=None,
        help="output format (default: from the --out file's extension, else html)",
    )
    parser.add_argument("--out", metavar="PATH", help="write to PATH (needed for xlsx)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..workshop import workshop_pack, workshop_reports

    fmt = args.format
    if fmt is None:
        suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
        fmt = {"xlsx": "xlsx", "md": "md"}.get(suffix, "html")
    reports = workshop_reports(
        responses=args.responses,
        register=args.register,
        relationships=args.relationships,
        plan=args.plan,
        founders=args.founder,
    )
    emit(workshop_pack(args.title, reports, fmt), args.out)
    return 0
