"""The report's sections on where the organisation stands: the scope and catalogue, the as-is landscape,
ESRS coverage (heat map, gap summary and the chain's flagged links) and maturity today against target.
Each returns the section's HTML body from the report context; figures come from the coverage summary,
the chain and the assessment."""

from __future__ import annotations

from ..chain import CellTexts, chain_of
from ..coverage import STATUS_ORDER
from ..landscape import (
    FIRST_PICTURE,
    MAX_SYSTEMS_DRAWN,
    QUALITY_COLOURS,
    LandscapeWords,
    landscape_dot,
    method_colour,
    systems_holding_most,
)
from ..messages import translate
from ..palette import STATUS_COLOURS
from ..readiness import readiness_summary
from . import svg
from .context import ReportContext
from .html import Raw, bullets, esc, facts, join, para, swatch, table, tag
from .landscape_svg import DrawingUnavailable, data_uri, svg_of

MAX_GAP_ROWS = 40  # disclosure requirements listed in the gap table; the rest are counted
MAX_CHAIN_ROWS = 40  # flagged rows of the chain listed; the rest are counted
MATURITY_LEVELS = (1, 2, 3, 4, 5)


def _status(ctx: ReportContext, status: str) -> str:
    return translate(f"status.{status}", ctx.lang)


# --- scope ------------------------------------------------------------------------------------------


def scope(ctx: ReportContext) -> Raw:
    """What was assessed against what: the framework and its ESRS catalogue, the material standards."""
    fw, a, cov = ctx.framework, ctx.assessment, ctx.coverage
    rows = [
        (ctx.say("scope.framework"), f"{fw.title.get(ctx.lang)} {fw.version}"),
        (
            ctx.say("scope.catalogue"),
            " · ".join(
                (fw.esrs.short_name, fw.esrs.title.get(ctx.lang), ctx.say("scope.version", version=fw.esrs.version))
            ),
        ),
        (ctx.say("scope.catalogue_source"), fw.esrs.source),
        (ctx.say("scope.sector"), ctx.label("sector", a.organisation.sector)),
        (ctx.say("scope.first_year"), a.organisation.first_reporting_year or ctx.say("not_given")),
        (ctx.say("scope.material_drs"), ctx.number(cov.material_drs)),
    ]
    from ..frameworks import load_scope_rules
    from ..scope import check_scope

    check = check_scope(a.organisation, load_scope_rules())
    parts = [
        facts(rows),
        tag("h3", translate("scope.title", ctx.lang)),
        para(check.headline(ctx.lang)),
        bullets(check.explanation(ctx.lang)),
        para(check.as_of_line(ctx.lang), cls="note"),
        tag("h3", ctx.say("scope.material_standards")),
        bullets([ctx.standard(s) for s in cov.material_standards]),
    ]
    if cov.standards_not_assessed:
        parts.append(para(ctx.say("scope.not_assessed", standards=", ".join(cov.standards_not_assessed)), cls="note"))
    return join(parts)


# --- landscape --------------------------------------------------------------------------------------


def landscape(ctx: ReportContext) -> Raw:
    """The as-is drawing (systems with their data sources, data flows by integration method) and its legend."""
    a = ctx.assessment
    if not a.systems and not a.data_sources:
        return para(ctx.say("landscape.empty"))
    order = [term.id for term in ctx.framework.vocabularies.get("system_category", [])]
    chosen = None
    parts = [
        para(
            ctx.say(
                "landscape.counts",
                systems=len(a.systems),
                sources=len(a.data_sources),
                flows=len(a.data_flows),
            )
        )
    ]
    if len(a.systems) > MAX_SYSTEMS_DRAWN:
        chosen = systems_holding_most(a, [s.id for s in a.systems], FIRST_PICTURE)
        parts.append(para(ctx.say("landscape.largest", n=len(chosen), total=len(a.systems)), cls="note"))
    words = LandscapeWords(
        translate("refs.report", ctx.lang),
        translate("as_is.landscape.unhosted", ctx.lang),
        translate("as_is.landscape.more", ctx.lang),
    )
    source = landscape_dot(a, label=ctx.label, words=words, systems=chosen, category_order=order)
    try:
        drawing = svg_of(source)
    except DrawingUnavailable as exc:
        parts.append(para(ctx.say("landscape.unavailable", reason=str(exc)), cls="warning"))
    else:
        parts.append(
            tag(
                "figure",
                Raw(f'<img class="landscape" alt="{esc(ctx.say("landscape.alt"))}" src="{data_uri(drawing)}">'),
            )
        )
    parts.append(_landscape_legend(ctx))
    return join(parts)


