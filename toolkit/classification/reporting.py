"""The classification report: JSON, CSV, Markdown or a self-contained HTML page.

:func:`report` is what ``python -m toolkit classify`` prints; it needs no
command line. The HTML page has the map, the continuum bar and one item
profile per partnership (the first six).
"""

from __future__ import annotations

import pandas as pd

from ..io import safe_csv_text
from ..report import chart_html, esc, html_page, md_cell, md_table, table_html
from .charts import continuum_bar, heuristic_map, item_profile
from .measurement import (
    DEFAULT_SEED,
    how_to_read,
    interval_words,
    reliability_words,
)
from .result import Classification, classify

__all__ = ["REPORT_FORMATS", "report", "to_csv", "to_html", "to_markdown"]

#: The formats :func:`report` can write.
REPORT_FORMATS: tuple[str, ...] = ("json", "csv", "html", "md")

_SUMMARY_COLUMNS = [
    "partnership",
    "round",
    "respondents",
    "excluded",
    "voluntary",
    "trust",
    "mode",
    "position",
    "voluntary_interval",
    "trust_interval",
    "near_boundary",
    "neighbour",
    "disagreement_voluntary",
    "disagreement_trust",
    "agreement_voluntary",
    "agreement_trust",
    "agreement",
    "partners_differ",
    "continuum",
]
_TRAVEL_COLUMNS = [
    "partnership",
    "from_round",
    "to_round",
    "voluntary_change",
    "trust_change",
    "mode_from",
    "mode_to",
    "continuum_from",
    "continuum_to",
    "clear_change_voluntary",
    "clear_change_trust",
    "direction",
]
_MAX_PROFILES = 6


