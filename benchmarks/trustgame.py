"""How long a 1,000-match trust-game tournament takes (goal: under one second).

    .venv/bin/python benchmarks/trustgame.py

Plays a round robin of the six strategies (continuation 0.9, so about ten
rounds a match; also 0.99, about a hundred) and prints the best of five runs.
"""

from __future__ import annotations

import time

from toolkit.trustgame import tournament, tournament_table


def best_of(repeats: int, **kwargs: object) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        tournament_table(tournament(**kwargs))  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    tournament(matches=10)  # warm up imports
    for continuation, past in ((0.9, 0), (0.9, 2), (0.99, 0)):
        seconds = best_of(5, matches=1000, continuation=continuation, past=past, seed=1)
        print(
            f"1,000-match tournament, continuation {continuation}, past defections {past}: "
            f"{seconds * 1000:.1f} ms (goal < 1000 ms, {1 / seconds:.0f}x under)"
        )
    seconds = best_of(3, matches=100_000, continuation=0.9, seed=1)
    print(f"100,000-match tournament, continuation 0.9: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
