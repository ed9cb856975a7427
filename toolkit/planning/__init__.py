"""Plan a partnership in six steps, and keep the plan as a file.

Joan Roberts' six-step model for developing a *trans-organizational system*
(after Thomas Cummings) takes a group from a problem to a working partnership
and round again: 1 problem identification, 2 motivation to act, 3 member
identification and selection, 4 collaborative planning, 5 building an
organization, 6 evaluation, which may start a new cycle. The steps, their
guiding questions and the outputs each must produce are package data
(``toolkit/data/six_steps.yaml``); :func:`six_steps` and :func:`step_outputs`
return them as DataFrames.

Before step 1, :func:`readiness_check` asks whether a partnership is the right
strategy at all: Roberts' two conditions (single organisations have a history
of failing to develop sustainable solutions; partners are willing to
collaborate) and the extra time, energy and resources a partnership costs.

A :class:`Plan` is kept as a human-editable YAML file with a schema version.
:func:`load_plan` validates it and reports the first problem with the file, the
line and the field path (``steps.planning.goals[2].target``; item numbers in
paths count from 1, as a person reading the file would). :func:`save_plan`
writes atomically and never writes a plan that does not validate.
:func:`plan_progress` and :func:`next_action` say which steps are complete,
what is missing and what to do next.

Choices made where the source is silent (all documented in the data files or
the functions' parameters):

* **Readiness.** Roberts' two conditions decide; the costs are a warning unless
  ``require_costs=True``. Recommendations are ``proceed``, ``proceed with
  care`` (conditions met, costs not yet weighed), ``assess further`` (a
  condition unknown) and ``reconsider`` (a condition fails, or the partners do
  not accept the costs).
* **Step 5** records the three processes of Roberts' tri-process model and the
  five arrangements the step's question names, each as its own output.
* **Step 6** carries every step-4 goal (with its indicator and target) over as
  a social impact indicator: the step needs an observed value for each.

Schema versions
---------------
* **2** (current): the layout :func:`blank_plan` writes.
* **1**: an earlier, minimal layout: ``readiness`` held two booleans
  (``history_of_failure``, ``partners_willing``) and ``steps`` was a list of
  ``{number, notes}``. Loading upgrades it: the booleans become ``yes``/``no``
  answers and each step's notes go to that step's ``notes`` field.

A newer schema than this toolkit knows, or a file without ``schema_version``,
is refused with a message saying why.

Examples
--------
>>> plan = blank_plan("Reading partnership")
>>> plan.steps["problem"]["problem_statement"] = "Too few children read for pleasure."
>>> progress = plan_progress(plan)
>>> progress[["number", "complete"]].head(2).values.tolist()
[[1, False], [2, False]]
>>> progress.loc[0, "missing"]
['The perspectives the members bring to the problem: none recorded yet']
>>> loads_plan(dumps_plan(plan)) == plan
True
"""

from __future__ import annotations

from .diagnostics import (
    evaluation_dimensions,
    evaluation_frameworks,
    evaluation_summary,
    failure_reasons,
    failure_risks,
    gao_checklist,
    gao_practices,
    gao_summary,
    impact_indicators,
    learning_actions,
    read_setbacks,
    risk_summary,
    setback_signs,
    setback_summary,
)
from .plan import Plan, blank_plan, dumps_plan, load_plan, loads_plan, save_plan
from .progress import missing_outputs, next_action, plan_progress
from .readiness import ReadinessResult, readiness_check
from .reporting import check_report, plan_check, plan_export, plan_template
from .schema import OLDEST_SCHEMA, SCHEMA_VERSION
from .steps import READINESS_ANSWERS, RECOMMENDATIONS, STEP_KEYS, six_steps, step_outputs
from .upgrades import upgrade_plan_data
from .validate import PlanError
from .worksheets import worksheet_html, worksheet_markdown

__all__ = [
    "OLDEST_SCHEMA",
    "READINESS_ANSWERS",
    "RECOMMENDATIONS",
    "SCHEMA_VERSION",
    "STEP_KEYS",
    "Plan",
    "PlanError",
    "ReadinessResult",
    "blank_plan",
    "check_report",
    "dumps_plan",
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
    "load_plan",
    "loads_plan",
    "missing_outputs",
    "next_action",
    "plan_check",
    "plan_export",
    "plan_progress",
    "plan_template",
    "read_setbacks",
    "readiness_check",
    "risk_summary",
    "save_plan",
    "setback_signs",
    "setback_summary",
    "six_steps",
    "step_outputs",
    "upgrade_plan_data",
    "worksheet_html",
    "worksheet_markdown",
]
