"""Where a partnership stands, according to each partner, and how it moves over time.

The instrument follows Armistead & Pettigrew (2007). Their Table 1 contrasts
mandatory and voluntary partnerships in 21 rows (items ``MV01``-``MV21``);
their Table 2 contrasts service provision that relies on contract with
provision that relies on trust in 10 rows (items ``CT01``-``CT10``). Each
respondent places the partnership between the two statements of every row on
a 1-5 scale: 1 means the left statement (mandatory; contract) fits much better,
5 the right one (voluntary; trust). Four yes/no items, ``H1``-``H4``, place it on
Himmelman's (2002) continuum (see :mod:`toolkit.continuum`).

Scores
------
Each respondent gets two axis scores from 0 to 1: ``voluntary`` from the
``MV`` items and ``trust`` from the ``CT`` items, each the mean answer rescaled as
``(mean - 1) / 4``, so 0 is "the left statement fits much better on every
item", 1 "the right one on every item" and 0.5 the middle of the scale.

**Minimum answers.** Blank answers are allowed, but a score needs at least
half of the axis's items answered (``min_answered=0.5``): 11 of the 21 ``MV``
items and 5 of the 10 ``CT`` items when the full bank is asked. When a
questionnaire asks only some items, the share counts the items in the file.
Nobody is scored on an axis with no answers at all, even with ``min_answered=0``.
A respondent below the minimum on either axis is not scored: they stay in the
scored table with the reason in the ``excluded`` column, are counted per
partnership (``excluded``), and are listed by the command line; they never
count towards a partnership's means.

Modes
-----
The paper's heuristic has three areas: *creating*, where trust takes
precedence over contract; *complying*, where contract takes precedence over
trust and the partnership is more mandatory than voluntary; and
*constraining*, where trust and contract are balanced, whether the partnership
is mandatory, voluntary or both. The paper draws the areas but gives no
numbers, so the toolkit sets these default boundaries (:class:`Boundaries`):

* **creating** when ``trust > 0.625``;
* **complying** when ``trust < 0.375`` and ``voluntary < 0.5``;
* **constraining** otherwise.

Trust and contract count as *balanced* while the mean trust answer rounds to
3, the middle of the 1-5 scale (from 2.5 to 3.5, that is a score from 0.375 to
0.625, boundaries included). "More mandatory than voluntary" means below the
middle of the voluntary scale (a mean answer under 3). A partnership that
relies on contract but is more voluntary than mandatory fits neither the
complying area (which the paper limits to mandatory partnerships) nor the
creating one, so it falls in the constraining area, which the paper leaves
open to mandatory and voluntary partnerships alike.

**Near a boundary.** Because this is a heuristic, every score also reports
``boundary_distance``, the straight-line distance on the map to the nearest
line that separates two areas, ``neighbour``, the area on the other side of
that line, and ``near_boundary``, true when the distance is at most
``margin = 0.05`` (0.2 of a point on the 1-5 scale). Such a point is best read
as "between" the two areas.

Partnerships, disagreement and change
-------------------------------------
:func:`summarize_partnerships` gives, per partnership (and per round when
the data has a ``round`` column), the number of respondents, the mean axis
scores, the mode of those means with its distance to a boundary, the
continuum level, the respondents' own modes, and the **disagreement** on each
axis: the standard deviation of the respondents' scores (population form,
0 when all agree, missing with fewer than two respondents). With two
respondents it is half the gap between them. Partners are flagged as seeing
the partnership **very differently** (``partners_differ``) when the
disagreement on either axis is at least ``0.125``: for two respondents, mean
answers a whole point apart on the 1-5 scale.

Each respondent's **continuum level** is the highest level reached
cumulatively, by :func:`toolkit.continuum.continuum_levels`: a "yes" after a
"no" (yes to ``H3`` but no to ``H2``) does not raise the level, and the pattern
is flagged in ``continuum_inconsistent`` with the skipped strategies in
``continuum_skipped``, to be talked through rather than corrected. The
partnership's level applies the same rule to the partners' majority answers:
a partnership does a strategy when at least half of the respondents who
answered the item said yes (``continuum_yes_share=0.5``). With no ``H`` item
answered the level is missing, not ``none``.

:func:`direction_of_travel` compares consecutive rounds of each
partnership: the change on each axis, the mode before and after, and a short
description, in which a change smaller than ``steady = 0.05`` on an axis
counts as no clear change. Rounds are ordered as numbers when they all are
numbers (``2025``, ``2026``), otherwise as text.

Examples
--------
>>> result = classify(example_responses())
>>> result.summary[["partnership", "round", "mode", "near_boundary", "partners_differ"]]
             partnership round          mode  near_boundary  partners_differ
0  Example partnership A  2025     complying           True             True
1  Example partnership A  2026  constraining          False            False
2  Example partnership B  2025      creating          False            False
3  Example partnership B  2026      creating           True            False
"""

from __future__ import annotations

from .items import example_responses, item_bank
from .modes import DEFAULT_BOUNDARIES, MODES, Boundaries, classify_mode
from .questionnaire import questionnaire
from .reporting import report
from .result import Classification, classify
from .scoring import CONTINUUM_YES_SHARE, MIN_ANSWERED, score_responses
from .summary import (
    DISAGREEMENT_THRESHOLD,
    excluded_respondents,
    summarize_organizations,
    summarize_partnerships,
)
from .travel import STEADY, direction_of_travel

__all__ = [
    "CONTINUUM_YES_SHARE",
    "DEFAULT_BOUNDARIES",
    "DISAGREEMENT_THRESHOLD",
    "MIN_ANSWERED",
    "MODES",
    "STEADY",
    "Boundaries",
    "Classification",
    "classify",
    "classify_mode",
    "direction_of_travel",
    "example_responses",
    "excluded_respondents",
    "item_bank",
    "questionnaire",
    "report",
    "score_responses",
    "summarize_organizations",
    "summarize_partnerships",
]
