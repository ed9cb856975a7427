"""Progress through the six steps, what is missing, and the next action."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .plan import Plan, _as_plan
from .readiness import readiness_check
from .schema import _Field, _schema, _section
from .steps import _steps_data

# --------------------------------------------------------------------------- progress


def _filled(kind: str, value: Any) -> bool:
    if kind == "text":
        return bool(value.strip())
    if kind == "texts":
        return any(v.strip() for v in value)
    if kind in ("choice", "number"):
        return value is not None
    if kind == "checklist":
        return any(v is not None for v in value.values())
    return bool(value)


def _record_gaps(spec: _Field, items: list[dict[str, Any]]) -> list[str]:
    gaps = []
    for i, item in enumerate(items, start=1):
        empty = [f.label for f in spec.fields if f.required and not _filled(f.kind, item[f.key])]
        if empty:
            first = next((str(v) for v in item.values() if isinstance(v, str) and v.strip()), "")
            name = f"item {i}" + (f" ({first})" if first else "")
            gaps.append(f"{name}: {', '.join(empty).lower()}")
    return gaps


def _output_rows(plan: Plan) -> list[dict[str, Any]]:
    steps_spec = _section(_schema(), "steps")
    goal_ids = [g["id"].strip() for g in plan.steps["planning"]["goals"] if g["id"].strip()]
    rows = []
    for number, sspec in enumerate(steps_spec.fields, start=1):
        section = plan.steps[sspec.key]
        for f in sspec.fields:
            if not f.required:
                continue
            value = section[f.key]
            detail = ""
            if f.kind == "records":
                gaps = _record_gaps(f, value)
                done = bool(value) and not gaps
                detail = "none recorded yet" if not value else "; ".join(gaps)
            elif f.kind == "observations":
                seen = {o["goal"].strip() for o in value if o["observed"] is not None}
                lacking = [g for g in goal_ids if g not in seen]
                done = bool(goal_ids) and not lacking
                detail = (
                    "no measurable goals in step 4 yet"
                    if not goal_ids
                    else "no observed value for " + ", ".join(lacking)
                )
            else:
                done = _filled(f.kind, value)
            rows.append(
                {
                    "number": number,
                    "step": sspec.key,
                    "name": sspec.label,
                    "output": f.key,
                    "label": f.label,
                    "filled": done,
                    "started": done or _filled("records", value),
                    "detail": "" if done else detail,
                }
            )
    return rows


def missing_outputs(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> pd.DataFrame:
    """Return one row per required output that is not done yet.

    Columns: ``number``, ``step``, ``name``, ``output``, ``label``, ``detail``.

    >>> from toolkit.planning import blank_plan
    >>> missing_outputs(blank_plan())["output"].head(3).tolist()
    ['problem_statement', 'perspectives', 'motivations']
    """
    frame = pd.DataFrame(_output_rows(_as_plan(plan)))
    return frame.loc[~frame["filled"]].drop(columns="filled").reset_index(drop=True)


def plan_progress(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> pd.DataFrame:
    """Return the progress of each of the six steps (one row per step, in order).

    Columns: ``number``, ``key``, ``name``, ``filled`` and ``required`` (counts
    of required outputs), ``share`` (filled / required), ``complete``
    (every required output done), ``status`` (``complete``, ``in progress``, or
    ``not started`` when no required output holds anything yet) and ``missing`` (a list
    of what is missing, with details).

    >>> from toolkit.planning import blank_plan
    >>> plan_progress(blank_plan())[["number", "status", "required"]].tail(2).values.tolist()
    [[5, 'not started', 8], [6, 'not started', 5]]
    """
    rows = pd.DataFrame(_output_rows(_as_plan(plan)))
    rows["missing_text"] = rows["label"].where(
        rows["detail"] == "", rows["label"] + ": " + rows["detail"]
    )
    grouped = rows.groupby("number", sort=True)
    out = pd.DataFrame(
        {
            "number": grouped["number"].first().astype(int),
            "key": grouped["step"].first(),
            "name": grouped["name"].first(),
            "filled": grouped["filled"].sum().astype(int),
            "required": grouped["filled"].size().astype(int),
            "started": grouped["started"].any().to_numpy(),
        }
    ).reset_index(drop=True)
    out["share"] = out["filled"] / out["required"]
    out["complete"] = out["filled"] == out["required"]
    status = pd.Series("in progress", index=out.index, dtype=object)
    status[out["complete"]] = "complete"
    status[~out.pop("started")] = "not started"
    out["status"] = status
    missing = rows.loc[~rows["filled"]].groupby("number")["missing_text"].agg(list)
    out["missing"] = out["number"].map(missing).apply(lambda v: v if isinstance(v, list) else [])
    return out


def next_action(
    plan: Plan | Mapping[str, Any] | str | os.PathLike[str], *, require_costs: bool = False
) -> str:
    """Say, in a sentence or two, what the group should do next.

    The readiness check comes first; then the first step (in order) with
    something missing; when all six steps are complete, the step-6 decision
    says whether to start a new cycle.

    >>> from toolkit.planning import blank_plan
    >>> print(next_action(blank_plan()))  # doctest: +NORMALIZE_WHITESPACE
    Before step 1: not yet known whether single organisations have failed to develop
    sustainable solutions: find out before step 1.
    """
    plan = _as_plan(plan)
    ready = readiness_check(plan, require_costs=require_costs)
    if not ready.ready:
        first = next(
            r
            for r in ready.reasons
            if not r.startswith(
                ("Single organisations have a", "The prospective partners are willing")
            )
        )
        first = first.split(" Evidence: ")[0]
        first = first[0].lower() + first[1:]
        if ready.recommendation == "reconsider":
            return f"Reconsider whether a partnership is the right strategy: {first}"
        return f"Before step 1: {first}"
    progress = plan_progress(plan)
    todo = progress.loc[~progress["complete"]]
    if not todo.empty:
        row = todo.iloc[0]
        question = _steps_data()[int(row["number"]) - 1]["question"]
        return (
            f"Step {row['number']} ({row['name']}): complete {row['missing'][0]}. Ask: {question}"
        )
    decision = plan.steps["evaluation"]["decision"]
    if decision == "end":
        return (
            "All six steps are complete and the partners decided to end the partnership: "
            "record what was learned and what capacity remains for new work."
        )
    return (
        f"All six steps are complete and the partners decided to {decision}: start a new "
        "cycle at step 1 with the problem as it now stands."
    )
