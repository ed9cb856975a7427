"""Is a partnership the right answer? Roberts' readiness conditions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .plan import Plan
from .schema import _schema, _section
from .steps import RECOMMENDATIONS
from .validate import _check_section, _Issue, _raise_issues

# --------------------------------------------------------------------------- readiness


@dataclass(frozen=True)
class ReadinessResult:
    """What :func:`readiness_check` found.

    ``recommendation`` is one of :data:`RECOMMENDATIONS`; ``ready`` is true
    for ``proceed`` and ``proceed with care``; ``reasons`` explains the
    recommendation in sentences.
    """

    recommendation: str
    ready: bool
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "recommendation": self.recommendation,
            "ready": self.ready,
            "reasons": list(self.reasons),
        }

    def __str__(self) -> str:
        return f"{self.recommendation}: " + " ".join(self.reasons)


def readiness_check(
    plan: Plan | Mapping[str, Any], *, require_costs: bool = False
) -> ReadinessResult:
    """Ask whether a partnership is the right strategy, before step 1.

    Roberts' test: if single organisations have a history of failing to
    develop sustainable solutions *and* the partners are willing to
    collaborate, the group can move forward with confidence. Because a
    partnership costs more time, energy and resources than a single
    organisation, the check also looks at whether those costs were estimated
    and accepted.

    Parameters
    ----------
    plan : Plan or mapping
        A plan, or just its ``readiness`` section (answers ``yes``, ``no``,
        ``unsure``, ``True``/``False`` or empty).
    require_costs : bool, default False
        When true, unestimated or unaccepted costs give ``assess further``
        instead of ``proceed with care``.

    Returns
    -------
    ReadinessResult
        ``recommendation`` (one of :data:`RECOMMENDATIONS`), ``ready`` and
        ``reasons``.

    Examples
    --------
    >>> r = readiness_check({"single_organisations_failed": "yes", "partners_willing": True})
    >>> r.recommendation, r.ready
    ('proceed with care', True)
    >>> print(r.reasons[-1])  # doctest: +NORMALIZE_WHITESPACE
    Not yet estimated: the cost in time, energy, resources. A partnership needs more of each
    than a single organisation does.
    >>> no = readiness_check({"single_organisations_failed": "no", "partners_willing": "yes"})
    >>> no.recommendation
    'reconsider'
    """
    if isinstance(plan, Plan):
        answers = plan.readiness
    else:
        issues: list[_Issue] = []
        answers = _check_section(
            dict(plan), _section(_schema(), "readiness"), ("readiness",), issues
        )
        if issues:
            _raise_issues(issues, file=None, lines={})
    failed = answers["single_organisations_failed"]
    willing = answers["partners_willing"]
    costs = answers["costs"]
    accepted = answers["costs_accepted"]
    reasons: list[str] = []
    blocking = False
    unknown = False

    def evidence(key: str) -> str:
        text = answers[key].strip()
        return f" Evidence: {text}" if text else ""

    if failed == "yes":
        reasons.append(
            "Single organisations have a history of failing to develop sustainable "
            "solutions to this problem." + evidence("failure_evidence")
        )
    elif failed == "no":
        blocking = True
        reasons.append(
            "Single organisations have not been shown to fail at this problem: one "
            "organisation acting alone may be the simpler strategy." + evidence("failure_evidence")
        )
    else:
        unknown = True
        reasons.append(
            "Not yet known whether single organisations have failed to develop "
            "sustainable solutions: find out before step 1." + evidence("failure_evidence")
        )
    if willing == "yes":
        reasons.append(
            "The prospective partners are willing to collaborate."
            + evidence("willingness_evidence")
        )
    elif willing == "no":
        blocking = True
        reasons.append(
            "The prospective partners are not willing to collaborate, and a "
            "partnership cannot be built without willing partners."
            + evidence("willingness_evidence")
        )
    else:
        unknown = True
        reasons.append(
            "Not yet known whether the prospective partners are willing to "
            "collaborate: ask them." + evidence("willingness_evidence")
        )
    missing_costs = [k for k in ("time", "energy", "resources") if not costs[k].strip()]
    costs_open = False
    if accepted == "no":
        blocking = True
        reasons.append(
            "The partners do not accept the extra time, energy and resources a partnership needs."
        )
    elif missing_costs:
        costs_open = True
        reasons.append(
            f"Not yet estimated: the cost in {', '.join(missing_costs)}. A partnership "
            "needs more of each than a single organisation does."
        )
    elif accepted != "yes":
        costs_open = True
        reasons.append(
            "The costs are estimated, but the partners have not yet said that they accept them."
        )
    else:
        reasons.append("The costs in time, energy and resources are estimated and accepted.")
    if blocking:
        recommendation = "reconsider"
    elif unknown or (costs_open and require_costs):
        recommendation = "assess further"
    elif costs_open:
        recommendation = "proceed with care"
    else:
        recommendation = "proceed"
        reasons.append(
            "Both of Roberts' conditions hold: the partners can move forward with confidence."
        )
    return ReadinessResult(recommendation, recommendation in RECOMMENDATIONS[:2], tuple(reasons))
