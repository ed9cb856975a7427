"""Benchmark: stakeholder analysis of 10,000 stakeholders and 50,000 relationships.

Makes a seeded synthetic register and relationships table (invented data),
writes them as CSV files to a temporary folder, then times

* reading the two CSV files with :func:`toolkit.io.read_table` (the baseline), and
* the analysis: validating both tables, the grid, salience and marginal flags,
  the summary (coverage, dominance, gaps, network measures including
  betweenness), and the three member-identification models.

It prints both times and their ratio. The goal is an analysis under 2 seconds.

Run: ``.venv/bin/python benchmarks/stakeholders.py [--stakeholders N] [--relationships M]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.io import read_table
from toolkit.stakeholders import (
    analyse_stakeholders,
    betweenness_method,
    expanding_network_candidates,
    self_selection_candidates,
    stakeholder_analysis_candidates,
    stakeholder_summary,
    validate_register,
    validate_relationships,
)

SECTOR_WORDS = ["state", "public", "government", "market", "business", "private",
                "civil society", "NGO", "community", "voluntary"]  # fmt: skip
KINDS = ["funds", "informs", "partners with", "advises"]


def synthetic(n: int, m: int, seed: int = 20240) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seeded, invented register of ``n`` stakeholders and ``m`` distinct relationships."""
    rng = np.random.default_rng(seed)
    names = np.array([f"Stakeholder {i:05d}" for i in range(n)], dtype=object)
    register = pd.DataFrame(
        {
            "name": names,
            "organization": [f"Organisation {i:04d}" for i in rng.integers(0, n // 3, n)],
            "sector": rng.choice(SECTOR_WORDS, n),
            **{r: rng.integers(1, 6, n) for r in ("power", "interest", "legitimacy", "urgency")},
            "resources": "time",
        }
    )
    # m distinct unordered-unique (source, target, kind) rows without self-ties
    draws = int(m * 1.2) + 100
    s, t = rng.integers(0, n, draws), rng.integers(0, n, draws)
    k = rng.integers(0, len(KINDS), draws)
    keep = s != t
    frame = pd.DataFrame({"s": s[keep], "t": t[keep], "k": k[keep]}).drop_duplicates().head(m)
    relationships = pd.DataFrame(
        {
            "source": names[frame["s"].to_numpy()],
            "target": names[frame["t"].to_numpy()],
            "kind": np.array(KINDS, dtype=object)[frame["k"].to_numpy()],
            "strength": rng.integers(1, 6, len(frame)),
        }
    )
    return register, relationships


def analyse(reg_raw: pd.DataFrame, rel_raw: pd.DataFrame) -> dict[str, float]:
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    reg = validate_register(reg_raw, file="register.csv")
    rel = validate_relationships(rel_raw, reg, file="relationships.csv")
    t1 = time.perf_counter()
    times["validate"] = t1 - t0
    analyse_stakeholders(reg)
    t2 = time.perf_counter()
    times["grid, salience, marginal"] = t2 - t1
    summary = stakeholder_summary(reg, rel)  # includes network measures and betweenness
    t3 = time.perf_counter()
    times["summary (coverage, dominance, gaps, network)"] = t3 - t2
    founders = reg["name"].head(3).tolist()
    expanding_network_candidates(reg, rel, founders)
    stakeholder_analysis_candidates(reg, members=founders)
    self_selection_candidates(reg)
    t4 = time.perf_counter()
    times["member identification (3 models)"] = t4 - t3
    times["total"] = t4 - t0
    times["_summary"] = summary  # type: ignore[assignment]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stakeholders", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=50_000)
    args = parser.parse_args()
    register, relationships = synthetic(args.stakeholders, args.relationships)
    with tempfile.TemporaryDirectory() as tmp:
        reg_path = Path(tmp) / "register.csv"
        rel_path = Path(tmp) / "relationships.csv"
        register.to_csv(reg_path, index=False)
        relationships.to_csv(rel_path, index=False)
        # warm-up (imports, caches), then measure
        read_table(reg_path)
        t0 = time.perf_counter()
        reg_raw = read_table(reg_path)
        rel_raw = read_table(rel_path)
        read_time = time.perf_counter() - t0
    analyse(reg_raw.head(50), rel_raw.head(0))  # warm-up on a small slice
    times = analyse(reg_raw, rel_raw)
    summary = times.pop("_summary")
    print(f"stakeholders: {len(reg_raw):,}  relationships: {len(rel_raw):,}")
    print(f"betweenness: {betweenness_method(len(reg_raw))}")
    print(f"read both CSV files: {read_time:.3f} s")
    for name, value in times.items():
        print(f"  {name}: {value:.3f} s")
    total = times["total"]
    print(f"analysis total: {total:.3f} s (goal < 2 s: {'met' if total < 2 else 'NOT met'})")
    print(f"ratio analysis / reading: {total / read_time:.2f}")
    print(f"most central (sample): {summary['network']['most_central'][:3]}")


if __name__ == "__main__":
    main()
