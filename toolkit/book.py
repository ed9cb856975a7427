"""The book's side of offline charts: a myst-nb MIME renderer plugin.

``pyproject.toml`` registers :class:`VegaLiteMimeRenderer` under the entry
point group ``myst_nb.mime_renderers``, so every Jupyter Book built in an
environment with the toolkit installed turns a Vega-Lite 5 output into the
markup of :func:`toolkit.charts.spec_html`, which the site's vendored
``toolkit-charts.js`` and ``vega-bundle.js`` draw. No notebook repeats any
setup code, and no page loads Vega from another host.
"""

from __future__ import annotations

from typing import Any, ClassVar

from .charts import VEGALITE_MIME, spec_html

__all__ = ["VegaLiteMimeRenderer"]


class VegaLiteMimeRenderer:
    """Render ``application/vnd.vegalite.v5+json`` outputs for HTML builders."""

    #: Prefer the Vega-Lite output over any HTML or image fallback in HTML builds.
    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [
        ("html", VEGALITE_MIME, 1),
        ("dirhtml", VEGALITE_MIME, 1),
        ("singlehtml", VEGALITE_MIME, 1),
    ]

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> Any:
        if data.mime_type != VEGALITE_MIME or inline:
            return None
        # Only HTML builders list this MIME type in their priority (see above).
        from docutils import nodes

        markup = spec_html(data.content)
        return [nodes.raw("", markup, format="html", classes=["output", "toolkit-chart"])]
