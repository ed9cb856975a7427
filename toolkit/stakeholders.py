"""Stakeholder mapping: who is involved, who is missing, who holds the power.

A *register* lists the stakeholders of a partnership, one row each, with the
sector they belong to and four ratings from 1 to 5. An optional table of
*relationships* says who is tied to whom. From these the module derives:

* the **power/interest grid** (Mendelow, 1991): high power and high interest,
  *manage closely*; high power, low interest, *keep satisfied*; low power, high
  interest, *keep informed*; low power and low interest, *monitor*;
* **salience** (Mitchell, Agle & Wood, 1997): which of power, legitimacy and
  urgency a stakeholder holds. One attribute makes a *latent* stakeholder
  (power alone: dormant; legitimacy alone: discretionary; urgency alone:
  demanding), two an *expectant* one (power and legitimacy: dominant; power and
  urgency: dangerous; legitimacy and urgency: dependent), all three a
  *definitive* one; none, a non-stakeholder;
* **marginal stakeholders** and what the sources recommend for them;
* **coverage** of the three spheres of society, **dominance** of the power in
  the map, and a readable list of **gaps**;
* candidate members under the **three member-identification models** of step 3
  of the six-step model (Roberts, after Cummings);
* with relationships, **network measures**: degree, betweenness, boundary
  spanners and isolated members.

Sectors
-------
Cross-sector partnerships bring together actors from at least two of the three
spheres of society: the state, the market and civil society (Glasbergen et al.,
as summarised in the encyclopedia article *Collaborative partnership*). The
register accepts these names and common synonyms (:data:`SECTOR_SYNONYMS`);
:func:`sector_mappings` reports which were mapped. Anything else is an error.

When is a rating "high"?
------------------------
A rating counts as high when it is at or above a threshold,
:data:`DEFAULT_THRESHOLD` = 4 unless configured. On a 1-5 rating 3 is the
neutral middle of the scale, so "high" should mean clearly above it: 4 or 5.
This is also how the toolkit reads 1-5 agreement scales elsewhere (the Wilder
Collaboration Factors Inventory reads 4.0 and above as a strength). Any
threshold ``t`` with ``1 < t <= 5`` may be given, for all four ratings at once
or per rating (``{"power": 3.5}``), so 1 is always low and 5 always high.
Ratings may be decimals (for example averages of several raters).

Marginal stakeholders
---------------------
A stakeholder is *marginal* when their power is low and their interest high
(the *keep informed* quadrant), unless the register's ``marginal`` column says
yes or no. The encyclopedia article *Collaborative partnership* (section on
marginal stakeholders and power imbalance) says that marginal stakeholders are
an asset to collaborative networks; that partnerships should give marginalised
groups a voice in naming the issues and a share in the decisions that affect
them, and guard against one group dominating the conversation; that marginal
stakeholders need to understand why shared decision-making and formalised
relationships matter, need external support (being small, they have little
slack to spend on working across organisations), need coaching to become
effective members, and need adequate, reliable financial and technical
resources. It also warns that resources flowing one way give the provider power
over the receiver. :data:`MARGINAL_RECOMMENDATIONS` paraphrases these points.

Dominance
---------
Power held is the sum of the power ratings. An organisation or a sector
*dominates* the map when it holds at least ``dominance_threshold`` (default
0.5: as much power as everyone else together) of the total. The article warns
against one group dominating conversations and decision-making.

Betweenness
-----------
Betweenness (the share of shortest paths between other pairs that pass through
a stakeholder) is computed with Brandes' algorithm (Brandes, 2001), vectorised
with numpy, on the undirected network of ties (a relationship in either
direction is a tie; several relationships between the same pair count once).
It is exact up to ``exact_limit`` stakeholders (default 1,000). Above that it is
*estimated* from ``samples`` source stakeholders (default 128) drawn with a
seeded generator (seed 0), scaled up as in Brandes & Pich (2007): the same input
always gives the same figures, and :func:`betweenness_method` says which was
used. Values are normalised to 0-1.

Examples
--------
>>> reg = example_register()
>>> out = analyse_stakeholders(reg)
>>> out.loc[out["name"] == "Residents' group (example)", ["grid", "salience", "marginal"]]
            grid   salience  marginal
5  keep informed  dependent      True
>>> sector_coverage(reg)[["sector", "stakeholders", "status"]]
          sector  stakeholders status
0          state             4     ok
1         market             2     ok
2  civil society             6     ok
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from .errors import InputError, csv_line
from .io import read_table

__all__ = [
    "DEFAULT_DOMINANCE_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "GRID_QUADRANTS",
    "MARGINAL_RECOMMENDATIONS",
    "RATINGS",
    "RESOURCE_KINDS",
    "SALIENCE_CLASSES",
    "SECTORS",
    "SECTOR_SYNONYMS",
    "analyse_stakeholders",
    "betweenness_method",
    "coverage_gaps",
    "example_register",
    "example_relationships",
    "expanding_network_candidates",
    "marginal_stakeholders",
    "network_measures",
    "one_way_resource_flows",
    "power_dominance",
    "power_interest_grid",
    "read_register",
    "read_relationships",
    "resolve_thresholds",
    "salience",
    "sector_coverage",
    "sector_mappings",
    "self_selection_candidates",
    "stakeholder_analysis_candidates",
    "stakeholder_summary",
    "validate_register",
    "validate_relationships",
]

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
        first = _first((keys == keys.iloc[i]).to_numpy())
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
        out["marginal"] = pd.array(np.where(yes, True, np.where(no, False, None)), dtype="boolean")
    else:
        out["marginal"] = pd.array([None] * len(out), dtype="boolean")
    for column in ("resources", "notes"):
        out[column] = _text(out[column]) if column in out.columns else None
    order = [*_REQUIRED, "resources", "marginal", "notes", "sector_mapped_from"]
    rest = [c for c in out.columns if c not in order]
    return out[order + rest]


def read_register(path: Any) -> pd.DataFrame:
    """Read and validate a register from a CSV or XLSX file (see :func:`validate_register`).

    >>> from importlib import resources
    >>> path = resources.files("toolkit.data").joinpath("example_register.csv")
    >>> len(read_register(path))
    12
    """
    frame = read_table(path)
    return validate_register(frame, file=str(path))


def validate_relationships(
    frame: pd.DataFrame, register: pd.DataFrame, *, file: str | None = None
) -> pd.DataFrame:
    """Check a relationships table against a (validated) register; return a clean copy.

    Parameters
    ----------
    frame : DataFrame
        Columns ``source`` and ``target`` (names from the register, matched
        ignoring case and extra spaces), optional ``kind`` (free text such as
        ``funds``, ``informs``, ``partners with``) and ``strength`` (1-5 or
        blank). Other columns are kept. The input is not modified.
    register : DataFrame
        The register the names must come from.

    Returns
    -------
    DataFrame
        Names written as in the register, ``kind`` stripped, ``strength`` as
        float (missing when blank). A table with a header and no rows is
        allowed: nobody is tied to anybody.

    Raises
    ------
    InputError
        For a missing column, a missing or unknown name, a relationship of a
        stakeholder with themselves, a strength out of range, or the same
        relationship (source, target, kind) listed twice.

    Examples
    --------
    >>> reg = example_register()
    >>> rel = pd.DataFrame({"source": ["city council (example)"],
    ...                     "target": ["Food bank (example)"], "kind": ["funds"]})
    >>> validate_relationships(rel, reg)[["source", "target", "kind", "strength"]]
                       source               target   kind  strength
    0  City council (example)  Food bank (example)  funds       NaN
    """
    out = _normalise_headers(frame.copy(), file, ("source", "target", "kind", "strength"))
    for column in ("source", "target"):
        if column not in out.columns:
            raise InputError(
                "a required column is missing",
                file=file,
                column=column,
                allowed="columns source, target (optional: kind, strength)",
            )
    names = pd.Series(register["name"].to_numpy(), index=_key(register["name"]).to_numpy())
    for column in ("source", "target"):
        text = _text(out[column])
        if (i := _first(text.isna())) is not None:
            raise InputError(
                f"the {column} is missing",
                file=file,
                line=csv_line(i),
                column=column,
                allowed="a name from the register",
            )
        canonical = _key(text).map(names)
        if (i := _first(canonical.isna())) is not None:
            sample = ", ".join(repr(n) for n in register["name"].head(3))
            raise InputError(
                "this stakeholder is not in the register",
                file=file,
                line=csv_line(i),
                column=column,
                value=text.iloc[i],
                allowed=f"a name from the register (e.g. {sample})",
            )
        out[column] = canonical.astype(object)
    if (i := _first((out["source"] == out["target"]).to_numpy())) is not None:
        raise InputError(
            "a stakeholder is related to themselves",
            file=file,
            line=csv_line(i),
            column="target",
            value=out["target"].iloc[i],
            allowed="a different stakeholder from the source",
        )
    out["kind"] = _text(out["kind"]) if "kind" in out.columns else None
    if "strength" in out.columns:
        out["strength"] = _ratings(out["strength"], "strength", file, required=False)
    else:
        out["strength"] = np.nan
    dup = out.assign(_k=out["kind"].fillna("").str.casefold()).duplicated(
        ["source", "target", "_k"], keep="first"
    )
    if (i := _first(dup.to_numpy())) is not None:
        raise InputError(
            "the same relationship is listed twice",
            file=file,
            line=csv_line(i),
            column="source",
            value=out["source"].iloc[i] + " -> " + out["target"].iloc[i],
            allowed="each source, target and kind once",
        )
    order = ["source", "target", "kind", "strength"]
    return out[order + [c for c in out.columns if c not in order]]


def read_relationships(path: Any, register: pd.DataFrame) -> pd.DataFrame:
    """Read and validate a relationships file (see :func:`validate_relationships`).

    A file with only a header row is allowed (no relationships); an empty file
    is an error.
    """
    frame = read_table(path)
    return validate_relationships(frame, register, file=str(path))


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


def example_relationships() -> pd.DataFrame:
    """Return the **invented** relationships between the :func:`example_register` stakeholders.

    Made-up teaching data: thirteen ties (funds, informs, partners with); one
    stakeholder has none, to show an isolated member.

    >>> len(example_relationships())
    13
    """
    return validate_relationships(
        _example("example_relationships.csv"), example_register(), file="example_relationships.csv"
    )


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


# --------------------------------------------------------------------------- analyses


def power_interest_grid(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Place each stakeholder in Mendelow's power/interest grid.

    Returns a DataFrame with the register's index and the column ``grid``
    (one of the values of :data:`GRID_QUADRANTS`), plus ``high_power`` and
    ``high_interest``.

    >>> reg = pd.DataFrame({"power": [4, 4, 3, 3], "interest": [4, 3, 4, 3]})
    >>> power_interest_grid(reg)["grid"].tolist()
    ['manage closely', 'keep satisfied', 'keep informed', 'monitor']
    """
    t = resolve_thresholds(thresholds)
    p = register["power"].to_numpy(dtype=float) >= t["power"]
    i = register["interest"].to_numpy(dtype=float) >= t["interest"]
    labels = np.select(
        [p & i, p & ~i, ~p & i], ["manage closely", "keep satisfied", "keep informed"], "monitor"
    )
    return pd.DataFrame(
        {"grid": labels.astype(object), "high_power": p, "high_interest": i},
        index=register.index,
    )


