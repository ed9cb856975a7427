"""Foundation pieces: errors, safe writes, table reading, continuum, charts, reports, widgets."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest
import yaml

from toolkit.continuum import CONTINUUM_LEVELS, continuum_feedback, continuum_levels
from toolkit.errors import InputError
from toolkit.io import atomic_write_text, read_table

ROOT = Path(__file__).resolve().parents[1]


# --- errors and files -----------------------------------------------------------------


def test_input_error_names_everything() -> None:
    err = InputError("not a number", file="a.csv", line=3, column="MV01", value="x", allowed="1-5")
    assert str(err) == "a.csv, line 3, column 'MV01': not a number: got 'x'; allowed: 1-5"
    assert isinstance(err, ValueError)


def test_input_error_is_one_line() -> None:
    assert "\n" not in str(InputError("bad\nthing", value="a\nb"))


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("good\n")

    def broken_replace(src, dst):  # the rename never happens
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match=r"plan\.yaml"):
        atomic_write_text(target, "half-written")
    assert target.read_text() == "good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"], "temporary file left behind"


def test_atomic_write_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    atomic_write_text(target, "é\n")
    assert target.read_text(encoding="utf-8") == "é\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"abc\x00def\n", "not text"),
        (b"a\x00b\x00\n\x00", "UTF-16 text without a byte-order mark"),
    ],
)
def test_read_table_errors(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "answers.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        read_table(path)
    assert str(path) in str(info.value)


def test_read_table_reads_bom_and_windows_1252(tmp_path: Path) -> None:
    utf = tmp_path / "utf.csv"
    utf.write_bytes("\ufeffname,sector\nCafé,market\n".encode())
    assert read_table(utf).to_dict("records") == [{"name": "Café", "sector": "market"}]
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("name,sector\nCaf\xe9,market\n".encode("cp1252"))
    assert read_table(legacy)["name"].tolist() == ["Café"]


def test_read_table_reads_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["name", "power"])
    book.active.append(["Council", 5])
    path = tmp_path / "register.xlsx"
    book.save(path)
    assert read_table(path).to_dict("records") == [{"name": "Council", "power": "5"}]


def test_read_table_rejects_a_non_workbook(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip")
    with pytest.raises(InputError, match=r"fake\.xlsx"):
        read_table(path)


def test_read_table_rejects_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_table(tmp_path)


# --- continuum --------------------------------------------------------------------------


def test_continuum_levels_cumulative_rule() -> None:
    answers = pd.DataFrame(
        {
            "H1": [1, 1, 1, 1, 0, 0, None],
            "H2": [1, 1, 1, 0, 1, 0, None],
            "H3": [1, 1, 0, 1, 1, 0, None],
            "H4": [1, 0, 0, 1, 1, 0, None],
        }
    )
    before = answers.copy()
    out = continuum_levels(answers)
    assert out["continuum"].tolist() == [
        "collaborating",
        "cooperating",
        "coordinating",
        "networking",
        "none",
        "none",
        None,
    ]
    assert out["continuum_inconsistent"].tolist() == [False, False, False, True, True, False, False]
    assert out.loc[3, "continuum_skipped"] == "alter activities"
    assert out.loc[4, "continuum_skipped"] == "exchange information"
    pd.testing.assert_frame_equal(answers, before)  # input untouched


def test_continuum_levels_missing_columns_count_as_unanswered() -> None:
    out = continuum_levels(pd.DataFrame({"H1": [1], "other": ["x"]}))
    assert out["continuum"].tolist() == ["networking"]


def test_continuum_levels_empty() -> None:
    out = continuum_levels(pd.DataFrame({"H1": []}))
    assert out.empty and list(out.columns) == [
        "continuum",
        "continuum_inconsistent",
        "continuum_skipped",
    ]


def test_continuum_feedback_top_and_empty() -> None:
    top = continuum_feedback({"H1": 1, "H2": 1, "H3": 1, "H4": 1})
    assert top.startswith("Level reached: collaborating") and "top of the continuum" in top
    assert "Answer at least" in continuum_feedback({})
    assert CONTINUUM_LEVELS[0] == "none"


# --- charts and the book renderer -------------------------------------------------------


def test_continuum_chart_spec() -> None:
    from toolkit.charts import continuum_chart

    spec = continuum_chart(highlight="networking").to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["x"]["field"] == "activity"
    assert spec["encoding"]["y"]["field"] == "level"
    assert "highlighted" in spec["description"]
    assert spec["$schema"].endswith("/v5.json") or "v5" in spec["$schema"]


def test_toolkit_renderer_emits_vegalite_mimetype() -> None:
    from toolkit.charts import VEGALITE_MIME, continuum_chart

    bundle = continuum_chart()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(data) == {VEGALITE_MIME, "text/plain"}
    assert "cdn" not in json.dumps(data).lower()


def test_spec_html_escapes_script_breakouts() -> None:
    from toolkit.charts import spec_html

    out = spec_html({"description": "</script><script>alert(1)</script>", "mark": "bar"})
    assert out.count("</script>") == 1, "only the spec's own closing tag"
    assert "\\u003c/script\\u003e" in out
    payload = out.split('data-target="')[1].split('">', 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(payload)["description"].startswith("</script>")


def test_myst_nb_plugin_is_registered_and_renders() -> None:
    from importlib.metadata import entry_points

    from toolkit.book import VegaLiteMimeRenderer
    from toolkit.charts import VEGALITE_MIME

    names = [ep.value for ep in entry_points(group="myst_nb.mime_renderers")]
    assert "toolkit.book:VegaLiteMimeRenderer" in names

    class Data:
        mime_type = VEGALITE_MIME
        content: ClassVar[dict] = {"description": "A test chart", "mark": "point"}

    nodes = VegaLiteMimeRenderer.handle_mime(None, Data(), False)
    assert nodes[0]["format"] == "html"
    assert 'class="toolkit-vega-spec"' in nodes[0].astext()

    class Other(Data):
        mime_type = "text/html"

    assert VegaLiteMimeRenderer.handle_mime(None, Other(), False) is None


def test_vendored_bundle_matches_altair() -> None:
    import altair as alt

    versions = json.loads((ROOT / "toolkit" / "static" / "VERSIONS.json").read_text())
    assert alt.SCHEMA_VERSION.lstrip("v").startswith(versions["vega-lite"])
    bundle = (ROOT / "toolkit" / "static" / "vega-bundle.js").read_text(encoding="utf-8")
    assert "window.vegaEmbed=" in bundle
    assert (ROOT / "toolkit" / "static" / "mathjax" / "tex-svg.js").stat().st_size > 1_000_000


# --- reports ----------------------------------------------------------------------------


def test_report_page_inlines_charts_only_when_needed() -> None:
    from toolkit.charts import continuum_chart
    from toolkit.reports import Paragraph, Report, Section, render_html
    from toolkit.reports.document import chart_block

    plain = render_html(Report("T", [], [Section("s", "S", [Paragraph("x")])]))
    assert "<script" not in plain
    page = render_html(Report("T", [], [Section("s", "S", [chart_block(continuum_chart())])]))
    assert "window.vegaEmbed=" in page and "toolkit-vega-spec" in page
    assert "http://" not in page.split("<body>")[1].replace("http://www.w3.org", "")


# --- widgets ----------------------------------------------------------------------------


def test_continuum_self_check_updates_feedback() -> None:
    from toolkit.widgets import continuum_self_check

    app = continuum_self_check()
    assert "Level reached: none" in app.feedback.value
    app.checkboxes["H1"].value = True
    app.checkboxes["H2"].value = True
    assert "Level reached: coordinating" in app.feedback.value
    app.checkboxes["H4"].value = True
    assert "cumulative" in app.feedback.value
    for box in app.checkboxes.values():
        # every control is labelled, in words (no [H1] item codes)
        assert box.description.startswith("We ") and "[H" not in box.description


def test_exercise_app_bundle_has_static_fallback() -> None:
    from toolkit.widgets import continuum_self_check

    data = continuum_self_check()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "live Python kernel" in data["text/html"]
    assert data["text/plain"] == (
        "Continuum self-check (interactive exercise: run this cell to start it)"
    )


# --- configuration ----------------------------------------------------------------------


def test_repository_url_is_the_same_in_config_and_notebooks() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    url = config["repository"]["url"]
    for notebook in sorted((ROOT / "exercises").glob("*.ipynb")):
        text = notebook.read_text(encoding="utf-8")
        if "REPOSITORY = " in text:
            assert f'REPOSITORY = \\"{url}\\"' in text, notebook.name


def test_book_config_is_strict_and_offline() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["only_build_toc_files"] is True
    assert config["execute"]["execute_notebooks"] == "cache"
    sphinx = config["sphinx"]["config"]
    assert "sphinx_thebe" not in sphinx["extensions"]
    assert sphinx["nb_ipywidgets_js"] == {}
    assert sphinx["mathjax_path"] == "mathjax/tex-svg.js"
