"""What every sub-command shares: the ``--format``/``--out`` options and writing the result."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..io import atomic_write_text, write_terminal

__all__ = ["add_output_options", "emit"]


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
