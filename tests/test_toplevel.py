"""The public API is explicit, pinned, and cheap to import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import toolkit

EXPECTED_API = sorted(
    [
        "CONTINUUM_ITEMS",
        "CONTINUUM_LEVELS",
        "InputError",
        "__version__",
        "atomic_write_bytes",
        "atomic_write_text",
        "continuum_levels",
        "himmelman_strategies",
        "read_table",
        "continuum_feedback",
        "continuum_chart",
        "SECTORS",
        "SECTOR_SYNONYMS",
        "RATINGS",
        "DEFAULT_THRESHOLD",
        "DEFAULT_DOMINANCE_THRESHOLD",
        "GRID_QUADRANTS",
        "SALIENCE_CLASSES",
        "MARGINAL_RECOMMENDATIONS",
        "RESOURCE_KINDS",
        "read_register",
        "validate_register",
        "read_relationships",
        "validate_relationships",
        "sector_mappings",
        "resolve_thresholds",
        "power_interest_grid",
        "salience",
        "marginal_stakeholders",
        "analyse_stakeholders",
        "sector_coverage",
        "power_dominance",
        "coverage_gaps",
        "one_way_resource_flows",
        "network_measures",
        "betweenness_method",
        "expanding_network_candidates",
        "stakeholder_analysis_candidates",
        "self_selection_candidates",
        "stakeholder_summary",
        "example_register",
        "example_relationships",
        "grid_chart",
        "sector_coverage_chart",
        "network_chart",
        "MODES",
        "Boundaries",
        "DEFAULT_BOUNDARIES",
        "Classification",
        "classify",
        "classify_mode",
        "score_responses",
        "summarize_partnerships",
        "summarize_organizations",
        "direction_of_travel",
        "excluded_respondents",
        "item_bank",
        "questionnaire",
        "example_responses",
        "read_responses",
        "parse_responses",
        "answers_to_numbers",
        "ANSWER_LABELS",
        "YES_NO_LABELS",
        "COLUMN_NAMES",
        "heuristic_map",
        "item_profile",
        "continuum_bar",
        "heuristic_explorer",
        "MODE_COLORS",
        "simulate",
        "play_match",
        "tournament",
        "tournament_table",
        "describe_match",
        "match_chart",
        "tournament_chart",
        "Payoffs",
        "STRATEGIES",
        "load_answers",
        "save_answers",
        "parse_answers",
        "answers_json",
        "download_link_html",
        "spot_scenarios",
        "failure_cases",
        "check_spot",
        "check_failure_reason",
        "check_setback_response",
        "questionnaire_result",
        "Plan",
        "PlanError",
        "ReadinessResult",
        "SCHEMA_VERSION",
        "STEP_KEYS",
        "blank_plan",
        "load_plan",
        "loads_plan",
        "save_plan",
        "dumps_plan",
        "upgrade_plan_data",
        "six_steps",
        "step_outputs",
        "readiness_check",
        "plan_progress",
        "missing_outputs",
        "next_action",
        "check_report",
        "failure_reasons",
        "failure_risks",
        "risk_summary",
        "read_setbacks",
        "setback_summary",
        "setback_signs",
        "learning_actions",
        "evaluation_dimensions",
        "evaluation_summary",
        "gao_practices",
        "gao_checklist",
        "gao_summary",
        "impact_indicators",
        "progress_chart",
        "risk_chart",
        "indicator_chart",
        "worksheet_markdown",
        "worksheet_html",
    ]
)


def test_all_is_pinned() -> None:
    assert sorted(toolkit.__all__) == EXPECTED_API


def test_every_public_name_resolves() -> None:
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        toolkit.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out))


def test_import_toolkit_does_not_import_heavy_ui_libraries() -> None:
    loaded = _modules_after("import toolkit; toolkit.continuum_levels; toolkit.read_table")
    for heavy in ("altair", "ipywidgets", "IPython", "jsonschema", "openpyxl"):
        assert heavy not in loaded, f"import toolkit imported {heavy}"


def test_no_toolkit_module_imports_ui_libraries_at_import_time() -> None:
    """Every module of the package, widgets and charts included, loads Altair, ipywidgets
    and IPython only inside the functions that need them."""
    code = (
        "import importlib, pkgutil, toolkit\n"
        "for m in pkgutil.walk_packages(toolkit.__path__, 'toolkit.'):\n"
        "    if m.name != 'toolkit.__main__':\n"
        "        importlib.import_module(m.name)\n"
    )
    loaded = _modules_after(code)
    assert "toolkit.cli" in loaded and "toolkit.stakeholders" in loaded
    for heavy in ("altair", "ipywidgets", "IPython"):
        assert heavy not in loaded, f"importing the toolkit's modules imported {heavy}"


def test_type_checkers_see_the_same_api() -> None:
    """The ``if TYPE_CHECKING:`` imports (what IDEs and type checkers read) name exactly the
    modules the lazy ``__getattr__`` loads each public name from."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(toolkit.__file__).read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    seen = {
        alias.name: f"toolkit.{node.module}"
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == toolkit._API
    assert sorted(toolkit.__all__) == sorted([*toolkit._API, "__version__"])


WIDGETS_API = [
    "Autosave",
    "ExerciseApp",
    "classify_partnership",
    "continuum_self_check",
    "kernel_note_html",
    "many_views",
    "map_stakeholders",
    "plan_builder",
    "spot_the_partnership",
    "trust_game",
    "why_did_it_fail",
]


def test_widgets_api_is_pinned() -> None:
    import toolkit.widgets

    assert sorted(toolkit.widgets.__all__) == WIDGETS_API
    for name in toolkit.widgets.__all__:
        assert callable(getattr(toolkit.widgets, name)), name


def test_pages_and_tables_come_from_templates_not_f_strings() -> None:
    """Rule 3 of the layout: every HTML page and table is rendered by a Jinja2 template
    (autoescape on); no f-string or string concatenation in the toolkit spells one."""
    import ast

    page_or_table = ("<!doctype", "<html", "<table", "<tr>", "<td", "<th ", "<th>", "<thead")
    found = []
    for path in sorted(Path(toolkit.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # Markup being built: the literal parts of f-strings and of "+" joins.
            if isinstance(node, ast.JoinedStr):
                parts = node.values
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                parts = [node.left, node.right]
            else:
                continue
            text = " ".join(
                p.value.lower()
                for p in parts
                if isinstance(p, ast.Constant) and isinstance(p.value, str)
            )
            if any(tag in text for tag in page_or_table):
                found.append(f"{path.relative_to(path.parents[1])}:{node.lineno}")
    assert found == [], f"HTML pages or tables built in Python strings: {found}"
