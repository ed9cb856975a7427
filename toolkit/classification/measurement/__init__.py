"""Measurement you can trust: reliability, agreement, intervals and clear change.

The classification places each partnership on a map and reports how far its
partners disagree. This module answers the three questions the numbers alone
cannot: *do these items measure one thing?* (reliability), *do the partners
agree enough for one position to speak for the partnership?* (agreement) and
*did the partnership really move between two rounds, or is that noise?*
(intervals and clear change). Every function is pure and vectorised (NumPy
over whole columns; no Python loop per respondent or per group), and
:func:`toolkit.classification.classify` calls them.

Reliability: Cronbach's alpha
-----------------------------
For each axis, over the respondents who answered every item of that axis in
the file (Cronbach, 1951)::

    alpha = k / (k - 1) * (1 - sum of item variances / variance of the total)

with ``k`` the number of items and sample variances (divisor ``n - 1``).
Items nobody answered are left out of ``k`` (and listed), because nobody could
answer every item otherwise. Each item gets its *corrected item-rest
correlation*: the correlation between the item and the total of the other
items. An item below ``0.2`` is *weak*; a misread or reversed item in a form is
the usual cause. With fewer than 3 respondents or fewer than 2 items, or when
every respondent has the same total, alpha is not computed and the ``note``
says why.

Agreement: r_wg(J)
------------------
Within each group of respondents (a partnership-round, or an organisation in
it), for each axis (James, Demaree and Wolf, 1984)::

    r_wg(J) = J (1 - s2/E) / (J (1 - s2/E) + s2/E),   0 when s2 >= E

``s2`` is the mean, over the axis's items, of the variance of the group's
answers to the item (sample variance, on the 1-5 scale), ``J`` the number of
items and ``E = (A^2 - 1) / 12`` the variance expected if everyone answered at
random among ``A`` options (2.0 for five). Only scored respondents count, as
for the means; an item is used when at least two of the group's respondents
answered it, and ``J`` counts the items used. With fewer than two respondents
there is no agreement to measure (missing). By a common convention, 0.70 or
more is enough agreement to speak of one position; it is a convention, not a
law.

Intervals
---------
Each partnership-round's voluntary and trust score gets a 95% interval. With
30 or more respondents it is the t-interval of the mean (mean plus or minus
``t * sd / sqrt(n)``, clipped to 0-1). With 2 to 29 it is a bootstrap
percentile interval: the respondents' scores are resampled with replacement
``resamples`` times (2,000 by default) and the interval runs from the 2.5th to
the 97.5th percentile of the resampled means. The interval always holds the
score itself (it is widened to it in the rare case a percentile would not).
A unanimous group has an interval of zero width; a single respondent has none
(missing), because one answer says nothing about how far the score could move.

The bootstrap is deterministic: the random numbers of a group come from the
``seed`` (:data:`DEFAULT_SEED` unless given) and the group's own name, and the
group's scores are taken in sorted order, so a partnership's interval does not
change when rows are reordered or other partnerships are added to the file.

**Between two modes.** A position is *between* two modes when its interval (the
rectangle of the two axes' intervals) crosses a boundary of the heuristic: the
wording then says "between constraining and creating" rather than naming one
mode. Without an interval (one respondent) the classification's margin rule
applies.

Clear change
------------
Between two rounds, the change on an axis is *clear* when the 95% interval of
the difference of the means excludes zero. The interval resamples each
round's respondents independently (the same bootstrap draws as the rounds'
own intervals); when both rounds have 30 or more respondents it is Welch's
t-interval of the difference. A round with fewer than two respondents makes
the change not computable (missing).

Examples
--------
>>> answers = np.array([[1, 2, 2], [2, 2, 3], [4, 5, 4], [5, 4, 5]], dtype=float)
>>> result = cronbach_alpha(answers, ["A", "B", "C"])
>>> result["alpha"], result["respondents"], result["items"], result["weak_items"]
(0.9447, 4, 3, [])
>>> agreement(answers, np.array([0, 0, 1, 1]), 2).round(4).tolist()
[0.9375, 0.9]

Where each part lives: :mod:`.constants` (the fixed settings), :mod:`.reliability`
(alpha and agreement), :mod:`.intervals` (the bootstrap, intervals, clear change
and positions between modes), :mod:`.words` (the figures in words) and
:mod:`.tables` (:func:`add_measurement`, which the classification calls).
"""

from __future__ import annotations

import numpy as np  # noqa: F401  (the examples above use it)

from .constants import (
    AGREEMENT_CONVENTION,
    CONFIDENCE,
    DEFAULT_SEED,
    OPTIONS,
    RESAMPLES,
    T_FROM,
    WEAK_ITEM,
)
from .intervals import between_modes, difference_intervals, group_intervals
from .reliability import agreement, cronbach_alpha
from .tables import add_measurement
from .words import (
    agreement_sentence,
    agreement_words,
    change_words,
    how_to_read,
    interval_words,
    partnership_sentences,
    position_words,
    reliability_words,
    travel_sentence,
)

__all__ = [
    "AGREEMENT_CONVENTION",
    "CONFIDENCE",
    "DEFAULT_SEED",
    "OPTIONS",
    "RESAMPLES",
    "T_FROM",
    "WEAK_ITEM",
    "add_measurement",
    "agreement",
    "agreement_sentence",
    "agreement_words",
    "between_modes",
    "change_words",
    "cronbach_alpha",
    "difference_intervals",
    "group_intervals",
    "how_to_read",
    "interval_words",
    "partnership_sentences",
    "position_words",
    "reliability_words",
    "travel_sentence",
]
