"""Cold build versus the rebuild after a one-sentence prose edit.

    .venv/bin/python benchmarks/build_time.py

Works on a temporary copy of the book (the working tree is never touched):

1. cold: no ``_build`` at all, so every notebook executes;
2. warm: one sentence added to a chapter's prose, then the same build again.

The execution cache (``execute_notebooks: cache``) keys notebooks by their code,
so a prose edit must not re-execute anything; the goal is warm <= 0.25 x cold.
Both builds are the strict build (``-W -n --keep-going``) that ``make book`` runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = Path("book/what-is-a-partnership.md")
COPY = ["_config.yml", "_toc.yml", "book", "exercises", "toolkit/static"]


def build(where: Path) -> tuple[float, int]:
    """Build the book in ``where`` (run from there: the cache path is relative); return the
    seconds taken and how many notebooks were executed."""
    jb = Path(sys.executable).parent / "jupyter-book"
    start = time.perf_counter()
    done = subprocess.run(
        [str(jb), "build", str(where), "--builder", "html", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=where,
    )
    if done.returncode:
        sys.exit(f"the build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    seconds = time.perf_counter() - start
    return seconds, done.stdout.count("Executing notebook")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "book"
        work.mkdir()
        for name in COPY:
            src = ROOT / name
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, work / name, ignore=shutil.ignore_patterns("*.answers.json*"))
            else:
                shutil.copy2(src, work / name)
        cold, cold_runs = build(work)
        chapter = work / CHAPTER
        text = chapter.read_text(encoding="utf-8")
        marker = "## Partnership or collaboration?"
        assert marker in text, "the benchmark's edit point moved"
        chapter.write_text(
            text.replace(marker, "This sentence was added by the benchmark.\n\n" + marker),
            encoding="utf-8",
        )
        warm, warm_runs = build(work)
    print(f"cold build: {cold:6.1f} s ({cold_runs} notebooks executed)")
    print(f"warm rebuild after a one-sentence prose edit: {warm:6.1f} s ({warm_runs} executed)")
    print(f"warm / cold = {warm / cold:.2f} (goal <= 0.25)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
