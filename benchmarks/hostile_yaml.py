"""How fast, and in how much memory, hostile plan files are refused.

A "billion laughs" alias bomb (nine levels of ten aliases: 10**9 values once
expanded) and 20,000 nested brackets must be refused in well under a second and
in bounded memory, compared with loading the example plan.

Run: ``.venv/bin/python benchmarks/hostile_yaml.py``.
"""

from __future__ import annotations

import time
import tracemalloc
from importlib import resources

from toolkit.errors import InputError
from toolkit.planning import loads_plan

LAUGHS = (
    "schema_version: 2\n"
    "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
    + "title: *a9\n"
)
NESTED = "schema_version: 2\ntitle: " + "[" * 20000 + "]" * 20000 + "\n"


def measure(text: str) -> tuple[float, float, str]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        loads_plan(text, file="plan.yaml")
        outcome = "loaded"
    except InputError as exc:
        outcome = str(exc)[:70]
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, outcome


def main() -> None:
    example = resources.files("toolkit.data").joinpath("example_plan.yaml").read_text("utf-8")
    measure(example)  # warm up
    base = measure(example)
    print(f"example plan:   {base[0]:.3f} s  peak {base[1]:.1f} MB  ({base[2]})")
    for name, text in (("billion laughs", LAUGHS), ("20,000 brackets", NESTED)):
        seconds, peak, outcome = measure(text)
        verdict = "met" if seconds < 1 else "NOT met"
        print(f"{name + ':':15} {seconds:.3f} s  peak {peak:.1f} MB  ({outcome})")
        print(f"  refused in under 1 s: {verdict}; time vs example plan: {seconds / base[0]:.2f}x")


if __name__ == "__main__":
    main()