def report(
    responses: pd.DataFrame, format: str = "json", *, source: str = "", seed: int = DEFAULT_SEED
) -> str:
    """Classify ``responses`` (as :func:`~toolkit.forms.read_responses` returns them) and
    return the report in ``format`` (one of :data:`REPORT_FORMATS`); ``source`` names the
    file in the Markdown and HTML reports.

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
        return to_markdown(result, source)
    return to_html(result, source, responses)


def to_csv(result: Classification) -> str:
    """The summary table as CSV, floats rounded to 4 decimals."""
    return safe_csv_text(_rounded(result.summary))


def _rounded(frame: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = out[column].round(digits)
    return out


def _present(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = _with_words(frame)
    return _rounded(frame[[c for c in columns if c in frame.columns]], 2)


def _with_words(frame: pd.DataFrame) -> pd.DataFrame:
    """Intervals in words ("0.41 to 0.50"), and clear change as yes / no / blank."""
    out = frame.copy()
    for axis in ("voluntary", "trust"):
        if f"{axis}_low" in out.columns:
            out[f"{axis}_interval"] = [
                interval_words(low, high)
                for low, high in zip(out[f"{axis}_low"], out[f"{axis}_high"], strict=True)
            ]
        if f"clear_change_{axis}" in out.columns:
            out[f"clear_change_{axis}"] = (
                out[f"clear_change_{axis}"].map({True: "yes", False: "no"}).fillna("")
            )
    return out


def _measurement_lines(result: Classification) -> list[str]:
    """Reliability of each axis in sentences (empty without the measurement figures)."""
    if not result.reliability:
        return []
    return [reliability_words(axis, figures) for axis, figures in result.reliability.items()]


def _how_to_read(result: Classification) -> list[str]:
    lines = [_settings_text(result)]
    if result.reliability is not None:
        s = result.settings
        lines += [
            f"{name}: {text}"
            for name, text in how_to_read(s["confidence"], s["resamples"], s["seed"])
        ]
    return lines


def _settings_text(result: Classification) -> str:
    b = result.boundaries
    s = result.settings
    return (
        f"Modes: creating when trust is above {b.trust_above:g}; complying when trust is below "
        f"{b.contract_below:g} and voluntary below {b.mandatory_below:g}; constraining "
        "otherwise. "
        + (
            "Near a boundary: the 95% interval crosses a boundary (within "
            f"{b.margin:g} when a single respondent gives no interval). "
            if "seed" in s
            else f"Near a boundary: within {b.margin:g}. "
        )
        + "A respondent is scored when they answered at "
        f"least {s['min_answered']:.0%} of each axis's items. Partners differ when the "
        f"disagreement (standard deviation of respondents' scores) on either axis is at least "
        f"{s['disagreement_threshold']:g}. The heuristic locates a partnership; it is not a "
        "verdict, and a point near a boundary sits between two areas."
    )


def to_markdown(result: Classification, source: str) -> str:
    lines = [
        "# Partnership classification",
        "",
        f"Source: {md_cell(source)}",
        "",
        "## Partnerships",
        "",
        md_table(_present(result.summary, _SUMMARY_COLUMNS)),
    ]
    differ = result.summary[result.summary["partners_differ"]]
    if len(differ):
        names = ", ".join(
            md_cell(r.partnership) + (f" ({md_cell(r.round)})" if "round" in differ else "")
            for r in differ.itertuples()
        )
        lines += [f"**Partners see these very differently:** {names}.", ""]
    if len(result.organizations):
        lines += ["## By organisation", "", md_table(_rounded(result.organizations, 2))]
    if len(result.travel):
        lines += ["## Direction of travel", "", md_table(_present(result.travel, _TRAVEL_COLUMNS))]
    if len(result.excluded):
        lines += ["## Respondents not scored", "", md_table(result.excluded)]
    if result.ignored_columns:
        lines += [
            "Columns ignored: " + ", ".join(md_cell(c) for c in result.ignored_columns) + ".",
            "",
        ]
    reliability = _measurement_lines(result)
    if reliability:
        lines += ["## Do the items measure one thing?", ""]
        lines += [f"- {md_cell(line)}" for line in reliability] + [""]
    lines += ["## How to read this", ""]
    for paragraph in _how_to_read(result):
        lines += [md_cell(paragraph), ""]
    return "\n".join(lines)


def to_html(result: Classification, source: str, responses: pd.DataFrame) -> str:
    summary = result.summary
    body = [
        "<h1>Partnership classification</h1>",
        f'<p class="meta">Source: {esc(source)}. {len(summary)} rows: '
        f"{summary['partnership'].nunique()} partnerships"
        + (f", {summary['round'].nunique()} rounds" if "round" in summary else "")
        + f"; {int(summary['respondents'].sum())} respondents scored, "
        f"{len(result.excluded)} not scored.</p>",
        "<h2>The map</h2>",
        chart_html(
            heuristic_map(
                summary, result.scored, boundaries=result.boundaries, travel=result.travel
            )
        ),
    ]
    differ = summary[summary["partners_differ"]]
    if len(differ):
        names = ", ".join(
            esc(r.partnership) + (f" ({esc(r.round)})" if "round" in differ else "")
            for r in differ.itertuples()
        )
        body.append(f'<p class="flag">Partners see these very differently: {names}.</p>')
    body += [
        "<h2>Partnerships</h2>",
        table_html(_present(summary, _SUMMARY_COLUMNS), caption="Where each partnership stands"),
        "<h2>Himmelman's continuum</h2>",
        chart_html(continuum_bar(summary)),
    ]
    if len(result.travel):
        body += [
            "<h2>Direction of travel</h2>",
            table_html(_present(result.travel, _TRAVEL_COLUMNS), caption="Change between rounds"),
        ]
    if len(result.organizations):
        body += [
            "<h2>By organisation</h2>",
            table_html(_rounded(result.organizations, 2), caption="Mean scores by organisation"),
        ]
    names = list(dict.fromkeys(summary["partnership"].astype(str)))
    body.append("<h2>Item by item</h2>")
    if len(names) > _MAX_PROFILES:
        body.append(
            f'<p class="meta">The first {_MAX_PROFILES} of {len(names)} partnerships; '
            "use toolkit.classification.charts.item_profile for the others.</p>"
        )
    body += [chart_html(item_profile(responses, name)) for name in names[:_MAX_PROFILES]]
    if len(result.excluded):
        body += [
            "<h2>Respondents not scored</h2>",
            table_html(result.excluded, caption="Too few answers to score"),
        ]
    if result.ignored_columns:
        body.append(
            '<p class="meta">Columns ignored: '
            + ", ".join(esc(c) for c in result.ignored_columns)
            + ".</p>"
        )
    reliability = _measurement_lines(result)
    if reliability:
        body += [
            "<h2>Do the items measure one thing?</h2>",
            "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in reliability) + "</ul>",
        ]
    body += ["<h2>How to read this</h2>"]
    body += [f"<p>{esc(paragraph)}</p>" for paragraph in _how_to_read(result)]
    return html_page("Partnership classification", "\n".join(body))
