"""Render a :class:`~toolkit.reports.document.Report` as an HTML page or Markdown.

Both come from Jinja2 templates in ``toolkit/reports/templates``. The HTML
environment escapes every value (autoescape on); the only markup it lets
through is chart markup, which :func:`toolkit.charts.spec_html` made and
escaped itself. The Markdown environment makes every value safe for a
Markdown table cell or line with the ``md`` filter.

The page is self-contained: the style sheet is inlined and, when the page has
charts, so are the vendored Vega bundle and the chart loader, so the file
works opened from disk with no network.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache
from importlib import resources
from typing import Any

from .document import Bullets, Chart, Choices, Group, Heading, Paragraph, Report, Table, WriteIn
from .humanise import cell_text

__all__ = ["html_environment", "md_text", "page", "render_html", "render_markdown", "table_html"]


def md_text(value: Any) -> str:
    r"""Make text safe on one Markdown line or in a table cell: no HTML tag can open, a pipe
    cannot end a cell, a newline cannot end the line.

    >>> md_text("a | b\n<i>c</i> & d")
    'a \\| b &lt;i&gt;c&lt;/i&gt; & d'
    """
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _md_cell(value: Any, kind: str = "text") -> str:
    """A cell as Markdown reads it: tick boxes as ``[x]`` and ``[ ]``."""
    if isinstance(value, Choices):
        return "  ".join(
            ("[x] " if value.chosen is not None and o == str(value.chosen) else "[ ] ") + o
            for o in value.options
        )
    return cell_text(value, kind)


def _plain(value: Any) -> str:
    """A cell of a widget's table: blank for a missing value, two decimals for a float."""
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def table_html(frame: Any, *, caption: str | None = None, index: bool = False) -> str:
    """A DataFrame as a plain HTML table for a widget, every header and cell escaped.

    Reports use :class:`~toolkit.reports.document.Table` blocks instead (headings,
    kinds, cards on phones); this is the small table a widget shows beside its controls.

    >>> import pandas as pd
    >>> out = table_html(pd.DataFrame({"name": ["<b>x</b>"]}), caption="People")
    >>> out[:60]
    '<table><caption>People</caption><thead><tr><th scope="col">n'
    >>> "<td>&lt;b&gt;x&lt;/b&gt;</td>" in out
    True
    """
    data = frame.reset_index() if index else frame
    return (
        html_environment()
        .get_template("table.html")
        .render(
            caption=caption,
            columns=list(data.columns),
            rows=list(data.itertuples(index=False, name=None)),
        )
        .strip()
    )


def _kind(block: Any) -> str:
    for cls, name in (
        (Paragraph, "paragraph"),
        (Bullets, "bullets"),
        (Heading, "heading"),
        (Chart, "chart"),
        (Table, "table"),
        (WriteIn, "writein"),
        (Choices, "choices"),
        (Group, "group"),
    ):
        if isinstance(block, cls):
            return name
    raise TypeError(f"not a report block: {block!r}")


def _chart_markup(block: Chart) -> Any:
    from markupsafe import Markup

    # Made by toolkit.charts.spec_html, which escapes the description and the spec itself.
    return Markup(block.markup)


@cache
def _asset(package: str, relative: str) -> str:
    return resources.files(package).joinpath(relative).read_text(encoding="utf-8")


def _environment(autoescape: bool) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("toolkit.reports", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = cell_text if autoescape else _md_cell
    env.filters["md"] = md_text
    env.filters["plain"] = _plain
    env.tests["block"] = lambda block, name: _kind(block) == name
    env.globals["chart_markup"] = _chart_markup
    return env


@cache
def html_environment() -> Any:
    """The Jinja2 environment for HTML pages (autoescape on)."""
    return _environment(True)


@cache
def _md_environment() -> Any:
    return _environment(False)


def page(title: str, body_template: str, *, charts: bool, lang: str = "en", **context: Any) -> str:
    """Render ``body_template`` inside the page frame (``page.html``)."""
    env = html_environment()
    scripts = []
    if charts:
        bundle = _asset("toolkit", "static/vega-bundle.js").replace("</script", "<\\/script")
        scripts = [bundle, _asset("toolkit", "static/toolkit-charts.js")]
    from markupsafe import Markup

    return env.get_template(body_template).render(
        title=title,
        lang=lang,
        css=Markup(_asset("toolkit.reports", "templates/report.css")),
        scripts=[Markup(s) for s in scripts],
        **context,
    )


def _has_charts(reports: list[Report]) -> bool:
    def charts(blocks: list[Any]) -> bool:
        return any(
            isinstance(b, Chart) or (isinstance(b, Group) and charts(b.blocks)) for b in blocks
        )

    return any(charts(s.blocks) for r in reports for s in r.sections)


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page; its first section is the Summary."""
    return page(report.title, "report.html", charts=_has_charts([report]), report=report)


def render_markdown(report: Report) -> str:
    """The report as Markdown, from the same sections as the HTML page."""
    return _tidy(_md_environment().get_template("report.md").render(report=report, level=1))


def render_pack_html(title: str, summary: list[str], reports: list[Report], when: Any) -> str:
    """Several reports in one page: title, date, a summary across them, contents, then each
    report starting on a new printed page."""
    return page(
        title,
        "pack.html",
        charts=_has_charts(reports),
        summary=summary,
        reports=reports,
        date=_date_text(when),
    )


def render_pack_markdown(title: str, summary: list[str], reports: list[Report], when: Any) -> str:
    """The workshop pack as Markdown."""
    template = _md_environment().get_template("pack.md")
    return _tidy(
        template.render(title=title, summary=summary, reports=reports, date=_date_text(when))
    )


def _tidy(text: str) -> str:
    """One blank line between blocks, one newline at the end."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _date_text(when: Any) -> str:
    day = when or _dt.date.today()
    return f"{day.day} {day:%B %Y}"
