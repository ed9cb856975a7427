"""What a report is made of, before it becomes HTML, Markdown or a workbook.

A :class:`Report` is a title, a few lines about where it came from, and
:class:`Section` objects in order; the first section of every report is the
Summary. A section holds blocks: :class:`Paragraph`, :class:`Bullets`,
:class:`Heading`, :class:`Chart` and :class:`Table`. The HTML page, the
Markdown text and the workbook are all rendered from the same report, so the
three never disagree.

A :class:`Table` keeps its values as they are (numbers as numbers, ``True`` as
``True``) and says how each column reads (:data:`KINDS`); the renderers turn
``True`` into "Yes" and 0.3056 into "0.31", and the workbook keeps the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "KINDS",
    "Bullets",
    "Chart",
    "Choices",
    "Column",
    "Group",
    "Heading",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "WriteIn",
]

#: How a column's values read: plain ``text``, a whole number (``count``), a
#: ``score`` from 0 to 1 shown with two decimals, a signed ``change``, a
#: ``share`` shown as a percentage, a ``rating`` on a 1-5 scale (shown as
#: given), ``yesno`` (True/False shown as Yes/No) and a ``round`` or date.
KINDS = ("text", "count", "score", "change", "share", "rating", "yesno", "round", "number")


@dataclass(frozen=True)
class Column:
    """One column of a :class:`Table`: its heading for people and how it reads."""

    heading: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {self.kind!r}")


@dataclass
class Paragraph:
    """A paragraph of plain text.

    ``style`` is "" , "meta" (quieter), "flag" (a warning), "em" (in italics)
    or "lines" (line breaks kept, for text a person typed); ``lead`` is said in
    bold before the text.
    """

    text: str
    style: str = ""
    lead: str = ""


@dataclass
class WriteIn:
    """An empty box to write in by hand (on a printed worksheet)."""

    label: str


@dataclass
class Choices:
    """Tick boxes, one per option; the ``chosen`` one is ticked."""

    options: list[str]
    chosen: str | None = None

    def __str__(self) -> str:
        chosen = None if self.chosen is None else str(self.chosen)
        marks = ("\u2612" if o == chosen else "\u2610" for o in self.options)
        pairs = zip(marks, self.options, strict=True)
        return "\u00a0\u00a0 ".join(f"{m}\u00a0{o}" for m, o in pairs)


@dataclass
class Group:
    """Blocks kept on one printed page where they fit."""

    blocks: list[Any]


@dataclass
class Bullets:
    """A list of plain-text items."""

    items: list[str]


@dataclass
class Heading:
    """A sub-heading inside a section (level 3 by default)."""

    text: str
    level: int = 3


@dataclass
class Chart:
    """A chart: ``markup`` is the offline chart markup of :func:`toolkit.charts.spec_html`
    (trusted, made by the toolkit), ``description`` the words said about it in Markdown."""

    markup: str
    description: str


@dataclass
class Table:
    """A table: human column headings, rows of values, and where the name of each row is.

    ``sheet`` names the workbook sheet it becomes (at most 31 characters).
    ``labels`` are the indexes of the columns that name a row: the first is the
    row's header cell, and together they title the row's card when a wide
    table is shown as one card per row on paper and on phones.
    ``note`` is said just above the table. A page shows at most ``limit`` rows
    (and says so); the workbook has every row. ``blank`` marks a table of empty
    rows to fill in by hand (taller rows, never cards); a cell may hold
    :class:`Choices`.
    """

    caption: str
    columns: list[Column]
    rows: list[list[Any]]
    sheet: str = ""
    labels: tuple[int, ...] = (0,)
    note: str = ""
    cards_from: int = 5
    limit: int | None = None
    blank: bool = False

    @property
    def shown_rows(self) -> list[list[Any]]:
        """The rows a page shows (the first ``limit``); a workbook has them all."""
        return self.rows if self.limit is None else self.rows[: self.limit]

    @property
    def label(self) -> int:
        return self.labels[0]

    @property
    def wide(self) -> bool:
        """True when the table has too many columns for a phone or a printed page."""
        return len(self.columns) >= self.cards_from and not self.blank

    @classmethod
    def from_frame(
        cls,
        frame: Any,
        columns: Sequence[tuple[str, str, str]],
        *,
        caption: str,
        sheet: str = "",
        labels: tuple[str, ...] = (),
        note: str = "",
        limit: int | None = None,
    ) -> Table:
        """Build a table from a DataFrame: ``columns`` lists ``(name, heading, kind)``;
        names not in the frame are left out. ``labels`` names the columns that name a row
        (by default the first)."""
        present = [(n, h, k) for n, h, k in columns if n in frame.columns]
        names = [n for n, _, _ in present]
        rows = [list(row) for row in frame[names].itertuples(index=False, name=None)]
        return cls(
            caption=caption,
            columns=[Column(h, k) for _, h, k in present],
            rows=rows,
            sheet=sheet or caption,
            labels=tuple(names.index(n) for n in labels if n in names) or (0,),
            note=note,
            limit=limit,
        )


Block = Paragraph | Bullets | Heading | Chart | Table | WriteIn | Choices | Group


@dataclass
class Section:
    """A titled part of a report. ``new_page`` starts it on a new printed page."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False

    @property
    def tables(self) -> list[Table]:
        found: list[Table] = []
        for b in self.blocks:
            if isinstance(b, Table):
                found.append(b)
            elif isinstance(b, Group):
                found += [t for t in b.blocks if isinstance(t, Table)]
        return found


@dataclass
class Report:
    """A whole report: ``title``, ``meta`` lines under it, and its sections.

    ``summary`` lists the paragraphs of the opening Summary section, a sentence or
    two each; ``headline`` the few of them a workshop pack's own summary repeats
    (by default the first two); ``sources`` lists the works cited.
    """

    title: str
    summary: list[str]
    sections: list[Section]
    meta: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    id: str = "report"
    headline: list[str] = field(default_factory=list)

    def all_sections(self) -> list[Section]:
        """The Summary section followed by the others."""
        if not self.summary:
            return list(self.sections)
        summary = Section(f"{self.id}-summary", "Summary", [Paragraph(p) for p in self.summary])
        return [summary, *self.sections]

    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


def chart_block(chart: Any) -> Chart:
    """An Altair chart as a :class:`Chart` block: its offline markup and description, or a
    note in its place when it would hold more than :data:`toolkit.charts.CHART_MAX_ROWS` rows."""
    from ..charts import CHART_TOO_LARGE, chart_spec, spec_html

    spec = chart_spec(chart)
    if spec is None:
        return Chart(f'<p class="meta">{CHART_TOO_LARGE}</p>', CHART_TOO_LARGE)
    return Chart(spec_html(spec), str(spec.get("description") or ""))
