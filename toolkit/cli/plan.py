"""``python -m toolkit plan``: keep a six-step partnership plan as a YAML file.

Sub-commands::

    plan template [--format md|json|html] [--out PATH]   print the blank plan / worksheet
    plan new PATH [--title TEXT]                          write a blank plan (never overwrites)
    plan check PATH [--format json|md] [--out PATH]       validate and report progress
    plan export PATH [--format md|html] [--out PATH]      write the filled-in worksheet

A plan that is not valid YAML or does not match the schema gives exit status 2
and one line naming the file, the line or field path, and the problem; the
plan file itself is only ever read (``new`` writes a file that did not exist).
"""

from __future__ import annotations

import argparse

from .options import add_output_options, emit


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="plan a partnership in six steps (Roberts): template, new, check, export",
        description="Keep a six-step partnership plan (Roberts, after Cummings) as a YAML file: "
        "print the blank template, start a plan, check it, export it as a worksheet.",
    )
    sub = parser.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    template = sub.add_parser(
        "template",
        help="print the blank plan (Markdown or HTML worksheet, or the steps as JSON)",
        description="Print the blank plan: a worksheet for a workshop wall (md, html) or the six "
        "steps with their questions and outputs (json).",
    )
    add_output_options(template, ("md", "json", "html"), "md")
    template.set_defaults(func=run_template)

    new = sub.add_parser(
        "new",
        help="write a blank plan to PATH (refuses to overwrite)",
        description="Write a blank, commented YAML plan to PATH. An existing file is never "
        "overwritten.",
    )
    new.add_argument("path", metavar="PATH")
    new.add_argument("--title", default="", help="the partnership's name")
    new.set_defaults(func=run_new)

    check = sub.add_parser(
        "check",
        help="validate a plan and report readiness, progress, risks and the next action",
        description="Validate the plan at PATH and report the readiness check, progress "
        "through the six steps, failure risks, setbacks, indicators and the next action.",
    )
    check.add_argument("path", metavar="PATH")
    add_output_options(check, ("json", "md"), "md")
    check.set_defaults(func=run_check)

    export = sub.add_parser(
        "export",
        help="write the plan as a filled-in worksheet (Markdown or self-contained HTML)",
        description="Export the plan at PATH as a worksheet. HTML is one self-contained page "
        "that works offline and prints on A4 and Letter.",
    )
    export.add_argument("path", metavar="PATH")
    add_output_options(export, ("md", "html"), "md")
    export.set_defaults(func=run_export)


def run_template(args: argparse.Namespace) -> int:
    from ..planning.reporting import plan_template

    emit(plan_template(args.format), args.out)
    return 0


def run_new(args: argparse.Namespace) -> int:
    import sys

    from ..io import clean_text, shown_path, write_terminal
    from ..planning import blank_plan, save_plan

    # A title typed in a terminal that is not UTF-8 arrives with undecodable bytes.
    path = save_plan(blank_plan(clean_text(args.title)), args.path, overwrite=False)
    shown = shown_path(path)
    write_terminal(
        sys.stdout,
        f"wrote a blank plan to {shown}; fill it in, then run: python -m toolkit plan check "
        f"{shown}\n",
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    from ..planning import load_plan
    from ..planning.reporting import plan_check

    emit(plan_check(load_plan(args.path), args.format), args.out)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..planning import load_plan
    from ..planning.reporting import plan_export

    emit(plan_export(load_plan(args.path), args.format), args.out)
    return 0