def salience(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Classify each stakeholder by salience (Mitchell, Agle & Wood, 1997).

    Returns a DataFrame with the register's index and columns ``salience``
    (dormant, discretionary, demanding, dominant, dangerous, dependent,
    definitive or non-stakeholder), ``salience_group`` (latent, expectant,
    definitive or none), ``attributes`` (how many of power, legitimacy and
    urgency are high, 0-3) and ``attributes_held`` (their names).

    >>> reg = pd.DataFrame({"power": [5, 1, 5], "legitimacy": [5, 1, 1], "urgency": [5, 1, 4]})
    >>> salience(reg)[["salience", "salience_group", "attributes"]]
              salience salience_group  attributes
    0       definitive     definitive           3
    1  non-stakeholder           none           0
    2        dangerous      expectant           2
    """
    t = resolve_thresholds(thresholds)
    p = register["power"].to_numpy(dtype=float) >= t["power"]
    lg = register["legitimacy"].to_numpy(dtype=float) >= t["legitimacy"]
    u = register["urgency"].to_numpy(dtype=float) >= t["urgency"]
    code = p.astype(int) * 4 + lg.astype(int) * 2 + u.astype(int)
    names = np.empty(8, dtype=object)
    groups = np.empty(8, dtype=object)
    held = np.empty(8, dtype=object)
    for (hp, hl, hu), (name, group) in SALIENCE_CLASSES.items():
        c = hp * 4 + hl * 2 + hu
        names[c], groups[c] = name, group
        held[c] = ", ".join(
            a for a, h in zip(("power", "legitimacy", "urgency"), (hp, hl, hu), strict=True) if h
        )
    return pd.DataFrame(
        {
            "salience": names[code],
            "salience_group": groups[code],
            "attributes": p.astype(int) + lg.astype(int) + u.astype(int),
            "attributes_held": held[code],
        },
        index=register.index,
    )


def marginal_stakeholders(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Flag marginal stakeholders and say what the sources recommend for them.

    Marginal means low power and high interest, unless the register's
    ``marginal`` column says yes or no for that row.

    Returns
    -------
    DataFrame
        The register's index; ``marginal`` (bool), ``marginal_source``
        (``"ratings"`` or ``"register"``) and ``recommendation`` (the
        :data:`MARGINAL_RECOMMENDATIONS` joined, for marginal rows; empty
        otherwise).

    Examples
    --------
    >>> reg = pd.DataFrame({"power": [1, 1, 5], "interest": [5, 5, 5],
    ...                     "marginal": pd.array([None, False, True], dtype="boolean")})
    >>> marginal_stakeholders(reg)[["marginal", "marginal_source"]]
       marginal marginal_source
    0      True         ratings
    1     False        register
    2      True        register
    """
    grid = power_interest_grid(register, thresholds)
    derived = (~grid["high_power"] & grid["high_interest"]).to_numpy()
    if "marginal" in register.columns:
        given = pd.array(register["marginal"], dtype="boolean")
        known = ~np.asarray(given.isna())
        final = np.where(known, np.asarray(given.fillna(False), dtype=bool), derived)
    else:
        known = np.zeros(len(register), dtype=bool)
        final = derived
    text = "; ".join(MARGINAL_RECOMMENDATIONS)
    return pd.DataFrame(
        {
            "marginal": final.astype(bool),
            "marginal_source": np.where(known, "register", "ratings").astype(object),
            "recommendation": np.where(final, text, "").astype(object),
        },
        index=register.index,
    )


def analyse_stakeholders(
    register: pd.DataFrame, thresholds: float | Mapping[str, float] | None = None
) -> pd.DataFrame:
    """Return the register with grid, salience and marginal columns added.

    The result is a new DataFrame (same index); ``marginal`` holds the final
    flag (see :func:`marginal_stakeholders`).

    >>> out = analyse_stakeholders(example_register())
    >>> out["grid"].value_counts().sort_index().to_dict()
    {'keep informed': 4, 'keep satisfied': 2, 'manage closely': 2, 'monitor': 4}
    """
    grid = power_interest_grid(register, thresholds)
    sal = salience(register, thresholds)
    marg = marginal_stakeholders(register, thresholds)
    out = register.drop(columns=["marginal"], errors="ignore").copy()
    out["grid"] = grid["grid"]
    for column in sal.columns:
        out[column] = sal[column]
    for column in marg.columns:
        out[column] = marg[column]
    return out


def sector_coverage(
    register: pd.DataFrame, *, min_members: int = 2, thin_share: float = 0.1
) -> pd.DataFrame:
    """Count stakeholders and power per sector, and say which sectors are missing or thin.

    A sector is ``missing`` with no stakeholder, ``thin`` when it has fewer than
    ``min_members`` stakeholders (default 2: one person cannot be away) or fewer
    than ``thin_share`` of them (default 10%), otherwise ``ok``. Always three
    rows, in the order of :data:`SECTORS`.

    >>> reg = pd.DataFrame({"sector": ["state", "state", "civil society"], "power": [5, 4, 1]})
    >>> sector_coverage(reg)
              sector  stakeholders     share  power  power_share   status
    0          state             2  0.666667    9.0          0.9       ok
    1         market             0  0.000000    0.0          0.0  missing
    2  civil society             1  0.333333    1.0          0.1     thin
    """
    counts = register["sector"].value_counts().reindex(list(SECTORS), fill_value=0)
    power = (
        register["power"]
        .astype(float)
        .groupby(register["sector"])
        .sum()
        .reindex(list(SECTORS), fill_value=0.0)
    )
    total_n = max(int(counts.sum()), 1)
    total_p = float(power.sum()) or 1.0
    share = counts.to_numpy() / total_n
    status = np.where(
        counts.to_numpy() == 0,
        "missing",
        np.where((counts.to_numpy() < min_members) | (share < thin_share), "thin", "ok"),
    )
    return pd.DataFrame(
        {
            "sector": list(SECTORS),
            "stakeholders": counts.to_numpy().astype(int),
            "share": share,
            "power": power.to_numpy(dtype=float),
            "power_share": power.to_numpy(dtype=float) / total_p,
            "status": status.astype(object),
        }
    )


def power_dominance(
    register: pd.DataFrame, *, threshold: float = DEFAULT_DOMINANCE_THRESHOLD
) -> pd.DataFrame:
    """Measure whether one organisation or one sector holds most of the power.

    Power held is the sum of the power ratings. Returns two rows, ``level``
    ``organization`` and ``sector``, each naming the largest holder (ties go to
    the first in the register), its ``power``, its ``share`` of the total, and
    ``dominates`` (share at least ``threshold``, default 0.5).

    >>> reg = pd.DataFrame({"organization": ["A", "A", "B"],
    ...                     "sector": ["state", "state", "market"], "power": [5, 4, 1]})
    >>> power_dominance(reg)
              level largest  power  share  dominates  threshold
    0  organization       A    9.0    0.9       True        0.5
    1        sector   state    9.0    0.9       True        0.5
    """
    if not (0 < threshold <= 1):
        raise InputError(
            "dominance threshold out of range",
            value=threshold,
            allowed="a share greater than 0 and at most 1",
        )
    power = register["power"].astype(float)
    total = float(power.sum()) or 1.0
    rows = []
    for level in ("organization", "sector"):
        sums = power.groupby(register[level], sort=False).sum()
        top = sums.idxmax() if len(sums) else None
        value = float(sums.max()) if len(sums) else 0.0
        rows.append((level, top, value, value / total))
    out = pd.DataFrame(rows, columns=["level", "largest", "power", "share"])
    out["dominates"] = out["share"] >= threshold
    out["threshold"] = float(threshold)
    return out


def one_way_resource_flows(
    relationships: pd.DataFrame, kinds: Iterable[str] = RESOURCE_KINDS
) -> pd.DataFrame:
    """Relationships where resources flow one way: source gives, target gets, none back.

    The encyclopedia article *Collaborative partnership* warns that a one-way
    flow of resources gives the provider power over the receiver. A relationship
    counts when its ``kind`` is one of ``kinds`` (compared ignoring case) and no
    resource relationship runs from the target back to the source.

    >>> rel = pd.DataFrame({"source": ["A", "B", "A"], "target": ["B", "A", "C"],
    ...                     "kind": ["funds", "funds", "funds"], "strength": [3, 2, 1]})
    >>> one_way_resource_flows(rel)[["source", "target", "kind"]]
      source target   kind
    2      A      C  funds
    """
    wanted = {k.casefold() for k in kinds}
    kind = relationships["kind"].astype(object).fillna("").astype(str).str.casefold()
    flows = relationships.loc[kind.isin(wanted).to_numpy()]
    forward = flows["source"].astype(str) + "\x00" + flows["target"].astype(str)
    backward = flows["target"].astype(str) + "\x00" + flows["source"].astype(str)
    return flows.loc[~backward.isin(set(forward)).to_numpy()]


# --------------------------------------------------------------------------- network


def _graph(register: pd.DataFrame, relationships: pd.DataFrame):
    """Undirected simple graph as CSR arrays over register positions."""
    n = len(register)
    index = pd.Index(register["name"].to_numpy())
    u = index.get_indexer(relationships["source"].to_numpy())
    v = index.get_indexer(relationships["target"].to_numpy())
    if (u < 0).any() or (v < 0).any():
        raise InputError(
            "a relationship names a stakeholder who is not in the register",
            allowed="validate the relationships against this register",
        )
    a, b = np.minimum(u, v).astype(np.int64), np.maximum(u, v).astype(np.int64)
    keys = np.unique(a * n + b)
    a, b = keys // n, keys % n
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    order = np.argsort(src, kind="stable")
    indices = dst[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src.astype(np.intp), minlength=n), out=indptr[1:])
    return n, indptr, indices, src[order]


