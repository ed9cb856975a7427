"""What every sub-command shares: the ``--format``/``--out`` options and writing the result."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..io import atomic_write_text

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
    parser.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")


def emit(text: str, out: str | None) -> None:
    """Write a command's result to ``out`` atomically, or to standard output."""
    if out:
        atomic_write_text(Path(out), text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
