"""The exercises in the browser: JupyterLite + Pyodide from the built site, with no network.

``make book`` builds the JupyterLite copy into ``_build/html/lite/``. Here headless Chromium,
allowed to reach nothing but 127.0.0.1, opens an exercise there the way a participant does
(the "Run in your browser" link of its page), runs all cells, changes a widget, waits for
the answer to be saved (in the browser's own storage), reloads the page, runs all cells
again and finds the answer restored. Every output is checked for errors; charts must draw.

Pyodide starts in a few seconds on a quiet machine, but these tests share two cores with
everything else, so their time limits are generous: speed is measured by
``benchmarks/lite.py``, not here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import SITE, run_all_in_jupyterlite

ROOT = Path(__file__).resolve().parents[2]
LITE = Path(SITE) / "lite"
START = 600_000  # ms: kernel start plus a run of all cells (minutes when the machine is busy)
STEP = 300_000  # ms: one widget change to be saved (the kernel answers slowly on a busy machine)

#: Errors in any output: a traceback, or text written to stderr.
ERRORS_JS = """() => [...document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"],'
    + ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')]
  .map(e => e.textContent.slice(0, 500))"""
BUSY_JS = """() => document.querySelectorAll('.jp-Notebook .jp-Cell').length > 0
  && ![...document.querySelectorAll('.jp-InputArea-prompt')]
       .some(e => e.textContent.includes('*'))"""


@pytest.fixture(scope="module", autouse=True)
def _lite_built() -> None:
    if not (LITE / "lab" / "index.html").exists():
        pytest.fail(f"{LITE} has no JupyterLite build: run `make book` first")


def _open_and_run(page: object, url: str) -> None:
    """Open a notebook in JupyterLite and run all its cells (Run > Run All Cells)."""
    page.goto(url, wait_until="load")  # type: ignore[attr-defined]
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=START)  # type: ignore[attr-defined]
    run_all_in_jupyterlite(page, START)
    # The first widget, or an error in its place (said at once, not after the time limit).
    page.wait_for_function(  # type: ignore[attr-defined]
        f"() => !!document.querySelector('.jupyter-widgets') || ({ERRORS_JS})().length > 0",
        timeout=START,
    )
    assert page.evaluate(ERRORS_JS) == []  # type: ignore[attr-defined]
    page.wait_for_function(BUSY_JS, timeout=START)  # type: ignore[attr-defined]


def _status(page: object, text: str) -> None:
    page.locator(".toolkit-autosave .toolkit-status").filter(  # type: ignore[attr-defined]
        has_text=text
    ).first.wait_for(timeout=STEP)


def _feedback_says(page: object, text: str) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        "text => [...document.querySelectorAll('.toolkit-feedback')]"
        ".some(e => e.textContent.includes(text))",
        arg=text,
        timeout=STEP,
    )


def _chart_drawn(page: object, scope: str) -> None:
    """A chart inside ``scope`` drawn by JupyterLab's Vega renderer (SVG or canvas)."""
    page.locator(  # type: ignore[attr-defined]
        f"{scope} .vega-embed svg, {scope} .vega-embed canvas"
    ).first.wait_for(timeout=STEP)


def _launch_link(site: str, exercise: str) -> str:
    """The "Run in your browser" link of the exercise's page, as the participant follows it."""
    html = (Path(SITE) / "exercises" / f"{exercise}.html").read_text(encoding="utf-8")
    marker = 'class="btn btn-primary toolkit-run-in-browser-link" href="'
    start = html.index(marker) + len(marker)
    href = html[start : html.index('"', start)].replace("&amp;", "&")
    assert href == f"../lite/lab/index.html?path={exercise}.ipynb"
    return f"{site}exercises/{href}"


def test_every_exercise_page_links_to_its_notebook_in_the_browser() -> None:
    for notebook in sorted((Path(SITE).parent.parent / "exercises").glob("*.ipynb")):
        html = (Path(SITE) / "exercises" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert f'href="../lite/lab/index.html?path={notebook.name}"' in html, notebook.name
        assert "Run in your browser" in html
        assert (LITE / "files" / notebook.name).is_file(), notebook.name
        # The link is only offered where a run in JupyterLite below verifies the exercise.
        assert notebook.stem in END_TO_END + RUN_ONLY, f"{notebook.name} is not run in the browser"


def test_the_kernel_never_looks_online() -> None:
    config = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][
        "@jupyterlite/pyodide-kernel-extension:kernel"
    ]
    assert settings["pyodideUrl"] == "./static/pyodide/pyodide.js"
    assert settings["disablePyPIFallback"] is True
    lock = json.loads((LITE / "static" / "pyodide" / "pyodide-lock.json").read_text())
    shipped = {p.name for p in (LITE / "static" / "pyodide").iterdir()}
    # Every shipped package is loaded at start (Pyodide compares names as "pyodide_kernel" ==
    # "pyodide-kernel"), and each file is the one the lock's sha256 names.
    preload = settings["loadPyodideOptions"]["packages"]
    assert {re.sub(r"[-_.]+", "-", n).lower() for n in preload} == set(lock["packages"])
    for name, entry in lock["packages"].items():
        assert entry["file_name"] in shipped, name
        data = (LITE / "static" / "pyodide" / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
    assert {"numpy", "pandas", "altair", "ipywidgets", "partnership-toolkit"} <= set(
        lock["packages"]
    )


def test_continuum_answer_is_kept_across_a_reload(site: str, offline_page) -> None:
    page, log = offline_page
    cases = yaml.safe_load((ROOT / "toolkit" / "data" / "exercise_cases.yaml").read_text())
    case = cases["spot"][2]  # "Case 3" of the exercise
    level = case["answer"]
    link_url = _launch_link(site, "01-continuum")
    _open_and_run(page, link_url)
    group = page.locator(".widget-radio").filter(has_text="Case 3 level:")
    group.wait_for(timeout=STEP)
    group.get_by_label(level.capitalize()).check()
    page.wait_for_function(
        "level => [...document.querySelectorAll('.toolkit-feedback')]"
        ".some(e => e.textContent.includes('Correct: ' + level))",
        arg=level,
        timeout=STEP,
    )
    _status(page, "Saved your answers")
    assert page.evaluate(ERRORS_JS) == []

    # Download my answers: a data: link the browser saves to the participant's own disk.
    link = page.locator(".toolkit-autosave a.toolkit-download").first
    href = link.get_attribute("href") or ""
    assert href.startswith("data:application/json;base64,")
    assert link.get_attribute("download") == "01-continuum.answers.json"
    saved = json.loads(base64.b64decode(href.split(",", 1)[1]))
    assert saved["answers"][f"case:{case['id']}"] == level

    _reopen(page, link_url)
    _status(page, "Restored")
    group = page.locator(".widget-radio").filter(has_text="Case 3 level:")
    assert group.get_by_label(level.capitalize()).is_checked()
    assert page.evaluate(ERRORS_JS) == []
    assert log.external == [], f"asked other hosts for: {log.external}"


def test_classification_draws_the_map_and_keeps_the_answers(site: str, offline_page) -> None:
    """Exercise 02: the map appears once enough statements are answered (half of each axis)."""
    from toolkit.classification import item_bank
    from toolkit.exercises import questionnaire_result

    page, log = offline_page
    bank = item_bank()
    voluntary = bank[bank["axis"] == "voluntary"]["id"].tolist()
    trust = bank[bank["axis"] == "trust"]["id"].tolist()
    # Just enough answers to be scored: half of each axis's statements, rounded up.
    answers = {i: 4 for i in voluntary[: (len(voluntary) + 1) // 2]}
    answers |= {i: 2 for i in trust[: (len(trust) + 1) // 2]}
    placed = questionnaire_result(answers)[1].split(" (")[0]  # "... in the <mode> area"
    link_url = _launch_link(site, "02-classify")
    _open_and_run(page, link_url)
    page.get_by_text("The map appears when you have answered enough statements.").wait_for(
        timeout=STEP
    )
    for item, value in answers.items():
        if item == trust[0]:
            page.get_by_role("tab", name="Contract or trust").click()
        menu = page.locator(".widget-dropdown").filter(has_text=f"{item} ").locator("select")
        menu.select_option(index=value)  # the scale "Not answered", 1, ..., 5 in that order
    _feedback_says(page, placed)
    # Scoring runs in WebAssembly (32-bit integers); JupyterLab's Vega renderer draws the map.
    _chart_drawn(page, ".toolkit-sticky")
    _status(page, "Saved your answers")
    assert page.evaluate(ERRORS_JS) == []

    _reopen(page, link_url)
    _status(page, "Restored")
    page.get_by_role("tab", name="Contract or trust").click()
    for item, value in answers.items():
        menu = page.locator(".widget-dropdown").filter(has_text=f"{item} ").locator("select")
        assert menu.evaluate("e => e.selectedIndex") == value, item
    _chart_drawn(page, ".toolkit-sticky")
    assert page.evaluate(ERRORS_JS) == []
    assert log.external == [], f"asked other hosts for: {log.external}"


def test_trust_game_replays_the_match_and_keeps_the_settings(
    site: str, offline_page, tmp_path: Path
) -> None:
    """Exercise 04: a strategy chosen in the browser replays the match as in Python, and stays."""
    from toolkit.trustgame import STRATEGIES
    from toolkit.widgets import trust_game

    page, log = offline_page
    # The same app in this process says what the browser must show for the same choice.
    here = trust_game(folder=tmp_path)
    here.controls["strategy_b"].value = "tit_for_tat"
    together = next(
        s for s in here.feedback.value.split(". ") if s.startswith("They cooperated together")
    )
    link_url = _launch_link(site, "04-trust-game")
    _open_and_run(page, link_url)
    menu = page.get_by_label("Organisation B plays:")
    menu.select_option(label=STRATEGIES["tit_for_tat"])
    _feedback_says(page, together)
    _chart_drawn(page, ".toolkit-exercise")
    _status(page, "Saved your answers")
    assert page.evaluate(ERRORS_JS) == []

    _reopen(page, link_url)
    _status(page, "Restored")
    menu = page.get_by_label("Organisation B plays:")
    shown = menu.evaluate("e => e.options[e.selectedIndex].text")  # spaces drawn as no-break
    assert shown.replace("\xa0", " ") == STRATEGIES["tit_for_tat"]
    _feedback_says(page, together)
    assert page.evaluate(ERRORS_JS) == []
    assert log.external == [], f"asked other hosts for: {log.external}"


#: Every vega-embed holds a drawn chart (JupyterLab's Vega renderer writes its error otherwise).
CHARTS_JS = """() => [...document.querySelectorAll('.jp-Notebook .vega-embed')]
  .map(e => !!e.querySelector('svg, canvas'))"""


#: Exercises run end to end below (answer, reload, restored) and those only run with no error.
END_TO_END = ["01-continuum", "02-classify", "04-trust-game"]
RUN_ONLY = ["03-many-views", "05-stakeholders", "06-why-did-it-fail", "07-six-steps"]


@pytest.mark.parametrize("exercise", RUN_ONLY)
def test_exercise_runs_with_no_error(site: str, offline_page, exercise: str) -> None:
    """The exercises with no end-to-end run above: all cells run offline, no error anywhere."""
    page, log = offline_page
    _open_and_run(page, _launch_link(site, exercise))
    page.locator(".toolkit-exercise .toolkit-autosave").first.wait_for(timeout=STEP)
    page.wait_for_timeout(2000)  # let the last outputs (charts) render
    assert page.evaluate(ERRORS_JS) == []
    assert all(page.evaluate(CHARTS_JS))
    assert log.external == [], f"asked other hosts for: {log.external}"


def _reopen(page: object, url: str) -> None:
    """Load the page again from the same link (a new document, a new kernel) and run all.

    JupyterLite drops ``?path=`` from the address once the notebook is open, so a plain
    reload shows the file browser; the participant comes back through the same link.
    """
    page.on("dialog", lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    page.goto("about:blank")  # type: ignore[attr-defined]
    _open_and_run(page, url)


# --- the runtime itself, under Node (no page): what the start costs -------------------------

RUNTIME_CHECK = r"""
const path = require("path");
const [dir, code] = process.argv.slice(2);
const { loadPyodide } = require(path.join(dir, "pyodide.js"));
(async () => {
  const lock = require(path.join(dir, "pyodide-lock.json"));
  const pyodide = await loadPyodide({ indexURL: dir + "/", packages: Object.keys(lock.packages) });
  console.log(pyodide.runPython(code));
})().catch((error) => { console.error(error.message); process.exit(1); });
"""


def _in_pyodide(tmp_path: Path, code: str) -> str:
    script = tmp_path / "check.js"
    script.write_text(RUNTIME_CHECK, encoding="utf-8")
    result = subprocess.run(
        ["node", str(script), str(LITE / "static" / "pyodide"), code],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_the_shipped_python_is_bytecode_and_starts_without_every_time_zone(tmp_path) -> None:
    # The shipped packages and standard library are compiled (scripts/lite_compile.py): pandas
    # is imported from .pyc files and the standard library from its zip's .pyc files.
    where = _in_pyodide(
        tmp_path, "import json, pandas, pandas.core.frame as f; json.dumps(f.__file__)"
    )
    assert where.endswith('frame.pyc"'), where
    assert _in_pyodide(tmp_path, "import json, sys; json.dumps(json.__file__)").endswith('.pyc"')
    # Without the toolkit, pandas' import reads dateutil's whole bundled time-zone archive (no
    # system zone files in the browser); imported through the toolkit, it reads tzdata's file.
    alone = "import sys, pandas; str('dateutil.zoneinfo' in sys.modules)"
    assert _in_pyodide(tmp_path, alone) == "True"
    through = (
        "import sys, toolkit, pandas; from dateutil import tz; "
        "str(('dateutil.zoneinfo' in sys.modules, tz.gettz('Europe/Lisbon') is not None,"
        " pandas.Timestamp('2026-06-01 12:00', tz='Europe/Lisbon').utcoffset().seconds))"
    )
    assert _in_pyodide(tmp_path, through) == "(False, True, 3600)"


def test_the_kernel_completes_with_jedis_python_3_stubs(tmp_path) -> None:
    # scripts/lite_compile.py leaves out the stubs jedi never reads under Python 3; completion
    # as JupyterLab asks the kernel for it still works, typed from typeshed's stubs ("obj: Any"
    # is in json's stub, not in its source, which is not shipped).
    code = (
        "import json, pyodide_kernel\n"
        "r = pyodide_kernel.kernel_instance.complete('import json\\njson.du', 19)\n"
        "found = r['metadata']['_jupyter_types_experimental']\n"
        "types = {t['text']: t['signature'] for t in found}\n"
        "json.dumps([r['matches'], types['dumps'].split(',')[0]])"
    )
    assert _in_pyodide(tmp_path, code) == '[["dump", "dumps"], "(obj: Any"]'
