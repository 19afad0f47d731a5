"""The decision report for a steering committee, as HTML (for the browser) and PDF (A4, page numbers,
table of contents), in English or Danish: the recommendation and its robustness, scope and catalogue,
landscape, ESRS coverage, maturity, ranking with contributions, sensitivity, cost, roadmap and method.
Every figure comes from the one score result the app and the workbook show. Core: no UI imports.

    from esg_workbench.report import report_pdf
    pdf = report_pdf(assessment, "da")
"""

from __future__ import annotations

from typing import Any

from ..domain.assessment import Assessment
from .document import SECTIONS, build_html, report_context

FORMATS = ("pdf", "html")
MEDIA_TYPES = {"pdf": "application/pdf", "html": "text/html"}

__all__ = ["FORMATS", "MEDIA_TYPES", "SECTIONS", "report_bytes", "report_html", "report_pdf"]


def report_html(assessment: Assessment, lang: str = "en", **options: Any) -> str:
    """The report as one self-contained HTML document. ``options``: ``result`` (the score result to report,
    as the app passes the one it shows; without it the assessment is scored with the engine's defaults),
    ``framework``, ``revision`` (the stored revision, shown on the cover) and ``generated`` (a date)."""
    return build_html(report_context(assessment, lang, **options))


def report_pdf(assessment: Assessment, lang: str = "en", **options: Any) -> bytes:
    """The report as PDF bytes (A4); arguments as :func:`report_html`."""
    from .pdf import html_to_pdf  # WeasyPrint loads when a PDF is made, not when the app starts

    ctx = report_context(assessment, lang, **options)
    title = f"{ctx.say('title')} · {assessment.title}"
    return html_to_pdf(build_html(ctx), title=title, author=assessment.organisation.name, lang=lang)


def report_bytes(assessment: Assessment, fmt: str, lang: str = "en", **options: Any) -> bytes:
    """The report in ``fmt`` ("pdf" or "html", the latter UTF-8) as bytes: the CLI's and the app's one call."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "html":
        return report_html(assessment, lang, **options).encode("utf-8")
    return report_pdf(assessment, lang, **options)
