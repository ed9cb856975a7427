"""Check a plan's data against the schema and explain every problem."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..safeyaml import as_text
from .schema import _Field, _schema

# --------------------------------------------------------------------------- validation


def _fmt_path(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


@dataclass
class _Issue:
    path: tuple[Any, ...]
    problem: str
    value: Any = None
    has_value: bool = False
    allowed: str | None = None


class PlanError(InputError):
    """A plan that does not match the schema. ``issues`` lists every problem found.

    The message (one line) describes the first problem and counts the others.
    """

    issues: list[str]


_YAML_SCALARS = (str, int, float, _dt.date)


def _text(value: Any, path: tuple[Any, ...], issues: list[_Issue]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return as_text(value)  # as typed: goal id 1.10 stays "1.10", 010 stays "010"
    issues.append(
        _Issue(path, "expected text", _kind_name(value), True, "text on one line, or a | block")
    )
    return ""


def _kind_name(value: Any) -> str:
    if isinstance(value, dict):
        return "a section of fields"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _simplify(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def _check(value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]) -> Any:
    kind = spec.kind
    if kind == "section":
        return _check_section(value, spec, path, issues)
    if kind == "text":
        return _text(value, path, issues)
    if kind == "texts":
        if value is None:
            return []
        if isinstance(value, _YAML_SCALARS):
            return [_text(value, path, issues)]
        if not isinstance(value, list):
            issues.append(
                _Issue(path, "expected a list of texts", _kind_name(value), True, "'- ' lines")
            )
            return []
        return [_text(v, (*path, i), issues) for i, v in enumerate(value)]
    if kind in ("choice", "status"):
        return _choice(value, spec.choices, path, issues)
    if kind == "number":
        return _number(value, path, issues)
    if kind in ("records", "observations"):
        if value is None:
            return []
        if not isinstance(value, list):
            issues.append(
                _Issue(
                    path,
                    "expected a list of items",
                    _kind_name(value),
                    True,
                    "one '- ' item per entry, with the fields "
                    + ", ".join(f.key for f in spec.fields),
                )
            )
            return []
        item_spec = _Field(spec.key, "section", spec.label, fields=spec.fields)
        return [_check_section(v, item_spec, (*path, i), issues) for i, v in enumerate(value)]
    if kind in ("ratings", "checklist"):
        value = _section_mapping(value, spec, path, issues)
        out = {}
        for f in spec.fields:
            v = value.get(f.key)
            if kind == "ratings":
                out[f.key] = _rating(v, spec, (*path, f.key), issues)
            else:
                out[f.key] = _choice(v, spec.choices, (*path, f.key), issues)
        return out
    if kind == "tags":
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            issues.append(
                _Issue(path, "expected a list", _kind_name(value), True, ", ".join(spec.choices))
            )
            return []
        out_tags = []
        for i, v in enumerate(items):
            tag = _choice(v, spec.choices, (*path, i), issues)
            if tag is not None:
                out_tags.append(tag)
        return out_tags
    raise AssertionError(f"unknown field kind {kind!r}")  # pragma: no cover


def _unknown_keys(
    value: dict[Any, Any], spec: _Field, path: tuple[Any, ...], issues: list[_Issue]
) -> None:
    known = {f.key for f in spec.fields}
    for key in value:
        if str(key) not in known:
            issues.append(
                _Issue(
                    (*path, str(key)),
                    "unknown field",
                    str(key),
                    True,
                    ", ".join(f.key for f in spec.fields),
                )
            )


def _check_section(
    value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]
) -> dict[str, Any]:
    value = _section_mapping(value, spec, path, issues)
    return {f.key: _check(value.get(f.key), f, (*path, f.key), issues) for f in spec.fields}


def _section_mapping(
    value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]
) -> dict[Any, Any]:
    """``value`` as a section's mapping (empty when absent), recording a non-mapping and
    any unknown keys as issues."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        issues.append(
            _Issue(
                path,
                "expected a section of fields",
                _kind_name(value),
                True,
                "the fields " + ", ".join(f.key for f in spec.fields),
            )
        )
        return {}
    _unknown_keys(value, spec, path, issues)
    return value


def _choice(
    value: Any, choices: tuple[Any, ...], path: tuple[Any, ...], issues: list[_Issue]
) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, str):
        wanted = _simplify(value)
        for c in choices:
            if _simplify(str(c)) == wanted:
                return c
    issues.append(
        _Issue(
            path, "not an allowed value", value, True, ", ".join(map(str, choices)) + " or empty"
        )
    )
    return None


