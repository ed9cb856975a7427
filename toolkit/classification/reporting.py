"""The classification report: JSON, CSV, Markdown, a self-contained HTML page or a workbook.

:func:`report` is what ``python -m toolkit classify`` prints; it needs no
command line. The HTML page, the Markdown and the workbook are rendered from
one document (:func:`toolkit.classification.document.classification_report`):
a Summary first, then the map, the partnerships, the continuum, the direction
of travel, the organisations, one item profile per partnership (the first six),
who was not scored and how to read it. JSON and CSV keep the machine names.
"""

from __future__ import annotations

import pandas as pd

from ..io import safe_csv_text
from ..reports.render import render_html, render_markdown
from ..reports.xlsx import workbook_bytes
from .document import classification_report
from .measurement import DEFAULT_SEED
from .result import Classification, classify

__all__ = ["REPORT_FORMATS", "report", "to_csv", "to_html", "to_markdown", "to_xlsx"]

#: The formats :func:`report` can write (``xlsx`` as bytes).
REPORT_FORMATS: tuple[str, ...] = ("json", "csv", "html", "md", "xlsx")


def report(
    responses: pd.DataFrame, format: str = "json", *, source: str = "", seed: int = DEFAULT_SEED
) -> str | bytes:
    """Classify ``responses`` (as :func:`~toolkit.forms.read_responses` returns them) and
    return the report in ``format`` (one of :data:`REPORT_FORMATS`; ``xlsx`` gives the
    workbook's bytes); ``source`` is the answers file, named (without its folder) in the
    Markdown, HTML and workbook reports.

    >>> from toolkit.classification import example_responses
    >>> report(example_responses(), "csv").splitlines()[0].split(",")[:3]
    ['partnership', 'round', 'respondents']
    """
    if format not in REPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(REPORT_FORMATS)}, not {format!r}")
    result = classify(responses, seed=seed)
    if format == "json":
        return result.to_json()
    if format == "csv":
        return to_csv(result)
    if format == "md":
        return to_markdown(result, source, responses)
    if format == "xlsx":
        return to_xlsx(result, source, responses)
    return to_html(result, source, responses)


def to_csv(result: Classification) -> str:
    """The summary table as CSV, floats rounded to 4 decimals."""
    out = result.summary.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = out[column].round(4)
    return safe_csv_text(out)


def to_markdown(
    result: Classification, source: str = "", responses: pd.DataFrame | None = None
) -> str:
    """The report as Markdown (the same sections as the HTML page, charts described)."""
    return render_markdown(classification_report(result, responses, source=source))


def to_html(result: Classification, source: str = "", responses: pd.DataFrame | None = None) -> str:
    """The report as one self-contained HTML page that works offline."""
    return render_html(classification_report(result, responses, source=source))


def to_xlsx(
    result: Classification, source: str = "", responses: pd.DataFrame | None = None
) -> bytes:
    """The report as a workbook: the summary, then one sheet per table."""
    doc = classification_report(result, responses, source=source)
    return workbook_bytes(doc.title, doc.summary, [doc])
