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

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError, InputWarning, csv_line
from .io import read_table
from .questionnaires import instrument, scale

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

#: The label a form shows for each point of the 1-5 scale. "A" is the item's
#: left statement (mandatory; contract), "B" its right statement (voluntary; trust).
ANSWER_LABELS: dict[int, str] = dict(scale("a_or_b").labels)
#: The labels a form shows for the yes/no continuum items.
YES_NO_LABELS: dict[int, str] = dict(scale("yes_no").labels)

#: Header names (compared ignoring case, surrounding spaces and a trailing
#: ``?`` or ``:``) recognised for each identifying column, best first.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "partnership": (
        "partnership",
        "partnership name",
        "name of the partnership",
        "which partnership",
        "partnership id",
    ),
    "round": ("round", "survey round", "wave"),
    "organization": (
        "organization",
        "organisation",
        "organization name",
        "organisation name",
        "your organization",
        "your organisation",
    ),
    "respondent": ("respondent", "respondent id", "respondent name", "id"),
}
_ROLES = tuple(COLUMN_NAMES)

_BRACKET_ID = re.compile(r"^\s*\[\s*([A-Za-z]{1,4})\s*0*(\d{1,3})\s*\]")
_ANY_BRACKET_ID = re.compile(r"\[\s*([A-Za-z]{1,4})\s*0*(\d{1,3})\s*\]")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_LABELLED_NUMBER = re.compile(r"^(\d+)\s*[-\u2013\u2014:.)=]\s*[^\d\s]")


def item_ids() -> tuple[str, ...]:
    """Return every item id of the bank, in order (``MV01`` ... ``CT10``, ``H1`` ... ``H4``).

    >>> ids = item_ids()
    >>> len(ids), ids[0], ids[20], ids[21], ids[-1]
    (35, 'MV01', 'MV21', 'CT01', 'H4')
    """
    return instrument().ids


def _id_list() -> str:
    """The ids for a message: first ... last of each axis (``MV01 ... CT10, H1 ... H4``)."""
    inst = instrument()
    scales: dict[str, list[str]] = {}
    for item in inst.ids:
        scales.setdefault(inst.scale_for(item).key, []).append(item)
    return ", ".join(f"{ids[0]} ... {ids[-1]}" for ids in scales.values())


def _normal_name(header: str) -> str:
    text = " ".join(str(header).split()).lower()
    return text.rstrip("?:*. ").strip()


