"""The command line: ``python -m toolkit COMMAND ...``.

A thin layer over the API. Each module in :mod:`toolkit.commands` adds one or
more sub-commands through its ``register(subparsers)`` function; a sub-command
stores its handler as ``func`` and returns an exit status.

Errors in the input never show a traceback: an :class:`~toolkit.errors.InputError`
(or a file that cannot be opened) is printed as one line on standard error and
the exit status is 2, as is a mistake in the command's own arguments.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import InputError
from .io import atomic_write_text

__all__ = ["add_output_options", "emit", "main"]

PROG = "python -m toolkit"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message} (see '{self.prog} --help')\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Helpers for collaborative partnerships: classify, map stakeholders, plan.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from . import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{info.name}").register(subparsers)
    return parser


def add_output_options(
    parser: argparse.ArgumentParser, formats: Sequence[str], default: str
) -> None:
    """Add the ``--format`` and ``--out`` options every reporting command shares."""
    parser.add_argument(
        "--format",
        choices=tuple(formats),
        default=default,
        help=f"output format (default: {default})",
    )
    parser.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")


def emit(text: str, out: str | None) -> None:
    """Write a command's result to ``out`` atomically, or to standard output."""
    if out:
        atomic_write_text(Path(out), text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        sys.stderr.write(f"error: {where}{exc.strerror or exc}\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
