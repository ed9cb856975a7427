"""The classification questionnaire's item bank and its example answers."""

from __future__ import annotations

from importlib import resources

import pandas as pd

from ..forms import (
    read_responses,
)
from ..questionnaires import instrument

# --------------------------------------------------------------------------- item bank


def _bank() -> pd.DataFrame:
    """The item bank as :mod:`toolkit.questionnaires` read it (once); do not modify."""
    return instrument("classification").bank


def item_bank() -> pd.DataFrame:
    """Return the item bank, in questionnaire order, as a new DataFrame.

    Columns: ``id``, ``axis`` (``voluntary``, ``trust`` or ``continuum``),
    ``dimension``, ``topic``, ``left_pole`` (answer 1, or "no"), ``right_pole``
    (answer 5, or "yes") and ``source``. The pole statements paraphrase the rows
    of Armistead & Pettigrew's (2007) Tables 1 and 2, in the tables' order; the
    ``H`` items follow Himmelman's (2002) strategies.

    >>> bank = item_bank()
    >>> bank.groupby("axis", sort=False).size().to_dict()
    {'voluntary': 21, 'trust': 10, 'continuum': 4}
    >>> bank.loc[0, "source"]
    'Armistead & Pettigrew (2007), Table 1, row 1'
    """
    return _bank().copy()


def _axis_items(axis: str) -> list[str]:
    return instrument("classification").axis_items(axis)


# --------------------------------------------------------------------------- example data


def example_responses() -> pd.DataFrame:
    """Return a small, **illustrative** set of answers, invented for teaching.

    Two invented partnerships ("Example partnership A" and "Example partnership
    B"), each with respondents from three invented organisations, answered in
    two rounds (2025 and 2026). The partners do not all agree, one respondent
    skipped too many items to be scored, and one continuum pattern is
    inconsistent, so every part of the analysis has something to show. **This
    is not a real case** and describes no real partnership; the file's ``note``
    column says so on every row (the reader ignores and lists that column).

    >>> answers = example_responses()
    >>> answers["partnership"].unique().tolist(), answers["round"].unique().tolist()
    (['Example partnership A', 'Example partnership B'], ['2025', '2026'])
    >>> answers.attrs["ignored_columns"]
    ['note']
    """
    source = resources.files("toolkit.data").joinpath("example_responses.csv")
    with resources.as_file(source) as path:
        frame = read_responses(path)
    frame.attrs["source"] = "example_responses.csv"
    return frame
