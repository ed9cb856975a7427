"""A plan in memory, and the YAML file it is kept in."""

from __future__ import annotations

import copy
import os
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..io import atomic_write_text, read_input_bytes, shown_path
from ..safeyaml import parse_yaml
from .schema import SCHEMA_VERSION, _Field, _schema
from .steps import STEP_KEYS
from .upgrades import upgrade_plan_data
from .validate import PlanError, _fmt_path, _normalise

# --------------------------------------------------------------------------- the plan


@dataclass
class Plan:
    """A six-step partnership plan, as kept in a YAML file.

    Every field is present (blank when not yet decided): ``title``,
    ``description``, ``readiness`` (the answers to the readiness check),
    ``steps`` (one section per step, keyed by :data:`STEP_KEYS`), ``risks``
    (a rating 0-2 or ``None`` per failure reason), ``setbacks`` (the setbacks
    log). Build one with :func:`blank_plan`, :meth:`from_dict` or
    :func:`load_plan`; two plans are equal when their contents are.

    >>> plan = Plan.from_dict({"schema_version": 2, "title": "Clean river"})
    >>> plan.title, plan.steps["members"]["selection_model"], plan.risks["power_struggles"]
    ('Clean river', None, None)
    """

    title: str = ""
    description: str = ""
    readiness: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, Any] = field(default_factory=dict)
    risks: dict[str, Any] = field(default_factory=dict)
    setbacks: list[dict[str, Any]] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        if not (self.readiness and self.steps and self.risks):
            blank = _normalise(
                {
                    "title": self.title,
                    "description": self.description,
                    "readiness": self.readiness or None,
                    "steps": self.steps or None,
                    "risks": self.risks or None,
                    "setbacks": self.setbacks,
                }
            )
            self.readiness, self.steps, self.risks = (
                blank["readiness"],
                blank["steps"],
                blank["risks"],
            )
            self.setbacks = blank["setbacks"]

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        file: str | None = None,
        lines: Mapping[tuple[Any, ...], int] | None = None,
    ) -> Plan:
        """Validate (upgrading old schema versions) and build a plan. The input is not modified."""
        upgraded = upgrade_plan_data(dict(data) if isinstance(data, Mapping) else data, file=file)
        clean = _normalise(upgraded, file=file, lines=lines)
        return cls(**clean)

    def to_dict(self) -> dict[str, Any]:
        """Return the plan as plain data (a deep copy), ``schema_version`` first."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "description": self.description,
            "readiness": copy.deepcopy(self.readiness),
            "steps": copy.deepcopy(self.steps),
            "risks": copy.deepcopy(self.risks),
            "setbacks": copy.deepcopy(self.setbacks),
        }

    def validated(self, *, prefix: str = "") -> Plan:
        """Return a validated, normalised copy; raise :class:`PlanError` if the plan is invalid."""
        return Plan(**_normalise(self.to_dict(), prefix=prefix))

    def step(self, step: int | str) -> dict[str, Any]:
        """Return one step's section, by number (1-6) or key.

        >>> blank_plan().step(3)["members"]
        []
        """
        key = STEP_KEYS[int(step) - 1] if isinstance(step, int) else str(step)
        return self.steps[key]


def blank_plan(title: str = "") -> Plan:
    """Return a plan with every field blank.

    >>> blank_plan("Food bank network").readiness["partners_willing"] is None
    True
    """
    return Plan.from_dict({"schema_version": SCHEMA_VERSION, "title": title})


def _as_plan(plan: Plan | Mapping[str, Any] | str | os.PathLike[str]) -> Plan:
    if isinstance(plan, Plan):
        return plan
    if isinstance(plan, Mapping):
        return Plan.from_dict(plan)
    return load_plan(plan)


# --------------------------------------------------------------------------- YAML in and out


def _check_duplicate_keys(node: Any, file: str | None) -> None:
    """Refuse a mapping that has the same key twice (each distinct node checked once)."""
    seen_nodes: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if id(current) in seen_nodes:
            continue
        seen_nodes.add(id(current))
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in current.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = key_node.value
                if key in seen:
                    raise InputError(
                        "the same field appears twice",
                        file=file,
                        line=key_node.start_mark.line + 1,
                        column=_fmt_path((*path, key)),
                        value=key,
                        allowed="each field once in its section",
                    )
                seen.add(key)
                stack.append((value_node, (*path, key)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(current.value))


def _parse_yaml(text: str, file: str | None) -> tuple[Any, dict[tuple[Any, ...], int]]:
    # YAML 1.2 core-schema scalars (``on``, ``NO``, ``1:30`` and dates stay text; numbers
    # remember how they were typed), bounded depth and alias expansion: see toolkit.safeyaml.
    data, lines = parse_yaml(text, file, check_node=lambda n: _check_duplicate_keys(n, file))
    if data is None:
        raise InputError(
            "the plan is empty",
            file=file,
            allowed=f"a YAML plan starting 'schema_version: {SCHEMA_VERSION}'",
        )
    return data, lines


def loads_plan(text: str, *, file: str | None = None) -> Plan:
    """Read a plan from YAML text, validating (and upgrading) it.

    Raises :class:`InputError` (naming ``file``, the line and the field path)
    when the text is not YAML or does not match the schema.

    >>> try:
    ...     loads_plan("schema_version: 2\\nrisks:\\n  power_struggles: 5\\n", file="plan.yaml")
    ... except InputError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    plan.yaml, line 3, column 'risks.power_struggles': not an allowed rating: got 5;
    allowed: 0 (no risk), 1 (some risk), 2 (serious risk) or empty
    """
    data, lines = _parse_yaml(text, file)
    return Plan.from_dict(data, file=file, lines=lines)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read and validate the plan file at ``path`` (see :func:`loads_plan`)."""
    name = shown_path(path)
    raw = read_input_bytes(path, name)  # '-' is standard input
    if not raw.strip():
        raise InputError(
            "the file is empty", file=name, allowed="a plan made with 'python -m toolkit plan new'"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "the file is not UTF-8 text",
            file=name,
            line=raw.count(b"\n", 0, exc.start) + 1,
            value=f"byte {raw[exc.start]:#04x}",
            allowed="a YAML file saved as UTF-8",
        ) from None
    return loads_plan(text, file=name)


