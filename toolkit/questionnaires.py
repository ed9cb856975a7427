"""Questionnaires as data: item banks, axes, answer scales and poles.

A questionnaire (an *instrument*) is described in ``data/questionnaires.yaml``:
its item bank (a CSV file, one row per item with ``id``, ``axis`` and the
statements), the answer scale of each axis and each axis's two poles. The
form reader (:mod:`toolkit.forms`) takes the item ids, the pattern that
recognises them in column headers, the valid answers and its error messages
from here, so a second questionnaire is a data file and a small module that
scores it, not a change to the reader.

Everything is read once and cached.

>>> inst = instrument("classification")
>>> inst.ids[:2], inst.ids[-1], inst.axis_of["H1"], inst.scale_for("MV01").key
(('MV01', 'MV02'), 'H4', 'continuum', 'a_or_b')
>>> inst.id_ranges()
'MV01-MV21, CT01-CT10 and H1-H4'
>>> inst.canonical_id("mv", "1"), inst.canonical_id("h", "02")
('MV01', 'H2')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

__all__ = ["Instrument", "Scale", "instrument", "scale"]

#: The questionnaire the toolkit reads when none is named.
DEFAULT_INSTRUMENT = "classification"


@dataclass(frozen=True)
class Scale:
    """An answer scale: the valid numbers, their labels, and words read as numbers."""

    key: str
    values: tuple[float, ...]
    labels: Mapping[int, str]
    words: Mapping[str, float]
    allowed: str

    @property
    def is_yes_no(self) -> bool:
        """True for a two-point scale of 0 and 1 (answers are yes or no)."""
        return self.values == (0.0, 1.0)


@dataclass(frozen=True)
class Instrument:
    """One questionnaire: its items, axes, scales and poles (see the module docstring)."""

    key: str
    title: str
    bank: pd.DataFrame = field(repr=False, compare=False)
    axes: Mapping[str, Mapping[str, str]]
    scales: Mapping[str, Scale]
    ids: tuple[str, ...]
    axis_of: Mapping[str, str]
    widths: Mapping[str, int]
    id_pattern: re.Pattern[str] = field(repr=False, compare=False)

    def scale_for(self, item: str) -> Scale:
        """The answer scale of ``item``."""
        return self.scales[self.axes[self.axis_of[item]]["scale"]]

    def axis_items(self, axis: str) -> list[str]:
        """The ids of ``axis``'s items, in order."""
        return [i for i in self.ids if self.axis_of[i] == axis]

    def canonical_id(self, prefix: str, number: str) -> str:
        """The id as the bank spells it: ``("mv", "1")`` is ``MV01``."""
        prefix = prefix.upper()
        return f"{prefix}{int(number):0{self.widths.get(prefix, 1)}d}"

    def id_ranges(self) -> str:
        """The item ids as ranges, for messages: ``MV01-MV21, CT01-CT10 and H1-H4``."""
        ranges = []
        for prefix in self.widths:
            ids = [i for i in self.ids if _prefix(i) == prefix]
            ranges.append(f"{ids[0]}-{ids[-1]}" if len(ids) > 1 else ids[0])
        return ", ".join(ranges[:-1]) + " and " + ranges[-1] if len(ranges) > 1 else ranges[0]


def _prefix(item_id: str) -> str:
    return item_id.rstrip("0123456789")


@cache
def _data() -> dict[str, Any]:
    text = resources.files("toolkit.data").joinpath("questionnaires.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def scale(key: str) -> Scale:
    """The answer scale ``key`` of ``data/questionnaires.yaml``."""
    spec = _data()["scales"][key]
    labels = {int(k): str(v) for k, v in spec["labels"].items()}
    allowed = spec["allowed"].format(labels=", ".join(f"'{v}'" for v in labels.values()))
    return Scale(
        key=key,
        values=tuple(float(v) for v in spec["values"]),
        labels=labels,
        words={str(k): float(v) for k, v in spec.get("words", {}).items()},
        allowed=allowed,
    )


@cache
def instrument(key: str = DEFAULT_INSTRUMENT) -> Instrument:
    """The questionnaire ``key``, read once from the package data."""
    spec = _data()["questionnaires"][key]
    path = resources.files("toolkit.data").joinpath(spec["items"])
    with path.open(encoding="utf-8") as fh:
        bank = pd.read_csv(fh, dtype=str)
    ids = tuple(bank["id"])
    widths: dict[str, int] = {}
    for item in ids:
        widths.setdefault(_prefix(item), len(item) - len(_prefix(item)))
    prefixes = "|".join(sorted(widths, key=len, reverse=True))
    axes = {axis: dict(a) for axis, a in spec["axes"].items()}
    return Instrument(
        key=key,
        title=spec["title"],
        bank=bank,
        axes=axes,
        scales={a["scale"]: scale(a["scale"]) for a in axes.values()},
        ids=ids,
        axis_of=dict(zip(bank["id"], bank["axis"], strict=True)),
        widths=widths,
        id_pattern=re.compile(rf"^\s*({prefixes})\s*0*(\d{{1,3}})\s*$", re.IGNORECASE),
    )
