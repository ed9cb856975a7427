"""Escaping and chart markup for HTML made outside the report layer.

The book's extension, the widgets and the answers download put small pieces of
HTML on a page: every value a user typed passes through :func:`esc` first.
:func:`chart_html` gives the offline markup of an Altair chart (within the row
bound of :func:`toolkit.charts.chart_spec`). Whole pages (reports, worksheets,
packs) come from the Jinja2 templates of :mod:`toolkit.reports` (autoescape on),
and so do the widgets' tables (:func:`toolkit.reports.render.table_html`).
"""

from __future__ import annotations

import html
from typing import Any

from .charts import CHART_MAX_ROWS, CHART_TOO_LARGE, chart_spec

__all__ = [
    "CHART_MAX_ROWS",
    "CHART_TOO_LARGE",
    "chart_html",
    "chart_spec",
    "esc",
]


def esc(value: Any) -> str:
    """Escape any value for HTML text or attribute content.

    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape("" if value is None else str(value), quote=True)


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