def _short(header: str, limit: int = 60) -> str:
    text = " ".join(str(header).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _map_columns(
    headers: list[str], file: str | None, overrides: Mapping[str, str] | None
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Return (item id -> header, role -> header, ignored headers)."""
    inst = instrument()
    ids = inst.ids
    known = set(ids)
    items: dict[str, str] = {}
    role_candidates: dict[str, list[tuple[int, int, str]]] = {r: [] for r in _ROLES}
    ignored: list[str] = []
    overrides = dict(overrides or {})
    for position, header in enumerate(headers):
        target: str | None = None
        if header in overrides:
            wanted = str(overrides[header])
            if wanted in _ROLES:
                role_candidates[wanted].append((-1, position, header))
                continue
            if wanted.upper() not in known:
                raise InputError(
                    "the column is mapped to something unknown",
                    file=file,
                    column=_short(header),
                    value=wanted,
                    allowed=f"an item id such as {ids[0]}, or one of " + ", ".join(_ROLES),
                )
            target = wanted.upper()
        else:
            match = _BRACKET_ID.match(header) or inst.id_pattern.match(header)
            if not match:
                target = _id_inside(header, file)
            if match:
                target = inst.canonical_id(match.group(1), match.group(2))
                if target not in known:
                    raise InputError(
                        "the column names an item that is not in the item bank",
                        file=file,
                        line=1,
                        column=_short(header),
                        value=match.group(0).strip(),
                        allowed="item ids " + inst.id_ranges(),
                    )
        if target is not None:
            if target in items:
                raise InputError(
                    f"two columns hold item {target} (the other is '{_short(items[target])}')",
                    file=file,
                    line=1,
                    column=_short(header),
                    allowed="one column per item",
                )
            items[target] = header
            continue
        name = _normal_name(header)
        for role, names in COLUMN_NAMES.items():
            if name in names:
                role_candidates[role].append((names.index(name), position, header))
                break
        else:
            ignored.append(header)
    roles: dict[str, str] = {}
    for role, candidates in role_candidates.items():
        if not candidates:
            continue
        candidates.sort()
        roles[role] = candidates[0][2]
        ignored.extend(c[2] for c in candidates[1:])
    ordered_items = {i: items[i] for i in ids if i in items}
    return ordered_items, roles, [h for h in headers if h in set(ignored)]


def _scale_value(value: Any) -> float:
    """One answer to a 1-5 item as a number, or NaN when it is not valid."""
    if isinstance(value, bool | np.bool_):
        return np.nan
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        text = " ".join(str(value).split())
        if _NUMBER.match(text):
            number = float(text)
        else:
            lowered = text.lower()
            for key, label in ANSWER_LABELS.items():
                if lowered == label.lower():
                    return float(key)
            labelled = _LABELLED_NUMBER.match(text)
            if not labelled:
                return np.nan
            number = float(labelled.group(1))
    if number != number or number not in _SCALE.values:
        return np.nan
    return number


_SCALE = scale("a_or_b")
_YES_NO = scale("yes_no")
_YES_NO_WORDS = _YES_NO.words


def _yes_no_value(value: Any) -> float:
    """One answer to a yes/no item as 1.0 or 0.0, or NaN when it is not valid."""
    if isinstance(value, bool | np.bool_):
        return float(value)
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
    else:
        text = str(value).strip()
        word = _YES_NO_WORDS.get(text.lower())
        if word is not None:
            return word
        if not _NUMBER.match(text):
            return np.nan
        number = float(text)
    return number if number in _YES_NO.values else np.nan


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _shown(value: Any) -> Any:
    """A bad value as the user typed it: 7, not 7.0 (numbers read from a file are floats)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _describe_bad(value: Any, kind: str) -> str:
    text = str(value).strip()
    numeric = isinstance(value, int | float | np.integer | np.floating) or _NUMBER.match(text)
    if kind == "yesno":
        return "a yes/no answer must be 1 or 0" if numeric else "not a yes/no answer"
    if numeric:
        return "answer out of range or not a whole number"
    return "answer is not a number from 1 to 5 or a known label"


def answers_to_numbers(
    frame: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    file: str | None = None,
    lines: bool = True,
) -> pd.DataFrame:
    """Convert answer columns to numbers, rejecting any value that is not a valid answer.

    Parameters
    ----------
    frame : DataFrame
        Holds the answers, as text or numbers. It is not modified.
    columns : mapping, optional
        Item id -> column of ``frame`` holding it. By default, every column
        of ``frame`` named by an item id.
    file : str, optional
        The file the answers came from, named in errors.
    lines : bool, default True
        Report a bad cell by its line in a file with one header line (row
        position + 2). When False, by the frame's index label instead.

    Returns
    -------
    DataFrame
        One float column per item, named by id, in the bank's order, same index:
        1-5 for ``MV``/``CT`` items, 1/0 for ``H`` items, NaN when blank.

    Raises
    ------
    InputError
        At the first bad cell (top to bottom, then left to right), naming the
        line, the column, the value, what is allowed and how many bad cells
        there are in all.

    Examples
    --------
    >>> raw = pd.DataFrame({"MV01": ["1", "B fits much better", None],
    ...                     "H1": ["Yes", "0", "no"]})
    >>> answers_to_numbers(raw)
       MV01   H1
    0   1.0  1.0
    1   5.0  0.0
    2   NaN  0.0
    >>> try:
    ...     answers_to_numbers(pd.DataFrame({"MV01": ["3", "7"]}), file="a.csv")
    ... except InputError as err:
    ...     print(err.file, err.line, err.column, repr(err.value), err.problem)
    a.csv 3 MV01 '7' answer out of range or not a whole number
    """
    inst = instrument()
    ids = inst.ids
    if columns is None:
        columns = {i: i for i in ids if i in frame.columns}
    block = np.empty((len(columns), len(frame)))  # one contiguous row per item
    first_bad: tuple[int, int, str, Any, str] | None = None
    total_bad = 0
    for order, (item, header) in enumerate(columns.items()):
        answer_scale = inst.scale_for(item)
        kind = "yesno" if answer_scale.is_yes_no else "scale"
        series = frame[header]
        allowed = np.array(answer_scale.values)
        if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
            series.dtype
        ):
            values = series.to_numpy(dtype=float, na_value=np.nan)
            bad = ~(np.isin(values, allowed) | np.isnan(values))
            bad_values = values
        else:
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
            convert = _yes_no_value if kind == "yesno" else _scale_value
            table = np.array([convert(u) for u in uniques] + [np.nan], dtype=float)
            values = table[codes]  # code -1 (blank) picks the trailing NaN
            blank = np.array([_is_blank(u) for u in uniques] + [True], dtype=bool)[codes]
            bad = np.isnan(values) & ~blank
            bad_values = np.asarray([*uniques, None], dtype=object)[codes]
        if bad.any():
            positions = np.flatnonzero(bad)
            total_bad += positions.size
            candidate = (int(positions[0]), order, header, bad_values[positions[0]], answer_scale)
            if first_bad is None or candidate[:2] < first_bad[:2]:
                first_bad = candidate
        block[order] = values
    if first_bad is not None:
        position, _, header, value, answer_scale = first_bad
        problem = _describe_bad(value, "yesno" if answer_scale.is_yes_no else "scale")
        if total_bad > 1:
            problem += f" ({total_bad} bad answers in all)"
        line = csv_line(position) if lines else None
        if not lines:
            problem = f"row {frame.index[position]!r}: {problem}"
        raise InputError(
            problem,
            file=file,
            line=line,
            column=_short(header),
            value=_shown(value),
            allowed=answer_scale.allowed,
        )
    return pd.DataFrame(block.T, index=frame.index, columns=list(columns), copy=False)


def parse_responses(
    raw: pd.DataFrame,
    *,
    file: str | None = None,
    columns: Mapping[str, str] | None = None,
    lines: bool = True,
) -> pd.DataFrame:
    """Turn a table of answers, as read from a file or typed in, into the canonical table.

    This is :func:`read_responses` without the reading: ``raw`` holds one row
    per respondent, cells as text or numbers, headers as in the file. See the
    module docstring for how columns and answers are recognised. ``raw`` is
    not modified.

    Examples
    --------
    >>> raw = pd.DataFrame({"Timestamp": ["2025-03-01 10:00"],
    ...                     "Partnership": ["Example partnership A"],
    ...                     "[MV01] Governance ...": ["2"], "[H1] Exchange ...": ["Yes"]})
    >>> table = parse_responses(raw, file="export.csv")
    >>> table.columns.tolist(), table.loc[0, "respondent"], table.attrs["ignored_columns"]
    (['partnership', 'respondent', 'MV01', 'H1'], 'row 2', ['Timestamp'])
    """
    headers = [str(c) for c in raw.columns]
    data = raw.copy(deep=False)
    data.columns = headers
    if len(set(headers)) != len(headers):
        dup = next(h for h in headers if headers.count(h) > 1)
        raise InputError(
            "two columns have the same header",
            file=file,
            line=1,
            column=_short(dup),
            allowed="a different header for every column",
        )
    items, roles, ignored = _map_columns(headers, file, columns)
    if "partnership" not in roles:
        shown = ", ".join(f"'{_short(h, 30)}'" for h in headers[:6])
        raise InputError(
            "no partnership column",
            file=file,
            line=1 if lines else None,
            value=shown + (" ..." if len(headers) > 6 else ""),
            allowed="a column named 'partnership' (in a form: a question titled 'Partnership')",
        )
    if not items:
        raise InputError(
            "no item columns",
            file=file,
            line=1 if lines else None,
            allowed=f"columns named by item id ({_id_list()}) or form questions "
            f"whose titles start with the id in brackets, such as '[{instrument().ids[0]}] ...'",
        )
    cleaned = {role: _clean_text(data[header]) for role, header in roles.items()}
    _warn_case_variants(cleaned["partnership"][1], file)
    candidates = np.flatnonzero(cleaned["partnership"][0] < 0)
    blank = np.zeros(len(data), dtype=bool)
    if candidates.size:
        blank[candidates] = data.iloc[candidates].isna().all(axis=1).to_numpy()
    positions = np.flatnonzero(~blank)
    if positions.size == 0:
        raise InputError(
            "the file has a header but no responses",
            file=file,
            allowed="one row per respondent under the header",
        )

    def where(position: int) -> tuple[int | None, str]:
        """Line (or row label prefix) of the data row at ``position`` in ``raw``."""
        if lines:
            return csv_line(position), ""
        return None, f"row {raw.index[position]!r}: "

    rows = data.iloc[positions] if blank.any() else data
    out: dict[str, Any] = {}
    codes: dict[str, np.ndarray] = {}
    for role in ("partnership", "round", "organization", "respondent"):
        if role not in roles:
            continue
        header = roles[role]
        role_codes, categories, changed = cleaned[role]
        if blank.any():
            role_codes = role_codes[positions]
        missing = role_codes < 0
        if role in ("partnership", "round") and missing.any():
            line, prefix = where(int(positions[np.flatnonzero(missing)[0]]))
            extra = " (or no round column at all)" if role == "round" else ""
            raise InputError(
                f"{prefix}the {role} is blank",
                file=file,
                line=line,
                column=_short(header),
                value="",
                allowed=f"a {role} on every row{extra}",
            )
        if role != "respondent":
            out[role] = pd.Categorical.from_codes(role_codes, categories=categories)
        elif missing.any() or changed or not pd.api.types.is_string_dtype(rows[header].dtype):
            lookup = np.array([*categories, None], dtype=object)
            filled = lookup[role_codes]
            if missing.any():
                default = np.array(_default_respondents(positions, raw.index, lines), dtype=object)
                filled = np.where(missing, default, filled)
                role_codes = pd.factorize(filled)[0]
            out[role] = pd.array(filled, dtype=str)
        else:
            out[role] = rows[header].array
        codes[role] = role_codes
    if "respondent" not in out:
        values = np.array(_default_respondents(positions, raw.index, lines), dtype=object)
        out["respondent"] = pd.array(values, dtype=str)
        codes["respondent"] = np.arange(len(values))
    keys = [k for k in ("partnership", "round", "respondent") if k in out]
    duplicated = duplicated_keys([codes[k] for k in keys])
    if duplicated.any():
        first = int(np.flatnonzero(duplicated)[0])
        same = np.flatnonzero(np.logical_and.reduce([codes[k] == codes[k][first] for k in keys]))
        key = {k: out[k][first] for k in keys}
        line, prefix = where(int(positions[same[1]]))
        first_line, _ = where(int(positions[same[0]]))
        seen = f"line {first_line}" if lines else f"row {raw.index[positions[same[0]]]!r}"
        scope = f"partnership '{key['partnership']}'"
        if "round" in keys:
            scope += f", round '{key['round']}'"
        raise InputError(
            f"{prefix}duplicate respondent in {scope} (first on {seen})",
            file=file,
            line=line,
            column=_short(roles.get("respondent", "respondent")),
            value=key["respondent"],
            allowed="each respondent once per partnership and round",
        )
    answers = answers_to_numbers(data, items, file=file, lines=lines)
    if blank.any():
        answers = answers.iloc[positions]
    answers.index = pd.RangeIndex(len(rows))
    table = pd.concat([pd.DataFrame(out, index=answers.index), answers], axis=1)
    table.attrs["source"] = file
    table.attrs["ignored_columns"] = ignored
    table.attrs["column_map"] = {**roles, **items}
    table.attrs["blank_rows"] = int(blank.sum())
    return table


def _id_inside(header: str, file: str | None) -> str | None:
    """The item id in brackets anywhere in a title, as form grids export them.

    A Google Forms multiple-choice grid exports one column per row, titled
    ``Grid title [Row text]`` (``How well do A and B fit? [[MV01] Governance ...]``);
    a Microsoft Forms Likert question may put the question title before the
    statement. Only ids of the item bank count here (``[MV01]``, ``[ct3]``,
    ``[H2]``); two different ones in one title are an error.
    """
    inst = instrument()
    known = set(inst.ids)
    found = set()
    for m in _ANY_BRACKET_ID.finditer(header):
        try:
            candidate = inst.canonical_id(m.group(1), m.group(2))
        except (KeyError, ValueError):
            continue
        if candidate in known:
            found.add(candidate)
    if len(found) > 1:
        raise InputError(
            "the column title holds more than one item id",
            file=file,
            line=1,
            column=_short(header),
            value=", ".join(sorted(found)),
            allowed="one item id in brackets per column title",
        )
    return found.pop() if found else None


def _warn_case_variants(names: list[str], file: str | None) -> None:
    """Warn when partnership names differ only in case or spacing ("Riverside", "riverside")."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(" ".join(str(name).split()).casefold(), []).append(str(name))
    variants = [g for g in groups.values() if len(g) > 1]
    if variants:
        shown = "; ".join(" / ".join(f"'{v}'" for v in g) for g in variants[:5])
        more = f" (and {len(variants) - 5} more)" if len(variants) > 5 else ""
        warnings.warn(
            InputWarning(
                (f"{file}: " if file else "")
                + "partnership names that differ only in case or spacing are counted as "
                f"different partnerships: {shown}{more}; write each name the same way if they "
                "are one partnership"
            ),
            stacklevel=4,
        )


def duplicated_keys(codes: list[np.ndarray], keep: str | bool = False) -> np.ndarray:
    """Rows whose combination of codes occurs more than once (``keep`` as in pandas)."""
    combined = np.zeros(len(codes[0]), dtype=np.int64)
    for column in codes:
        column = column.astype(np.int64)
        combined = combined * (int(column.max(initial=0)) + 2) + column + 1
    return pd.Series(combined).duplicated(keep=keep).to_numpy()


def _clean_text(series: pd.Series) -> tuple[np.ndarray, list[str], bool]:
    """Codes (-1 for blank), distinct values (surrounding spaces removed), whether any changed.

    Works on the distinct values only, so that large files stay fast.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        # Renumber the categories in order of first appearance, as factorize does.
        raw_codes = np.asarray(series.cat.codes, dtype=np.int64)
        given = raw_codes >= 0
        first, order = pd.factorize(raw_codes[given])
        codes = np.full(raw_codes.size, -1, dtype=np.int64)
        codes[given] = first
        uniques = series.cat.categories[np.asarray(order)]
    elif pd.api.types.is_string_dtype(series.dtype):
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    text = np.asarray(uniques, dtype=object).tolist()
    categories = getattr(series.dtype, "categories", None)
    if not pd.api.types.is_string_dtype(series.dtype if categories is None else categories.dtype):
        text = [str(u) for u in text]
    cleaned = [t.strip() for t in text]
    changed = cleaned != text
    if changed:
        distinct: dict[str, int] = {}
        table = np.array(
            [distinct.setdefault(c, len(distinct)) if c else -1 for c in cleaned] + [-1],
            dtype=np.int64,
        )
        codes = table[codes]
        cleaned = list(distinct)
    return codes, cleaned, changed


def _default_respondents(positions: np.ndarray, index: pd.Index, lines: bool) -> list[str]:
    if lines:
        return [f"row {csv_line(int(p))}" for p in positions]
    return [f"row {index[int(p)]}" for p in positions]


def read_responses(
    path: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    sheet: int | str | None = None,
) -> pd.DataFrame:
    """Read partners' answers from a canonical CSV, a Google Forms CSV or a Microsoft Forms XLSX.

    Parameters
    ----------
    path : path-like
        A ``.csv`` (UTF-8 with or without BOM, or Windows-1252) or ``.xlsx`` file.
    columns : mapping, optional
        Header -> ``partnership``, ``round``, ``organization``, ``respondent``
        or an item id, for headers the reader would not recognise by itself.
    sheet : int or str, optional
        The worksheet of an XLSX file (name or position). By default the one
        sheet that holds data; when several do, the error names them.

    Returns
    -------
    DataFrame
        The canonical table described in the module docstring. ``attrs`` holds
        ``source`` (the path), ``ignored_columns``, ``column_map`` and
        ``blank_rows``.

    Raises
    ------
    InputError
        For a missing, empty, unreadable or badly encoded file, no partnership
        column, an unknown item id, a blank partnership, a duplicate
        respondent, or an answer that is not valid; the message names the file,
        line, column, value and what is allowed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "answers.csv"
    >>> _ = path.write_text("partnership,respondent,MV01,CT01,H1\\nP,r1,2,5,yes\\n")
    >>> read_responses(path)
      partnership respondent  MV01  CT01   H1
    0           P         r1   2.0   5.0  1.0
    """
    from .io import shown_path

    name = shown_path(path)
    raw = read_table(path, sheet=sheet, numeric=lambda h: _looks_like_item(h, columns))
    try:
        return parse_responses(raw, file=name, columns=columns, lines=True)
    except InputError as exc:
        raise exc.located(file=name) from None


def _looks_like_item(header: str, columns: Mapping[str, str] | None) -> bool:
    if columns and header.strip() in columns:
        return str(columns[header.strip()]) not in _ROLES
    return bool(
        _BRACKET_ID.match(header)
        or instrument().id_pattern.match(header)
        or _ANY_BRACKET_ID.search(header)
    )
