"""Reading YAML written by people, safely and as typed.

PyYAML's ``safe_load`` follows YAML 1.1, whose implicit types surprise people
who write plans by hand: ``on`` and ``NO`` become booleans, ``1:30`` becomes
90 (base 60), ``010`` becomes 8 (octal), ``2025-02-30`` raises a traceback and
a goal id ``1.10`` becomes the number 1.1. :func:`parse_yaml` reads a
document with the YAML 1.2 *core schema* instead:

* ``null``, ``Null``, ``NULL``, ``~`` and an empty value are null;
* ``true``/``True``/``TRUE`` and ``false``/``False``/``FALSE`` are booleans
  (``yes``, ``no``, ``on``, ``off``, ``y``, ``n`` are text);
* decimal integers (``010`` is ten), ``0o17`` and ``0x1F`` are integers;
  decimal numbers, ``.inf`` and ``.nan`` are floats;
* everything else, dates and times included, is text.

Numbers keep the text they were written as (``value.source``), so a field that
holds text, such as an id, reads ``1.10`` and ``010`` exactly as typed
(:func:`as_text`). An integer too long for Python to convert (thousands of
digits) stays text.

Hostile documents get one :class:`~toolkit.errors.InputError` naming the file
and the line, never a traceback and never unbounded time or memory: control
characters such as a form feed or NUL, a lone surrogate escape (``"\\ud800"``),
nesting deeper than :data:`MAX_DEPTH`, an alias that refers to itself, and
aliases that would expand the document past :data:`MAX_EXPANDED_NODES`
("billion laughs") are all refused.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import InputError

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "CoreFloat",
    "CoreInt",
    "as_text",
    "parse_yaml",
]

#: Deepest nesting of lists and mappings accepted.
MAX_DEPTH = 64
#: Most nodes a document may hold once every alias is expanded.
MAX_EXPANDED_NODES = 100_000

_SURROGATE = re.compile("[\ud800-\udfff]")


class CoreInt(int):
    """An integer read from YAML that remembers how it was written (``source``)."""

    source: str

    def __new__(cls, value: int, source: str) -> CoreInt:
        obj = super().__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (CoreInt, (int(self), self.source))


class CoreFloat(float):
    """A float read from YAML that remembers how it was written (``source``)."""

    source: str

    def __new__(cls, value: float, source: str) -> CoreFloat:
        obj = super().__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (CoreFloat, (float(self), self.source))


def as_text(value: Any) -> str:
    """The text a scalar was written as: ``1.10`` stays ``"1.10"``, ``010`` stays ``"010"``.

    >>> data, _ = parse_yaml("id: 1.10\\nn: 010\\n")
    >>> as_text(data["id"]), as_text(data["n"]), data["n"] + 1
    ('1.10', '010', 11)
    """
    source = getattr(value, "source", None)
    return source if isinstance(source, str) else str(value)


class _Fail(Exception):
    """A refusal raised while composing, with the node's position."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.mark = mark


_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]


