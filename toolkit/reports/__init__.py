"""Reports people read: one document, rendered as an HTML page, Markdown or a workbook.

The layer that turns results into reports for partners:

* :mod:`~toolkit.reports.document`: what a report is made of (sections of
  paragraphs, lists, charts and tables whose values keep their type);
* :mod:`~toolkit.reports.humanise`: headings, Yes/No, rounded scores, rounds and
  dates as people write them, file names without folders;
* :mod:`~toolkit.reports.summaries`: the plain sentences of every report's
  opening Summary, generated from the results;
* :mod:`~toolkit.reports.render`: the Jinja2 templates (autoescape on) and the
  self-contained page frame and style sheet (A4/Letter print, 375-px phones);
* :mod:`~toolkit.reports.xlsx`: one workbook, summary first, one sheet per table;
* :mod:`~toolkit.reports.classification`, :mod:`~toolkit.reports.stakeholders`,
  :mod:`~toolkit.reports.planning`: each analysis's report;
* :mod:`~toolkit.reports.workshop`: every analysis of a workshop in one pack.

Importing this package imports neither Altair nor the analyses.
"""

from __future__ import annotations

from .document import Bullets, Chart, Column, Heading, Paragraph, Report, Section, Table
from .render import render_html, render_markdown
from .xlsx import formula_like, workbook_bytes

__all__ = [
    "Bullets",
    "Chart",
    "Column",
    "Heading",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "formula_like",
    "render_html",
    "render_markdown",
    "workbook_bytes",
]