def _brandes(
    indptr: np.ndarray, indices: np.ndarray, n: int, sources: np.ndarray, batch: int = 16
) -> np.ndarray:
    """Sum of Brandes' dependencies over ``sources`` (unweighted, undirected).

    Sources are processed in batches; each breadth-first search touches only
    the edges of its current frontier, all with numpy array operations.
    """
    bc = np.zeros(n)
    deg = np.diff(indptr)
    for start in range(0, len(sources), batch):
        s = np.asarray(sources[start : start + batch], dtype=np.int64)
        size = len(s) * n
        dist = np.full(size, -1, dtype=np.int32)
        sigma = np.zeros(size)
        owner = np.empty(size, dtype=np.int64)
        roots = np.arange(len(s), dtype=np.int64) * n + s
        dist[roots] = 0
        sigma[roots] = 1.0
        frontier, levels, d = roots, [], 0
        while frontier.size:
            v = frontier % n
            cnt = deg[v]
            total = int(cnt.sum())
            if total == 0:
                break
            ends = np.cumsum(cnt)
            pos = np.arange(total, dtype=np.int64) + np.repeat(indptr[v] - (ends - cnt), cnt)
            wkey = np.repeat(frontier - v, cnt) + indices[pos]
            vkey = np.repeat(frontier, cnt)
            dw = dist[wkey]
            new = dw == -1
            found = wkey[new]
            dist[found] = d + 1
            idx = np.arange(found.size, dtype=np.int64)
            owner[found] = idx
            nxt = found[owner[found] == idx]
            on = new | (dw == d + 1)
            ev, ew = vkey[on], wkey[on]
            sigma += np.bincount(ew.astype(np.intp), weights=sigma[ev], minlength=size)
            levels.append((ev, ew))
            frontier, d = nxt, d + 1
        delta = np.zeros(size)
        for ev, ew in reversed(levels):
            delta += np.bincount(
                ev.astype(np.intp),
                weights=sigma[ev] / sigma[ew] * (1.0 + delta[ew]),
                minlength=size,
            )
        delta[roots] = 0.0
        bc += delta.reshape(len(s), n).sum(axis=0)
    return bc


