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
import os
import sys
import warnings
from collections.abc import Sequence

from .. import __version__
from ..errors import InputError, InputWarning
from ..io import check_out_not_input, clean_text, printable
from . import classify, continuum, plan, stakeholders

__all__ = ["build_parser", "main"]

#: The modules that add sub-commands, in the order ``--help`` lists them.
COMMAND_MODULES = (classify, continuum, plan, stakeholders)

PROG = "python -m toolkit"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        _say_error(f"{self.prog}: error: {message} (see '{self.prog} --help')")
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


def _input_paths(args: argparse.Namespace) -> list[str]:
    """Every argument that names an existing file (the inputs ``--out`` must not replace)."""
    found: list[str] = []
    for key, value in vars(args).items():
        if key in ("out", "func"):
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and item and item != "-" and os.path.isfile(item):
                found.append(item)
    return found


def _say_error(text: str) -> None:
    """One line on standard error, control characters escaped (never a fake message)."""
    sys.stderr.write(printable(clean_text(text), keep_newlines=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (2 for bad input, with one line on stderr).

    ``--out`` naming one of the input files is refused before anything runs.
    Warnings about input that was read but not exactly as written
    (:class:`~toolkit.errors.InputWarning`) are printed as ``warning: ...``
    lines. An unexpected error is also one line and status 2 (set
    ``TOOLKIT_DEBUG=1`` to see the traceback).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            check_out_not_input(getattr(args, "out", None), _input_paths(args))
            return int(args.func(args) or 0)
        except InputError as exc:
            _say_error(f"error: {exc}")
            return 2
        except OSError as exc:
            where = f"{os.fsdecode(exc.filename)}: " if getattr(exc, "filename", None) else ""
            _say_error(f"error: {where}{exc.strerror or exc}")
            return 2
        except RecursionError:
            _say_error("error: the input is nested too deeply to read")
            return 2
        except MemoryError:
            _say_error("error: the input is too large to read in the memory available")
            return 2
        except Exception as exc:
            if os.environ.get("TOOLKIT_DEBUG"):
                raise
            _say_error(
                f"error: unexpected {type(exc).__name__}: {exc} (please report this; "
                "TOOLKIT_DEBUG=1 shows the details)"
            )
            return 2
        finally:
            for warning in caught:
                if issubclass(warning.category, InputWarning):
                    _say_error(f"warning: {warning.message}")
                else:
                    warnings.showwarning(
                        warning.message, warning.category, warning.filename, warning.lineno
                    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
