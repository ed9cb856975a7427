"""One call from answers to every table: :func:`classify` and its result."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..records import records
from . import measurement
from .modes import DEFAULT_BOUNDARIES, MODES, Boundaries
from .scoring import CONTINUUM_YES_SHARE, MIN_ANSWERED, score_with_answers
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
    #: Cronbach's alpha per axis (see :mod:`toolkit.classification.measurement`);
    #: None when not measured.
    reliability: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``partnerships`` (each with ``disagreement`` and
        ``organizations``), ``direction_of_travel``, ``excluded``,
        ``ignored_columns``, ``boundaries`` and ``settings``.

        With the measurement figures (the default of :func:`classify`), also
        ``reliability`` (per axis: ``alpha``, ``respondents``, ``items``,
        ``weak_items``, ``item_rest``, ``unanswered_items``, ``note``); in each
        partnership ``agreement`` (r_wg(J) per axis), ``interval`` (per axis
        ``[low, high]`` on the 0-1 scale) and ``position`` (in words); in each
        organisation ``agreement``; and in each direction of travel
        ``clear_change`` (per axis true or false) and ``change_interval``.
        Null wherever a figure cannot be computed (``reliability`` is null
        without the figures)."""
        keys = _keys(self.summary)
        orgs: dict[tuple, list[dict[str, Any]]] = {}
        for record in records(self.organizations):
            key = tuple(record.pop(k) for k in keys)
            if "agreement_voluntary" in record:
                record["agreement"] = {
                    "voluntary": record.pop("agreement_voluntary"),
                    "trust": record.pop("agreement_trust"),
                }
            orgs.setdefault(key, []).append(record)
        partnerships = []
        for record in records(self.summary):
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
            )
            if "agreement_voluntary" in record:
                entry.update(
                    agreement={
                        "voluntary": record["agreement_voluntary"],
                        "trust": record["agreement_trust"],
                    },
                    interval={
                        axis: _pair(record[f"{axis}_low"], record[f"{axis}_high"])
                        for axis in ("voluntary", "trust")
                    },
                    position=record["position"],
                )
            entry.update(
                respondent_modes={m: record[m] for m in MODES},
                continuum=record["continuum"],
                continuum_inconsistent=record["continuum_inconsistent"],
                continuum_skipped=record["continuum_skipped"] or None,
                organizations=orgs.get(key, []),
            )
            partnerships.append(entry)
        travel = records(self.travel)
        for record in travel:
            if "clear_change_voluntary" in record:
                record["change_interval"] = {
                    axis: _pair(record.pop(f"{axis}_change_low"), record.pop(f"{axis}_change_high"))
                    for axis in ("voluntary", "trust")
                }
                record["clear_change"] = {
                    axis: record.pop(f"clear_change_{axis}") for axis in ("voluntary", "trust")
                }
        return {
            "source": self.source,
            "reliability": _reliability(self.reliability),
            "partnerships": partnerships,
            "direction_of_travel": travel,
            "excluded": records(self.excluded),
            "ignored_columns": list(self.ignored_columns),
            "boundaries": self.boundaries.as_dict(),
            "settings": dict(self.settings),
        }

    def to_json(self) -> str:
        """The result as JSON text (see :meth:`to_dict`)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _pair(low: Any, high: Any) -> list[float] | None:
    return None if low is None or high is None else [low, high]


def _reliability(figures: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {
        axis: {
            "alpha": f["alpha"],
            "respondents": f["respondents"],
            "items": f["items"],
            "weak_items": list(f["weak_items"]),
            "item_rest": dict(f["item_rest"]),
            "unanswered_items": list(f["unanswered_items"]),
            "note": f["note"],
        }
        for axis, f in figures.items()
    }


def classify(
    responses: pd.DataFrame,
    *,
    boundaries: Boundaries = DEFAULT_BOUNDARIES,
    min_answered: float = MIN_ANSWERED,
    disagreement_threshold: float = DISAGREEMENT_THRESHOLD,
    continuum_yes_share: float = CONTINUUM_YES_SHARE,
    steady: float = STEADY,
    seed: int = measurement.DEFAULT_SEED,
    resamples: int = measurement.RESAMPLES,
    measure: bool = True,
) -> Classification:
    """Score, summarise, break down and compare rounds in one call.

    ``responses`` is the canonical table (for example from
    :func:`read_responses`); it is not modified. The parameters are those of
    :func:`score_responses`, :func:`summarize_partnerships` and
    :func:`direction_of_travel`, and the bootstrap's ``seed`` and number of
    ``resamples``.

    With ``measure`` (the default) the result also holds the measurement
    figures of :func:`toolkit.classification.measurement.add_measurement`:
    Cronbach's alpha per axis (``reliability``); agreement (r_wg(J)), 95%
    intervals and the position in words per partnership-round; agreement per
    organisation; and clear change between rounds. ``near_boundary`` then
    means that the interval crosses a boundary (the margin rule remains for a
    single respondent, who has no interval), and the direction of travel says
    "no clear change" where the change is within noise.

    >>> from toolkit.classification import example_responses
    >>> result = classify(example_responses())
    >>> sorted(result.summary["partnership"].unique())
    ['Example partnership A', 'Example partnership B']
    >>> result.to_dict()["partnerships"][0]["mode"]
    'complying'
    """
    scored, numeric, items = score_with_answers(
        responses, boundaries=boundaries, min_answered=min_answered
    )
    summary = summarize_partnerships(
        scored,
        boundaries=boundaries,
        disagreement_threshold=disagreement_threshold,
        continuum_yes_share=continuum_yes_share,
    )
    organizations = summarize_organizations(scored, boundaries=boundaries)
    travel = direction_of_travel(summary, steady=steady)
    settings: dict[str, Any] = {
        "min_answered": min_answered,
        "disagreement_threshold": disagreement_threshold,
        "continuum_yes_share": continuum_yes_share,
        "steady": steady,
    }
    reliability = None
    if measure:
        summary, organizations, travel, reliability = measurement.add_measurement(
            scored,
            numeric,
            summary,
            organizations,
            travel,
            boundaries=boundaries,
            seed=seed,
            resamples=resamples,
            steady=steady,
            items=items,
        )
        settings.update(
            seed=seed,
            resamples=resamples,
            confidence=measurement.CONFIDENCE,
            agreement_convention=measurement.AGREEMENT_CONVENTION,
            weak_item=measurement.WEAK_ITEM,
        )
    return Classification(
        scored=scored,
        summary=summary,
        organizations=organizations,
        travel=travel,
        excluded=excluded_respondents(scored),
        ignored_columns=tuple(responses.attrs.get("ignored_columns", ())),
        boundaries=boundaries,
        settings=settings,
        source=responses.attrs.get("source"),
        reliability=reliability,
    )