def betweenness_method(
    n: int, *, exact_limit: int = 1000, samples: int = 128, seed: int = 0
) -> str:
    """Say, in words, how betweenness is computed for a network of ``n`` stakeholders.

    >>> betweenness_method(12)
    'exact (Brandes)'
    >>> betweenness_method(10_000)
    'estimated from 128 sampled source stakeholders (seed 0)'
    """
    if n <= exact_limit or samples >= n:
        return "exact (Brandes)"
    return f"estimated from {samples} sampled source stakeholders (seed {seed})"


def network_measures(
    register: pd.DataFrame,
    relationships: pd.DataFrame,
    *,
    min_other_sectors: int = 1,
    exact_limit: int = 1000,
    samples: int = 128,
    seed: int = 0,
) -> pd.DataFrame:
    """Centrality, boundary spanning and isolation of each stakeholder.

    Parameters
    ----------
    register, relationships : DataFrame
        Validated (see :func:`validate_register`, :func:`validate_relationships`).
    min_other_sectors : int
        A *boundary spanner* is tied to stakeholders of at least this many
        sectors other than their own (default 1).
    exact_limit, samples, seed : int
        How betweenness is computed (see the module docstring and
        :func:`betweenness_method`).

    Returns
    -------
    DataFrame
        Register index; ``name``, ``sector``, ``degree`` (number of distinct
        stakeholders tied to), ``relationships`` (rows naming the
        stakeholder), ``betweenness`` (0-1), ``other_sectors`` (how many other
        sectors they are tied to), ``boundary_spanner``, ``isolate`` (no tie at
        all).

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abcd"), "power": [1, 2, 3, 4],
    ...                     "sector": ["state", "market", "civil society", "state"]})
    >>> rel = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    >>> network_measures(reg, rel)[["name", "degree", "betweenness", "boundary_spanner", "isolate"]]
      name  degree  betweenness  boundary_spanner  isolate
    0    a       1     0.000000              True    False
    1    b       2     0.333333              True    False
    2    c       1     0.000000              True    False
    3    d       0     0.000000             False     True
    """
    n, indptr, indices, src = _graph(register, relationships)
    degree = np.diff(indptr)
    if n > 2 and indices.size:
        if n <= exact_limit or samples >= n:
            sources, scale = np.arange(n), 1.0
        else:
            rng = np.random.default_rng(seed)
            sources = np.sort(rng.choice(n, size=samples, replace=False))
            scale = n / samples
        raw = _brandes(indptr, indices, n, sources) * scale
        between = raw / ((n - 1) * (n - 2))
    else:
        between = np.zeros(n)
    sector_code = pd.Categorical(register["sector"], categories=list(SECTORS)).codes.astype(
        np.int64
    )
    seen = np.zeros((n, len(SECTORS)), dtype=bool)
    seen[src, sector_code[indices]] = True
    seen[np.arange(n), sector_code] = False
    other = seen.sum(axis=1)
    counts = (
        pd.concat([relationships["source"], relationships["target"]])
        .value_counts()
        .reindex(register["name"].to_numpy(), fill_value=0)
        .to_numpy()
    )
    return pd.DataFrame(
        {
            "name": register["name"].to_numpy(),
            "sector": register["sector"].to_numpy(),
            "degree": degree.astype(int),
            "relationships": counts.astype(int),
            "betweenness": between,
            "other_sectors": other.astype(int),
            "boundary_spanner": other >= min_other_sectors,
            "isolate": degree == 0,
        },
        index=register.index,
    )


