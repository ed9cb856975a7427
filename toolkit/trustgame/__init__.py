"""The trust game: an iterated prisoner's dilemma between two organisations, after Axelrod.

Armistead & Pettigrew (2007) use Axelrod's (1984) prisoner's dilemma to explain
why trust grows when a relationship lasts: the *shadow of the future* (each
party weighs the retaliation a defection would bring in later rounds) makes
cooperation pay, while the *shadow of the past* (Pettigrew 2003, 2006: a
history of difficult contact before the partnership) can make trust hard to
reach in the short term. This module lets participants try both.

The game
--------
In each round both organisations choose at once to cooperate (C) or defect
(D). The default payoffs are the values of Axelrod's tournaments (Axelrod
1984, in the course bibliography; the course's sources cite the book but not
the values, so using them is the course's choice), configurable through
:class:`Payoffs`: both cooperate, 3 each (reward); both defect, 1 each
(punishment); one defects while the other cooperates, 5 to the defector
(temptation) and 0 to the other (sucker's payoff).

Shadow of the future
    ``continuation`` is the chance that another round follows each round, so a
    match lasts ``1 / (1 - continuation)`` rounds on average (the number of
    rounds is drawn, geometrically, from the seed). ``rounds`` fixes the length
    instead. Matches are cut at ``max_rounds`` (1,000 by default).
Shadow of the past
    ``past_a`` is how many times organisation A defected in the dealings just
    before the partnership started, as B remembers them (``past_b`` likewise).
    The course's choice, since the sources give no rule: the remembered
    defections are the other side's most recent moves, so tit for tat opens with
    a defection after one remembered defection, tit for two tats after two, and
    the grudger never cooperates after any. Always cooperate, always defect and
    random ignore the past.

Strategies
----------
``always_cooperate``, ``always_defect``, ``tit_for_tat`` (cooperate first, then
copy the other's last move), ``tit_for_two_tats`` (defect only after two
defections in a row: a more forgiving rule that Axelrod 1984 discusses), ``grudger``
(cooperate until the other defects once, then defect for ever) and ``random``
(cooperate with probability ``random_cooperation``, 0.5 by default).

Everything is vectorised over matches (one array operation per round for all
matches at once) and deterministic for a given ``seed``: a 1,000-match
tournament runs in well under a second (``benchmarks/trustgame.py``).
"""

from __future__ import annotations

from .charts import match_chart, tournament_chart
from .game import (
    AXELROD_PAYOFFS,
    STRATEGIES,
    Payoffs,
    describe_match,
    expected_rounds,
    play_match,
    simulate,
    tournament,
    tournament_table,
)

__all__ = [
    "AXELROD_PAYOFFS",
    "STRATEGIES",
    "Payoffs",
    "describe_match",
    "expected_rounds",
    "match_chart",
    "play_match",
    "simulate",
    "tournament",
    "tournament_chart",
    "tournament_table",
]
