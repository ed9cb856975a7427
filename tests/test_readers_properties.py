"""Property tests over the readers (hypothesis): any bytes, any CSV text, any YAML text give
either a result or an :class:`~toolkit.errors.InputError`, never another exception."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit.answers import parse_answers
from toolkit.errors import InputError
from toolkit.forms import item_ids, read_responses
from toolkit.io import decode_text, read_table
from toolkit.planning import Plan, loads_plan
from toolkit.safeyaml import parse_yaml
from toolkit.stakeholders import read_register

# Reading as Windows-1252, or past a trailing comma, is said with a warning: expected here.
pytestmark = pytest.mark.filterwarnings("ignore::toolkit.errors.InputWarning")
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FOLDER = Path(tempfile.mkdtemp(prefix="toolkit-properties-"))
HEADERS = ["partnership", "round", "respondent", "organization", *item_ids()[:4], "H1"]


def _write(name: str, data: bytes) -> Path:
    path = FOLDER / name
    path.write_bytes(data)
    return path


def result_or_input_error(read, *args):
    try:
        return read(*args)
    except InputError as exc:
        assert str(exc)  # a message, on one line
        assert "\n" not in str(exc)
        return exc


cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1", "5", "3.0", "Yes", "no", "", " ", "=1+1", '"', ",", "\r\n", "ä"]),
)


@st.composite
def csv_texts(draw) -> str:
    header = draw(
        st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=8)), min_size=1, max_size=8)
    )
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 2), max_size=8))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):  # a trailing comma on some or all lines
        text = "".join(
            line + ("," if draw(st.booleans()) else "") for line in text.splitlines(True)
        )
    return text


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".csv", ".xlsx", ".txt"]))
@example(b"PK\x03\x04garbage", ".csv")
@example(b"\xff\xfe" + "a,b\n1,2\n".encode("utf-16-le"), ".csv")
@example(b"a,b\n1,2,3\n", ".csv")
def test_any_bytes_read_as_a_table_or_input_error(data, suffix):
    path = _write("bytes" + suffix, data)
    for read in (read_table, read_responses, read_register):
        got = result_or_input_error(read, path)
        assert isinstance(got, pd.DataFrame | InputError)


@SETTINGS
@given(csv_texts(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_any_csv_text_reads_or_input_error(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    path = _write("text.csv", data)
    table = result_or_input_error(read_table, path)
    if isinstance(table, pd.DataFrame):
        # never an index guessed from the data, never a renamed duplicate title
        assert isinstance(table.index, pd.RangeIndex)
        assert len(set(table.columns)) == len(table.columns)
    got = result_or_input_error(read_responses, path)
    assert isinstance(got, pd.DataFrame | InputError)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_input_error(data):
    got = result_or_input_error(decode_text, data, "x.csv")
    assert isinstance(got, tuple | InputError)


yaml_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["on", "NO", "1:30", "010", "1.10", "2025-02-30", ".nan", "~", "&a", "*a"]),
)
yaml_data = st.recursive(
    yaml_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(st.text(max_size=300))
@example("schema_version: 2\ntitle: &a [*a]\n")
@example("a: " + "[" * 5000)
@example('title: "\\ud800"')
@example("title: \x0c\x00")
@example("? [a, b]\n: c\n")
@example("x: !!timestamp 2025-13-45\n")
@example("x: !!python/object:os.system ls\n")
@example("x: !!int 99999999999999999999999999999999\n")
@example("x: !!float nope\n")
def test_any_yaml_text_loads_a_plan_or_input_error(text):
    got = result_or_input_error(loads_plan, text)
    assert isinstance(got, Plan | InputError)
    parsed = result_or_input_error(parse_yaml, text)
    assert isinstance(parsed, tuple | InputError)


@SETTINGS
@given(yaml_data, st.sampled_from(["schema_version: 2\n", ""]))
def test_any_yaml_document_loads_a_plan_or_input_error(data, prefix):
    text = prefix + yaml.safe_dump({"title": data, "steps": data}, allow_unicode=True)
    got = result_or_input_error(loads_plan, text)
    assert isinstance(got, Plan | InputError)


@SETTINGS
@given(st.binary(max_size=300))
@example(b'{"answers": ' + b"[" * 50000 + b"]" * 50000 + b"}")
@example(b'{"a": ' + b"9" * 5000 + b"}")
@example(b'{"a": NaN}')
def test_any_bytes_parse_as_answers_or_input_error(data):
    got = result_or_input_error(parse_answers, data, "q")
    assert isinstance(got, dict | InputError)