def _landscape_legend(ctx: ReportContext) -> Raw:
    methods = list(dict.fromkeys(f.method for f in ctx.assessment.data_flows))
    quality = [q for q in QUALITY_COLOURS if any(s.quality == q for s in ctx.assessment.data_sources)]
    items = [join([swatch(method_colour(m)), ctx.label("integration_method", m)]) for m in methods]
    items += [
        join([swatch(QUALITY_COLOURS[q]), ctx.say("landscape.quality", quality=ctx.label("data_quality", q))])
        for q in quality
    ]
    return join(
        [
            para(ctx.say("landscape.legend"), cls="caption"),
            tag("div", join(tag("span", i, cls="key") for i in items), cls="legend"),
        ]
    )


# --- coverage ---------------------------------------------------------------------------------------


def coverage(ctx: ReportContext) -> Raw:
    """The coverage sentence, the heat map of material DRs by standard and status, and the gap summary."""
    cov = ctx.coverage
    parts = [para(cov.sentence(ctx.lang), cls="lead")]
    if not cov.by_standard:
        return join(parts)
    columns = [(_status(ctx, s), STATUS_COLOURS[s]) for s in STATUS_ORDER]
    parts.append(
        tag(
            "figure",
            Raw(
                svg.heat_grid(
                    [ctx.standard(s.standard) for s in cov.by_standard],
                    columns,
                    [[s.counts[status] for status in STATUS_ORDER] for s in cov.by_standard],
                    number=lambda v: ctx.number(v),
                    label=ctx.say("coverage.heatmap"),
                )
            ),
        )
    )
    parts.append(para(ctx.say("coverage.heatmap_note"), cls="caption"))
    parts.append(tag("h3", ctx.say("coverage.gaps_title")))
    weak = [d for d in cov.gaps if d.status != "not_assessed"]
    if not weak:
        parts.append(para(ctx.say("coverage.no_gaps")))
    else:
        sources = {s.id: s.name for s in ctx.assessment.data_sources}
        rows = [
            (
                d.code,
                d.title(ctx.lang),
                _status(ctx, d.status),
                ", ".join(sources.get(i, i) for i in d.data_source_ids),
                ctx.label("integration_method", d.integration_needed),
            )
            for d in weak[:MAX_GAP_ROWS]
        ]
        head = [
            ctx.say("col.dr"),
            ctx.say("col.title"),
            ctx.say("col.status"),
            ctx.say("col.sources"),
            ctx.say("col.integration"),
        ]
        parts.append(table(head, rows, widths=("10%", "34%", "11%", "27%", "18%")))
        if len(weak) > MAX_GAP_ROWS:
            parts.append(para(ctx.say("coverage.more_gaps", n=len(weak) - MAX_GAP_ROWS), cls="note"))
    open_codes = [d.code for d in cov.gaps if d.status == "not_assessed"]
    if open_codes:
        parts.append(
            para(ctx.say("coverage.not_assessed", count=len(open_codes), codes=", ".join(open_codes)), cls="note")
        )
    parts.append(_readiness(ctx))
    return join([*parts, _chain(ctx)])


