"""Words for people: headings, Yes/No, rounded scores, rounds and dates, file names.

JSON and CSV output keep the machine names (``partners_differ``); HTML,
Markdown and workbooks use these helpers so that a partner reads "Partners
see it differently?" and "Yes".
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from pathlib import PureWindowsPath
from typing import Any

__all__ = [
    "HEADINGS",
    "cell_text",
    "count_text",
    "file_name",
    "heading",
    "join_words",
    "number_word",
    "plural",
    "round_text",
    "yes_no",
]

#: Human headings for the machine names the toolkit's tables use.
HEADINGS: dict[str, str] = {
    "partnership": "Partnership",
    "round": "Round",
    "organization": "Organisation",
    "respondent": "Respondent",
    "respondents": "Respondents scored",
    "excluded": "Not scored",
    "voluntary": "Voluntary score",
    "trust": "Trust score",
    "mode": "Mode",
    "near_boundary": "Close to a boundary?",
    "neighbour": "Nearest other mode",
    "disagreement_voluntary": "Spread on voluntary",
    "disagreement_trust": "Spread on trust",
    "partners_differ": "Partners see it differently?",
    "continuum": "Continuum level",
    "from_round": "From round",
    "to_round": "To round",
    "voluntary_change": "Change in voluntary",
    "trust_change": "Change in trust",
    "mode_from": "Mode before",
    "mode_to": "Mode after",
    "continuum_from": "Level before",
    "continuum_to": "Level after",
    "direction": "Direction of travel",
    "reason": "Why not scored",
    "name": "Name",
    "sector": "Sector",
    "power": "Power",
    "interest": "Interest",
    "legitimacy": "Legitimacy",
    "urgency": "Urgency",
    "grid": "Power/interest grid",
    "salience": "Salience",
    "salience_group": "Salience group",
    "marginal": "Marginal?",
    "resources": "Resources",
    "notes": "Notes",
    "degree": "Ties",
    "betweenness": "Betweenness",
    "other_sectors": "Ties to other sectors",
    "boundary_spanner": "Bridges sectors?",
    "isolate": "No ties?",
    "rank": "Rank",
    "attributes": "Attributes",
    "fills": "Fills",
    "round_reached": "Round reached",
    "via": "Reached through",
}

_SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")


def heading(name: str) -> str:
    """The heading people read for a machine column name.

    >>> heading("partners_differ"), heading("some_new_field")
    ('Partners see it differently?', 'Some new field')
    """
    if name in HEADINGS:
        return HEADINGS[name]
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def is_snake_case(text: str) -> bool:
    """True for a machine name such as ``near_boundary`` (used by the tests).

    >>> is_snake_case("near_boundary"), is_snake_case("Close to a boundary?")
    (True, False)
    """
    return bool(_SNAKE.match(str(text)))


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pandas NA
    except (TypeError, ValueError):
        return False


def yes_no(value: Any) -> str:
    """Yes, No, or "" when unknown.

    >>> yes_no(True), yes_no(False), yes_no(None)
    ('Yes', 'No', '')
    """
    if _missing(value):
        return ""
    return "Yes" if bool(value) else "No"


def round_text(value: Any) -> str:
    """A round or date as people write it: ``2025.0`` -> "2025", ``2026-03-01`` -> "1 March 2026".

    >>> round_text(2025.0), round_text("2026-03-01"), round_text("spring")
    ('2025', '1 March 2026', 'spring')
    """
    if _missing(value):
        return ""
    if isinstance(value, _dt.datetime | _dt.date):
        day = value if isinstance(value, _dt.date) else value.date()
        return f"{day.day} {day:%B %Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match:
        try:
            day = _dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return text
        return f"{day.day} {day:%B %Y}"
    return text


def file_name(path: Any) -> str:
    """The file's name without any folder (Windows or POSIX).

    >>> file_name("/home/me/work/answers.csv"), file_name(r"C:\\Users\\me\\answers.xlsx")
    ('answers.csv', 'answers.xlsx')
    """
    if _missing(path) or str(path) == "":
        return ""
    return PureWindowsPath(str(path)).name


def plural(n: int, one: str, many: str | None = None) -> str:
    """``3 partnerships``, ``1 partnership``, ``no partnerships``.

    >>> plural(1, "round"), plural(2, "round"), plural(0, "analysis", "analyses")
    ('1 round', '2 rounds', 'no analyses')
    """
    many = many or one + "s"
    if n == 0:
        return f"no {many}"
    return f"{n:,} {one if n == 1 else many}"


_SMALL = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine")


def number_word(n: int) -> str:
    """Small whole numbers in words, larger ones in figures.

    >>> number_word(3), number_word(12)
    ('three', '12')
    """
    return _SMALL[n].lower() if 0 < n < len(_SMALL) else f"{n:,}"


def count_text(n: int, one: str, many: str | None = None) -> str:
    """Like :func:`plural`, for the start of a sentence: a capital, small numbers in words.

    >>> count_text(1, "respondent"), count_text(12, "stakeholder")
    ('One respondent', '12 stakeholders')
    """
    if 0 <= n < len(_SMALL):
        return f"{_SMALL[n]} {one if n == 1 else many or one + 's'}"
    text = plural(n, one, many)
    return text[:1].upper() + text[1:]


def join_words(items: list[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``.

    >>> join_words(["a", "b", "c"]), join_words(["a"]), join_words([])
    ('a, b and c', 'a', '')
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def cell_text(value: Any, kind: str = "text") -> str:
    """A table cell as people read it (see :data:`toolkit.reports.document.KINDS`).

    >>> cell_text(0.30565, "score"), cell_text(-0.0445, "change"), cell_text(0.5294, "share")
    ('0.31', '−0.04', '53%')
    >>> cell_text(True), cell_text(4.0, "rating"), cell_text(float("nan"), "score")
    ('Yes', '4', '')
    """
    if _missing(value):
        return ""
    if type(value).__name__ == "Choices":
        return str(value)
    if isinstance(value, bool) or kind == "yesno":
        return yes_no(value)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if kind == "score":
        return f"{float(value):.2f}"
    if kind == "change":
        number = float(value)
        if round(number, 2) == 0:
            return "0.00"
        return f"{number:+.2f}".replace("-", "\u2212")
    if kind == "share":
        return f"{float(value):.0%}"
    if kind == "count":
        return f"{int(value):,}"
    if kind in ("rating", "number"):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
        return f"{number:.2f}"
    if kind == "round":
        return round_text(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)
