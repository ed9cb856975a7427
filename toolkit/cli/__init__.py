"""The command line: ``python -m toolkit COMMAND ...``.

Argument parsing only. Each module of this package (``classify``, ``continuum``,
``plan``, ``stakeholders``) adds one or more sub-commands through its
``register(subparsers)`` function; a sub-command stores its handler as
``func``, which calls one library function of the domain and returns an exit
status. The command modules import :mod:`toolkit.cli.options`, never this
module, so there is no import loop.

Errors in the input never show a traceback: an :class:`~toolkit.errors.InputError`
(or a file that cannot be opened) is printed as one line on standard error and
the exit status is 2, as is a mistake in the command's own arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import InputError
from . import classify, continuum, plan, stakeholders

__all__ = ["build_parser", "main"]

#: The modules that add sub-commands, in the order ``--help`` lists them.
COMMAND_MODULES = (classify, continuum, plan, stakeholders)

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
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


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
