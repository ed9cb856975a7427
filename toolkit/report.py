"""Self-contained HTML pages and Markdown for reports and worksheets.

:func:`html_page` wraps a body in a complete page that works opened from disk
with no network: its style sheet is inlined, and when the body holds charts
(markup from :func:`toolkit.charts.spec_html` or :func:`chart_html`) the
vendored Vega bundle and the chart loader are inlined too. The page prints
cleanly on A4 and Letter.

Everything a user typed must pass through :func:`esc` (or
:func:`table_html`, which escapes every cell and header) before it is put in a
page.
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources
from typing import Any

from .charts import CHART_MAX_ROWS, CHART_TOO_LARGE, chart_spec

__all__ = [
    "CHART_MAX_ROWS",
    "CHART_TOO_LARGE",
    "chart_html",
    "chart_spec",
    "esc",
    "html_page",
    "md_cell",
    "md_table",
    "table_html",
]


def esc(value: Any) -> str:
    """Escape any value for HTML text or attribute content.

    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


@cache
def _asset(relative: str) -> str:
    return resources.files("toolkit").joinpath(relative).read_text(encoding="utf-8")


#: Most data rows a chart in a report may embed. Altair's own limit is 5,000, which
#: valid input passes (170 organisations answering 31 items; a plan with 5,001


def chart_html(chart: Any) -> str:
    """Return the offline markup for an Altair chart (see :func:`toolkit.charts.spec_html`).

    Charts of up to :data:`CHART_MAX_ROWS` data rows are drawn; a larger one is
    replaced by a note saying so (the report's tables still hold every row).
    """
    from .charts import chart_spec, spec_html

    spec = chart_spec(chart)
    if spec is None:
        return f'<p class="meta">{CHART_TOO_LARGE}</p>'
    return spec_html(spec)


def table_html(frame: Any, *, caption: str | None = None, index: bool = False) -> str:
    """Return a DataFrame as an HTML table, every header and cell escaped.

    >>> import pandas as pd
    >>> out = table_html(pd.DataFrame({"name": ["<b>x</b>"]}), caption="People")
    >>> out[:60]
    '<table><caption>People</caption><thead><tr><th scope="col">n'
    >>> "<td>&lt;b&gt;x&lt;/b&gt;</td>" in out
    True
    """
    data = frame.reset_index() if index else frame
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in data.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(_cell(v))}</td>" for v in row) + "</tr>"
        for row in data.itertuples(index=False, name=None)
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _cell(value: Any) -> str:
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


def md_cell(value: Any) -> str:
    """Make a value safe inside a Markdown table cell (pipes, newlines, HTML).

    >>> md_cell("a | b\\n<i>c</i>")
    'a \\\\| b &lt;i&gt;c&lt;/i&gt;'
    """
    text = _cell(value).replace("\r", " ").replace("\n", " ")
    return html.escape(text, quote=False).replace("|", "\\|")


def md_table(frame: Any) -> str:
    """Return a DataFrame as a GitHub-flavoured Markdown table, cells made safe."""
    head = "| " + " | ".join(md_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    body = [
        "| " + " | ".join(md_cell(v) for v in row) + " |"
        for row in frame.itertuples(index=False, name=None)
    ]
    return "\n".join([head, rule, *body]) + "\n"


def html_page(title: str, body: str, *, lang: str = "en") -> str:
    """Wrap ``body`` (already-escaped HTML) in a self-contained page.

    ``title`` is escaped here. Chart scripts are inlined only when the body
    contains charts, so a page without charts stays small.

    >>> page = html_page("Report <1>", "<p>Hello</p>")
    >>> page.startswith("<!DOCTYPE html>") and "Report &lt;1&gt;" in page
    True
    >>> "vegaEmbed" in page
    False
    """
    css = _asset("reports/templates/report.css")
    scripts = ""
    if "toolkit-vega-spec" in body:
        bundle = _asset("static/vega-bundle.js").replace("</script", "<\\/script")
        loader = _asset("static/toolkit-charts.js")
        scripts = f"<script>{bundle}</script>\n<script>{loader}</script>\n"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"<main>\n{body}\n</main>\n{scripts}</body>\n</html>\n"
    )
