"""The decision report as one HTML document: a cover with the table of contents, then a section per
topic, in the order a steering committee reads them. The same HTML is the browser report and, laid out
on A4 pages by WeasyPrint (``report.pdf``), the PDF. It is self-contained: its charts are inline SVG,
its landscape a ``data:`` image, and its Content-Security-Policy lets a browser fetch nothing.

``SECTIONS`` is the one list of sections: a new one (a scope check, benefits) is a key, a catalogue
title ``report.section.<key>`` and a function from the report context to HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..coverage import coverage_summary
from ..domain import AssessmentInvalid
from ..domain.assessment import Assessment
from ..domain.framework import Framework
from ..domain.results import ScoreResult
from ..messages import LANGUAGES
from . import as_is_sections, decision_sections
from .context import ReportContext, say
from .html import Raw, esc, facts, join, tag

CSS = Path(__file__).with_name("report.css")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

Section = Callable[[ReportContext], Raw]
SECTIONS: tuple[tuple[str, Section], ...] = (
    ("recommendation", decision_sections.recommendation),
    ("scope", as_is_sections.scope),
    ("landscape", as_is_sections.landscape),
    ("coverage", as_is_sections.coverage),
    ("maturity", as_is_sections.maturity),
    ("ranking", decision_sections.ranking),
    ("sensitivity", decision_sections.sensitivity),
    ("cost", decision_sections.cost),
    ("roadmap", decision_sections.roadmap),
    ("method", decision_sections.method),
)


def report_context(
    assessment: Assessment,
    lang: str = "en",
    *,
    framework: Framework | None = None,
    result: ScoreResult | None = None,
    revision: int | None = None,
    generated: date | None = None,
) -> ReportContext:
    """Everything the report shows. ``result`` is the score result the caller shows (the app's, so the
    report has the numbers on screen); without it the assessment is scored with the engine's defaults,
    as the CLI's ``score`` and the workbook do."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if framework is None:
        from ..frameworks import framework_for_assessment

        framework = framework_for_assessment(assessment)
    else:
        framework = framework.for_assessment(assessment)  # DR codes in the assessment's catalogue's terms
    unscored: list[str] = []
    if result is None and assessment.options and assessment.criteria:
        from ..scoring import score

        try:
            result = score(assessment, framework=framework)
        except AssessmentInvalid as exc:  # e.g. a quantitative criterion without anchors
            unscored = [f"{p.path}: {p.text(lang)}" for p in exc.problems]
    elif result is None:
        unscored = [say("no_options", lang)]
    return ReportContext(
        assessment=assessment,
        framework=framework,
        lang=lang,
        result=result,
        coverage=coverage_summary(assessment, framework),
        unscored=unscored,
        revision=revision,
        generated=generated or date.today(),
    )


def build_html(ctx: ReportContext) -> str:
    """The report as a complete HTML document."""
    sections = [(key, ctx.say(f"section.{key}"), build(ctx)) for key, build in SECTIONS]
    body = join(
        [
            _cover(ctx, [(key, title) for key, title, _ in sections]),
            *(
                tag("section", join([tag("h2", f"{n}. {title}"), content]), id=f"s-{key}")
                for n, (key, title, content) in enumerate(sections, start=1)
            ),
        ]
    )
    footer = _css_string(f"{ctx.assessment.organisation.name} · {ctx.say('title')}")
    number = _page_number(ctx.say("page"))
    pages = f"@page {{ @bottom-right {{ content: {number}; }} @bottom-left {{ content: {footer}; }} }}"
    page_rules = f"{pages}\n@page :first {{ @bottom-left {{ content: none; }} }}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(ctx.lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(ctx.say('title'))} · {esc(ctx.assessment.title)}</title>"
        f"<style>{CSS.read_text(encoding='utf-8')}\n{_style_text(page_rules)}</style>"
        f"</head><body>{body}</body></html>\n"
    )


def _css_string(text: str) -> str:
    """Text as a CSS string literal: one line, every character but letters, digits and spaces escaped, so
    user text can never end the string."""
    line = "".join(ch if ch.isprintable() else " " for ch in text)
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in line) + '"'


def _page_number(template: str) -> str:
    """The catalogue's "Page {page} of {pages}" as CSS ``content``: its words as strings, the numbers as
    the page counters."""
    parts = re.split(r"(\{page\}|\{pages\})", template)
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return " ".join(counters.get(p) or _css_string(p) for p in parts if p)


def _style_text(css: str) -> str:
    """CSS inside <style>: a "</" could end the element; CSS escapes are never needed for it here."""
    return css.replace("</", "<\\/")


def _cover(ctx: ReportContext, sections: list[tuple[str, str]]) -> Raw:
    a = ctx.assessment
    rows = [
        (ctx.say("cover.organisation"), a.organisation.name),
        (ctx.say("cover.assessment"), a.title),
        (ctx.say("cover.revision"), ctx.say("not_given") if ctx.revision is None else str(ctx.revision)),
        (ctx.say("cover.updated"), a.updated_at.date().isoformat()),
        (ctx.say("cover.generated"), ctx.generated.isoformat()),
        (ctx.say("cover.framework"), f"{ctx.framework.title.get(ctx.lang)} {ctx.framework.version}"),
        (ctx.say("cover.catalogue"), f"{ctx.framework.esrs.title.get(ctx.lang)} ({ctx.framework.esrs.version})"),
    ]
    toc = tag(
        "nav",
        join(
            [
                tag("h2", ctx.say("contents")),
                tag(
                    "ol",
                    join(
                        tag("li", tag("a", f"{n}. {title}", href=f"#s-{key}"))
                        for n, (key, title) in enumerate(sections, start=1)
                    ),
                ),
            ]
        ),
        cls="toc",
    )
    head = join([tag("h1", ctx.say("title")), tag("p", a.title, cls="subtitle")])
    return tag("div", join([head, facts(rows), toc]), cls="cover")