# --------------------------------------------------------------------------- members


def _founder_positions(register: pd.DataFrame, names: Iterable[str], what: str) -> np.ndarray:
    names = list(names)
    keys = _key(register["name"])
    wanted = _key(pd.Series(names, dtype=object))
    pos = pd.Index(keys.to_numpy()).get_indexer(wanted.to_numpy())
    if (i := _first(pos < 0)) is not None:
        raise InputError(
            f"this {what} is not in the register",
            value=names[i],
            allowed="a name from the register",
        )
    return np.unique(pos)


def expanding_network_candidates(
    register: pd.DataFrame,
    relationships: pd.DataFrame,
    founders: Iterable[str],
    *,
    max_rounds: int | None = None,
) -> pd.DataFrame:
    """The expanding network model: start from the founders and follow ties outward.

    Round 1 reaches everyone tied to a founder (in either direction), round 2
    everyone tied to someone reached in round 1, and so on, until nobody new is
    reached or ``max_rounds`` have run. Each candidate is introduced by the
    person who reached them: of those reached in the round before, the one with
    the strongest tie (then the first in the register). Roberts's article names
    this model without spelling out the procedure; this is the toolkit's reading
    of it.

    Returns
    -------
    DataFrame
        One row per candidate (founders excluded), by round then register
        order: ``name``, ``organization``, ``sector``, ``round``,
        ``introduced_by``, ``via`` (the relationship, e.g. ``A funds B``) and
        ``reason``.

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abcde"), "organization": list("abcde"),
    ...                     "sector": ["state"] * 5})
    >>> rel = pd.DataFrame({"source": ["a", "b", "d"], "target": ["b", "c", "c"],
    ...                     "kind": ["informs", "funds", None], "strength": [3, 4, None]})
    >>> expanding_network_candidates(reg, rel, ["a"])[["name", "round", "introduced_by"]]
      name  round introduced_by
    0    b      1             a
    1    c      2             b
    2    d      3             c
    """
    start = _founder_positions(register, founders, "founder")
    if start.size == 0:
        raise InputError("no founding members given", allowed="one or more names from the register")
    n = len(register)
    index = pd.Index(register["name"].to_numpy())
    s = index.get_indexer(relationships["source"].to_numpy())
    t = index.get_indexer(relationships["target"].to_numpy())
    strength = (
        relationships["strength"].to_numpy(dtype=float)
        if "strength" in relationships
        else (np.full(len(relationships), np.nan))
    )
    # Both directions: (from, to, relationship row)
    frm = np.concatenate([s, t])
    to = np.concatenate([t, s])
    row = np.concatenate([np.arange(len(s)), np.arange(len(s))])
    stren = np.nan_to_num(np.concatenate([strength, strength]), nan=0.0)
    reached = np.full(n, -1, dtype=np.int64)
    reached[start] = 0
    introducer = np.full(n, -1, dtype=np.int64)
    via_row = np.full(n, -1, dtype=np.int64)
    current = np.zeros(n, dtype=bool)
    current[start] = True
    r = 0
    while current.any() and (max_rounds is None or r < max_rounds):
        r += 1
        e = np.flatnonzero(current[frm] & (reached[to] < 0))
        if e.size == 0:
            break
        order = np.lexsort((frm[e], -stren[e], to[e]))
        e = e[order]
        first = np.ones(e.size, dtype=bool)
        first[1:] = to[e][1:] != to[e][:-1]
        e = e[first]
        reached[to[e]] = r
        introducer[to[e]] = frm[e]
        via_row[to[e]] = row[e]
        current = np.zeros(n, dtype=bool)
        current[to[e]] = True
    cand = np.flatnonzero(reached > 0)
    cand = cand[np.lexsort((cand, reached[cand]))]
    names = register["name"].to_numpy()
    rel_src = relationships["source"].to_numpy(dtype=object)
    rel_tgt = relationships["target"].to_numpy(dtype=object)
    kinds = relationships["kind"].astype(object).fillna("is tied to").to_numpy(dtype=object)
    vr = via_row[cand]
    via = pd.Series(rel_src[vr], dtype=object) + " " + kinds[vr] + " " + rel_tgt[vr]
    out = pd.DataFrame(
        {
            "name": names[cand],
            "organization": register["organization"].to_numpy()[cand],
            "sector": register["sector"].to_numpy()[cand],
            "round": reached[cand].astype(int),
            "introduced_by": names[introducer[cand]],
        }
    )
    out["via"] = via.to_numpy()
    out["reason"] = (
        "introduced by "
        + out["introduced_by"].astype(str)
        + " in round "
        + out["round"].astype(str)
        + " ("
        + out["via"].astype(str)
        + ")"
    )
    return out


