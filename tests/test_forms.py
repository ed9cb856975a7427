"""Readers: canonical CSV, Google Forms CSV, Microsoft Forms XLSX, and every bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit import forms
from toolkit.errors import InputError
from toolkit.forms import ANSWER_LABELS, answers_to_numbers, parse_responses, read_responses

CANONICAL = (
    "partnership,round,organisation,respondent,MV01,MV02,CT01,CT02,H1,H2\n"
    "Alpha,2025,Council,a1,1,2,5,4,1,0\n"
    "Alpha,2025,Charity,a2,3,,4,4,yes,No\n"
    "Beta,2025,,b1,5,5,1,1,,\n"
)


def write(tmp_path: Path, text: str, name: str = "answers.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def error_for(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_responses(path)
    return info.value


# --------------------------------------------------------------------------- canonical CSV


def test_canonical_csv(tmp_path):
    table = read_responses(write(tmp_path, CANONICAL))
    assert table.columns.tolist() == [
        "partnership",
        "round",
        "organization",
        "respondent",
        "MV01",
        "MV02",
        "CT01",
        "CT02",
        "H1",
        "H2",
    ]
    assert table["partnership"].tolist() == ["Alpha", "Alpha", "Beta"]
    assert table["round"].tolist() == ["2025"] * 3
    assert table["organization"].tolist()[:2] == ["Council", "Charity"]
    assert pd.isna(table.loc[2, "organization"])
    assert table.loc[0, "MV02"] == 2.0 and np.isnan(table.loc[1, "MV02"])
    assert table["H1"].tolist()[:2] == [1.0, 1.0] and np.isnan(table.loc[2, "H1"])
    assert table["H2"].tolist()[:2] == [0.0, 0.0]
    assert table.attrs["ignored_columns"] == []
    assert table.attrs["source"] == str(tmp_path / "answers.csv")


def test_ids_are_kept_as_text(tmp_path):
    text = "partnership,round,respondent,MV01,CT01\n007,2025,0042,3,3\n"
    table = read_responses(write(tmp_path, text))
    assert table.loc[0, "partnership"] == "007"
    assert table.loc[0, "respondent"] == "0042"
    assert table.loc[0, "round"] == "2025"


def test_respondent_defaults_to_the_row_number(tmp_path):
    text = "partnership,MV01,CT01\nP,1,2\n\nP,3,4\n"
    table = read_responses(write(tmp_path, text))
    assert table["respondent"].tolist() == ["row 2", "row 3"]
    with_column = "partnership,respondent,MV01,CT01\nP,x,1,2\nP,,3,4\n"
    assert read_responses(write(tmp_path, with_column))["respondent"].tolist() == ["x", "row 3"]


def test_surrounding_spaces_and_blank_rows(tmp_path):
    text = "partnership, respondent ,MV01,CT01\n Alpha , r1 , 4 ,2\n,,,\nAlpha,r2,1,1\n"
    table = read_responses(write(tmp_path, text))
    assert table["partnership"].tolist() == ["Alpha", "Alpha"]
    assert table["respondent"].tolist() == ["r1", "r2"]
    assert table["MV01"].tolist() == [4.0, 1.0]
    assert table.attrs["blank_rows"] == 1


def test_windows_1252_file(tmp_path):
    text = "partnership,respondent,MV01,CT01\nCaf\u00e9 partnership,r1,2,3\n"
    table = read_responses(write(tmp_path, text, encoding="cp1252"))
    assert table.loc[0, "partnership"] == "Caf\u00e9 partnership"


def test_fast_and_general_readers_agree(tmp_path):
    # read_responses lets pandas parse answer columns as numbers; reading every cell
    # as text and parsing it gives the same table.
    from toolkit.io import read_table

    path = write(tmp_path, CANONICAL)
    fast = read_responses(path)
    slow = forms.parse_responses(read_table(path), file=str(path))
    pd.testing.assert_frame_equal(fast, slow)


def test_canonical_numbers_and_labels(tmp_path):
    text = (
        "partnership,MV01,MV02,MV03,CT01,H1,H2\n"
        "P,B fits much better,3.0,2 - A fits a little better,a and b FIT equally,TRUE,n\n"
    )
    table = read_responses(write(tmp_path, text))
    assert table.loc[0, ["MV01", "MV02", "MV03", "CT01", "H1", "H2"]].tolist() == [
        5.0,
        3.0,
        2.0,
        3.0,
        1.0,
        0.0,
    ]


def test_columns_override(tmp_path):
    text = "Group,Who,Q1,Q2\nP,x,4,2\n"
    table = read_responses(
        write(tmp_path, text),
        columns={"Group": "partnership", "Who": "respondent", "Q1": "MV01", "Q2": "ct01"},
    )
    assert table.columns.tolist() == ["partnership", "respondent", "MV01", "CT01"]
    with pytest.raises(InputError, match="mapped to something unknown"):
        read_responses(write(tmp_path, text), columns={"Group": "partnership", "Q1": "XX1"})


# --------------------------------------------------------------------------- Google Forms CSV


def test_google_forms_export(tmp_path):
    header = [
        "Timestamp",
        "Email Address",
        "Partnership",
        "Organisation",
        "[MV01] Governance and accountability. A: ... B: ...",
        "[MV02] Whose priorities. A: ... B: ...",
        "[CT01] Specifying the service. A: ... B: ...",
        "[H1] Do the partners exchange information? Yes: ...",
        "Any comments?",
    ]
    rows = [
        [
            "2025/03/01 10:00:00 AM GMT",
            "a@example.org",
            "Example partnership A",
            "Council",
            "A fits much better",
            "4",
            "B fits a little better",
            "Yes",
            "fine",
        ],
        [
            "2025/03/01 11:00:00 AM GMT",
            "b@example.org",
            "Example partnership A",
            "Charity",
            "A and B fit equally",
            "",
            "5",
            "No",
            "",
        ],
    ]
    frame = pd.DataFrame(rows, columns=header)
    path = tmp_path / "google.csv"
    path.write_text(frame.to_csv(index=False), encoding="utf-8-sig")
    table = read_responses(path)
    assert table.columns.tolist() == [
        "partnership",
        "organization",
        "respondent",
        "MV01",
        "MV02",
        "CT01",
        "H1",
    ]
    assert table["respondent"].tolist() == ["row 2", "row 3"]
    assert table["MV01"].tolist() == [1.0, 3.0]
    assert table["CT01"].tolist() == [4.0, 5.0]
    assert table["H1"].tolist() == [1.0, 0.0]
    assert table.attrs["ignored_columns"] == ["Timestamp", "Email Address", "Any comments?"]
    assert table.attrs["column_map"]["MV01"] == header[4]


def test_header_name_matching_ignores_case_and_punctuation(tmp_path):
    text = "PARTNERSHIP NAME?,Your organisation:,Respondent ID,Wave,mv1,[ ct02 ] x\nP,O,r,1,2,3\n"
    table = read_responses(write(tmp_path, text))
    assert table.columns.tolist() == [
        "partnership",
        "round",
        "organization",
        "respondent",
        "MV01",
        "CT02",
    ]


# --------------------------------------------------------------------------- Microsoft Forms XLSX


def make_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


MS_HEADER = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Partnership",
    "Organization",
    "[MV01] Governance and accountability",
    "[CT01] Specifying the service",
    "[H1] Exchange information",
]


def test_microsoft_forms_export(tmp_path):
    path = make_xlsx(
        tmp_path / "forms.xlsx",
        [
            MS_HEADER,
            [
                1,
                "3/1/25 10:00:00",
                "3/1/25 10:05:00",
                "anonymous",
                None,
                "P",
                "Council",
                "B fits much better",
                2,
                "Yes",
            ],
            [
                2,
                "3/1/25 11:00:00",
                "3/1/25 11:09:00",
                "anonymous",
                None,
                "P",
                "Charity",
                "A fits a little better",
                "A and B fit equally",
                "No",
            ],
        ],
    )
    table = read_responses(path)
    assert table["respondent"].tolist() == ["1", "2"]
    assert table["organization"].tolist() == ["Council", "Charity"]
    assert table["MV01"].tolist() == [5.0, 2.0]
    assert table["CT01"].tolist() == [2.0, 3.0]
    assert table["H1"].tolist() == [1.0, 0.0]
    assert table.attrs["ignored_columns"] == ["Start time", "Completion time", "Email", "Name"]


def test_form_respondent_question_beats_ms_forms_id(tmp_path):
    path = make_xlsx(
        tmp_path / "forms.xlsx",
        [["ID", "Respondent", "Partnership", "MV01", "CT01"], [1, "me", "P", 3, 3]],
    )
    table = read_responses(path)
    assert table.loc[0, "respondent"] == "me"
    assert table.attrs["ignored_columns"] == ["ID"]


def test_xlsx_bad_value_names_the_spreadsheet_row(tmp_path):
    path = make_xlsx(
        tmp_path / "forms.xlsx",
        [MS_HEADER[5:], ["P", "Council", 3, 3, "Yes"], ["P", "Council", 9, 3, "Yes"]],
    )
    err = error_for(path)
    assert (err.file, err.line, err.column, str(err.value)) == (
        str(path),
        3,
        "[MV01] Governance and accountability",
        "9",
    )


# --------------------------------------------------------------------------- bad input


def test_out_of_range_answer(tmp_path):
    path = write(tmp_path, "partnership,respondent,MV01,CT01\nP,a,3,3\nP,b,7,3\n")
    err = error_for(path)
    assert (err.file, err.line, err.column, err.value) == (str(path), 3, "MV01", 7)
    message = str(err)
    assert "answers.csv" in message and "line 3" in message and "'MV01'" in message
    assert "got 7" in message and "allowed: a whole number from 1" in message


def test_non_numeric_answer_and_count_of_bad_answers(tmp_path):
    path = write(tmp_path, "partnership,MV01,CT01\nP,3,maybe\nP,3,never\nP,x,3\n")
    err = error_for(path)
    assert (err.line, err.column, err.value) == (2, "CT01", "maybe")
    assert "3 bad answers in all" in str(err)
    assert "not a number from 1 to 5 or a known label" in str(err)


@pytest.mark.parametrize("value", ["0", "6", "2.5", "nan", "NA", "inf", "-1", "1e5", "three"])
def test_invalid_scale_values(tmp_path, value):
    path = write(tmp_path, f"partnership,MV01,CT01\nP,{value},3\n")
    err = error_for(path)
    assert err.line == 2 and err.column == "MV01"
    assert err.value == value or float(err.value) == float(value)
    assert "allowed: a whole number from 1" in str(err)


@pytest.mark.parametrize("value", ["2", "maybe", "0.5", "-1"])
def test_invalid_yes_no_values(tmp_path, value):
    path = write(tmp_path, f"partnership,MV01,CT01,H3\nP,3,3,{value}\n")
    err = error_for(path)
    assert (err.line, err.column) == (2, "H3")
    assert "1 or 0, 'Yes' or 'No'" in str(err)


@pytest.mark.parametrize("header", ["[MV22] Something", "MV22", "H5", "[XY7] question", "ct11"])
def test_unknown_item_id_column(tmp_path, header):
    path = write(tmp_path, f"partnership,MV01,CT01,{header}\nP,3,3,3\n")
    err = error_for(path)
    assert "not in the item bank" in err.problem
    assert err.column == header and err.line == 1
    assert "MV01-MV21" in str(err)


def test_no_partnership_column(tmp_path):
    path = write(tmp_path, "team,MV01,CT01\nP,3,3\n")
    err = error_for(path)
    assert err.problem == "no partnership column"
    assert "'team'" in str(err) and "partnership" in err.allowed


def test_no_item_columns(tmp_path):
    err = error_for(write(tmp_path, "partnership,comment\nP,hello\n"))
    assert err.problem == "no item columns"


def test_blank_partnership(tmp_path):
    err = error_for(write(tmp_path, "partnership,MV01,CT01\nP,3,3\n,4,4\n"))
    assert (err.line, err.column, err.problem) == (3, "partnership", "the partnership is blank")


def test_blank_round(tmp_path):
    err = error_for(write(tmp_path, "partnership,round,MV01,CT01\nP,1,3,3\nP,,4,4\n"))
    assert (err.line, err.column) == (3, "round")


def test_duplicate_respondent(tmp_path):
    text = "partnership,round,respondent,MV01,CT01\nP,1,a,3,3\nP,2,a,3,3\nQ,1,a,3,3\nP,1,a,4,4\n"
    err = error_for(write(tmp_path, text))
    assert (err.line, err.column, err.value) == (5, "respondent", "a")
    assert "first on line 2" in err.problem and "partnership 'P', round '1'" in err.problem


def test_duplicate_header(tmp_path):
    err = error_for(write(tmp_path, "partnership,MV01,CT01,[MV01] again\nP,3,3,3\n"))
    assert "two columns hold item MV01" in err.problem


def test_empty_file(tmp_path):
    err = error_for(write(tmp_path, ""))
    assert err.problem == "the file is empty" and err.file.endswith("answers.csv")


def test_header_only(tmp_path):
    err = error_for(write(tmp_path, "partnership,MV01,CT01\n"))
    assert "no responses" in err.problem


def test_missing_file(tmp_path):
    err = error_for(tmp_path / "nowhere.csv")
    assert err.problem == "the file does not exist" and "nowhere.csv" in str(err)


def test_folder(tmp_path):
    assert "folder" in error_for(tmp_path).problem


def test_unreadable_encoding(tmp_path):
    # UTF-16 with a byte-order mark is read (see test_hostile_input); without one it is
    # refused, naming the encoding and how to save as UTF-8.
    path = write(tmp_path, "partnership,MV01,CT01\nP,3,3\n", encoding="utf-16-le")
    err = error_for(path)
    assert "UTF-16" in err.problem and "UTF-8" in err.allowed and err.file == str(path)


def test_not_a_workbook(tmp_path):
    path = tmp_path / "answers.xlsx"
    path.write_text("not a zip file")
    err = error_for(path)
    assert "workbook" in err.problem


def test_parse_responses_reports_index_labels():
    raw = pd.DataFrame({"partnership": ["P", "P"], "MV01": ["3", "9"], "CT01": ["3", "3"]})
    raw.index = ["first", "second"]
    with pytest.raises(InputError) as info:
        parse_responses(raw, lines=False)
    assert info.value.line is None and "row 'second'" in info.value.problem


def test_parse_responses_does_not_mutate():
    raw = pd.DataFrame({"Partnership": [" P "], "MV01": [" 3 "], "CT01": ["A fits much better"]})
    before = raw.copy(deep=True)
    parse_responses(raw)
    pd.testing.assert_frame_equal(raw, before)


# --------------------------------------------------------------------------- properties


def is_valid_scale_text(text: str) -> bool:
    return not np.isnan(forms.answers._scale_value(text))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
        min_size=1,
        max_size=20,
    ).filter(lambda s: s.strip() == s and s.strip() != "")
)
def test_any_invalid_value_is_rejected_by_name(tmp_path, value):
    assume(not is_valid_scale_text(value))
    assume(not value.startswith("#"))
    frame = pd.DataFrame({"partnership": ["P", "P"], "MV01": ["3", value], "CT01": ["3", "3"]})
    path = tmp_path / "prop.csv"
    path.write_text(frame.to_csv(index=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_responses(path)
    err = info.value
    assert err.line == 3 and err.column == "MV01"
    shown = err.value
    assert shown == value or float(shown) == float(value)
    # The message shows the value as InputError does: repr() for text, cut at 77 characters.
    assert (repr(shown) if isinstance(shown, str) else str(shown))[:77] in str(err)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(1, 5).map(str),
            st.integers(1, 5).map(lambda n: f"{n}.0"),
            st.sampled_from(list(ANSWER_LABELS.values())),
            st.sampled_from([v.upper() for v in ANSWER_LABELS.values()]),
            st.just(""),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_any_valid_value_is_read_as_a_number_from_1_to_5(values):
    numbers = answers_to_numbers(pd.DataFrame({"MV01": values}, dtype=object))["MV01"]
    given_ = pd.Series(values).str.strip() != ""
    assert numbers[given_.to_numpy()].between(1, 5).all()
    assert numbers[~given_.to_numpy()].isna().all()


def test_parse_responses_accepts_categorical_and_numeric_ids():
    raw = pd.DataFrame(
        {
            "partnership": pd.Categorical(["B ", "A", "B"]),
            "respondent": [1, 2, 3],
            "MV01": [3, 4, 5],
            "CT01": [1, 2, 3],
        }
    )
    table = parse_responses(raw)
    assert table["partnership"].tolist() == ["B", "A", "B"]
    assert table["respondent"].tolist() == ["1", "2", "3"]
