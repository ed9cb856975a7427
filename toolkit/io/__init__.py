"""Reading tables and writing files safely.

Two promises hold for every file the toolkit touches:

* a bad input file raises :class:`toolkit.errors.InputError` naming the file
  (and, where it applies, the line, the column, the value and what is allowed);
* a file is never left half-written: :func:`atomic_write_text` writes to a
  temporary file in the same folder, flushes it to disk, then renames it over
  the target, so a crash leaves either the old file or the new one.

Where each part lives: :mod:`.reading` (bytes and their encoding), :mod:`.tables`
(CSV and XLSX tables), :mod:`.writing` (safe output files), :mod:`.text` (text
for a terminal or a file name) and :mod:`.cells` (spreadsheet cells that cannot
run as formulas).
"""

from __future__ import annotations

from .cells import neutralise_cell, neutralise_frame, safe_csv_text
from .reading import ENCODING_RULE, MAX_INPUT_BYTES, STDIN, decode_text, read_input_bytes
from .tables import check_header, read_table
from .text import clean_text, printable, shown_path, write_terminal
from .writing import atomic_write_bytes, atomic_write_text, check_out_not_input, same_file

__all__ = [
    "ENCODING_RULE",
    "MAX_INPUT_BYTES",
    "STDIN",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_header",
    "check_out_not_input",
    "clean_text",
    "decode_text",
    "neutralise_cell",
    "neutralise_frame",
    "printable",
    "read_input_bytes",
    "read_table",
    "safe_csv_text",
    "same_file",
    "shown_path",
    "write_terminal",
]
