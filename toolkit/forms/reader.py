"""Reading an answers file into the canonical table (see :mod:`toolkit.forms`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..errors import InputError, csv_line
from ..io import read_table, shown_path
from ..questionnaires import instrument
from .answers import answers_to_numbers
from .columns import _id_list, _looks_like_item, _map_columns, _short, _warn_case_variants


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
            out[role] = pd.Categorical.from_codes(role_codes, categories=categories)  # type: ignore[call-overload]  # stubs: categories as Index only
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


def duplicated_keys(
    codes: list[np.ndarray], keep: Literal["first", "last", False] = False
) -> np.ndarray:
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
    uniques: pd.Index | np.ndarray
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
    name = shown_path(path)
    raw = read_table(path, sheet=sheet, numeric=lambda h: _looks_like_item(h, columns))
    try:
        return parse_responses(raw, file=name, columns=columns, lines=True)
    except InputError as exc:
        raise exc.located(file=name) from None
