"""Each plan schema version is a frozen JSON Schema file; data files only reword it."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from toolkit.planning import SCHEMA_VERSION, load_plan
from toolkit.planning import schema as schema_module
from toolkit.planning.schema import derived_schema, frozen_schema, to_json_schema

DATA = Path(__file__).parent / "data"

# The frozen files, by version. A frozen file never changes: a new structure is a new
# version (a new file, a new entry here, and an upgrade step in toolkit.planning.upgrades).
FROZEN_SHA256 = {
    2: "9b438a0fb8b6ebd34042d40077cc707a45bd7fbe60042eabc623c238295a6400",
}


@pytest.mark.parametrize("version", sorted(FROZEN_SHA256))
def test_frozen_schema_files_never_change(version: int) -> None:
    path = Path(schema_module.__file__).parent / "schemas" / f"plan-v{version}.schema.json"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == FROZEN_SHA256[version]


def test_the_current_version_is_frozen() -> None:
    assert SCHEMA_VERSION in FROZEN_SHA256


def test_data_files_still_describe_the_current_version() -> None:
    """If this fails, a data file changed what a plan means (a key, a choice, a kind):
    add schema version N+1 (a frozen file) and an upgrade step from N, tested on a stored
    version-N plan, instead of changing version N."""
    derived = to_json_schema(derived_schema(), version=SCHEMA_VERSION)
    assert derived == frozen_schema(SCHEMA_VERSION)


def test_frozen_schema_is_a_json_schema_the_example_plan_meets() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = frozen_schema(SCHEMA_VERSION)
    jsonschema.Draft202012Validator.check_schema(schema)
    plan = load_plan(DATA / "plan-v2.yaml")
    jsonschema.validate(plan.to_dict(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**plan.to_dict(), "schema_version": 1}, schema)


def _expected() -> dict:
    return json.loads((DATA / "plan-v2.expected.json").read_text(encoding="utf-8"))


def _as_json(plan_dict: dict) -> dict:
    return json.loads(json.dumps(plan_dict, ensure_ascii=False, default=str))


def test_stored_v2_plan_means_what_it_meant() -> None:
    assert _as_json(load_plan(DATA / "plan-v2.yaml").to_dict()) == _expected()


def test_renaming_a_failure_reason_in_the_data_cannot_change_a_saved_v2_plan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = schema_module._data
    first_id = original("failure_reasons.yaml")["reasons"][0]["id"]

    def renamed(name: str):
        data = original(name)
        if name == "failure_reasons.yaml":
            data = copy.deepcopy(data)
            data["reasons"][0]["id"] = "renamed_reason"
        return data

    monkeypatch.setattr(schema_module, "_data", renamed)
    schema_module.derived_schema.cache_clear()
    schema_module._schema.cache_clear()
    try:
        # The data no longer describes version 2: the golden test above would fail ...
        derived = to_json_schema(derived_schema(), version=SCHEMA_VERSION)
        assert derived != frozen_schema(SCHEMA_VERSION)
        # ... but a saved v2 plan still loads, with the same meaning.
        plan = load_plan(DATA / "plan-v2.yaml")
        assert first_id in plan.to_dict()["risks"]
        assert _as_json(plan.to_dict()) == _expected()
    finally:
        monkeypatch.undo()
        schema_module.derived_schema.cache_clear()
        schema_module._schema.cache_clear()
