"""The one helper that turns tables into JSON records (toolkit.records)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.records import DECIMALS, json_value, records

TOOLKIT = Path(__file__).resolve().parents[1] / "toolkit"


def test_decimals_is_four():
    assert DECIMALS == 4


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.123456, 0.1235),
        (np.float64(2 / 3), 0.6667),
        (np.float32(0.5), 0.5),
        (-0.00004, -0.0),
        (1.0, 1.0),
        (np.int64(7), 7),
        (np.bool_(False), False),
        (True, True),
        ("text", "text"),
        (None, None),
        (float("nan"), None),
        (np.nan, None),
        (float("inf"), None),
        (-np.inf, None),
        (pd.NA, None),
        (pd.NaT, None),
    ],
)
def test_json_value(value, expected):
    out = json_value(value)
    assert out == expected
    assert type(out) is type(expected)


def test_json_value_converts_numpy_scalars_to_python_types():
    assert type(json_value(np.int32(3))) is int
    assert type(json_value(np.float64(0.25))) is float
    assert type(json_value(np.bool_(True))) is bool
    assert type(json_value(np.str_("a"))) is str


def test_json_value_goes_inside_lists_tuples_arrays_and_dicts():
    value = {"a": (np.int64(1), 0.333333), 2: np.array([0.5, np.nan]), "b": [pd.NA, "x"]}
    assert json_value(value) == {"a": [1, 0.3333], "2": [0.5, None], "b": [None, "x"]}


def test_json_value_writes_dates_as_iso_text():
    assert json_value(pd.Timestamp("2026-03-01 10:30")) == "2026-03-01T10:30:00"
    assert json_value(dt.date(2026, 3, 1)) == "2026-03-01"


def test_records_from_a_frame_keeps_column_order_and_types():
    frame = pd.DataFrame(
        {
            "name": ["A", "B"],
            "n": np.array([1, 2], dtype="int64"),
            "share": [1 / 3, np.nan],
            "nullable": pd.array([5, None], dtype="Int64"),
            "flag": [True, False],
            "items": [("x", "y"), ()],
        }
    )
    out = records(frame)
    assert out == [
        {"name": "A", "n": 1, "share": 0.3333, "nullable": 5, "flag": True, "items": ["x", "y"]},
        {"name": "B", "n": 2, "share": None, "nullable": None, "flag": False, "items": []},
    ]
    assert [list(r) for r in out] == [list(frame.columns)] * 2
    assert type(out[0]["n"]) is int and type(out[0]["nullable"]) is int
    assert type(out[0]["flag"]) is bool
    # The records are valid JSON (no NaN, no numpy types).
    json.dumps(out, allow_nan=False)


def test_records_of_an_empty_frame_is_an_empty_list():
    assert records(pd.DataFrame({"a": []})) == []


def test_records_names_non_text_columns_as_text():
    assert records(pd.DataFrame({1: [0.5]})) == [{"1": 0.5}]


def test_records_from_rows():
    rows = [{"a": np.float64(0.123456), "b": np.int64(2)}, {"a": None, "b": 3}]
    assert records(rows) == [{"a": 0.1235, "b": 2}, {"a": None, "b": 3}]


def test_records_leaves_the_frame_unchanged():
    frame = pd.DataFrame({"share": [0.123456]})
    records(frame)
    assert frame["share"].iloc[0] == 0.123456


_TO_RECORDS = re.compile(r"""\.to_dict\(\s*(orient\s*=\s*)?["']records["']""")


def test_no_other_module_converts_tables_to_records_itself():
    """Rule 4: every table-to-records path goes through toolkit.records."""
    offenders = []
    for path in sorted(TOOLKIT.rglob("*.py")):
        name = path.relative_to(TOOLKIT.parent).as_posix()
        if name == "toolkit/records.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _TO_RECORDS.search(line) and not line.lstrip().startswith((">>>", "...")):
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []


def test_the_json_reports_round_floats_the_same_way():
    """The classification, stakeholder and plan-check JSON all write floats at DECIMALS."""
    from toolkit.classification import classify, example_responses
    from toolkit.planning import blank_plan, plan_check
    from toolkit.stakeholders import example_register, example_relationships
    from toolkit.stakeholders.reporting import report as stakeholder_report

    documents = [
        json.loads(classify(example_responses()).to_json()),
        json.loads(stakeholder_report(example_register(), example_relationships(), format="json")),
        json.loads(plan_check(blank_plan(), "json")),
    ]
    floats: list[float] = []

    def walk(value):
        if isinstance(value, float):
            floats.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for doc in documents:
        walk(doc)
    assert floats, "the example reports hold floats"
    assert all(round(f, DECIMALS) == f for f in floats)
