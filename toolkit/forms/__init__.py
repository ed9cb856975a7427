"""Reading partners' answers: the canonical CSV, Google Forms and Microsoft Forms exports.

One function, :func:`read_responses`, reads all three and returns the same
canonical table, or raises :class:`toolkit.errors.InputError` naming the file,
the line, the column, the value and what is allowed. Nothing is silently
dropped: a column the reader does not use is listed in
``frame.attrs["ignored_columns"]``, and a bad answer stops the reading.

The canonical table
-------------------
One row per respondent, with these columns, in this order:

``partnership``
    The partnership the respondent answered about (required, never blank).
``round`` (only when the file has one)
    The survey round, for example ``2025`` or ``baseline``, kept as text.
``organization`` (only when the file has one)
    The respondent's organisation (blank allowed).
``respondent``
    The respondent's id. When the file has no respondent column, or the cell
    is blank, it is ``"row N"``, N being the row's line number in the file (the
    row number a spreadsheet shows).

Surrounding spaces are removed from these four. ``partnership``, ``round`` and
``organization`` are categorical columns (their values are text; categories in
order of first appearance), which keeps large files fast; ``respondent`` is text.
Item columns, in the item bank's order (only those in the file)
    ``MV01``-``MV21`` and ``CT01``-``CT10`` as numbers from 1 to 5 and ``H1``-``H4``
    as 1 (yes) or 0 (no); a blank answer is missing (``NaN``).

How columns are recognised
--------------------------
A header is matched, in this order:

1. by the ``columns`` argument, if the caller gives one (header -> role or id);
2. as an item when it *is* an id (``MV01``) or *starts with* an id in square
   brackets (``[MV01] The partners ...``), the form of question title that
   :func:`toolkit.classification.questionnaire` produces, so a Google Forms
   or Microsoft Forms export maps itself. Case and zero padding do not matter
   (``[mv1]`` is ``MV01``). A header that looks like an id (``[XY7] ...``,
   ``MV22``, ``H5``) but is not in the item bank is an error, not ignored;
3. as ``partnership``, ``organization``, ``respondent`` or ``round`` when, ignoring
   case, spaces and a trailing ``?`` or ``:``, it is one of the names in
   :data:`COLUMN_NAMES`. When several headers name the same thing, the first
   name in that list wins (a form's own ``Respondent`` question beats
   Microsoft Forms' ``ID`` column) and the others are ignored and listed;
4. anything else (``Timestamp``, ``Email Address``, ``Start time``, a comment
   column) is ignored and listed.

How answers are read
--------------------
For ``MV`` and ``CT`` items: a whole number from 1 to 5 (``3`` or ``3.0``), one of
the labels in :data:`ANSWER_LABELS` (any case), or a label that starts with the
number followed by a separator (``"5 - B fits much better"``, ``"2) ..."``), which
counts as that number. For ``H`` items: ``1``/``0``, ``Yes``/``No``, ``Y``/``N`` or
``True``/``False`` (any case). Blank is "not answered". Everything else, such
as ``0``, ``6``, ``2.5``, ``nan`` or ``agree``, is rejected.

Rows that are entirely blank (spreadsheets often end with some) are skipped
and counted in ``frame.attrs["blank_rows"]``; a row with anything in it is a
response and is validated.
"""

from .answers import ANSWER_LABELS, YES_NO_LABELS, answers_to_numbers
from .columns import COLUMN_NAMES, item_ids
from .reader import duplicated_keys, parse_responses, read_responses

__all__ = [
    "ANSWER_LABELS",
    "COLUMN_NAMES",
    "YES_NO_LABELS",
    "answers_to_numbers",
    "duplicated_keys",
    "item_ids",
    "parse_responses",
    "read_responses",
]
