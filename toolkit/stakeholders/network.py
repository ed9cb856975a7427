"""Relationships between stakeholders: reading them, resource flows, centrality and bridges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..counts import bincount
from ..errors import InputError, csv_line
from ..io import read_table, shown_path
from .register import (
    BETWEENNESS_EXACT_LIMIT,
    BETWEENNESS_SAMPLES,
    RESOURCE_KINDS,
    SECTORS,
    _example,
    _first,
    _key,
    _normalise_headers,
    _ratings,
    _text,
    example_register,
)


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


def read_relationships(
    path: Any, register: pd.DataFrame, *, sheet: int | str | None = None
) -> pd.DataFrame:
    """Read and validate a relationships file (see :func:`validate_relationships`).

    A file with only a header row is allowed (no relationships); an empty file
    is an error.
    """
    frame = read_table(path, sheet=sheet)
    return validate_relationships(frame, register, file=shown_path(path))


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
    np.cumsum(bincount(src, minlength=n), out=indptr[1:])
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
            sigma += bincount(ew, weights=sigma[ev], minlength=size)
            levels.append((ev, ew))
            frontier, d = nxt, d + 1
        delta = np.zeros(size)
        for ev, ew in reversed(levels):
            delta += bincount(
                ev,
                weights=sigma[ev] / sigma[ew] * (1.0 + delta[ew]),
                minlength=size,
            )
        delta[roots] = 0.0
        bc += delta.reshape(len(s), n).sum(axis=0)
    return bc


def betweenness_method(
    n: int,
    *,
    exact_limit: int = BETWEENNESS_EXACT_LIMIT,
    samples: int = BETWEENNESS_SAMPLES,
    seed: int = 0,
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
    exact_limit: int = BETWEENNESS_EXACT_LIMIT,
    samples: int = BETWEENNESS_SAMPLES,
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
