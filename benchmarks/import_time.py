"""How much does `import toolkit` cost, compared with `import pandas`?

    .venv/bin/python benchmarks/import_time.py [--runs 15]

Each import runs in a fresh interpreter (so nothing is cached in memory), many
times; the script prints the median of each and their ratio. The goal is a
ratio of at most 1.3 for `import toolkit`. It also prints the cost of the
first real use (`toolkit.continuum_levels`, which loads pandas), for context.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

SNIPPET = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"

CASES = {
    "import pandas": "import pandas",
    "import toolkit": "import toolkit",
    "import toolkit + first use": "import toolkit; toolkit.continuum_levels",
}


def measure(stmt: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", SNIPPET.format(stmt=stmt)],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for stmt in CASES.values():  # warm the file-system cache once
        measure(stmt, 1)
    results = {name: measure(stmt, args.runs) for name, stmt in CASES.items()}
    base = results["import pandas"]
    for name, seconds in results.items():
        print(f"{name:28s} {seconds * 1000:8.1f} ms   ratio to pandas {seconds / base:5.2f}")
    ratio = results["import toolkit"] / base
    print(f"import toolkit / import pandas = {ratio:.2f} (goal <= 1.30)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
