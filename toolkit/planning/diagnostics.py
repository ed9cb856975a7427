"""Read a six-step plan against the course's other sources.

Three diagnostics, each a DataFrame in and out (or a :class:`~toolkit.planning.Plan`
in, a DataFrame out), with the frameworks kept as package data
(``failure_reasons.yaml``, ``evaluation_frameworks.yaml``):

**Failure risks** (:func:`failure_risks`, :func:`risk_summary`). The nine
reasons partnerships fail that Armistead & Pettigrew (2007) collected from
managers, as a checklist. The group rates each for its own partnership: 0 no
risk, 1 some risk, 2 serious risk (or leaves it unrated). Each reason points to
the step of Roberts' model that addresses it (the course's mapping, kept in the
data file). A rated risk is *open* until that step is complete, then
*planned for*. The overall score is the sum of ratings over the maximum
possible for the rated reasons (0-1), read as low (below 1/3), medium or high
(2/3 and above); any serious risk makes the level at least medium. The
thresholds are parameters.

**Setbacks** (:func:`read_setbacks`, :func:`setback_summary`). Pulido-Gómez, de
Jong & Rivkin (2025) found that collaborations that answer setbacks with mutual
learning succeed and those drawn into mutual blaming fail. Each entry in the
setbacks log lists the signs the group saw: the three learning signs come from
the study's description of mutual learning; the study lists no signs of
blaming, so the three blaming signs are the course's mirror images (editable in
the data file). A setback reads as *mutual learning* when learning signs
outnumber blaming signs, *mutual blaming* in the opposite case, *mixed* on a
tie, and *not read yet* with no signs. The log also records which of the five
actions that foster learning were used, and the summary names those not tried.

**Evaluation (step 6)** (:func:`evaluation_summary`, :func:`gao_checklist`,
:func:`impact_indicators`). Roberts' three dimensions (performance outcomes,
quality of interaction, member satisfaction); the US GAO's eight practices to
enhance and sustain collaboration (GAO-06-15) as a yes / partly / no
checklist; and social impact indicators in the spirit of O'Leary's social
impact measurement: each goal set in step 4 (indicator, target, better when it
goes up or down) is joined with the value observed in step 6. *Attainment* is
observed / target when higher is better and target / observed when lower is
better.

Examples
--------
>>> from toolkit.planning import blank_plan
>>> plan = blank_plan("Clean river")
>>> plan.risks["power_struggles"] = 2
>>> risks = failure_risks(plan)
>>> risks.loc[risks["id"] == "power_struggles", ["rating", "step", "status"]].values.tolist()
[[2.0, 5, 'open']]
>>> risk_summary(plan)["level"]
'high'
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..records import json_value
from .plan import Plan, _as_plan
from .progress import plan_progress
from .steps import _data, six_steps

__all__ = [
    "evaluation_dimensions",
    "evaluation_frameworks",
    "evaluation_summary",
    "failure_reasons",
    "failure_risks",
    "gao_checklist",
    "gao_practices",
    "gao_summary",
    "impact_indicators",
    "learning_actions",
    "read_setbacks",
    "risk_summary",
    "setback_signs",
    "setback_summary",
]

PlanLike = Plan | Mapping[str, Any] | str | os.PathLike[str]


def evaluation_frameworks() -> dict[str, Any]:
    """Return the frameworks data (a deep copy of ``evaluation_frameworks.yaml``).

    >>> sorted(evaluation_frameworks())
    ['dimensions', 'gao_practices', 'setbacks', 'social_impact']
    """
    return copy.deepcopy(_data("evaluation_frameworks.yaml"))


def _step_names() -> pd.Series:
    steps = six_steps()
    return pd.Series(steps["name"].to_numpy(), index=steps["number"].to_numpy())


# --------------------------------------------------------------------------- failure risks


def failure_reasons() -> pd.DataFrame:
    """Return Armistead & Pettigrew's nine reasons partnerships fail, in the paper's order.

    Columns: ``id``, ``reason``, ``description``, ``question``, ``step``
    (the step of Roberts' model that addresses it), ``step_name``.

    >>> reasons = failure_reasons()
    >>> len(reasons), reasons["id"].iloc[0], int(reasons["step"].iloc[0])
    (9, 'membership_gaps', 3)
    """
    frame = pd.DataFrame(_data("failure_reasons.yaml")["reasons"])
    frame["step"] = frame["step"].astype(int)
    frame["step_name"] = frame["step"].map(_step_names())
    return frame[["id", "reason", "description", "question", "step", "step_name"]]


def failure_risks(plan: PlanLike, *, reasons: pd.DataFrame | None = None) -> pd.DataFrame:
    """Score a plan against the nine failure reasons.

    Parameters
    ----------
    plan : Plan, mapping or path
        The plan; its ``risks`` section holds the group's ratings.
    reasons : DataFrame, optional
        The checklist (default :func:`failure_reasons`); pass an edited copy
        to point reasons at other steps. Not modified.

    Returns
    -------
    DataFrame
        One row per reason: the reason's columns plus ``rating`` (0-2, NaN
        when not rated), ``rating_label``, ``step_complete`` and ``status``
        (``not rated``, ``no risk``, ``open``: rated 1 or 2 and the addressing
        step not complete, or ``planned for``: that step is complete), and
        ``action`` (where to address the risk).

    Examples
    --------
    >>> from toolkit.planning import blank_plan
    >>> failure_risks(blank_plan())["status"].unique().tolist()
    ['not rated']
    """
    plan = _as_plan(plan)
    table = (failure_reasons() if reasons is None else reasons).copy()
    labels = {r["value"]: r["label"] for r in _data("failure_reasons.yaml")["ratings"]}
    table["rating"] = pd.to_numeric(table["id"].map(plan.risks), errors="coerce").astype(float)
    table["rating_label"] = table["rating"].map(labels).fillna("not rated")
    progress = plan_progress(plan)
    complete = pd.Series(progress["complete"].to_numpy(), index=progress["number"].to_numpy())
    table["step_complete"] = table["step"].map(complete).fillna(False).astype(bool)
    status = np.select(
        [table["rating"].isna(), table["rating"] == 0, table["step_complete"]],
        ["not rated", "no risk", "planned for"],
        default="open",
    )
    table["status"] = status
    table["action"] = (
        "Address in step "
        + table["step"].astype(str)
        + " ("
        + table["step_name"]
        + "): "
        + table["question"]
    )
    return table


def risk_summary(
    plan: PlanLike, *, thresholds: tuple[float, float] = (1 / 3, 2 / 3)
) -> dict[str, Any]:
    """Summarise the failure-risk checklist as one score and level.

    ``score`` is the sum of ratings over twice the number of rated reasons (0
    to 1; ``None`` when nothing is rated). ``level`` is ``low`` below
    ``thresholds[0]``, ``high`` from ``thresholds[1]``, ``medium`` between,
    raised to at least ``medium`` by any serious risk; ``not rated`` when
    nothing is rated. Also ``rated``, ``unrated``, ``serious`` and ``open``
    (lists of reason ids).

    >>> from toolkit.planning import blank_plan
    >>> plan = blank_plan()
    >>> plan.risks.update({"membership_gaps": 0, "power_struggles": 1})
    >>> risk_summary(plan)["score"], risk_summary(plan)["level"]
    (0.25, 'low')
    """
    risks = failure_risks(plan)
    rated = risks["rating"].notna()
    n_rated = int(rated.sum())
    score = float(risks.loc[rated, "rating"].sum() / (2 * n_rated)) if n_rated else None
    serious = risks.loc[risks["rating"] == 2, "id"].tolist()
    if score is None:
        level = "not rated"
    elif score >= thresholds[1]:
        level = "high"
    elif score >= thresholds[0] or serious:
        level = "medium"
    else:
        level = "low"
    return {
        "score": json_value(score),
        "level": level,
        "rated": n_rated,
        "unrated": int((~rated).sum()),
        "serious": serious,
        "open": risks.loc[risks["status"] == "open", "id"].tolist(),
    }


# --------------------------------------------------------------------------- setbacks


def setback_signs() -> pd.DataFrame:
    """Return the signs of mutual learning and of mutual blaming (``key``, ``label``, ``kind``).

    >>> setback_signs().groupby("kind").size().to_dict()
    {'blaming': 3, 'learning': 3}
    """
    fw = _data("evaluation_frameworks.yaml")["setbacks"]
    learning = pd.DataFrame(fw["learning_signs"]).assign(kind="learning")
    blaming = pd.DataFrame(fw["blaming_signs"]).assign(kind="blaming")
    return pd.concat([learning, blaming], ignore_index=True)


def learning_actions() -> pd.DataFrame:
    """Return the five actions that foster mutual learning (``key``, ``label``).

    >>> learning_actions()["key"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['prior_relationships', 'trusted_participants', 'community_engagement', 'use_data',
     'joint_problem_solving']
    """
    return pd.DataFrame(_data("evaluation_frameworks.yaml")["setbacks"]["actions"])


def _setbacks_frame(log: PlanLike | pd.DataFrame) -> pd.DataFrame:
    frame = log.copy() if isinstance(log, pd.DataFrame) else pd.DataFrame(_as_plan(log).setbacks)
    for col in ("date", "setback", "response", "signs", "actions"):
        if col not in frame.columns:
            frame[col] = pd.Series(
                [[] if col in ("signs", "actions") else ""] * len(frame),
                index=frame.index,
                dtype=object,
            )
    for col in ("signs", "actions"):
        frame[col] = frame[col].map(_as_list)
    return frame


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple | np.ndarray):
        return [str(v).strip() for v in value if str(v).strip()]
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return [p.strip() for p in str(value).replace(";", ",").split(",") if p.strip()]


def read_setbacks(log: PlanLike | pd.DataFrame) -> pd.DataFrame:
    """Read each setback as mutual learning or mutual blaming.

    Parameters
    ----------
    log : Plan, path or DataFrame
        A plan (its ``setbacks`` log) or a DataFrame with columns ``date``,
        ``setback``, ``response``, ``signs`` and ``actions`` (lists of keys,
        or comma-separated text as in a CSV). Not modified.

    Returns
    -------
    DataFrame
        One row per setback, same index: ``date``, ``setback``, ``response``,
        ``learning`` and ``blaming`` (number of signs of each seen),
        ``reading`` (``mutual learning``, ``mutual blaming``, ``mixed`` or
        ``not read yet``), ``actions`` (labels of the learning actions used)
        and ``unknown`` (sign or action keys that are not in the framework).

    Examples
    --------
    >>> log = pd.DataFrame({"setback": ["Funding cut", "Data not shared"],
    ...                     "signs": ["solved_together, anticipate", "blamed_others"],
    ...                     "actions": ["use_data", ""]})
    >>> read_setbacks(log)[["learning", "blaming", "reading"]].values.tolist()
    [[2, 0, 'mutual learning'], [0, 1, 'mutual blaming']]
    """
    frame = _setbacks_frame(log)
    signs = setback_signs()
    actions = learning_actions()
    kinds = pd.Series(signs["kind"].to_numpy(), index=signs["key"].to_numpy())
    action_labels = pd.Series(actions["label"].to_numpy(), index=actions["key"].to_numpy())
    exploded = frame["signs"].explode()
    kind = exploded.map(kinds)
    learning = (kind == "learning").groupby(level=0).sum().reindex(frame.index, fill_value=0)
    blaming = (kind == "blaming").groupby(level=0).sum().reindex(frame.index, fill_value=0)
    used = frame["actions"].explode()
    labels = used.map(action_labels)
    unknown_signs = exploded[kind.isna() & exploded.notna()]
    unknown_actions = used[labels.isna() & used.notna()]
    unknown = (
        pd.concat([unknown_signs, unknown_actions]).groupby(level=0).agg(list).reindex(frame.index)
    )
    out = frame[["date", "setback", "response"]].copy()
    out["learning"] = learning.astype(int)
    out["blaming"] = blaming.astype(int)
    out["reading"] = np.select(
        [
            out["learning"] + out["blaming"] == 0,
            out["learning"] > out["blaming"],
            out["blaming"] > out["learning"],
        ],
        ["not read yet", "mutual learning", "mutual blaming"],
        default="mixed",
    )
    out["actions"] = labels.dropna().groupby(level=0).agg(list).reindex(frame.index)
    out["actions"] = out["actions"].map(_as_list_or_empty)
    out["unknown"] = unknown.map(_as_list_or_empty)
    return out


def _as_list_or_empty(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else []


def setback_summary(log: PlanLike | pd.DataFrame) -> dict[str, Any]:
    """Count the readings of the setbacks log and name the learning actions not yet used.

    >>> summary = setback_summary(pd.DataFrame({"setback": ["Lost a member"],
    ...                                         "signs": ["anticipate"], "actions": ["use_data"]}))
    >>> summary["readings"], len(summary["actions_not_used"])
    ({'mutual learning': 1}, 4)
    """
    read = read_setbacks(log)
    used = {a for lst in read["actions"] for a in lst}
    labels = learning_actions()["label"].tolist()
    readings = read["reading"].value_counts()
    return {
        "setbacks": len(read),
        "readings": {str(k): int(v) for k, v in readings.items()},
        "actions_used": [a for a in labels if a in used],
        "actions_not_used": [a for a in labels if a not in used],
    }


# --------------------------------------------------------------------------- evaluation


def evaluation_dimensions() -> pd.DataFrame:
    """Return Roberts' three evaluation dimensions (``key``, ``name``, ``question``).

    >>> evaluation_dimensions()["name"].tolist()
    ['Performance outcomes', 'Quality of interaction', 'Member satisfaction']
    """
    return pd.DataFrame(_data("evaluation_frameworks.yaml")["dimensions"]["items"])


def evaluation_summary(plan: PlanLike) -> pd.DataFrame:
    """Return the three dimensions with what the plan records for each (``evidence``, ``recorded``).

    >>> from toolkit.planning import blank_plan
    >>> evaluation_summary(blank_plan())["recorded"].tolist()
    [False, False, False]
    """
    step6 = _as_plan(plan).steps["evaluation"]
    frame = evaluation_dimensions()
    frame["evidence"] = frame["key"].map(step6)
    frame["recorded"] = frame["evidence"].str.strip().str.len() > 0
    return frame


def gao_practices() -> pd.DataFrame:
    """Return the GAO's eight practices (``key``, ``practice``, ``step``).

    >>> len(gao_practices())
    8
    """
    return pd.DataFrame(_data("evaluation_frameworks.yaml")["gao_practices"]["items"])


def gao_checklist(plan: PlanLike) -> pd.DataFrame:
    """Return the eight GAO practices with the plan's status for each.

    Columns: ``key``, ``practice``, ``step``, ``status`` (``yes``, ``partly``,
    ``no`` or ``None``), ``label`` and ``score`` (1, 0.5, 0; NaN when not
    answered).

    >>> from toolkit.planning import blank_plan
    >>> plan = blank_plan()
    >>> plan.steps["evaluation"]["gao_practices"]["roles"] = "partly"
    >>> row = gao_checklist(plan).set_index("key").loc["roles"]
    >>> row["label"], float(row["score"])
    ('partly in place', 0.5)
    """
    statuses = pd.DataFrame(_data("evaluation_frameworks.yaml")["gao_practices"]["statuses"])
    statuses["value"] = statuses["value"].astype(str)
    frame = gao_practices()
    answers = _as_plan(plan).steps["evaluation"]["gao_practices"]
    frame["status"] = frame["key"].map(answers)
    by_value = statuses.set_index("value")
    frame["label"] = frame["status"].map(by_value["label"]).fillna("not answered")
    frame["score"] = frame["status"].map(by_value["score"]).astype(float)
    return frame


def gao_summary(plan: PlanLike) -> dict[str, Any]:
    """Count the GAO checklist answers and score it (mean over answered practices).

    >>> from toolkit.planning import blank_plan
    >>> gao_summary(blank_plan())
    {'answered': 0, 'in place': 0, 'partly in place': 0, 'not in place': 0, 'score': None}
    """
    frame = gao_checklist(plan)
    answered = frame["score"].notna()
    counts = frame["label"].value_counts()
    return {
        "answered": int(answered.sum()),
        "in place": int(counts.get("in place", 0)),
        "partly in place": int(counts.get("partly in place", 0)),
        "not in place": int(counts.get("not in place", 0)),
        "score": json_value(float(frame.loc[answered, "score"].mean())) if answered.any() else None,
    }


def impact_indicators(plan: PlanLike) -> pd.DataFrame:
    """Carry the step-4 goals into step 6 as social impact indicators.

    Returns one row per step-4 goal: ``goal`` (id), ``description``,
    ``indicator``, ``unit``, ``direction`` (``up`` unless the goal says
    ``down``), ``target``, ``observed``, ``note``, ``attainment`` (observed /
    target when higher is better, target / observed when lower is better; NaN
    when either value is missing or the divisor is 0) and ``met`` (True,
    False, or ``None`` when not observed).

    Examples
    --------
    >>> from toolkit.planning import blank_plan
    >>> plan = blank_plan()
    >>> plan.steps["planning"]["goals"] = [
    ...     {"id": "G1", "goal": "More mentors", "indicator": "mentors", "target": 20,
    ...      "unit": "people", "direction": "up", "actions": ""},
    ...     {"id": "G2", "goal": "Shorter waits", "indicator": "wait", "target": 10,
    ...      "unit": "days", "direction": "down", "actions": ""}]
    >>> plan.steps["evaluation"]["indicators"] = [
    ...     {"goal": "G1", "observed": 15, "note": ""}, {"goal": "G2", "observed": 8, "note": ""}]
    >>> impact_indicators(plan)[["goal", "attainment", "met"]].values.tolist()
    [['G1', 0.75, False], ['G2', 1.25, True]]
    """
    p = _as_plan(plan)
    columns = ["id", "goal", "indicator", "unit", "direction", "target"]
    goals = pd.DataFrame(p.steps["planning"]["goals"], columns=[*columns, "actions"])[columns]
    goals = goals.rename(columns={"goal": "description", "id": "goal"})
    goals["goal"] = goals["goal"].str.strip()
    obs = pd.DataFrame(p.steps["evaluation"]["indicators"], columns=["goal", "observed", "note"])
    obs["goal"] = obs["goal"].str.strip()
    frame = goals.merge(obs, on="goal", how="left")
    frame["direction"] = frame["direction"].fillna("up")
    target = pd.to_numeric(frame["target"], errors="coerce").astype(float)
    observed = pd.to_numeric(frame["observed"], errors="coerce").astype(float)
    down = frame["direction"].eq("down").to_numpy()
    num = np.where(down, target, observed)
    den = np.where(down, observed, target)
    with np.errstate(divide="ignore", invalid="ignore"):
        attainment = np.where(den != 0, num / den, np.nan)
    frame["target"] = target
    frame["observed"] = observed
    frame["note"] = frame["note"].fillna("")
    frame["attainment"] = attainment
    met = np.where(down, observed <= target, observed >= target)
    known = ~(np.isnan(observed) | np.isnan(target))
    frame["met"] = pd.Series(
        np.where(known, met, None),  # type: ignore[call-overload]  # numpy stubs: no None fallback
        index=frame.index,
        dtype="object",
    )
    return frame
