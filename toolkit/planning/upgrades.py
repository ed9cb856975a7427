"""Upgrade a plan written with an older schema version."""

from __future__ import annotations

import copy
from typing import Any

from ..errors import InputError
from .schema import OLDEST_SCHEMA, SCHEMA_VERSION
from .steps import STEP_KEYS
from .validate import _fmt_path, _kind_name

# --------------------------------------------------------------------------- upgrades


def _upgrade_1_to_2(data: dict[str, Any], file: str | None) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k not in ("readiness", "steps")}
    old_ready = data.get("readiness") or {}
    if not isinstance(old_ready, dict):
        raise InputError(
            "cannot upgrade this schema 1 plan: readiness is not a section",
            file=file,
            column="readiness",
        )

    def yes_no(key: str) -> str | None:
        v = old_ready.get(key)
        if v is None:
            return None
        if isinstance(v, bool):
            return "yes" if v else "no"
        raise InputError(
            "cannot upgrade this schema 1 plan: expected true or false",
            file=file,
            column=f"readiness.{key}",
            value=v,
            allowed="true, false or empty",
        )

    unknown = set(old_ready) - {"history_of_failure", "partners_willing"}
    if unknown:
        raise InputError(
            "cannot upgrade this schema 1 plan: unknown readiness field",
            file=file,
            column=f"readiness.{sorted(map(str, unknown))[0]}",
            allowed="history_of_failure, partners_willing",
        )
    out["readiness"] = {
        "single_organisations_failed": yes_no("history_of_failure"),
        "partners_willing": yes_no("partners_willing"),
    }
    old_steps = data.get("steps") or []
    if not isinstance(old_steps, list):
        raise InputError(
            "cannot upgrade this schema 1 plan: steps must be a list of {number, notes}",
            file=file,
            column="steps",
            value=_kind_name(old_steps),
        )
    steps: dict[str, Any] = {}
    for i, item in enumerate(old_steps):
        number = item.get("number") if isinstance(item, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 6:
            raise InputError(
                "cannot upgrade this schema 1 plan: a step without a number from 1 to 6",
                file=file,
                column=_fmt_path(("steps", i, "number")),
                value=number,
            )
        extra = set(item) - {"number", "notes"}
        if extra:
            raise InputError(
                "cannot upgrade this schema 1 plan: unknown step field",
                file=file,
                column=_fmt_path(("steps", i, sorted(map(str, extra))[0])),
                allowed="number, notes",
            )
        steps[STEP_KEYS[number - 1]] = {"notes": item.get("notes")}
    out["steps"] = steps
    out["schema_version"] = 2
    return out


_UPGRADES = {1: _upgrade_1_to_2}


def upgrade_plan_data(data: Any, *, file: str | None = None) -> dict[str, Any]:
    """Bring raw plan data (as read from YAML) up to :data:`SCHEMA_VERSION`.

    Returns a new dict; the input is not modified. Raises :class:`InputError`
    saying why when the data cannot be upgraded: no ``schema_version``, a
    version newer than this toolkit knows, or an old file that does not have
    the old layout.

    >>> old = {"schema_version": 1, "title": "Walk to school",
    ...        "readiness": {"history_of_failure": True, "partners_willing": False},
    ...        "steps": [{"number": 1, "notes": "Traffic near schools"}]}
    >>> new = upgrade_plan_data(old)
    >>> new["schema_version"], new["readiness"]["partners_willing"], new["steps"]["problem"]
    (2, 'no', {'notes': 'Traffic near schools'})
    >>> try:
    ...     upgrade_plan_data({"schema_version": 9})
    ... except InputError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    column 'schema_version': this plan was written for a newer version of the toolkit: got 9;
    allowed: schema versions 1 to 2 (update the toolkit to read it)
    """
    if not isinstance(data, dict):
        raise InputError(
            "a plan must be a YAML mapping of fields",
            file=file,
            value=_kind_name(data),
            allowed="fields such as schema_version, title, steps",
        )
    allowed = f"schema versions {OLDEST_SCHEMA} to {SCHEMA_VERSION}"
    if "schema_version" not in data:
        raise InputError(
            "the plan has no schema_version",
            file=file,
            column="schema_version",
            allowed=f"a first line 'schema_version: {SCHEMA_VERSION}' "
            "(files made by 'plan new' have it)",
        )
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(
            "the schema version must be a whole number",
            file=file,
            column="schema_version",
            value=version,
            allowed=allowed,
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            "this plan was written for a newer version of the toolkit",
            file=file,
            column="schema_version",
            value=version,
            allowed=allowed + " (update the toolkit to read it)",
        )
    if version < OLDEST_SCHEMA:
        raise InputError(
            "unknown schema version",
            file=file,
            column="schema_version",
            value=version,
            allowed=allowed,
        )
    out = copy.deepcopy(data)
    while version < SCHEMA_VERSION:
        out = _UPGRADES[version](out, file)
        version += 1
    return out
