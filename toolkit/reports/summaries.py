"""The plain sentences that open every report, generated from the results.

Each function returns three to six sentences (a list of strings) a busy
partner reads in a minute: what was analysed, what was left out and why, and
the headline. They take the results the analyses return (tables and dicts),
never the command line, and say nothing that the results do not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .humanise import count_text, join_words, number_word, plural, round_text

__all__ = [
    "classification_summary",
    "excluded_reason",
    "pack_summary",
    "plan_summary",
    "stakeholder_summary_sentences",
]

#: Partnerships described in two sentences each in a classification summary; up to
#: twice as many get one sentence each; more are counted by mode.
NAMED_PARTNERSHIPS = 2

_REASON = re.compile(r"answered (\d+) of (\d+) (\w+) items \(fewer than (\d+)%\)")
_AXIS_WORDS = {"voluntary": "mandatory-or-voluntary", "trust": "contract-or-trust"}


def excluded_reason(reason: Any) -> str:
    """A respondent's reason for not being scored, in words.

    >>> excluded_reason("answered 4 of 10 trust items (fewer than 50%)")
    'answered only 4 of the 10 contract-or-trust statements, where at least half are needed'
    """
    text = "" if reason is None else str(reason)
    parts = []
    for piece in text.split(";"):
        match = _REASON.search(piece)
        if not match:
            if piece.strip():
                parts.append(piece.strip())
            continue
        got, total, axis, share = match.groups()
        need = "half" if share == "50" else f"{share}%"
        got_words = "none" if got == "0" else f"only {got}"
        parts.append(
            f"answered {got_words} of the {total} {_AXIS_WORDS.get(axis, axis)} statements, "
            f"where at least {need} are needed"
        )
    return "; ".join(parts) or "too few answers to score"


def _latest_rows(summary: Any) -> Any:
    """One row per partnership: its latest round."""
    if "round" not in summary.columns or summary.empty:
        return summary
    return summary.groupby("partnership", sort=False).tail(1)


def _level(level: Any) -> str:
    if level is None or level != level or str(level) in ("", "not answered"):
        return "with no continuum answers"
    if str(level) == "none":
        return "below the first level of Himmelman's continuum"
    return f"at the {level} level of Himmelman's continuum"


def _partnership_sentences(row: Any, travel: Any, has_rounds: bool) -> list[str]:
    """Where a partnership stands (latest round), whether its partners agree, and how it moved."""
    name = str(row["partnership"])
    when = f" in {round_text(row['round'])}" if has_rounds else ""
    mode = row["mode"]
    if mode is None or mode != mode:
        return [f"{name} could not be placed{when}: nobody who answered about it was scored."]
    where = f"{name} is in the {mode} mode{when}"
    if bool(row.get("near_boundary")) and isinstance(row.get("neighbour"), str):
        where += f", close to the line with {row['neighbour']},"
    where += (
        f" {_level(row.get('continuum'))}"
        if where.endswith(",")
        else f", {_level(row.get('continuum'))}"
    )
    if bool(row.get("partners_differ")):
        gaps = {
            "voluntary": row.get("disagreement_voluntary"),
            "trust": row.get("disagreement_trust"),
        }
        axis = max(gaps, key=lambda k: -1.0 if gaps[k] != gaps[k] else float(gaps[k] or 0))
        topic = "how voluntary it is" if axis == "voluntary" else "how far it relies on trust"
        alike = f"but its partners see it differently, most of all on {topic}"
    elif int(row.get("respondents") or 0) < 2:
        alike = "but only one partner's answers were scored, so agreement cannot be judged"
    else:
        alike = "and its partners broadly see it alike"
    sentences = [f"{where}, {alike}."]
    moves = travel[travel["partnership"].astype(str) == name] if len(travel) else travel
    if len(moves):
        last = moves.iloc[-1]
        since = round_text(last["from_round"])
        if str(last["direction"]).startswith("not comparable"):
            sentences.append(f"Its rounds since {since} cannot be compared.")
        else:
            sentences.append(f"Since {since} it has {_travel(last)}.")
    return sentences


def _travel(move: Any) -> str:
    """Direction of travel in words, from a row of ``direction_of_travel``."""
    parts = str(move["direction"]).partition("; ")[0].split(" and ")
    moving = [p for p in parts if not p.startswith("about as")]
    steady = [p for p in parts if p.startswith("about as")]
    if not moving:
        text = "stayed about where it was on both scores"
    else:
        text = "become " + join_words(moving)
        if steady:
            text += ", staying " + join_words(steady)
    before, after = move.get("continuum_from"), move.get("continuum_to")
    level = isinstance(before, str) and isinstance(after, str) and before != after
    if bool(move.get("mode_changed")):
        text += f", moving from the {move['mode_from']} to the {move['mode_to']} mode"
        if level:
            text += f" and from {before} to {after} on the continuum"
    else:
        text += f"; it stayed in the {move['mode_from']} mode"
        if level:
            text += f" and went from {before} to {after} on the continuum"
    return text


def classification_summary(result: Any, *, source: str = "") -> list[str]:
    """Sentences for the classification report (``result`` from ``classify``), one
    paragraph per item (a partnership's two sentences share one).

    What was analysed (partnerships, rounds, organisations, respondents, from
    which file), who was left out and why, then each partnership's mode and
    continuum level in its latest round, whether its partners see it alike and
    its direction of travel. With more than :data:`NAMED_PARTNERSHIPS`
    partnerships the headline counts them by mode instead.
    """
    summary, scored, travel, excluded = (
        result.summary,
        result.scored,
        result.travel,
        result.excluded,
    )
    has_rounds = "round" in summary.columns
    partnerships = summary["partnership"].astype(str).nunique()
    rounds = sorted({round_text(r) for r in summary["round"]}) if has_rounds else []
    people = len(scored)
    orgs = scored["organization"].dropna().astype(str).nunique() if "organization" in scored else 0
    what = f"This report analyses the answers of {plural(people, 'respondent')}"
    if orgs:
        what += f" from {plural(orgs, 'organisation')}"
    what += f" about {plural(partnerships, 'partnership')}"
    if len(rounds) > 1:
        what += f" over {len(rounds)} rounds ({join_words(rounds)})"
    elif rounds:
        what += f" in round {rounds[0]}"
    if source:
        what += f", from the file {source}"
    sentences = [what + "."]
    if len(excluded) == 1:
        r = excluded.iloc[0]
        ident = str(r.get("respondent") or "a respondent")
        where = str(r["partnership"]) + (f", {round_text(r['round'])}" if has_rounds else "")
        sentences.append(
            f"One respondent was left out for answering too few statements: {ident} ({where}) "
            f"{excluded_reason(r['reason'])}."
        )
    elif len(excluded):
        ids = [str(i) for i in excluded.get("respondent", pd.Series(dtype=object)).head(4)]
        more = len(excluded) - len(ids)
        names = join_words(ids + ([f"{more} more"] if more else []))
        sentences.append(
            f"{count_text(len(excluded), 'respondent')} were left out for answering too few "
            f"statements ({names}); the section on respondents not scored gives each reason."
        )
    else:
        sentences.append("Every respondent answered enough statements to be scored.")
    latest = _latest_rows(summary)
    headlines = [_partnership_sentences(row, travel, has_rounds) for _, row in latest.iterrows()]
    if len(latest) <= NAMED_PARTNERSHIPS:
        sentences += [" ".join(pair) for pair in headlines]
    elif len(latest) <= 2 * NAMED_PARTNERSHIPS:
        sentences += [pair[0] for pair in headlines]
    else:
        modes = latest["mode"].dropna().astype(str).value_counts()
        counted = join_words([f"{n} in the {m} mode" for m, n in modes.items()])
        when = " in their latest round" if has_rounds else ""
        sentences.append(f"Of the {partnerships} partnerships{when}, {counted}.")
        differ = latest[latest["partners_differ"].astype(bool)]["partnership"].astype(str)
        if len(differ):
            names = join_words(list(differ[:5])) + (" and others" if len(differ) > 5 else "")
            sentences.append(
                f"Partners see it differently in {plural(len(differ), 'partnership')}: {names}."
            )
        else:
            sentences.append("In every partnership the partners broadly see it alike.")
        if len(travel):
            changed = travel[travel["mode_changed"].astype(bool)]
            sentences.append(
                f"Between rounds, {plural(len(changed), 'partnership')} changed mode"
                + (
                    f" ({join_words(list(changed['partnership'].astype(str))[:5])})"
                    if len(changed)
                    else ""
                )
                + "."
            )
    return sentences[:6]


def stakeholder_summary_sentences(summary: Mapping[str, Any], *, source: str = "") -> list[str]:
    """Sentences for the stakeholder map (``summary`` from ``stakeholder_summary``):
    what the map covers, then its biggest gaps and risks."""
    sectors = summary.get("sectors", {})
    spread = join_words(
        [f"{n} in {'the ' if k != 'civil society' else ''}{k}" for k, n in sectors.items() if n]
    )
    what = f"The map covers {plural(summary['stakeholders'], 'stakeholder')}"
    if spread:
        what += f": {spread}"
    net = summary.get("network")
    if net:
        what += f", with {plural(net['relationships'], 'relationship')} between them"
    if source:
        what += f" (from the file {source})"
    sentences = [what + "."]
    risks: list[str] = []
    for d in summary.get("dominance", []):
        if d.get("dominates"):
            if d["level"] == "sector":
                who = f"The {d['largest']} sector"
            else:
                who = f"One organisation, {d['largest']},"
            risks.append(
                f"{who} holds {d['share']:.0%} of all the power in the map, above the "
                f"{d['threshold']:.0%} at which one "
                f"{'sector' if d['level'] == 'sector' else 'organisation'} counts as dominant"
            )
    missing = summary.get("missing_sectors") or []
    if missing:
        risks.append(f"No stakeholder comes from {join_words(list(missing), 'or')}")
    thin = summary.get("thin_sectors") or []
    if thin:
        risks.append(f"Few stakeholders come from {join_words(list(thin))}")
    if risks:
        sentences.append(risks[0] + ".")
    marginal = list(summary.get("marginal") or [])
    if marginal:
        names = join_words(marginal[:4]) + (" and others" if len(marginal) > 4 else "")
        are = "has" if len(marginal) == 1 else "have"
        sentences.append(
            f"{count_text(len(marginal), 'stakeholder')} {are} high interest but little power "
            f"(marginal stakeholders): {names}; give them a voice in the decisions that "
            "affect them."
        )
    sentences += [r + "." for r in risks[1:2]]
    grid = summary.get("grid", {})
    key = grid.get("manage closely", 0)
    if key:
        sentences.append(
            f"{count_text(key, 'stakeholder')} {'has' if key == 1 else 'have'} both high power and "
            "high interest: manage them closely."
        )
    if net:
        isolates = list(net.get("isolates") or [])
        flows = int(net.get("one_way_resource_flows") or 0)
        parts = []
        if isolates:
            parts.append(
                f"{join_words(isolates[:3])} {'has' if len(isolates) == 1 else 'have'} no "
                "relationship with anyone in the map"
            )
        if flows:
            parts.append(
                f"{plural(flows, 'relationship')} {'is a' if flows == 1 else 'are'} one-way "
                f"resource flow{'' if flows == 1 else 's'}, where the provider typically holds "
                "power over the receiver"
            )
        if parts:
            text = "; ".join(parts)
            sentences.append(text[:1].upper() + text[1:] + ".")
    if len(sentences) < 3:
        sentences.append("No gaps were found in sector coverage or in the balance of power.")
    return sentences[:6]


_RECOMMENDATION = {
    "proceed": "the partnership is ready to start step 1",
    "proceed with care": "the partnership can start step 1, with care",
    "assess further": "the group should assess further before step 1",
    "reconsider": "the group should reconsider whether a partnership is the right strategy",
}


def plan_summary(report: Mapping[str, Any]) -> list[str]:
    """Sentences for a plan (``report`` from ``check_report``): progress, readiness,
    risks, indicators and the next step."""
    title = str(report.get("title") or "").strip()
    steps = report["steps"]
    done = sum(1 for s in steps if s["complete"])
    going = sum(1 for s in steps if s["status"] == "in progress")
    untouched = len(steps) - done - going
    named = f"the six-step plan “{title}”" if title else "an untitled six-step plan"
    if done == len(steps):
        progress = "all six steps are complete"
    else:
        if done:
            steps_done = f"{number_word(done)} of the {number_word(len(steps))} steps"
            progress = f"{steps_done} {'is' if done == 1 else 'are'} complete"
        else:
            progress = f"none of the {number_word(len(steps))} steps is complete yet"
        extra = [f"{going} in progress"] if going else []
        extra += [f"{untouched} not started"] if untouched else []
        if extra:
            progress += f" ({join_words(extra)})"
    sentences = [f"In {named}, {progress}."]
    ready = report["readiness"]
    recommendation = str(ready["recommendation"])
    said = _RECOMMENDATION.get(recommendation, recommendation)
    open_points = sum(1 for r in ready["reasons"] if str(r).lower().startswith("not yet"))
    sentence = f"The readiness check says {said}"
    if open_points:
        sentence += (
            f", because {plural(open_points, 'of its questions', 'of its questions')} "
            f"{'is' if open_points == 1 else 'are'} not yet answered"
        ).replace("1 of its questions", "one of its questions")
    sentences.append(sentence + ".")
    risk = report.get("risk_summary", {})
    if int(risk.get("rated", 0)) == 0:
        sentences.append("None of the nine reasons partnerships fail has been rated yet.")
    else:
        total = int(risk["rated"]) + int(risk["unrated"])
        text = f"The failure risk is {risk['level']}, with {risk['rated']} of {total} reasons rated"
        serious = [str(s) for s in risk.get("serious") or []]
        if serious:
            text += f"; serious: {join_words(serious[:3])}"
        sentences.append(text + ".")
    indicators = report.get("indicators") or []
    measured = sum(1 for i in indicators if i.get("observed") is not None)
    if indicators and measured:
        met = sum(1 for i in indicators if i.get("met") is True)
        sentences.append(
            f"{count_text(measured, 'goal')} of {len(indicators)} "
            f"{'has' if measured == 1 else 'have'} been measured, and {plural(met, 'target')} "
            f"{'was' if met == 1 else 'were'} met."
        )
    elif len(indicators) == 1:
        sentences.append("Its one goal has not been measured against its target yet.")
    elif indicators:
        sentences.append(
            f"None of its {len(indicators)} goals has been measured against its target yet."
        )
    nxt = str(report.get("next") or "").strip()
    if nxt:
        sentences.append(f"Next: {nxt}" + ("" if nxt.endswith(".") else "."))
    return sentences[:6]


def pack_summary(parts: list[tuple[str, list[str]]]) -> list[str]:
    """The summary across analyses in a workshop pack: one sentence naming what it holds,
    then one paragraph of headline sentences per part (``(name, sentences)`` pairs)."""
    names = [name for name, _ in parts]
    many = "analysis" if len(names) == 1 else "analyses"
    out = [f"This pack brings together {number_word(len(names))} {many}: {join_words(names)}."]
    out += [" ".join(sentences) for _, sentences in parts]
    return out