class _Dumper(yaml.SafeDumper):
    pass


# Characters YAML reads as line breaks besides "\n": a string holding any of them, or
# ending in a line break, is written double-quoted, where they are escaped, so it reads
# back unchanged. Other text over several lines is written as a | block.
_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style: str | None = None
    if _ODD_BREAKS.intersection(value) or value.endswith("\n"):
        style = '"' if "\n" in value or _ODD_BREAKS.intersection(value) else None
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(type(None), lambda d, v: d.represent_scalar("tag:yaml.org,2002:null", ""))


def _dump(obj: Any, indent: int) -> list[str]:
    text = yaml.dump(
        obj, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=90
    )
    lines = text.rstrip("\n").split("\n")
    if lines[-1] == "...":  # a document-end marker would end the whole plan file
        raise AssertionError(f"open-ended YAML scalar in {obj!r}")  # pragma: no cover
    pad = " " * indent
    return [pad + line if line else line for line in lines]


def _comments(lines: Iterable[str], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for line in lines:
        out += textwrap.wrap(
            line, 96 - indent, initial_indent=pad + "# ", subsequent_indent=pad + "#   "
        ) or [pad + "#"]
    return out


def _emit(spec: _Field, value: Any, indent: int, comments: bool) -> list[str]:
    pad = " " * indent
    out = _comments(spec.help, indent) if comments else []
    if spec.kind == "section":
        out.append(f"{pad}{spec.key}:")
        for f in spec.fields:
            out += _emit(f, value[f.key], indent + 2, comments)
    elif spec.kind in ("ratings", "checklist"):
        out.append(f"{pad}{spec.key}:")
        for f in spec.fields:
            if comments:
                out += _comments([f.label], indent + 2)
            out += _dump({f.key: value[f.key]}, indent + 2)
    else:
        out += _dump({spec.key: value}, indent)
        if comments and spec.kind in ("records", "observations") and not value:
            example = {f.key: None for f in spec.fields}
            out += [f"{pad}#   {line}" for line in _dump([example], 0)]
    return out


_HEADER = (
    f"Partnership plan (schema {SCHEMA_VERSION}): Roberts' six steps, after Thomas Cummings.",
    "Edit the values after the colons; leave a value empty until the partners decide it.",
    "Lists take one '- ' line per item. Text over several lines: write | and indent the lines.",
    "Check the file with: python -m toolkit plan check FILE",
)


def dumps_plan(plan: Plan, *, comments: bool = True) -> str:
    """Return the plan as YAML text (with explanatory comments unless ``comments=False``).

    The plan is validated first: a :class:`PlanError` is raised for an invalid
    plan, so invalid text is never produced.

    >>> text = dumps_plan(blank_plan("Clean river"), comments=False)
    >>> text.splitlines()[:2]
    ['schema_version: 2', 'title: Clean river']
    """
    clean = _normalise(plan.to_dict())
    lines = _comments(_HEADER, 0) if comments else []
    lines.append(f"schema_version: {SCHEMA_VERSION}")
    for spec in _schema().fields:
        if comments:
            lines.append("")
        lines += _emit(spec, clean[spec.key], 0, comments)
    return "\n".join(lines) + "\n"


def save_plan(plan: Plan, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Save ``plan`` to ``path`` atomically, only if it is valid; return the path.

    The plan is validated and rendered, the text is read back to make sure it
    loads as the same plan, and only then written to a temporary file beside
    ``path`` and renamed over it (:func:`toolkit.io.atomic_write_text`). If
    anything fails, the file at ``path`` is left exactly as it was. With
    ``overwrite=False`` an existing file is refused.
    """
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise InputError("this is a folder, not a file", file=name)
    if not overwrite and p.exists():
        raise InputError(
            "the file already exists; it was left as it was",
            file=name,
            allowed="a new file name (or delete the old file first)",
        )
    try:
        text = dumps_plan(plan)
    except PlanError as exc:
        raise _relocate(exc, name) from None
    if loads_plan(text, file=name) != plan.validated():  # pragma: no cover - defensive
        raise InputError(
            "the plan did not read back the same after rendering; not saved", file=name
        )
    return atomic_write_text(p, text)


def _relocate(exc: PlanError, file: str) -> PlanError:
    kwargs: dict[str, Any] = {"file": file, "column": exc.column, "allowed": exc.allowed}
    if exc.has_value:
        kwargs["value"] = exc.value
    err = PlanError("plan not saved: " + exc.problem, **kwargs)
    err.issues = exc.issues
    return err
