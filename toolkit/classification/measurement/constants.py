"""The fixed settings of the measurement figures (each defined once, here)."""

from __future__ import annotations

#: The seed of the bootstrap when none is given (any fixed number would do).
DEFAULT_SEED = 2007
#: Bootstrap resamples per group (at least 2,000, as the method asks).
RESAMPLES = 2000
#: The coverage of every interval.
CONFIDENCE = 0.95
#: From this many respondents the t-interval replaces the bootstrap.
T_FROM = 30
#: Item-rest correlation below which an item is weak.
WEAK_ITEM = 0.2
#: The conventional r_wg(J) from which partners "speak of one position".
AGREEMENT_CONVENTION = 0.70
#: Answer options of the 1-5 scale.
OPTIONS = 5

#: Rounding that makes equal values equal despite floating point.
DIGITS = 12
