"""Helpers for the Collaborative Partnerships course.

Classify a partnership (mandatory or voluntary, contract or trust; Himmelman's
continuum), map its stakeholders, and plan one in six steps. Data goes in and
comes out as pandas DataFrames; charts are Altair charts; exercises are
ipywidgets apps.

Importing :mod:`toolkit` is cheap: public names are loaded from their modules
the first time they are used, and Altair, ipywidgets and IPython are imported
only when a chart or a widget is asked for.

>>> import toolkit
>>> toolkit.CONTINUUM_LEVELS[-1]
'collaborating'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name -> the module that defines it. This table is the public API;
# tests/test_toplevel.py pins it, so a name is never moved or dropped silently.
_API: dict[str, str] = {
    "InputError": "toolkit.errors",
    "atomic_write_text": "toolkit.io",
    "atomic_write_bytes": "toolkit.io",
    "read_table": "toolkit.io",
    "CONTINUUM_LEVELS": "toolkit.continuum",
    "CONTINUUM_ITEMS": "toolkit.continuum",
    "continuum_levels": "toolkit.continuum",
    "himmelman_strategies": "toolkit.continuum",
    "continuum_feedback": "toolkit.continuum",
    "continuum_chart": "toolkit.charts",
    # stakeholder mapping (issue 4)
    "SECTORS": "toolkit.stakeholders",
    "SECTOR_SYNONYMS": "toolkit.stakeholders",
    "RATINGS": "toolkit.stakeholders",
    "DEFAULT_THRESHOLD": "toolkit.stakeholders",
    "DEFAULT_DOMINANCE_THRESHOLD": "toolkit.stakeholders",
    "GRID_QUADRANTS": "toolkit.stakeholders",
    "SALIENCE_CLASSES": "toolkit.stakeholders",
    "MARGINAL_RECOMMENDATIONS": "toolkit.stakeholders",
    "RESOURCE_KINDS": "toolkit.stakeholders",
    "read_register": "toolkit.stakeholders",
    "validate_register": "toolkit.stakeholders",
    "read_relationships": "toolkit.stakeholders",
    "validate_relationships": "toolkit.stakeholders",
    "sector_mappings": "toolkit.stakeholders",
    "resolve_thresholds": "toolkit.stakeholders",
    "power_interest_grid": "toolkit.stakeholders",
    "salience": "toolkit.stakeholders",
    "marginal_stakeholders": "toolkit.stakeholders",
    "analyse_stakeholders": "toolkit.stakeholders",
    "sector_coverage": "toolkit.stakeholders",
    "power_dominance": "toolkit.stakeholders",
    "coverage_gaps": "toolkit.stakeholders",
    "one_way_resource_flows": "toolkit.stakeholders",
    "network_measures": "toolkit.stakeholders",
    "betweenness_method": "toolkit.stakeholders",
    "expanding_network_candidates": "toolkit.stakeholders",
    "stakeholder_analysis_candidates": "toolkit.stakeholders",
    "self_selection_candidates": "toolkit.stakeholders",
    "stakeholder_summary": "toolkit.stakeholders",
    "example_register": "toolkit.stakeholders",
    "example_relationships": "toolkit.stakeholders",
    "grid_chart": "toolkit.stakeholder_charts",
    "sector_coverage_chart": "toolkit.stakeholder_charts",
    "network_chart": "toolkit.stakeholder_charts",
    # six-step planning (issue 5)
    "Plan": "toolkit.planning",
    "PlanError": "toolkit.planning",
    "ReadinessResult": "toolkit.planning",
    "SCHEMA_VERSION": "toolkit.planning",
    "STEP_KEYS": "toolkit.planning",
    "blank_plan": "toolkit.planning",
    "load_plan": "toolkit.planning",
    "loads_plan": "toolkit.planning",
    "save_plan": "toolkit.planning",
    "dumps_plan": "toolkit.planning",
    "upgrade_plan_data": "toolkit.planning",
    "six_steps": "toolkit.planning",
    "step_outputs": "toolkit.planning",
    "readiness_check": "toolkit.planning",
    "plan_progress": "toolkit.planning",
    "missing_outputs": "toolkit.planning",
    "next_action": "toolkit.planning",
    "check_report": "toolkit.planning",
    "failure_reasons": "toolkit.diagnostics",
    "failure_risks": "toolkit.diagnostics",
    "risk_summary": "toolkit.diagnostics",
    "read_setbacks": "toolkit.diagnostics",
    "setback_summary": "toolkit.diagnostics",
    "setback_signs": "toolkit.diagnostics",
    "learning_actions": "toolkit.diagnostics",
    "evaluation_dimensions": "toolkit.diagnostics",
    "evaluation_summary": "toolkit.diagnostics",
    "gao_practices": "toolkit.diagnostics",
    "gao_checklist": "toolkit.diagnostics",
    "gao_summary": "toolkit.diagnostics",
    "impact_indicators": "toolkit.diagnostics",
    "progress_chart": "toolkit.planning_charts",
    "risk_chart": "toolkit.planning_charts",
    "indicator_chart": "toolkit.planning_charts",
    "worksheet_markdown": "toolkit.worksheets",
    "worksheet_html": "toolkit.worksheets",
    # exercises (issue 7)
    "simulate": "toolkit.trustgame",
    "play_match": "toolkit.trustgame",
    "tournament": "toolkit.trustgame",
    "tournament_table": "toolkit.trustgame",
    "describe_match": "toolkit.trustgame",
    "match_chart": "toolkit.trustgame",
    "tournament_chart": "toolkit.trustgame",
    "Payoffs": "toolkit.trustgame",
    "STRATEGIES": "toolkit.trustgame",
    "load_answers": "toolkit.answers",
    "save_answers": "toolkit.answers",
    "parse_answers": "toolkit.answers",
    "answers_json": "toolkit.answers",
    "download_link_html": "toolkit.answers",
    "spot_scenarios": "toolkit.exercises",
    "failure_cases": "toolkit.exercises",
    "check_spot": "toolkit.exercises",
    "check_failure_reason": "toolkit.exercises",
    "check_setback_response": "toolkit.exercises",
    "questionnaire_result": "toolkit.exercises",
    # classification (issue 3)
    "MODES": "toolkit.classification",
    "Boundaries": "toolkit.classification",
    "DEFAULT_BOUNDARIES": "toolkit.classification",
    "Classification": "toolkit.classification",
    "classify": "toolkit.classification",
    "classify_mode": "toolkit.classification",
    "score_responses": "toolkit.classification",
    "summarize_partnerships": "toolkit.classification",
    "summarize_organizations": "toolkit.classification",
    "direction_of_travel": "toolkit.classification",
    "excluded_respondents": "toolkit.classification",
    "item_bank": "toolkit.classification",
    "questionnaire": "toolkit.classification",
    "example_responses": "toolkit.classification",
    "read_responses": "toolkit.forms",
    "parse_responses": "toolkit.forms",
    "answers_to_numbers": "toolkit.forms",
    "ANSWER_LABELS": "toolkit.forms",
    "YES_NO_LABELS": "toolkit.forms",
    "COLUMN_NAMES": "toolkit.forms",
    "heuristic_map": "toolkit.classification_charts",
    "item_profile": "toolkit.classification_charts",
    "continuum_bar": "toolkit.classification_charts",
    "heuristic_explorer": "toolkit.classification_charts",
    "MODE_COLORS": "toolkit.classification_charts",
}

__all__ = sorted([*_API, "__version__"])


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
