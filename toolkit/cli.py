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
import os
import pkgutil
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import InputError, InputWarning
from .io import atomic_write_text, check_out_not_input, clean_text, printable, write_terminal

__all__ = ["add_output_options", "emit", "main"]

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
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="write to PATH instead of standard output ('-' is standard output); never one of "
        "the input files; a link is written through to its target",
    )


def emit(text: str, out: str | None) -> None:
    """Write a command's result to ``out`` atomically, or to standard output.

    On a terminal, control characters in the text are shown escaped
    (:func:`toolkit.io.printable`), so a name holding ``ESC[2J`` cannot clear
    the screen or fake a message.
    """
    if out and out != "-":
        atomic_write_text(Path(out), text)
    else:
        write_terminal(sys.stdout, text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()


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
    sys.stderr.write(printable(clean_text(text), keep_newlines=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (2 for bad input, with one line on stderr).

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
