"""The book's configuration is strict: a broken reference or a failing notebook cell
fails the build. Each test builds a two-page book in a temporary folder with the
course's own `_config.yml` (real Jupyter Book, real execution)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"

FRONT_MATTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _book(tmp_path: Path, page: str) -> Path:
    book = tmp_path / "book"
    (book / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    shutil.copytree(ROOT / "book" / "_static", book / "book" / "_static")
    shutil.copytree(ROOT / "toolkit" / "static", book / "toolkit" / "static")
    (book / "book" / "references.bib").write_text(
        "@misc{x2000, author={X, Y}, year={2000}, title={T}, howpublished={H}}\n"
    )
    toc = "format: jb-book\nroot: book/index\nchapters:\n- file: book/page\n"
    (book / "_toc.yml").write_text(toc)
    (book / "book" / "index.md").write_text(
        "# Home\n\nSee {cite:p}`x2000`.\n\n```{bibliography}\n```\n"
    )
    (book / "book" / "page.md").write_text(page)
    return book


def _build(book: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(book), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=book,
        timeout=600,
    )


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("# Page\n\nA link to {doc}`missing-page`.\n", "missing-page"),
        ("# Page\n\nA citation {cite:p}`nobody1999`.\n", "nobody1999"),
        (FRONT_MATTER + "# P\n\n```{code-cell} ipython3\nraise ValueError('boom')\n```\n", "boom"),
    ],
    ids=["broken-reference", "unknown-citation", "failing-cell"],
)
def test_strict_build_fails(tmp_path: Path, page: str, expected: str) -> None:
    done = _build(_book(tmp_path, page))
    assert done.returncode != 0
    assert expected in done.stdout + done.stderr


def test_good_book_builds_and_draws_chart_markup(tmp_path: Path) -> None:
    page = FRONT_MATTER + (
        "# Page\n\n```{code-cell} ipython3\nfrom toolkit.charts import continuum_chart\n"
        "continuum_chart()\n```\n"
    )
    book = _book(tmp_path, page)
    done = _build(book)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    html = (book / "_build" / "html" / "book" / "page.html").read_text(encoding="utf-8")
    assert 'class="toolkit-vega-spec"' in html
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html
