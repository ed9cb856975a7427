"""The trust game itself: strategies, payoffs, matches and tournaments (no charts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError

__all__ = [
    "AXELROD_PAYOFFS",
    "STRATEGIES",
    "Payoffs",
    "describe_match",
    "expected_rounds",
    "play_match",
    "simulate",
    "tournament",
    "tournament_table",
]

#: Strategy id -> name shown to participants, in the order menus show them.
STRATEGIES: dict[str, str] = {
    "always_cooperate": "Always cooperate",
    "always_defect": "Always defect",
    "tit_for_tat": "Tit for tat",
    "tit_for_two_tats": "Tit for two tats",
    "grudger": "Grudger",
    "random": "Random",
}
_CODES = {name: i for i, name in enumerate(STRATEGIES)}


@dataclass(frozen=True)
class Payoffs:
    """Points per round: ``temptation > reward > punishment > sucker`` makes it a dilemma."""

    temptation: float = 5
    reward: float = 3
    punishment: float = 1
    sucker: float = 0

    def __post_init__(self) -> None:
        if not (self.temptation > self.reward > self.punishment > self.sucker):
            raise InputError(
                "payoffs must satisfy temptation > reward > punishment > sucker",
                value=(self.temptation, self.reward, self.punishment, self.sucker),
            )


#: Axelrod's (1984) tournament payoffs: 5, 3, 1, 0.
AXELROD_PAYOFFS = Payoffs()


def expected_rounds(continuation: float) -> float:
    """Mean match length when another round follows with probability ``continuation``.

    >>> expected_rounds(0.75)
    4.0
    """
    _check_continuation(continuation)
    return 1.0 / (1.0 - continuation)


def _check_continuation(continuation: float) -> None:
    if not (0 <= continuation < 1):
        raise InputError(
            "the shadow of the future is the chance of another round",
            column="continuation",
            value=continuation,
            allowed="0 to just under 1",
        )


def _codes(strategies: Any, n: int, column: str) -> np.ndarray:
    values = np.broadcast_to(np.asarray(strategies, dtype=object), (n,))
    codes = pd.Series(values).map(_CODES)
    if codes.isna().any():
        bad = values[codes.isna().to_numpy()][0]
        raise InputError(
            "unknown strategy", column=column, value=bad, allowed=", ".join(STRATEGIES)
        )
    return codes.to_numpy(dtype=np.int8)


def _counts(values: Any, n: int, column: str) -> np.ndarray:
    arr = np.broadcast_to(np.asarray(values), (n,))
    if not np.issubdtype(arr.dtype, np.integer) or (arr < 0).any():
        raise InputError(
            "the shadow of the past is a count of earlier defections",
            column=column,
            value=values,
            allowed="whole numbers from 0",
        )
    return arr.astype(np.int64)


def _simulate(
    code_a: np.ndarray,
    code_b: np.ndarray,
    lengths: np.ndarray,
    past_a: np.ndarray,
    past_b: np.ndarray,
    rng: np.random.Generator,
    random_cooperation: float,
    payoffs: Payoffs,
    record: bool,
) -> dict[str, Any]:
    n = len(lengths)
    # What each side remembers of the other: last move, the one before, ever defected.
    last_of_b, prev_of_b, grudge_a = past_b >= 1, past_b >= 2, past_b >= 1
    last_of_a, prev_of_a, grudge_b = past_a >= 1, past_a >= 2, past_a >= 1
    pay_a = np.zeros(n)
    pay_b = np.zeros(n)
    coop_a = np.zeros(n, dtype=np.int64)
    coop_b = np.zeros(n, dtype=np.int64)
    mutual = np.zeros(n, dtype=np.int64)
    never = np.zeros(n, dtype=bool)
    always = np.ones(n, dtype=bool)
    table = np.array(
        [[payoffs.reward, payoffs.sucker], [payoffs.temptation, payoffs.punishment]]
    )  # [my defect][their defect] -> my points
    history: list[tuple[np.ndarray, np.ndarray]] = []
    for t in range(int(lengths.max(initial=0))):
        noise = rng.random((2, n)) >= random_cooperation
        choices_a = [never, always, last_of_b, last_of_b & prev_of_b, grudge_a, noise[0]]
        choices_b = [never, always, last_of_a, last_of_a & prev_of_a, grudge_b, noise[1]]
        move_a = np.choose(code_a, choices_a)  # True = defect
        move_b = np.choose(code_b, choices_b)
        active = t < lengths
        ia, ib = move_a.astype(np.int8), move_b.astype(np.int8)
        pay_a += np.where(active, table[ia, ib], 0.0)
        pay_b += np.where(active, table[ib, ia], 0.0)
        coop_a += active & ~move_a
        coop_b += active & ~move_b
        mutual += active & ~move_a & ~move_b
        prev_of_b, last_of_b, grudge_a = last_of_b, move_b, grudge_a | move_b
        prev_of_a, last_of_a, grudge_b = last_of_a, move_a, grudge_b | move_a
        if record:
            history.append((move_a.copy(), move_b.copy()))
    return {
        "pay_a": pay_a,
        "pay_b": pay_b,
        "coop_a": coop_a,
        "coop_b": coop_b,
        "mutual": mutual,
        "history": history,
    }


def _setup(
    strategy_a: Any,
    strategy_b: Any,
    past_a: Any,
    past_b: Any,
    n: int,
    rounds: int | None,
    continuation: float,
    seed: int,
    max_rounds: int,
    random_cooperation: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.random.Generator]:
    """Validate the arguments shared by :func:`simulate` and :func:`play_match`; return the
    strategy codes, remembered defections, match lengths and the seeded generator."""
    if not (0 <= random_cooperation <= 1):
        raise InputError(
            "random_cooperation is a probability", value=random_cooperation, allowed="0 to 1"
        )
    code_a = _codes(strategy_a, n, "strategy_a")
    code_b = _codes(strategy_b, n, "strategy_b")
    pa = _counts(past_a, n, "past_a")
    pb = _counts(past_b, n, "past_b")
    rng = np.random.default_rng(seed)
    if rounds is not None:
        if int(rounds) < 1:
            raise InputError("a match has at least one round", column="rounds", value=rounds)
        lengths = np.full(n, int(rounds), dtype=np.int64)
    else:
        _check_continuation(continuation)
        lengths = np.minimum(rng.geometric(1.0 - continuation, size=n), max_rounds)
    return code_a, code_b, pa, pb, lengths, rng


def simulate(
    strategy_a: Any,
    strategy_b: Any,
    *,
    matches: int | None = None,
    continuation: float = 0.9,
    rounds: int | None = None,
    past_a: Any = 0,
    past_b: Any = 0,
    seed: int = 0,
    max_rounds: int = 1000,
    random_cooperation: float = 0.5,
    payoffs: Payoffs = AXELROD_PAYOFFS,
) -> pd.DataFrame:
    """Play many matches at once; one row per match.

    ``strategy_a``, ``strategy_b``, ``past_a`` and ``past_b`` are each one value
    or one value per match; ``matches`` defaults to the length of the longest.

    Returns a DataFrame with ``strategy_a``, ``strategy_b``, ``past_a``,
    ``past_b``, ``rounds``, ``payoff_a``, ``payoff_b`` (totals),
    ``per_round_a``, ``per_round_b`` (mean points per round),
    ``cooperation_a``, ``cooperation_b`` (share of rounds each cooperated) and
    ``mutual_cooperation`` (share of rounds both did).

    Examples
    --------
    >>> out = simulate("tit_for_tat", "always_defect", rounds=10)
    >>> out[["payoff_a", "payoff_b", "cooperation_a"]].to_dict("records")
    [{'payoff_a': 9.0, 'payoff_b': 14.0, 'cooperation_a': 0.1}]
    """
    sizes = [np.size(v) for v in (strategy_a, strategy_b, past_a, past_b)]
    n = int(matches if matches is not None else max(sizes))
    if n < 0:
        raise InputError("the number of matches cannot be negative", value=n)
    code_a, code_b, pa, pb, lengths, rng = _setup(
        strategy_a,
        strategy_b,
        past_a,
        past_b,
        n,
        rounds,
        continuation,
        seed,
        max_rounds,
        random_cooperation,
    )
    res = _simulate(code_a, code_b, lengths, pa, pb, rng, random_cooperation, payoffs, False)
    names = np.array(list(STRATEGIES), dtype=object)
    safe = np.maximum(lengths, 1)
    return pd.DataFrame(
        {
            "strategy_a": names[code_a],
            "strategy_b": names[code_b],
            "past_a": pa,
            "past_b": pb,
            "rounds": lengths,
            "payoff_a": res["pay_a"],
            "payoff_b": res["pay_b"],
            "per_round_a": res["pay_a"] / safe,
            "per_round_b": res["pay_b"] / safe,
            "cooperation_a": res["coop_a"] / safe,
            "cooperation_b": res["coop_b"] / safe,
            "mutual_cooperation": res["mutual"] / safe,
        }
    )


def play_match(
    strategy_a: str,
    strategy_b: str,
    *,
    continuation: float = 0.9,
    rounds: int | None = None,
    past_a: int = 0,
    past_b: int = 0,
    seed: int = 0,
    max_rounds: int = 1000,
    random_cooperation: float = 0.5,
    payoffs: Payoffs = AXELROD_PAYOFFS,
) -> pd.DataFrame:
    """Play one match and return it round by round.

    Columns: ``round`` (from 1), ``move_a``, ``move_b`` (``"C"`` or ``"D"``),
    ``payoff_a``, ``payoff_b`` (points that round), ``total_a``, ``total_b``
    (running totals). The same arguments and seed give the same match as
    :func:`simulate` with one match.

    Examples
    --------
    >>> m = play_match("tit_for_tat", "always_defect", rounds=3)
    >>> m[["move_a", "move_b", "payoff_a", "payoff_b"]].values.tolist()
    [['C', 'D', 0.0, 5.0], ['D', 'D', 1.0, 1.0], ['D', 'D', 1.0, 1.0]]
    >>> play_match("tit_for_tat", "tit_for_tat", rounds=2, past_b=1)["move_a"].tolist()
    ['D', 'C']
    """
    code_a, code_b, pa, pb, lengths, rng = _setup(
        strategy_a,
        strategy_b,
        past_a,
        past_b,
        1,
        rounds,
        continuation,
        seed,
        max_rounds,
        random_cooperation,
    )
    res = _simulate(code_a, code_b, lengths, pa, pb, rng, random_cooperation, payoffs, True)
    moves_a = np.array([h[0][0] for h in res["history"]], dtype=bool)
    moves_b = np.array([h[1][0] for h in res["history"]], dtype=bool)
    table = np.array([[payoffs.reward, payoffs.sucker], [payoffs.temptation, payoffs.punishment]])
    ia, ib = moves_a.astype(np.int8), moves_b.astype(np.int8)
    pay_a, pay_b = table[ia, ib], table[ib, ia]
    return pd.DataFrame(
        {
            "round": np.arange(1, len(moves_a) + 1),
            "move_a": np.where(moves_a, "D", "C"),
            "move_b": np.where(moves_b, "D", "C"),
            "payoff_a": pay_a.astype(float),
            "payoff_b": pay_b.astype(float),
            "total_a": np.cumsum(pay_a).astype(float),
            "total_b": np.cumsum(pay_b).astype(float),
        }
    )


def tournament(
    strategies: list[str] | None = None,
    *,
    matches: int = 1000,
    continuation: float = 0.9,
    past: int = 0,
    seed: int = 0,
    max_rounds: int = 1000,
    random_cooperation: float = 0.5,
    payoffs: Payoffs = AXELROD_PAYOFFS,
) -> pd.DataFrame:
    """A round robin: every pair of strategies (and each against itself), ``matches`` in all.

    The pairs are repeated in turn until there are ``matches`` matches, so
    every pair plays ``matches // pairs`` or one more. ``past`` is the shadow
    of the past for both sides of every match (each remembers that many
    defections by the other). Returns :func:`simulate`'s per-match table;
    :func:`tournament_table` ranks the strategies.

    >>> len(tournament(matches=100))
    100
    """
    names = list(STRATEGIES) if strategies is None else list(strategies)
    if not names:
        raise InputError("a tournament needs at least one strategy")
    i, j = np.triu_indices(len(names))
    pairs_a = np.resize(np.array(names, dtype=object)[i], matches)
    pairs_b = np.resize(np.array(names, dtype=object)[j], matches)
    return simulate(
        pairs_a,
        pairs_b,
        matches=matches,
        continuation=continuation,
        past_a=past,
        past_b=past,
        seed=seed,
        max_rounds=max_rounds,
        random_cooperation=random_cooperation,
        payoffs=payoffs,
    )


def tournament_table(results: pd.DataFrame) -> pd.DataFrame:
    """Rank strategies by mean points per round over every seat they played.

    Both seats of a match count (a strategy playing itself counts twice).
    Columns: ``strategy``, ``name``, ``matches``, ``points_per_round``,
    ``cooperation``, ``rank`` (1 = best; ties share the best rank).

    >>> results = tournament(["always_defect", "tit_for_tat"], matches=30)
    >>> tournament_table(results)["strategy"].tolist()
    ['tit_for_tat', 'always_defect']
    """
    seats = pd.concat(
        [
            pd.DataFrame(
                {
                    "strategy": results[f"strategy_{s}"],
                    "points": results[f"payoff_{s}"],
                    "cooperated": results[f"cooperation_{s}"] * results["rounds"],
                    "rounds": results["rounds"],
                }
            )
            for s in ("a", "b")
        ],
        ignore_index=True,
    )
    g = seats.groupby("strategy", sort=False)
    out = pd.DataFrame(
        {
            "matches": g.size(),
            "points_per_round": g["points"].sum() / g["rounds"].sum(),
            "cooperation": g["cooperated"].sum() / g["rounds"].sum(),
        }
    ).reset_index()
    out.insert(1, "name", out["strategy"].map(STRATEGIES))
    out = out.sort_values(["points_per_round", "strategy"], ascending=[False, True])
    out["rank"] = out["points_per_round"].rank(method="min", ascending=False).astype(int)
    return out.reset_index(drop=True)


def describe_match(match: pd.DataFrame, strategy_a: str, strategy_b: str) -> str:
    """Say what happened in a match from :func:`play_match`, in plain sentences.

    >>> text = describe_match(play_match("tit_for_tat", "always_defect", rounds=4),
    ...                       "tit_for_tat", "always_defect")
    >>> print(text.replace(". ", ".NL").replace(", and ", ",NL and ").replace("NL", chr(10)))
    The match lasted 4 rounds.
    Organisation A (Tit for tat) scored 3 points, 0.75 a round,
     and cooperated in 1 of 4 rounds (25%).
    Organisation B (Always defect) scored 8 points, 2.00 a round,
     and cooperated in 0 of 4 rounds (0%).
    They cooperated together in 0 rounds.
    Organisation B came out ahead, but both scored less than the 3 a round mutual cooperation pays.
    """
    n = len(match)
    parts = [f"The match lasted {n} round{'s' if n != 1 else ''}."]
    totals = {}
    for side, strategy in (("a", strategy_a), ("b", strategy_b)):
        total = float(match[f"payoff_{side}"].sum())
        coop = int((match[f"move_{side}"] == "C").sum())
        totals[side] = total
        parts.append(
            f"Organisation {side.upper()} ({STRATEGIES.get(strategy, strategy)}) scored "
            f"{total:g} points, {total / max(n, 1):.2f} a round, and cooperated in {coop} of "
            f"{n} rounds ({coop / max(n, 1):.0%})."
        )
    both = int(((match["move_a"] == "C") & (match["move_b"] == "C")).sum())
    parts.append(f"They cooperated together in {both} round{'s' if both != 1 else ''}.")
    reward = AXELROD_PAYOFFS.reward
    best = max(totals.values()) / max(n, 1)
    if totals["a"] == totals["b"]:
        lead = "Both scored the same"
    else:
        lead = f"Organisation {'A' if totals['a'] > totals['b'] else 'B'} came out ahead"
    if best < reward:
        parts.append(
            f"{lead}, but both scored less than the {reward:g} a round mutual cooperation pays."
        )
    else:
        parts.append(f"{lead}.")
    return " ".join(parts)
