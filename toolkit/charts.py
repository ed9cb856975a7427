"""Altair charts built by the toolkit, and how they are drawn without a network.

Every builder here returns an :class:`altair.Chart` (never displays it) with a
``description``, which Vega turns into the chart's accessible label, so a
screen reader announces what the chart shows.

Drawing offline
---------------
Altair's default renderer loads Vega from a CDN. The toolkit registers its own
renderer, ``toolkit``, and enables it the first time a chart is built:

* in Jupyter (JupyterLab, Notebook, VS Code, nbval) it emits the standard
  Vega-Lite 5 MIME bundle, which JupyterLab draws with the Vega it ships;
* in the book, :class:`toolkit.book.VegaLiteMimeRenderer` (a myst-nb plugin)
  turns that bundle into :func:`spec_html` markup, drawn by the site's vendored
  ``vega-bundle.js``;
* in HTML reports, :func:`spec_html` markup sits beside the inlined bundle
  (see :mod:`toolkit.report`);
* in Google Colab, which draws neither, it falls back to Altair's own HTML
  output (Colab users are online by definition).

Altair itself is imported only when a chart is asked for.
"""

from __future__ import annotations

import html
import itertools
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import altair as alt

__all__ = [
    "VEGALITE_MIME",
    "continuum_chart",
    "enable_renderer",
    "spec_html",
    "to_spec",
]

#: The MIME type Altair 5 charts are displayed with.
VEGALITE_MIME = "application/vnd.vegalite.v5+json"

#: Colours for the three spheres of society, used by every chart that shows
#: sectors, chosen to be told apart with the common forms of colour blindness.
SECTOR_COLORS = {"state": "#1f5fa8", "market": "#b25400", "civil society": "#2e7d32"}

_ids = itertools.count(1)


def altair_module() -> Any:
    """Import Altair, enable the toolkit renderer, and return the module (for chart modules)."""
    import altair as alt

    enable_renderer(alt)
    return alt


def render_spec(spec: dict[str, Any], **metadata: Any) -> Any:
    """The ``toolkit`` Altair renderer (see the module docstring)."""
    if "google.colab" in sys.modules:
        from altair.vegalite.v5.display import html_renderer

        return html_renderer(spec, **metadata)
    description = spec.get("description") or "A chart"
    return {VEGALITE_MIME: spec, "text/plain": f"<Chart: {description}>"}


def enable_renderer(alt: Any | None = None) -> None:
    """Register and enable the ``toolkit`` Altair renderer.

    Called for you whenever the toolkit builds a chart. It leaves a renderer
    the user chose themselves alone: it only replaces Altair's ``default``.
    """
    if alt is None:
        import altair

        alt = altair
    if "toolkit" not in alt.renderers.names():
        alt.renderers.register("toolkit", render_spec)
    if alt.renderers.active in ("default", "html"):
        alt.renderers.enable("toolkit")


def to_spec(chart: Any) -> dict[str, Any]:
    """Return the chart's validated Vega-Lite specification as a dict."""
    return chart.to_dict()


#: The most data rows a report draws in one chart (Altair's own limit, 5,000, is lifted to it).
CHART_MAX_ROWS = 200_000


def chart_spec(chart: Any) -> dict[str, Any] | None:
    """Return an Altair chart's Vega-Lite spec, or ``None`` when it would hold more than
    :data:`CHART_MAX_ROWS` data rows (Altair's own limit, 5,000, is lifted to that)."""
    import altair as alt

    try:
        with alt.data_transformers.enable("default", max_rows=CHART_MAX_ROWS):
            spec: dict[str, Any] = chart.to_dict()
    except alt.MaxRowsError:
        return None
    return spec


#: What a report says in place of a chart too large to draw.
CHART_TOO_LARGE = (
    f"This chart is not drawn: it would hold more than {CHART_MAX_ROWS:,} data points. "
    "The tables hold every value."
)