def stakeholder_analysis_candidates(
    register: pd.DataFrame,
    members: Iterable[str] | None = None,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    min_members: int = 2,
) -> pd.DataFrame:
    """The stakeholder analysis model: rank non-members by salience and the gaps they fill.

    Candidates are the stakeholders not in ``members`` who hold at least one
    salience attribute or belong to a sector the members lack. They are ranked
    by the number of salience attributes (definitive, then expectant, then
    latent), then by the gap they would fill (a sector the members lack, then
    a thin sector with fewer than ``min_members`` members), then by power +
    legitimacy + urgency, then register order. Roberts's article names this
    model; the ranking rule is the toolkit's.

    Returns
    -------
    DataFrame
        ``rank``, ``name``, ``organization``, ``sector``, ``salience``,
        ``attributes``, ``fills`` (``missing sector``, ``thin sector`` or
        empty) and ``reason``.

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abc"), "organization": list("abc"),
    ...                     "sector": ["state", "market", "state"], "power": [5, 2, 5],
    ...                     "interest": [3, 3, 3], "legitimacy": [5, 4, 1], "urgency": [1, 2, 1]})
    >>> stakeholder_analysis_candidates(reg, members=["a"])[["rank", "name", "salience", "fills"]]
       rank name       salience           fills
    0     1    b  discretionary  missing sector
    1     2    c        dormant     thin sector
    """
    is_member = np.zeros(len(register), dtype=bool)
    if members is not None:
        is_member[_founder_positions(register, members, "member")] = True
    sal = salience(register, thresholds)
    counts = register.loc[is_member, "sector"].value_counts()
    member_count = register["sector"].map(counts).fillna(0).to_numpy()
    fills_rank = np.where(member_count == 0, 2, np.where(member_count < min_members, 1, 0))
    keep = ~is_member & ((sal["attributes"].to_numpy() > 0) | (fills_rank == 2))
    total = (register["power"] + register["legitimacy"] + register["urgency"]).to_numpy(float)
    pos = np.flatnonzero(keep)
    order = np.lexsort((pos, -total[pos], -fills_rank[pos], -sal["attributes"].to_numpy()[pos]))
    pos = pos[order]
    fills = np.array(["", "thin sector", "missing sector"], dtype=object)[fills_rank[pos]]
    sector = register["sector"].to_numpy()[pos]
    held = sal["attributes_held"].to_numpy()[pos]
    sal_name = sal["salience"].to_numpy()[pos]
    held_s = pd.Series(held, dtype=object)
    base = pd.Series(sal_name, dtype=object) + " stakeholder (high " + held_s + ")"
    base = base.where(held_s != "", "no high power, legitimacy or urgency")
    gap = np.where(
        fills == "missing sector",
        "; adds the " + sector.astype(str) + " sector, which the members lack",
        np.where(
            fills == "thin sector", "; strengthens the thin " + sector.astype(str) + " sector", ""
        ),
    )
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(pos) + 1),
            "name": register["name"].to_numpy()[pos],
            "organization": register["organization"].to_numpy()[pos],
            "sector": sector,
            "salience": sal_name,
            "attributes": sal["attributes"].to_numpy()[pos].astype(int),
            "fills": fills,
            "reason": (base + pd.Series(gap, dtype=object)).to_numpy(),
        }
    )


