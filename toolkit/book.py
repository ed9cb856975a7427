"""The book's side of offline charts: a myst-nb MIME renderer plugin.

``pyproject.toml`` registers :class:`VegaLiteMimeRenderer` under the entry
point group ``myst_nb.mime_renderers``, so every Jupyter Book built in an
environment with the toolkit installed turns a Vega-Lite 5 output into the
markup of :func:`toolkit.charts.spec_html`, which the site's vendored
``toolkit-charts.js`` and ``vega-bundle.js`` draw. No notebook repeats any
setup code, and no page loads Vega from another host.
"""

from __future__ import annotations

from html import escape as esc
from typing import Any, ClassVar
from urllib.parse import quote

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


# --- self-check questions ------------------------------------------------------------------


def selfcheck_html(spec: dict[str, Any], *, ident: str) -> str:
    """Render a self-check question as plain HTML that ``toolkit-selfcheck.js`` makes work.

    ``spec`` has ``question`` (text), ``options`` (a list of ``{text, feedback,
    correct}``; exactly one ``correct: true`` for a single-choice question, one
    or more for a multiple-choice one) and optionally ``explanation`` (shown
    after any answer). Everything is escaped; the page works without a kernel
    and without a network.

    >>> html = selfcheck_html({"question": "2 + 2?", "options": [
    ...     {"text": "4", "correct": True, "feedback": "Yes."},
    ...     {"text": "5", "feedback": "No."}]}, ident="q1")
    >>> 'type="radio"' in html and 'data-correct="true"' in html
    True
    """
    from .report import esc

    options = spec.get("options") or []
    if not isinstance(options, list) or len(options) < 2:
        raise ValueError("a self-check needs at least two options")
    correct = [bool(o.get("correct")) for o in options]
    if not any(correct):
        raise ValueError("a self-check needs at least one correct option")
    kind = "checkbox" if sum(correct) > 1 else "radio"
    items = []
    for number, (option, ok) in enumerate(zip(options, correct, strict=True)):
        oid = f"{ident}-{number}"
        items.append(
            f'<li><input type="{kind}" name="{esc(ident)}" id="{esc(oid)}" '
            f'data-correct="{"true" if ok else "false"}" '
            f'data-feedback="{esc(option.get("feedback", ""))}">'
            f'<label for="{esc(oid)}">{esc(option.get("text", ""))}</label></li>'
        )
    hint = "Choose every answer that applies." if kind == "checkbox" else "Choose one answer."
    explanation = spec.get("explanation", "")
    return (
        f'<form class="toolkit-selfcheck" id="{esc(ident)}" data-kind="{kind}" '
        f'data-explanation="{esc(explanation)}" aria-labelledby="{esc(ident)}-q">'
        f'<fieldset><legend id="{esc(ident)}-q"><span class="toolkit-selfcheck-tag">Self-check'
        f"</span> {esc(spec.get('question', ''))}</legend>"
        f'<p class="toolkit-selfcheck-hint">{hint}</p>'
        f'<ul class="toolkit-selfcheck-options">{"".join(items)}</ul>'
        f'<button type="submit" class="toolkit-selfcheck-check">Check my answer</button>'
        f'<div class="toolkit-selfcheck-feedback" role="status" aria-live="polite"></div>'
        f"</fieldset>"
        f"<noscript><p>Self-checks need JavaScript to give feedback.</p></noscript>"
        f"</form>"
    )


#: Markup that themes and extensions emit and accessibility checkers (axe-core)
#: rightly reject, with the fix. Applied to every page body the book writes.
_ACCESSIBILITY_FIXES = (
    # docutils marks the bibliography up as role="list" whose children are
    # role="doc-biblioentry" (deprecated, and not a list item): make them list items.
    ('role="doc-biblioentry"', 'role="listitem"'),
)