def spec_html(spec: dict[str, Any] | str, *, element_id: str | None = None) -> str:
    """Return the HTML that draws ``spec`` with the vendored Vega bundle.

    The markup is a container, a text fallback (the chart's description, shown
    until the chart is drawn and to readers without JavaScript), and the spec
    as JSON in a non-executable ``<script type="application/json">`` whose
    ``<``, ``>`` and ``&`` are escaped, so no string in the data can close the
    tag. The page must load ``toolkit-charts.js`` (the book does on every page;
    the report pages of :mod:`toolkit.reports` inline it).

    >>> out = spec_html({"description": "Two <b>bars</b>", "mark": "bar"}, element_id="c1")
    >>> "&lt;b&gt;bars&lt;/b&gt;" in out and "<b>" not in out
    True
    """
    if isinstance(spec, str):
        spec = dict(json.loads(spec))
    if element_id is None:
        element_id = f"toolkit-chart-{next(_ids)}"
    description = str(spec.get("description") or "A chart")
    payload = (
        json.dumps(spec, separators=(",", ":"), ensure_ascii=False)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )
    eid = html.escape(element_id, quote=True)
    return (
        f'<div class="toolkit-vega" id="{eid}">'
        f'<div class="toolkit-vega-view"></div>'
        f'<p class="toolkit-vega-fallback">Chart: {html.escape(description)}</p>'
        f"</div>"
        f'<script type="application/json" class="toolkit-vega-spec" data-target="{eid}">'
        f"{payload}</script>"
    )


def continuum_chart(levels: Any = None, *, highlight: str | None = None) -> alt.Chart:
    """Chart Himmelman's continuum as a ladder: which activities each level adds.

    Each row is a level, each column an activity; a filled square means the
    level includes that activity. Because the strategies are cumulative, the
    filled squares form a staircase.

    Parameters
    ----------
    levels : DataFrame, optional
        The strategies, as :func:`toolkit.continuum.himmelman_strategies`
        returns them (the default).
    highlight : str, optional
        A level to emphasise (for example the level a partnership reached).

    >>> spec = continuum_chart(highlight="cooperating").to_dict()
    >>> spec["mark"]["type"], len(spec["description"]) > 40
    ('rect', True)
    """
    import pandas as pd

    from .continuum import himmelman_strategies

    alt = altair_module()
    table = himmelman_strategies() if levels is None else levels
    pairs = table.merge(table, how="cross", suffixes=("", "_activity"))
    data = pd.DataFrame(
        {
            "level": pairs["level"],
            "activity": pairs["strategy_activity"],
            "included": pairs["order_activity"] <= pairs["order"],
            "adds": pairs["adds"],
        }
    )
    data["state"] = data["included"].map({True: "included", False: "not yet"})
    data["emphasis"] = (data["level"] == highlight) if highlight else True
    level_names = table["level"].tolist()
    activities = table["strategy"].tolist()
    description = (
        "Himmelman's continuum as a staircase. Networking exchanges information; "
        "coordinating also alters activities; cooperating also shares resources; "
        "collaborating also enhances the other's capacity. Each level includes "
        "every activity of the levels before it."
    )
    if highlight:
        description += f" The level {highlight} is highlighted."
    return (
        alt.Chart(data, description=description, title="Himmelman's continuum")
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "activity:N",
                sort=activities,
                title="Activity",
                axis=alt.Axis(labelAngle=0, labelLimit=140),
            ),
            y=alt.Y("level:N", sort=level_names, title="Level"),
            color=alt.Color(
                "state:N",
                scale=alt.Scale(domain=["included", "not yet"], range=["#2b6cb0", "#e2e8f0"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            opacity=alt.condition("datum.emphasis", alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("level:N", title="Level"),
                alt.Tooltip("activity:N", title="Activity"),
                alt.Tooltip("state:N", title="Included"),
                alt.Tooltip("adds:N", title="What this level adds"),
            ],
        )
        .properties(width=alt.Step(130), height=alt.Step(40))
    )