def _chain(ctx: ReportContext) -> Raw:
    """The chain's flags (``esg_workbench.chain``): their sentence and the flagged rows, DR to owner."""
    chain = chain_of(ctx.assessment, ctx.framework, ctx.coverage)
    lang = ctx.lang
    parts = [tag("h3", translate("chain.report_title", lang)), para(chain.sentence(lang))]
    # What a steering committee must act on first (a source in a retiring system, without an owner, an
    # item under review) comes before the DRs that are only manual, which are many in any assessment
    # that covers the narrative DRs; the table's cap then cuts manual-only rows first.
    flagged = sorted((r for r in chain.rows if r.flags), key=lambda r: r.flags == ("manual_only",))
    if not flagged:
        return join(parts)
    parts.append(para(translate("chain.report_intro", lang), cls="caption"))
    columns = ("disclosure_requirement", "data_source", "system", "owner_role", "status", "flags")
    rows, texts = [], CellTexts(ctx.framework, lang)
    for row in flagged[:MAX_CHAIN_ROWS]:
        values = texts(row)
        disposition = f" ({values['disposition']})" if values["disposition"] else ""
        values["system"] += disposition
        rows.append([values[c] for c in columns])
    # The DR column is headed as in the gap table above ("DR"), so it stays narrow.
    head = [ctx.say("col.dr"), *(translate(f"chain.col.{c}", lang) for c in columns[1:])]
    parts.append(table(head, rows, widths=("9%", "24%", "20%", "18%", "13%", "16%")))
    if len(flagged) > MAX_CHAIN_ROWS:
        parts.append(para(translate("chain.report_more", lang, count=len(flagged) - MAX_CHAIN_ROWS), cls="note"))
    return join(parts)


def _readiness(ctx: ReportContext) -> Raw:
    """Readiness for automation per standard (material DRs by level, mean known score) and today's
    automation share against the to-be target: the score result's figures when there is one."""
    rec = ctx.result.recommendation if ctx.result is not None else None
    summary = (rec.readiness if rec is not None else None) or readiness_summary(
        ctx.assessment, ctx.framework, ctx.coverage
    )
    lang = ctx.lang
    head = [
        translate("readiness.report.standard", lang),
        translate("readiness.report.material_drs", lang),
        *(summary.label(level, lang) for level in summary.levels),
        translate("readiness.report.mean", lang),
    ]
    rows = [
        [
            ctx.standard(c.standard) if c.standard else translate("readiness.report.all", lang),
            ctx.number(c.material_drs),
            *(ctx.number(c.counts[level]) for level in summary.levels),
            "–" if c.mean_score is None else ctx.number(c.mean_score),
        ]
        for c in [*summary.by_standard, summary.overall]
    ]
    return join(
        [
            tag("h3", translate("readiness.report.title", lang)),
            para(summary.sentence(lang)),
            table(head, rows, numeric=range(1, len(head))),
            para(summary.automation.sentence(lang)),
            para(translate("readiness.report.note", lang), cls="caption"),
        ]
    )


# --- maturity ---------------------------------------------------------------------------------------


def maturity(ctx: ReportContext) -> Raw:
    """Maturity per dimension today against the short- and long-term targets (levels 1-5)."""
    to_be = ctx.assessment.to_be
    parts = []
    about = []
    if to_be.ambition:
        about.append((ctx.say("maturity.ambition"), ctx.label("ambition_level", to_be.ambition)))
    if to_be.automation_target_pct is not None:
        about.append((ctx.say("maturity.automation_target"), ctx.percent(to_be.automation_target_pct / 100)))
    if about:
        parts.append(facts(about))
    ratings = to_be.maturity
    if not ratings:
        parts.append(para(ctx.say("maturity.none")))
        return join(parts)
    series = [
        (ctx.say("maturity.current"), "#78909c", "circle"),
        (ctx.say("maturity.target_short"), "#1565c0", "square"),
        (ctx.say("maturity.target_long"), "#2e7d32", "diamond"),
    ]
    names = [ctx.dimension(r.dimension) for r in ratings]
    values = [[r.current, r.target_short, r.target_long] for r in ratings]
    chart = svg.level_markers(names, MATURITY_LEVELS, series, values, label=ctx.say("maturity.chart"))
    parts.append(tag("figure", Raw(chart)))
    head = [
        ctx.say("col.dimension"),
        ctx.say("maturity.current"),
        ctx.say("maturity.target_short"),
        ctx.say("maturity.target_long"),
        ctx.say("col.gap"),
        ctx.say("col.notes"),
    ]
    rows = [
        (name, r.current, r.target_short, r.target_long, r.target_long - r.current, r.notes)
        for name, r in zip(names, ratings, strict=True)
    ]
    parts.append(table(head, rows, numeric=(1, 2, 3, 4), widths=("30%", "10%", "12%", "12%", "8%", "28%")))
    return join(parts)