def _fix_page_accessibility(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if isinstance(body, str):
        for old, new in _ACCESSIBILITY_FIXES:
            body = body.replace(old, new)
        context["body"] = body


#: Where ``scripts/build_lite.py`` puts the in-browser copy of the exercises, in the site.
LITE_PATH = "lite"


def run_in_browser_html(notebook: str, *, depth: int, lite_path: str = LITE_PATH) -> str:
    """The "Run in your browser" box of an exercise page (JupyterLite, served by the site).

    ``depth`` is how many folders deep the page is in the site.

    >>> 'href="../lite/lab/index.html?path=01-continuum.ipynb"' in run_in_browser_html(
    ...     "01-continuum.ipynb", depth=1)
    True
    """
    href = f"{'../' * depth}{lite_path}/lab/index.html?path={quote(notebook)}"
    return (
        '<div class="admonition tip toolkit-run-in-browser" role="note">'
        '<p class="admonition-title">Try this exercise here</p>'
        f'<p><a class="btn btn-primary toolkit-run-in-browser-link" href="{esc(href)}">'
        "Run in your browser</a></p>"
        "<p>Opens this exercise in JupyterLab inside your browser: no installation, no account, "
        "no server. The first start downloads about 30 MB (the Python runtime and the "
        "exercise's packages); the browser keeps them for the next time. Your answers stay "
        "in this browser (use <em>Download my answers</em> to keep a copy). Binder, Colab "
        "and JupyterHub are in the launch menu (the rocket icon).</p></div>"
    )


def _add_run_in_browser(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the "Run in your browser" box under the title of every exercise notebook page."""
    body = context.get("body")
    lite_path = app.config.toolkit_lite_path
    if not lite_path or not isinstance(body, str) or not pagename.startswith("exercises/"):
        return
    if not str(app.env.doc2path(pagename)).endswith(".ipynb"):
        return
    box = run_in_browser_html(
        pagename.split("/")[-1] + ".ipynb", depth=pagename.count("/"), lite_path=lite_path
    )
    end = body.find("</h1>")
    context["body"] = body[: end + 5] + box + body[end + 5 :] if end >= 0 else box + body


def landing_redirect_html(target: str, *, title: str, language: str = "en") -> str:
    """The site's ``index.html``: a whole page that sends the reader to the first chapter.

    Jupyter Book writes a bare ``<meta http-equiv="Refresh">`` line there; a browser shows it for
    a moment with no language, title, heading or main region, and a screen reader or an audit that
    reads it before the redirect finds an empty page. This one has all four and a plain link, so
    it is also a page if redirects are turned off.

    >>> html = landing_redirect_html("book/welcome.html", title="A & B")
    >>> '<h1>A &amp; B</h1>' in html and 'url=book/welcome.html' in html and '<main>' in html
    True
    """
    from .reports.render import html_environment

    template = html_environment().get_template("redirect.html")
    return template.render(target=target, title=title, lang=language)


def _write_landing_redirect(app: Any, exception: BaseException | None) -> None:
    """Write ``index.html`` first: sphinx-external-toc writes a bare one only if none is there."""
    if exception is not None or "html" not in app.builder.format:
        return
    root = app.config.root_doc
    if root == "index" or app.builder.name != "html":
        return
    from pathlib import Path

    title = app.config.html_title or app.config.project or "Course"
    html = landing_redirect_html(f"{root}.html", title=title, language=app.config.language or "en")
    Path(app.outdir, "index.html").write_text(html, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension: the ``{self-check}`` directive.

    Write the question as YAML in the directive body::

        ```{self-check}
        :label: sc-continuum
        question: A partnership shares money but has not changed what it does. Level?
        options:
          - text: Networking
            correct: true
            feedback: Right: sharing resources does not count without the steps below it.
          - text: Cooperating
            feedback: Not yet: cooperating builds on coordinating.
        ```
    """
    import yaml
    from docutils import nodes
    from docutils.parsers.rst import directives
    from sphinx.util.docutils import SphinxDirective

    class SelfCheck(SphinxDirective):
        has_content = True
        option_spec = {"label": directives.unchanged_required}  # noqa: RUF012

        def run(self) -> list[nodes.Node]:
            try:
                spec = yaml.safe_load("\n".join(self.content)) or {}
                if not isinstance(spec, dict):
                    raise ValueError("the body must be a YAML mapping")
                ident = self.options.get("label") or (
                    f"selfcheck-{self.env.docname.replace('/', '-')}-{self.lineno}"
                )
                markup = selfcheck_html(spec, ident=ident)
            except (ValueError, yaml.YAMLError) as exc:
                raise self.error(f"self-check: {exc}") from None
            return [nodes.raw("", markup, format="html")]

    app.add_directive("self-check", SelfCheck)
    app.connect("html-page-context", _fix_page_accessibility)
    # The in-browser exercises (JupyterLite) in the site's ``lite/``; "" turns the link off.
    app.add_config_value("toolkit_lite_path", LITE_PATH, "html")
    app.connect("html-page-context", _add_run_in_browser)
    # Before sphinx-external-toc (priority 500), which leaves an existing index.html alone.
    app.connect("build-finished", _write_landing_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