class CoreLoader(yaml.SafeLoader):
    """A SafeLoader with YAML 1.2 core-schema scalars and bounds on depth and aliases."""

    # types-PyYAML declares this per instance; PyYAML reads and copies it on the class.
    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}  # type: ignore[misc]  # types-PyYAML: per instance
    yaml_constructors: ClassVar[dict[Any, Any]] = dict(yaml.SafeLoader.yaml_constructors)

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        # Refuse deep [ { nesting while scanning: PyYAML's scanner slows quadratically with it.
        if self.flow_level >= MAX_DEPTH:
            raise _Fail(f"nested more than {MAX_DEPTH} levels deep", self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Fail(
                    f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, _Fail):
            raise
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            raise ConstructorError(
                None, None, f"unreadable value ({exc})", node.start_mark
            ) from None

    def construct_scalar(self, node: Any) -> Any:
        value = super().construct_scalar(node)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise ConstructorError(
                None,
                None,
                "a lone surrogate escape (such as \\ud800) is not a character",
                node.start_mark,
            )
        return value

    def construct_core_int(self, node: ScalarNode) -> Any:
        text = self.construct_scalar(node)
        digits = text.replace("_", "")
        try:
            if digits.startswith("0o"):
                number = int(digits[2:], 8)
            elif digits.startswith("0x"):
                number = int(digits[2:], 16)
            else:
                number = int(digits, 10)
        except ValueError:  # more digits than Python converts: keep the text
            return text
        return CoreInt(number, text)

    def construct_core_float(self, node: ScalarNode) -> Any:
        text = self.construct_scalar(node)
        lowered = text.lower()
        if lowered.endswith(".inf"):
            number = float("-inf") if lowered.startswith("-") else float("inf")
        elif lowered == ".nan":
            number = float("nan")
        else:
            try:
                number = float(text)
            except ValueError:  # pragma: no cover - the resolver only passes numbers
                return text
        return CoreFloat(number, text)

    def construct_core_bool(self, node: ScalarNode) -> Any:
        text = self.construct_scalar(node)
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        return text  # an explicit !!bool on other text: keep the text

    def construct_text(self, node: ScalarNode) -> Any:
        return self.construct_scalar(node)


for _tag, _pattern, _first in _CORE_RESOLVERS:
    CoreLoader.add_implicit_resolver(_tag, _pattern, list(_first))
CoreLoader.add_constructor("tag:yaml.org,2002:int", CoreLoader.construct_core_int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", CoreLoader.construct_core_float)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", CoreLoader.construct_core_bool)
# Dates and times are text in the core schema (an explicit !!timestamp too).
CoreLoader.add_constructor("tag:yaml.org,2002:timestamp", CoreLoader.construct_text)


def _expanded_size(node: Node, limit: int) -> None:
    """Refuse a node graph with a cycle or more than ``limit`` nodes once aliases expand.

    Each distinct node is visited once (sizes are memoised), so a "billion
    laughs" document is measured in time proportional to its written size.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    # Iterative post-order walk: (node, children visited?)
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        if isinstance(current, ScalarNode):
            sizes[key] = 1
            continue
        children: list[Node] = []
        if isinstance(current, SequenceNode):
            children = list(current.value)
        elif isinstance(current, MappingNode):
            for k, v in current.value:
                children += [k, v]
        if done:
            active.discard(key)
            total = 1 + sum(sizes[id(c)] for c in children)
            if total > limit:
                raise _Fail(
                    f"aliases expand the document past {limit:,} values (an alias bomb?)",
                    current.start_mark,
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in active:
            raise _Fail(
                "an alias refers to the list or mapping that contains it", current.start_mark
            )
        active.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in active:
                raise _Fail(
                    "an alias refers to the list or mapping that contains it", child.start_mark
                )
            if id(child) not in sizes:
                stack.append((child, False))


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, max(0, position)) + 1


def _index_lines(node: Node, lines: dict[tuple[Any, ...], int]) -> None:
    """Record the line of every mapping key and list item, by path (aliases walked once)."""
    seen: set[int] = set()
    stack: list[tuple[Node, tuple[Any, ...]]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                if isinstance(key_node, ScalarNode):
                    key = (*path, key_node.value)
                    lines.setdefault(key, key_node.start_mark.line + 1)
                    stack.append((value_node, key))
        elif isinstance(current, SequenceNode):
            for i, item in enumerate(current.value):
                key = (*path, i)
                lines.setdefault(key, item.start_mark.line + 1)
                stack.append((item, key))


def parse_yaml(
    text: str, file: str | None = None, *, check_node: Any = None
) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Read one YAML document; return (data, line of each field path).

    ``lines`` maps a path such as ``("steps", "planning", "goals", 0, "id")``
    to the line it starts on. ``check_node``, if given, is called with the
    composed root node (to check it before construction, for example for
    duplicate keys) and may raise :class:`InputError`. An empty document
    gives ``(None, {})``.

    Raises
    ------
    InputError
        For text that is not YAML or that the bounds above refuse, naming
        ``file`` and the line.

    >>> parse_yaml("title: on\\ntime: 1:30\\nmember: NO\\nid: 1.10\\nn: 010\\n")[0]
    {'title': 'on', 'time': '1:30', 'member': 'NO', 'id': 1.1, 'n': 10}
    >>> try:
    ...     parse_yaml("a: &a [*a]\\n", "p.yaml")
    ... except InputError as exc:
    ...     print(exc)
    p.yaml, line 1: not valid YAML: an alias refers to the list or mapping that contains it
    """
    lines: dict[tuple[Any, ...], int] = {}
    loader: CoreLoader | None = None
    try:
        loader = CoreLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, lines
        _expanded_size(node, MAX_EXPANDED_NODES)
        if check_node is not None:
            check_node(node)
        _index_lines(node, lines)
        data = loader.construct_document(node)
    except _Fail as exc:
        line = None if exc.mark is None else exc.mark.line + 1
        raise InputError(f"not valid YAML: {exc.problem}", file=file, line=line) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character
        shown = f"U+{ord(char):04X}" if isinstance(char, str) else repr(char)
        raise InputError(
            f"not valid YAML: a control character ({shown}) that YAML does not allow",
            file=file,
            line=_line_of(text, exc.position),
            allowed="plain text; delete the character (often pasted from Word or a PDF)",
        ) from None
    except (yaml.MarkedYAMLError, ComposerError) as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "unreadable"
        if mark is not None:
            what += f" (at character {mark.column + 1})"
        raise InputError(
            f"not valid YAML: {what}", file=file, line=None if mark is None else mark.line + 1
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=file) from None
    except RecursionError:
        raise InputError(
            f"not valid YAML: nested more than {MAX_DEPTH} levels deep", file=file
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines
