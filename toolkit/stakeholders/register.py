"""The stakeholder register: reference tables, reading and checking, rating thresholds."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, csv_line
from ..io import read_table, shown_path

#: The three spheres of society, in the order the toolkit always uses.
SECTORS: tuple[str, ...] = ("state", "market", "civil society")

#: Accepted sector names (lower case, single spaces) and the sector they mean.
SECTOR_SYNONYMS: dict[str, str] = {
    "state": "state",
    "public": "state",
    "public sector": "state",
    "government": "state",
    "market": "market",
    "private": "market",
    "private sector": "market",
    "business": "market",
    "civil society": "civil society",
    "non profit": "civil society",
    "nonprofit": "civil society",
    "not for profit": "civil society",
    "voluntary": "civil society",
    "voluntary sector": "civil society",
    "community": "civil society",
    "ngo": "civil society",
}

#: The four ratings every register row carries, each from 1 to 5.
RATINGS: tuple[str, ...] = ("power", "interest", "legitimacy", "urgency")

#: A rating at or above this counts as high (see the module docstring).
DEFAULT_THRESHOLD: float = 4.0

#: Share of all power at or above which one organisation or sector dominates.
DEFAULT_DOMINANCE_THRESHOLD: float = 0.5

#: A sector is *thin* with fewer than this many stakeholders ...
MIN_MEMBERS: int = 2
#: ... or with less than this share of the register.
THIN_SHARE: float = 0.1

#: Betweenness is exact (Brandes) up to this many stakeholders, estimated above it ...
BETWEENNESS_EXACT_LIMIT: int = 1000
#: ... from this many sampled source stakeholders.
BETWEENNESS_SAMPLES: int = 128

#: Mendelow's quadrants, keyed by (high power, high interest).
GRID_QUADRANTS: dict[tuple[bool, bool], str] = {
    (True, True): "manage closely",
    (True, False): "keep satisfied",
    (False, True): "keep informed",
    (False, False): "monitor",
}

#: Mitchell, Agle & Wood's classes, keyed by (power, legitimacy, urgency) held.
SALIENCE_CLASSES: dict[tuple[bool, bool, bool], tuple[str, str]] = {
    (True, False, False): ("dormant", "latent"),
    (False, True, False): ("discretionary", "latent"),
    (False, False, True): ("demanding", "latent"),
    (True, True, False): ("dominant", "expectant"),
    (True, False, True): ("dangerous", "expectant"),
    (False, True, True): ("dependent", "expectant"),
    (True, True, True): ("definitive", "definitive"),
    (False, False, False): ("non-stakeholder", "none"),
}

#: What the sources recommend for marginal stakeholders (paraphrased from the
#: encyclopedia article *Collaborative partnership*; see the module docstring).
MARGINAL_RECOMMENDATIONS: tuple[str, ...] = (
    "give them a voice in naming the issues and a share in the decisions that affect them",
    "explain why shared decision-making and formalised relationships matter",
    "offer external support: small organisations have little slack for joint work",
    "offer coaching so they can become effective members",
    "secure adequate, reliable financial and technical resources for their part",
)

#: Relationship kinds read as resources flowing from source to target.
RESOURCE_KINDS: tuple[str, ...] = ("funds", "pays", "gives resources to", "provides resources to")

_REQUIRED = ("name", "organization", "sector", *RATINGS)
_OPTIONAL = ("resources", "marginal", "notes")
_HEADER_ALIASES = {"organisation": "organization", "org": "organization"}
_YES = {"yes", "y", "true", "1", "1.0"}
_NO = {"no", "n", "false", "0", "0.0"}
_SECTOR_ALLOWED = (
    "state, market or civil society (synonyms: public, government; private, business; "
    "non-profit, voluntary, community, NGO)"
)
_RATING_ALLOWED = "a number from 1 to 5"


# --------------------------------------------------------------------------- helpers


def _text(series: pd.Series) -> pd.Series:
    """Strip text cells; blank cells become missing. Vectorised; returns object dtype."""
    text = series.astype("string").str.strip()
    text = text.mask(text == "")
    return text.astype(object).where(text.notna(), None)


def _per_unique(series: pd.Series, func) -> pd.Series:
    """Apply a vectorised string function to each distinct value once (names repeat a lot)."""
    codes, uniques = pd.factorize(series.astype(str))
    done = func(pd.Series(uniques, dtype=object).astype(str)).to_numpy(dtype=object)
    return pd.Series(done[codes], index=series.index, dtype=object)


def _key(series: pd.Series) -> pd.Series:
    """Case- and space-insensitive key used to match names."""
    return _per_unique(
        series, lambda s: s.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()
    )


def _first(mask: np.ndarray | pd.Series) -> int | None:
    arr = np.asarray(mask, dtype=bool)
    hits = np.flatnonzero(arr)
    return int(hits[0]) if hits.size else None


def _normalise_headers(frame: pd.DataFrame, file: str | None, known: Iterable[str]) -> pd.DataFrame:
    known = set(known)
    renamed = {}
    for column in frame.columns:
        clean = str(column).strip()
        low = re.sub(r"\s+", "_", clean.lower())
        low = _HEADER_ALIASES.get(low, low)
        renamed[column] = low if low in known else clean
    new = list(renamed.values())
    seen: set[str] = set()
    for name in new:
        if name in seen:
            raise InputError(
                "the same column appears twice", file=file, column=name, allowed="each column once"
            )
        seen.add(name)
    return frame.rename(columns=renamed)


def _ratings(values: pd.Series, column: str, file: str | None, *, required: bool) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    given = values.notna()
    if required and (i := _first(~given)) is not None:
        raise InputError(
            "a rating is missing",
            file=file,
            line=csv_line(i),
            column=column,
            allowed=_RATING_ALLOWED,
        )
    if (i := _first(given.to_numpy() & numbers.isna().to_numpy())) is not None:
        raise InputError(
            "a rating is not a number",
            file=file,
            line=csv_line(i),
            column=column,
            value=values.iloc[i],
            allowed=_RATING_ALLOWED,
        )
    bad = numbers.notna() & ~numbers.between(1, 5)
    if (i := _first(bad)) is not None:
        raise InputError(
            "a rating is out of range",
            file=file,
            line=csv_line(i),
            column=column,
            value=values.iloc[i],
            allowed=_RATING_ALLOWED,
        )
    return numbers


def resolve_thresholds(thresholds: float | Mapping[str, float] | None = None) -> dict[str, float]:
    """Return the "high" threshold for each rating, checked.

    Parameters
    ----------
    thresholds : float or mapping, optional
        One threshold for every rating, or a mapping from some of
        :data:`RATINGS` to a threshold (the others keep
        :data:`DEFAULT_THRESHOLD`). Each must satisfy ``1 < t <= 5``, so that a
        rating of 1 is always low and 5 always high.

    Examples
    --------
    >>> resolve_thresholds()
    {'power': 4.0, 'interest': 4.0, 'legitimacy': 4.0, 'urgency': 4.0}
    >>> resolve_thresholds({"interest": 3})["interest"]
    3.0
    """
    if thresholds is None:
        values: dict[str, Any] = {}
    elif isinstance(thresholds, Mapping):
        values = dict(thresholds)
        unknown = sorted(set(values) - set(RATINGS))
        if unknown:
            raise InputError(
                "unknown rating in thresholds", value=unknown[0], allowed=", ".join(RATINGS)
            )
    else:
        values = dict.fromkeys(RATINGS, thresholds)
    out = {}
    for rating in RATINGS:
        raw = values.get(rating, DEFAULT_THRESHOLD)
        try:
            t = float(raw)
        except (TypeError, ValueError):
            raise InputError(
                "threshold is not a number",
                column=rating,
                value=raw,
                allowed="a number greater than 1 and at most 5",
            ) from None
        if not (1 < t <= 5):
            raise InputError(
                "threshold out of range",
                column=rating,
                value=raw,
                allowed="a number greater than 1 and at most 5",
            )
        out[rating] = t
    return out


# --------------------------------------------------------------------------- readers


def validate_register(frame: pd.DataFrame, *, file: str | None = None) -> pd.DataFrame:
    """Check a stakeholder register and return a clean copy.

    Parameters
    ----------
    frame : DataFrame
        Required columns ``name`` (unique, compared ignoring case and extra
        spaces), ``organization`` (or ``organisation``), ``sector`` (one of
        :data:`SECTORS` or a synonym in :data:`SECTOR_SYNONYMS`), and ``power``,
        ``interest``, ``legitimacy``, ``urgency`` (numbers from 1 to 5).
        Optional: ``resources`` and ``notes`` (free text) and ``marginal``
        (yes/no, blank to let the ratings decide). Headers are matched ignoring
        case. Other columns are kept as they are. The input is not modified.
    file : str, optional
        The file name to put in error messages.

    Returns
    -------
    DataFrame
        Same index. Text stripped, ``sector`` canonical, ratings as floats,
        ``marginal`` as True/False/missing, and ``sector_mapped_from``: the
        sector as written where a synonym was mapped, otherwise missing.

    Raises
    ------
    InputError
        Naming the line, column, value and what is allowed, for a missing
        column, an empty register, a missing or duplicate name, a missing
        organisation, an unknown sector, or a rating that is missing, not a
        number or out of range.

    Examples
    --------
    >>> raw = pd.DataFrame({"Name": ["A"], "Organisation": ["Org A"], "sector": ["NGO"],
    ...                     "power": ["2"], "interest": [5], "legitimacy": [3], "urgency": [4]})
    >>> clean = validate_register(raw)
    >>> clean[["name", "organization", "sector", "power", "sector_mapped_from"]]
      name organization         sector  power sector_mapped_from
    0    A        Org A  civil society    2.0                NGO
    >>> validate_register(raw.assign(sector=["church"]))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: line 2, column 'sector': unknown sector: got 'church'; ...
    """
    out = _normalise_headers(frame.copy(), file, (*_REQUIRED, *_OPTIONAL, "sector_mapped_from"))
    missing = [c for c in _REQUIRED if c not in out.columns]
    if missing:
        raise InputError(
            "a required column is missing",
            file=file,
            column=missing[0],
            allowed="columns " + ", ".join(_REQUIRED),
        )
    if len(out) == 0:
        raise InputError(
            "the register has no stakeholders",
            file=file,
            allowed="one row per stakeholder under the header",
        )
    for column in ("name", "organization", "sector"):
        out[column] = _text(out[column])
        if (i := _first(out[column].isna())) is not None:
            allowed = {
                "name": "a name, unique in the register",
                "organization": "the organisation the stakeholder belongs to "
                "(their own name for an individual)",
                "sector": _SECTOR_ALLOWED,
            }[column]
            raise InputError(
                f"the {column} is missing",
                file=file,
                line=csv_line(i),
                column=column,
                allowed=allowed,
            )
    keys = _key(out["name"])
    dup = keys.duplicated(keep="first").to_numpy()
    if (i := _first(dup)) is not None:
        first = int(np.flatnonzero((keys == keys.iloc[i]).to_numpy())[0])
        raise InputError(
            "duplicate name",
            file=file,
            line=csv_line(i),
            column="name",
            value=out["name"].iloc[i],
            allowed=f"each name once (already used on line {csv_line(first)})",
        )
    written = out["sector"]
    sector_key = _per_unique(
        written, lambda s: s.str.lower().str.replace(r"[-_\s]+", " ", regex=True).str.strip()
    )
    canonical = sector_key.map(SECTOR_SYNONYMS)
    if (i := _first(canonical.isna())) is not None:
        raise InputError(
            "unknown sector",
            file=file,
            line=csv_line(i),
            column="sector",
            value=written.iloc[i],
            allowed=_SECTOR_ALLOWED,
        )
    mapped = sector_key != canonical
    previous = (
        _text(out["sector_mapped_from"])
        if "sector_mapped_from" in out.columns
        else pd.Series(None, index=out.index, dtype=object)
    )
    out["sector_mapped_from"] = previous.where(previous.notna(), written.where(mapped, None))
    out["sector"] = canonical.astype(object)
    for rating in RATINGS:
        out[rating] = _ratings(out[rating], rating, file, required=True)
    if "marginal" in out.columns:
        flags = _text(out["marginal"])
        low = flags.str.lower() if flags.notna().any() else flags
        yes = low.isin(_YES)
        no = low.isin(_NO)
        if (i := _first((flags.notna() & ~yes & ~no).to_numpy())) is not None:
            raise InputError(
                "marginal must be yes or no",
                file=file,
                line=csv_line(i),
                column="marginal",
                value=flags.iloc[i],
                allowed="yes, no, or blank to derive it from power and interest",
            )
        marginal = np.where(yes, True, np.where(no, False, None))  # type: ignore[call-overload]  # numpy stubs: no None fallback
        out["marginal"] = pd.array(marginal, dtype="boolean")
    else:
        out["marginal"] = pd.array([None] * len(out), dtype="boolean")
    for column in ("resources", "notes"):
        out[column] = _text(out[column]) if column in out.columns else None
    order = [*_REQUIRED, "resources", "marginal", "notes", "sector_mapped_from"]
    rest = [c for c in out.columns if c not in order]
    return out[order + rest]


def read_register(path: Any, *, sheet: int | str | None = None) -> pd.DataFrame:
    """Read and validate a register from a CSV or XLSX file (see :func:`validate_register`).

    ``sheet`` picks the worksheet of an XLSX file (see :func:`toolkit.io.read_table`).

    >>> from importlib import resources
    >>> path = resources.files("toolkit.data").joinpath("example_register.csv")
    >>> len(read_register(path))
    12
    """
    frame = read_table(path, sheet=sheet)
    return validate_register(frame, file=shown_path(path))


@cache
def _example(name: str) -> pd.DataFrame:
    with resources.files("toolkit.data").joinpath(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False, na_values=[""])


def example_register() -> pd.DataFrame:
    """Return a small, validated, **invented** register for teaching.

    The twelve stakeholders ("City council (example)", "Food bank (example)",
    ...) are made-up teaching data, not a real partnership or case: use them to
    try the functions. Sectors are written with synonyms on purpose, to show the
    mapping.

    >>> example_register()["sector"].value_counts().to_dict()
    {'civil society': 6, 'state': 4, 'market': 2}
    """
    return validate_register(_example("example_register.csv"), file="example_register.csv")


def sector_mappings(register: pd.DataFrame) -> pd.DataFrame:
    """Say which sector synonyms were mapped to which sector, and how often.

    >>> sector_mappings(example_register())
             from             to  count
    0    business         market      1
    1   community  civil society      1
    2  government          state      1
    3         NGO  civil society      1
    4  non-profit  civil society      1
    5     private         market      1
    6      public          state      1
    7   voluntary  civil society      1
    """
    if "sector_mapped_from" not in register.columns:
        return pd.DataFrame({"from": [], "to": [], "count": []}).astype({"count": int})
    mapped = register.loc[register["sector_mapped_from"].notna(), ["sector_mapped_from", "sector"]]
    table = (
        mapped.groupby(["sector_mapped_from", "sector"], sort=False)
        .size()
        .reset_index(name="count")
        .rename(columns={"sector_mapped_from": "from", "sector": "to"})
    )
    # Sorted by the text as written, so the result does not depend on the row order.
    table = table.sort_values(["from"], key=lambda s: s.str.casefold(), kind="stable")
    return table.reset_index(drop=True)


def _num(x: float) -> str:
    return f"{x:g}"