def self_selection_candidates(
    register: pd.DataFrame, threshold: float | None = None
) -> pd.DataFrame:
    """The self-selection model: who would answer an open call.

    In an open call, stakeholders choose themselves; the register's interest
    rating stands for how likely they are to come forward. Candidates are those
    whose interest is at or above ``threshold`` (default: the interest
    threshold, :data:`DEFAULT_THRESHOLD`), by interest (highest first) then
    register order. Roberts's article names this model; the interest rule is
    the toolkit's reading of it.

    Returns
    -------
    DataFrame
        ``rank``, ``name``, ``organization``, ``sector``, ``interest``,
        ``reason``.

    Examples
    --------
    >>> reg = pd.DataFrame({"name": list("abc"), "organization": list("abc"),
    ...                     "sector": ["state"] * 3, "interest": [4, 2, 5]})
    >>> out = self_selection_candidates(reg)
    >>> out["name"].tolist()
    ['c', 'a']
    >>> print(out["reason"].iloc[0])
    interest 5 is at or above the open-call threshold 4
    """
    t = resolve_thresholds(None if threshold is None else {"interest": threshold})["interest"]
    interest = register["interest"].to_numpy(dtype=float)
    pos = np.flatnonzero(interest >= t)
    pos = pos[np.lexsort((pos, -interest[pos]))]
    shown = pd.Series([_num(x) for x in interest[pos]], dtype=object)
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(pos) + 1),
            "name": register["name"].to_numpy()[pos],
            "organization": register["organization"].to_numpy()[pos],
            "sector": register["sector"].to_numpy()[pos],
            "interest": interest[pos],
            "reason": (
                "interest " + shown + " is at or above the open-call threshold " + _num(t)
            ).to_numpy(),
        }
    )


def _num(x: float) -> str:
    return f"{x:g}"


# --------------------------------------------------------------------------- summary


