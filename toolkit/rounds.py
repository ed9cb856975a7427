"""The order of survey rounds, as people mean it.

Rounds are labels people type: ``2025``, ``Round 2``, ``pre``/``post``,
``2025-03-01``, ``baseline``. Sorted as text, ``post`` comes before ``pre`` (and
the direction of travel is reversed) and ``Round 10`` before ``Round 2``.
:func:`order_rounds` applies one rule, the first that fits *every* round:

1. the order the user gave (``--rounds pre,post``); a round that is not in it
   is an error;
2. numbers, in numeric order (``1, 2, 10``; ``2024, 2025``);
3. one word followed by a number, the same word for every round, by the number
   (``Round 1, Round 2, Round 10``; ``Wave 3``; ``T0, T1``);
4. dates, in date order (``2025-03-01``; ``2025-03``; ``March 2025``;
   ``1 March 2025``);
5. the common before-and-after words, in their order: ``baseline``/``pre``/
   ``before``/``start`` first, then ``mid``/``midline``/``interim``, then
   ``post``/``after``/``end``/``endline``/``final``, then ``follow-up``
   (ignoring case, spaces and hyphens); and ordinal words ``first`` ...
   ``tenth``;
6. otherwise, the order in which the rounds first appear in the file.

:data:`ROUND_RULE` says the same in one paragraph, for ``--help`` and the README.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterable, Iterator, Sequence

import pandas as pd

from .errors import InputError

__all__ = ["ROUND_RULE", "given_round_order", "order_rounds", "parse_round_list"]

_GIVEN: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "toolkit_round_order", default=None
)


@contextlib.contextmanager
def given_round_order(order: Sequence[str] | None) -> Iterator[None]:
    """Within this block, rounds are ordered as ``order`` (what ``--rounds`` sets).

    >>> with given_round_order(["post", "pre"]):
    ...     order_rounds(["pre", "post"])
    ['post', 'pre']
    """
    token = _GIVEN.set(None if order is None else tuple(order))
    try:
        yield
    finally:
        _GIVEN.reset(token)


ROUND_RULE = (
    "Rounds are ordered by the first rule that fits every round: the order given with "
    "--rounds; numbers numerically (1, 2, 10); the same word and a number by the number "
    "(Round 1, Round 2, Round 10); dates as dates; before-and-after words in their order "
    "(baseline/pre/before/start, then mid/interim, then post/after/end/final, then "
    "follow-up; first, second, third...); otherwise the order in which rounds first "
    "appear in the file."
)

_WORD_NUMBER = re.compile(r"^\s*([^\d\s][^\d]*?)?\s*[-_#.]?\s*(\d+(?:\.\d+)?)\s*$")
_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}(?:-\d{1,2})?\s*$")
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    "june|july|august|september|october|november|december"
)
_MONTH_DATE = re.compile(
    rf"^\s*(?:\d{{1,2}}\s+)?(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?\d{{4}}\s*$", re.IGNORECASE
)
_PHASES: dict[str, int] = {
    **dict.fromkeys(
        ["baseline", "pre", "pretest", "presurvey", "before", "start", "beginning", "initial"], 0
    ),
    **dict.fromkeys(["mid", "midline", "middle", "midterm", "midpoint", "interim"], 1),
    **dict.fromkeys(
        ["post", "posttest", "postsurvey", "after", "end", "endline", "final", "exit"], 2
    ),
    **dict.fromkeys(["followup", "later"], 3),
}
_ORDINALS = {
    w: i
    for i, w in enumerate(
        (
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        )
    )
}


def _plain(label: str) -> str:
    return re.sub(r"[\s\-_.]+", "", label.casefold())


def _ranks_by(keys: list[object]) -> list[int]:
    """Position of each label once sorted by ``keys`` (ties keep first appearance)."""
    order = sorted(range(len(keys)), key=lambda i: (keys[i], i))
    ranks = [0] * len(keys)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks


def _rule_ranks(labels: list[str]) -> list[int]:
    n = len(labels)
    if all(_NUMBER.match(x) for x in labels):
        return _ranks_by([float(x) for x in labels])
    matches = [_WORD_NUMBER.match(x) for x in labels]
    if all(matches):
        words = {_plain(m.group(1) or "") for m in matches if m}
        if len(words) == 1:
            return _ranks_by([float(m.group(2)) for m in matches if m])
    if all(_ISO_DATE.match(x) or _MONTH_DATE.match(x) for x in labels):
        dates = pd.to_datetime(pd.Series(labels).str.strip(), errors="coerce", format="mixed")
        if dates.notna().all():
            return _ranks_by(list(dates))
    plain = [_plain(x) for x in labels]
    if all(p in _PHASES for p in plain):
        return _ranks_by([_PHASES[p] for p in plain])
    if all(p in _ORDINALS for p in plain):
        return _ranks_by([_ORDINALS[p] for p in plain])
    return list(range(n))


def order_rounds(labels: Iterable[str], given: Sequence[str] | None = None) -> list[str]:
    """Return the distinct round labels in the order people mean (see the module docstring).

    ``labels`` are taken in order of first appearance. ``given`` is the
    user's own order; every label must be in it.

    >>> order_rounds(["post", "pre"])
    ['pre', 'post']
    >>> order_rounds(["Round 1", "Round 10", "Round 2"])
    ['Round 1', 'Round 2', 'Round 10']
    >>> order_rounds(["2025-03-01", "2024-12-01"])
    ['2024-12-01', '2025-03-01']
    >>> order_rounds(["spring", "autumn"])
    ['spring', 'autumn']
    >>> order_rounds(["b", "a"], given=["a", "b"])
    ['a', 'b']
    """
    distinct = list(dict.fromkeys(str(x) for x in labels))
    if given is None:
        given = _GIVEN.get()
    if given is not None:
        wanted = [str(g).strip() for g in given]
        missing = [x for x in distinct if x.strip() not in wanted]
        if missing:
            raise InputError(
                "a round in the file is not in --rounds",
                column="round",
                value=missing[0],
                allowed="--rounds listing every round, in order: "
                + ",".join(dict.fromkeys(distinct)),
            )
        return sorted(distinct, key=lambda x: wanted.index(x.strip()))
    ranks = _rule_ranks(distinct)
    return [x for _, x in sorted(zip(ranks, distinct, strict=True))]


def parse_round_list(text: str) -> list[str]:
    """The rounds given on the command line as ``--rounds pre,post``.

    >>> parse_round_list(" pre, post ")
    ['pre', 'post']
    """
    rounds = [r.strip() for r in text.split(",")]
    if not all(rounds) or len(set(rounds)) != len(rounds):
        raise InputError(
            "--rounds must list each round once, separated by commas",
            value=text,
            allowed="for example --rounds pre,post",
        )
    return rounds
