"""One call from answers to every table: :func:`classify` and its result."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .modes import DEFAULT_BOUNDARIES, MODES, Boundaries
from .scoring import CONTINUUM_YES_SHARE, MIN_ANSWERED, score_responses
from .summary import (
    DISAGREEMENT_THRESHOLD,
    _keys,
    excluded_respondents,
    summarize_organizations,
    summarize_partnerships,
)
from .travel import STEADY, direction_of_travel

# --------------------------------------------------------------------------- everything at once


@dataclass(frozen=True)
class Classification:
    """The result of :func:`classify`: every table the command line reports."""

    scored: pd.DataFrame
    summary: pd.DataFrame
    organizations: pd.DataFrame
    travel: pd.DataFrame
    excluded: pd.DataFrame
    ignored_columns: tuple[str, ...]
    boundaries: Boundaries
    settings: Mapping[str, float]
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``partnerships`` (each with ``disagreement`` and
        ``organizations``), ``direction_of_travel``, ``excluded``,
        ``ignored_columns``, ``boundaries`` and ``settings``."""
        keys = _keys(self.summary)
        orgs: dict[tuple, list[dict[str, Any]]] = {}
        for record in _records(self.organizations):
            key = tuple(record.pop(k) for k in keys)
            orgs.setdefault(key, []).append(record)
        partnerships = []
        for record in _records(self.summary):
            key = tuple(record[k] for k in keys)
            entry = {k: record[k] for k in keys}
            entry.update(
                respondents=record["respondents"],
                excluded=record["excluded"],
                voluntary=record["voluntary"],
                trust=record["trust"],
                mode=record["mode"],
                boundary_distance=record["boundary_distance"],
                neighbour=record["neighbour"],
                near_boundary=record["near_boundary"],
                disagreement={
                    "voluntary": record["disagreement_voluntary"],
                    "trust": record["disagreement_trust"],
                },
                partners_differ=record["partners_differ"],
                respondent_modes={m: record[m] for m in MODES},
                continuum=record["continuum"],
                continuum_inconsistent=record["continuum_inconsistent"],
                continuum_skipped=record["continuum_skipped"] or None,
                organizations=orgs.get(key, []),
            )
            partnerships.append(entry)
        return {
            "source": self.source,
            "partnerships": partnerships,
            "direction_of_travel": _records(self.travel),
            "excluded": _records(self.excluded),
            "ignored_columns": list(self.ignored_columns),
            "boundaries": self.boundaries.as_dict(),
            "settings": dict(self.settings),
        }

    def to_json(self) -> str:
        """The result as JSON text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {str(k): _plain(v) for k, v in zip(frame.columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def classify(
    responses: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    min_answered: float = MIN_ANSWERED,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    continuum_yes_share: float = CONTINUUM_YES_SHARE,
    steady: float = STEADY,
) -> Classification:
    """Score, summarise, break down and compare rounds in one call.

    ``responses`` is the canonical table (for example from
    :func:`read_responses`); it is not modified. The parameters are those of
    :func:`score_responses`, :func:`summarize_partnerships` and
    :func:`direction_of_travel`.

    >>> from toolkit.classification import example_responses
    >>> result = classify(example_responses())
    >>> sorted(result.summary["partnership"].unique())
    ['Example partnership A', 'Example partnership B']
    >>> result.to_dict()["partnerships"][0]["mode"]
    'complying'
    """
    scored = score_responses(responses, boundaries=boundaries, min_answered=min_answered)
    summary = summarize_partnerships(
        scored,
        boundaries=boundaries,
        disagreement_threshold=disagreement_threshold,
        continuum_yes_share=continuum_yes_share,
    )
    return Classification(
        scored=scored,
        summary=summary,
        organizations=summarize_organizations(scored, boundaries=boundaries),
        travel=direction_of_travel(summary, steady=steady),
        excluded=excluded_respondents(scored),
        ignored_columns=tuple(responses.attrs.get("ignored_columns", ())),
        boundaries=boundaries,
        settings={
            "min_answered": min_answered,
            "disagreement_threshold": disagreement_threshold,
            "continuum_yes_share": continuum_yes_share,
            "steady": steady,
        },
        source=responses.attrs.get("source"),
    )
