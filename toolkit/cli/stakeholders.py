"""``python -m toolkit stakeholders``: map a stakeholder register (and its relationships).

Reads a register (CSV or XLSX) and, optionally, a relationships table, and
writes the analysis as JSON, CSV, a self-contained HTML report with charts, or
Markdown. See :mod:`toolkit.stakeholders` for the analyses and their rules.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .options import add_output_options, emit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stakeholders",
        help="map a stakeholder register: grid, salience, marginal, coverage, network",
        description=(
            "Analyse a stakeholder register: Mendelow's power/interest grid, salience "
            "(Mitchell, Agle & Wood), marginal stakeholders, sector coverage and dominance, "
            "candidate members under the three member-identification models and, with "
            "relationships, who is central, who bridges sectors and who is isolated."
        ),
    )
    parser.add_argument("register", metavar="REGISTER.csv", help="the register (CSV or XLSX)")
    parser.add_argument(
        "--relationships", metavar="REL.csv", help="relationships (source, target, kind, strength)"
    )
    add_output_options(parser, ("json", "csv", "html", "md"), "md")
    parser.add_argument(
        "--sheet", metavar="NAME", help="the worksheet of an .xlsx register (name or position)"
    )
    parser.add_argument(
        "--relationships-sheet",
        metavar="NAME",
        help="the worksheet of an .xlsx relationships file (name or position)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="T",
        help="a rating counts as high at or above T (greater than 1, at most 5; default 4)",
    )
    parser.add_argument(
        "--dominance-threshold",
        type=float,
        metavar="SHARE",
        default=0.5,
        help="share of all power at which one organisation or sector dominates (default 0.5)",
    )
    parser.add_argument(
        "--founder",
        action="append",
        metavar="NAME",
        help="a founding member for the expanding network model (repeat for several)",
    )
    parser.add_argument(
        "--member",
        action="append",
        metavar="NAME",
        help="a current member, for the stakeholder analysis model (repeat for several)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..stakeholders import read_register, read_relationships
    from ..stakeholders.reporting import report

    register = read_register(args.register, sheet=args.sheet)
    relationships = (
        read_relationships(args.relationships, register, sheet=args.relationships_sheet)
        if args.relationships is not None
        else None
    )
    text = report(
        register,
        relationships,
        format=args.format,
        threshold=args.threshold,
        dominance_threshold=args.dominance_threshold,
        founders=args.founder,
        members=args.member,
        source=Path(args.register).name,
    )
    emit(text, args.out)
    return 0