def coverage_gaps(
    register: pd.DataFrame,
    relationships: pd.DataFrame | None = None,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    min_members: int = 2,
    thin_share: float = 0.1,
    dominance_threshold: float = DEFAULT_DOMINANCE_THRESHOLD,
) -> pd.DataFrame:
    """List what is missing or lopsided in the map, in plain sentences.

    Returns a DataFrame with ``kind`` (``missing sector``, ``thin sector``,
    ``dominance``, ``marginal``, ``isolates``, ``resource flows``) and ``gap``
    (the sentence).

    >>> reg = pd.DataFrame({"name": ["a", "b"], "organization": ["A", "A"],
    ...                     "sector": ["state", "state"], "power": [5, 4], "interest": [4, 2],
    ...                     "legitimacy": [3, 3], "urgency": [3, 3]})
    >>> for gap in coverage_gaps(reg)["gap"]:
    ...     print(gap)
    no market-sector member
    private businesses are a gap Armistead & Pettigrew (2007) often found in partnerships
    led by the public sector
    no civil-society member
    one organisation, A, holds 100% of the power in the map
    one sector, state, holds 100% of the power in the map
    """
    rows: list[tuple[str, str]] = []
    cov = sector_coverage(register, min_members=min_members, thin_share=thin_share)
    for sector, n, status in cov[["sector", "stakeholders", "status"]].itertuples(index=False):
        label = sector.replace(" ", "-")
        if status == "missing":
            rows.append(
                (
                    "missing sector",
                    f"no {label}-sector member"
                    if sector != "civil society"
                    else "no civil-society member",
                )
            )
            if sector == "market" and (cov["sector"].eq("state") & cov["stakeholders"].gt(0)).any():
                rows.append(
                    (
                        "missing sector",
                        "private businesses are a gap Armistead & Pettigrew (2007) often found "
                        "in partnerships led by the public sector",
                    )
                )
        elif status == "thin":
            word = "member" if n == 1 else "members"
            rows.append(("thin sector", f"the {sector} sector is thin: {n} {word}"))
    dom = power_dominance(register, threshold=dominance_threshold)
    columns = ["level", "largest", "share", "dominates"]
    for level, largest, share, dominates in dom[columns].itertuples(index=False):
        if dominates:
            what = "one organisation" if level == "organization" else "one sector"
            rows.append(
                ("dominance", f"{what}, {largest}, holds {share:.0%} of the power in the map")
            )
    marg = marginal_stakeholders(register, thresholds)
    k = int(marg["marginal"].sum())
    if k:
        rows.append(
            (
                "marginal",
                f"{k} marginal stakeholder{'s' if k != 1 else ''} (low power, high interest): "
                + "; ".join(MARGINAL_RECOMMENDATIONS),
            )
        )
    if relationships is not None:
        tied = set(relationships["source"]) | set(relationships["target"])
        iso = int((~register["name"].isin(tied)).sum())
        if iso:
            rows.append(
                (
                    "isolates",
                    f"{iso} stakeholder{'s have' if iso != 1 else ' has'} "
                    "no relationship with anyone in the map",
                )
            )
        flows = one_way_resource_flows(relationships)
        if len(flows):
            rows.append(
                (
                    "resource flows",
                    f"{len(flows)} one-way resource flow{'s' if len(flows) != 1 else ''} "
                    "(e.g. funding): the provider typically holds power over the receiver; "
                    "agree how decisions are shared",
                )
            )
    return pd.DataFrame(rows, columns=["kind", "gap"])


def stakeholder_summary(
    register: pd.DataFrame,
    relationships: pd.DataFrame | None = None,
    thresholds: float | Mapping[str, float] | None = None,
    *,
    min_members: int = 2,
    thin_share: float = 0.1,
    dominance_threshold: float = DEFAULT_DOMINANCE_THRESHOLD,
    exact_limit: int = 1000,
    samples: int = 128,
    seed: int = 0,
) -> dict[str, Any]:
    """Summarise a register (and its relationships) as a JSON-ready dict.

    Keys: ``stakeholders`` (count), ``sectors`` (count per sector, in the order
    of :data:`SECTORS`), ``missing_sectors``, ``thin_sectors``, ``gaps``
    (sentences), ``sector_mappings``, ``thresholds``, ``dominance``, ``grid``
    and ``salience`` (counts), ``marginal`` (names) and, with relationships,
    ``network``.

    >>> s = stakeholder_summary(example_register())
    >>> s["missing_sectors"], s["sectors"]
    ([], {'state': 4, 'market': 2, 'civil society': 6})
    """
    t = resolve_thresholds(thresholds)
    cov = sector_coverage(register, min_members=min_members, thin_share=thin_share)
    analysed = analyse_stakeholders(register, t)
    gaps = coverage_gaps(
        register,
        relationships,
        t,
        min_members=min_members,
        thin_share=thin_share,
        dominance_threshold=dominance_threshold,
    )
    dom = power_dominance(register, threshold=dominance_threshold)
    summary: dict[str, Any] = {
        "stakeholders": len(register),
        "sectors": {s: int(c) for s, c in zip(cov["sector"], cov["stakeholders"], strict=True)},
        "missing_sectors": cov.loc[cov["status"] == "missing", "sector"].tolist(),
        "thin_sectors": cov.loc[cov["status"] == "thin", "sector"].tolist(),
        "gaps": gaps["gap"].tolist(),
        "sector_mappings": sector_mappings(register).to_dict(orient="records"),
        "thresholds": t,
        "dominance": [
            {
                "level": r.level,
                "largest": r.largest,
                "power": float(r.power),
                "share": round(float(r.share), 4),
                "dominates": bool(r.dominates),
                "threshold": float(r.threshold),
            }
            for r in dom.itertuples(index=False)
        ],
        "power_share": {
            s: round(float(p), 4) for s, p in zip(cov["sector"], cov["power_share"], strict=True)
        },
        "grid": {q: int((analysed["grid"] == q).sum()) for q in GRID_QUADRANTS.values()},
        "salience": {
            c: int((analysed["salience"] == c).sum()) for c, _ in SALIENCE_CLASSES.values()
        },
        "marginal": analysed.loc[analysed["marginal"], "name"].tolist(),
    }
    for record in summary["sector_mappings"]:
        record["count"] = int(record["count"])
    if relationships is not None:
        net = network_measures(
            register, relationships, exact_limit=exact_limit, samples=samples, seed=seed
        )
        top = net.sort_values(["betweenness", "degree"], ascending=False, kind="stable").head(5)
        summary["network"] = {
            "relationships": len(relationships),
            "betweenness": betweenness_method(
                len(register), exact_limit=exact_limit, samples=samples, seed=seed
            ),
            "most_central": top["name"].tolist(),
            "boundary_spanners": int(net["boundary_spanner"].sum()),
            "isolates": net.loc[net["isolate"], "name"].tolist(),
            "one_way_resource_flows": len(one_way_resource_flows(relationships)),
        }
    return summary