def _number(value: Any, path: tuple[Any, ...], issues: list[_Issue]) -> int | float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: Any = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            try:
                number = float(value.strip())
            except ValueError:
                number = None
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or (isinstance(number, float) and not math.isfinite(number))
    ):
        issues.append(
            _Issue(path, "expected a number", value, True, "a number such as 12 or 0.5, or empty")
        )
        return None
    return int(number) if isinstance(number, int) else float(number)


def _rating(value: Any, spec: _Field, path: tuple[Any, ...], issues: list[_Issue]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in spec.choices:
        return int(value)
    if isinstance(value, str):
        text = _simplify(value)
        for v, label in zip(spec.choices, spec.labels, strict=True):
            if text in (_simplify(label), str(v), _simplify(label).split()[0]):
                return int(v)
    allowed = ", ".join(
        f"{v} ({label})" for v, label in zip(spec.choices, spec.labels, strict=True)
    )
    issues.append(_Issue(path, "not an allowed rating", value, True, allowed + " or empty"))
    return None


def _cross_checks(data: dict[str, Any], issues: list[_Issue]) -> None:
    goals = data["steps"]["planning"]["goals"]
    seen: dict[str, int] = {}
    for i, g in enumerate(goals):
        gid = g["id"].strip()
        if not gid:
            continue
        if gid in seen:
            issues.append(
                _Issue(
                    ("steps", "planning", "goals", i, "id"),
                    "duplicate goal id",
                    gid,
                    True,
                    "a different id for each goal",
                )
            )
        seen.setdefault(gid, i)
    observed: set[str] = set()
    for i, o in enumerate(data["steps"]["evaluation"]["indicators"]):
        gid = o["goal"].strip()
        path = ("steps", "evaluation", "indicators", i, "goal")
        if not gid:
            issues.append(
                _Issue(
                    path, "the goal id is missing", allowed=", ".join(seen) or "a step-4 goal id"
                )
            )
        elif gid not in seen:
            issues.append(
                _Issue(
                    path,
                    "no goal with this id in step 4",
                    gid,
                    True,
                    ", ".join(seen) or "none yet: add goals in steps.planning.goals first",
                )
            )
        elif gid in observed:
            issues.append(
                _Issue(
                    path,
                    "a second observation for the same goal",
                    gid,
                    True,
                    "one observed value per goal",
                )
            )
        observed.add(gid)


def _normalise(
    data: Any,
    *,
    file: str | None = None,
    lines: Mapping[tuple[Any, ...], int] | None = None,
    prefix: str = "",
) -> dict[str, Any]:
    """Validate upgraded plan data; return it normalised (every field present)."""
    issues: list[_Issue] = []
    if not isinstance(data, dict):
        raise InputError(
            prefix + "a plan must be a YAML mapping of fields",
            file=file,
            line=1 if lines is not None else None,
            value=_kind_name(data),
            allowed="fields such as schema_version, title, readiness, steps",
        )
    body = {k: v for k, v in data.items() if k != "schema_version"}
    out = _check_section(body, _schema(), (), issues)
    if not issues:
        _cross_checks(out, issues)
    if issues:
        _raise_issues(issues, file=file, lines=lines or {}, prefix=prefix)
    return out


def _line_for(path: tuple[Any, ...], lines: Mapping[tuple[Any, ...], int]) -> int | None:
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def _raise_issues(
    issues: list[_Issue],
    *,
    file: str | None,
    lines: Mapping[tuple[Any, ...], int],
    prefix: str = "",
) -> None:
    first = issues[0]
    problem = prefix + first.problem
    more = len(issues) - 1
    kwargs: dict[str, Any] = {
        "file": file,
        "line": _line_for(first.path, lines),
        "column": _fmt_path(first.path) or None,
        "allowed": first.allowed,
    }
    if first.has_value:
        kwargs["value"] = first.value
    if more:
        tail = f" (and {more} more problem{'s' if more > 1 else ''})"
        if first.allowed:
            kwargs["allowed"] = first.allowed + tail
        else:
            problem += tail
    err = PlanError(problem, **kwargs)
    err.issues = [
        f"{_fmt_path(i.path)}"
        + (f" (line {_line_for(i.path, lines)})" if _line_for(i.path, lines) else "")
        + f": {i.problem}"
        + (f": got {i.value!r}" if i.has_value else "")
        for i in issues
    ]
    raise err
