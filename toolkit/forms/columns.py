"""Which column of an answers file is which: the identifying columns (partnership, round,
organisation, respondent) by their header names, and the items by their ids."""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping

from ..errors import InputError, InputWarning
from ..questionnaires import instrument

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


def _looks_like_item(header: str, columns: Mapping[str, str] | None) -> bool:
    if columns and header.strip() in columns:
        return str(columns[header.strip()]) not in _ROLES
    return bool(
        _BRACKET_ID.match(header)
        or instrument().id_pattern.match(header)
        or _ANY_BRACKET_ID.search(header)
    )
