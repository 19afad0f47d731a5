"""The report's sections on the decision: the recommendation and its robustness, the ranking with each
criterion's contribution, sensitivity (rank-1 probability, tipping points), cost, the roadmap and the
method. Every figure is read from the one score result (``ScoreResult``) the app and the workbook show;
the recommendation's words are ``scoring.recommendation_text``'s."""

from __future__ import annotations

from ..domain.results import ScoreResult, Tip
from ..messages import translate
from ..palette import PHASE_COLOURS
from ..scoring.recommendation import MODERATE, ROBUST
from ..scoring.recommendation_text import BULLET
from ..scoring.wording import gate_lines, missing_lines, missing_of
from . import svg
from .context import ReportContext
from .html import Raw, bullets, facts, join, para, table, tag

MAX_CRITERIA_DRAWN = 12  # criteria drawn by name in the contribution chart; the rest as one "other" part
MAX_TIPPING_ROWS = 15


def _unscored(ctx: ReportContext) -> Raw:
    return join([para(ctx.say("unscored"), cls="warning"), bullets(ctx.unscored)])


def _method_name(ctx: ReportContext, result: ScoreResult) -> str:
    return translate(f"scenarios.methods.{result.method}", ctx.lang)


# --- recommendation ---------------------------------------------------------------------------------


def recommendation(ctx: ReportContext) -> Raw:
    """The recommended option with its key figures and robustness, the recorded decision, and the
    recommendation's text (the words the app and the workbook show)."""
    result = ctx.result
    if result is None:
        return _unscored(ctx)
    rec = result.recommendation
    rows: list[tuple[object, object]] = []
    if rec.option_id is None:
        rows.append((ctx.say("rec.recommended"), ctx.say("rec.none")))
    else:
        archetype = ctx.assessment.option(rec.option_id).archetype
        rows += [
            (ctx.say("rec.recommended"), tag("strong", ctx.option(rec.option_id))),
            (ctx.say("rec.archetype"), _archetype(ctx, archetype)),
            (
                ctx.say("rec.total"),
                ctx.say("rec.total_value", total=ctx.total(rec.total), method=_method_name(ctx, result)),
            ),
        ]
        if rec.runner_up_id is not None:
            rows.append(
                (ctx.say("rec.runner_up"), f"{ctx.option(rec.runner_up_id)} ({ctx.total(rec.runner_up_total)})")
            )
        robustness = translate(f"scenarios.robustness.{rec.robustness}", ctx.lang)
        if rec.probability_first is not None:
            rows.append(
                (
                    ctx.say("rec.first"),
                    ctx.say("rec.first_value", pct=ctx.percent(rec.probability_first), n=result.sensitivity.samples),
                )
            )
        rows.append((ctx.say("rec.robustness"), robustness))
    parts = [
        facts(rows),
        _decision(ctx),
        tag("h3", ctx.say("rec.text_title")),
        _recommendation_text(rec.text(ctx.lang)),
    ]
    return join(parts)


def _archetype(ctx: ReportContext, archetype_id: str) -> str:
    found = next((a for a in ctx.framework.archetypes if a.id == archetype_id), None)
    return found.name.get(ctx.lang) if found else archetype_id


def _decision(ctx: ReportContext) -> Raw:
    d = ctx.assessment.decision
    if d is None:
        return para(ctx.say("rec.no_decision"), cls="note")
    rows = [(ctx.say("rec.decided"), ctx.option(d.option_id))]
    if d.interim_option_id:
        rows.append((ctx.say("rec.interim"), ctx.option(d.interim_option_id)))
    if d.decided_on:
        rows.append((ctx.say("rec.decided_on"), d.decided_on.isoformat()))
    parts = [tag("h3", ctx.say("rec.decision_title")), facts(rows)]
    if d.rationale:
        parts.append(para(d.rationale, cls="quote"))
    return join(parts)


def _recommendation_text(text: str) -> Raw:
    """The recommendation's paragraphs in their order; a run of "• " lines becomes a list."""
    blocks: list[object] = []
    for paragraph in text.split("\n\n"):
        run: list[str] = []
        plain: list[str] = []
        for line in [*paragraph.split("\n"), None]:
            if line is not None and line.startswith(BULLET):
                if plain:
                    blocks.append(para("\n".join(plain)))
                    plain = []
                run.append(line.removeprefix(BULLET))
                continue
            if run:
                blocks.append(bullets(run))
                run = []
            if line is not None:
                plain.append(line)
        if plain:
            blocks.append(para("\n".join(plain)))
    return tag("div", join(blocks), cls="recommendation")


# --- ranking ----------------------------------------------------------------------------------------


def ranking(ctx: ReportContext) -> Raw:
    """The ranking (totals, gates, rank-1 probability), what is missing, and each criterion's points."""
    result = ctx.result
    if result is None:
        return _unscored(ctx)
    names = {o: ctx.option(o) for o in result.option_names}
    head = [
        ctx.say("col.rank"),
        ctx.say("col.option"),
        ctx.say("col.total"),
        ctx.say("col.eligible"),
        ctx.say("col.first"),
    ]
    rows = [
        (
            result.ranks[o],
            names[o],
            ctx.total(result.totals[o]),
            translate(f"decision_text.gate.{result.gates[o].status}", ctx.lang),
            ctx.percent(result.sensitivity.first_rank_probability(o)),
        )
        for o in result.ranking
    ]
    parts = [
        para(ctx.say("ranking.method", method=_method_name(ctx, result))),
        table(head, rows, numeric=(0, 2, 4), cls="ranking", widths=("8%", "44%", "14%", "20%", "14%")),
    ]
    notes = []
    if not all(g.eligible for g in result.gates.values()):
        notes += gate_lines(result.gates, names, ctx.lang)
    notes += missing_lines(missing_of(result), names, result.criterion_names, ctx.lang)
    if notes:
        parts.append(bullets(notes, cls="notes"))
    parts += [tag("h3", ctx.say("ranking.contributions")), _contribution_chart(ctx, result)]
    parts.append(para(translate(f"scenarios.contributions_note.{result.method}", ctx.lang), cls="caption"))
    parts.append(_contribution_table(ctx, result))
    return join(parts)


def _contribution_chart(ctx: ReportContext, result: ScoreResult) -> Raw:
    order = sorted(result.weights, key=lambda c: -result.weights[c])
    shown, rest = order[:MAX_CRITERIA_DRAWN], order[MAX_CRITERIA_DRAWN:]
    labels = [ctx.criterion(c) for c in shown] + ([ctx.say("ranking.other_criteria")] if rest else [])
    values = []
    for o in result.ranking:
        points = {p.criterion_id: p.points for p in result.explanations[o].contributions}
        values.append([points.get(c, 0.0) for c in shown] + ([sum(points.get(c, 0.0) for c in rest)] if rest else []))
    top = max((sum(v) for v in values), default=0.0)
    maximum = 100.0 if top <= 100 else top
    chart = svg.stacked_bars(
        [ctx.option(o) for o in result.ranking],
        list(zip(labels, svg.colours(len(labels)), strict=True)),
        values,
        maximum=maximum,
        ticks=[maximum * i / 5 for i in range(6)],
        tick_label=lambda v: ctx.number(v),
        label=ctx.say("ranking.contributions"),
    )
    return tag("figure", Raw(chart))


def _contribution_table(ctx: ReportContext, result: ScoreResult) -> Raw:
    """Criteria as rows, options in ranking order as columns, the points each criterion gives each option;
    the last row is the sum of the points (the weighted-sum total)."""
    points = {o: {p.criterion_id: p.points for p in result.explanations[o].contributions} for o in result.ranking}
    head = [ctx.say("col.criterion"), ctx.say("col.weight"), *(ctx.option(o) for o in result.ranking)]
    rows = [
        (ctx.criterion(c), ctx.percent(share, 1), *(ctx.number(points[o].get(c, 0.0), 1) for o in result.ranking))
        for c, share in result.weights.items()
    ]
    sums = (
        tag("strong", ctx.say("ranking.points_total")),
        "",
        *(ctx.number(sum(points[o].values()), 1) for o in result.ranking),
    )
    option_width = f"{64 / max(len(result.ranking), 1):.1f}%"
    widths = ("26%", "10%", *(option_width for _ in result.ranking))
    return table(head, [*rows, sums], numeric=tuple(range(1, len(head))), cls="compact", widths=widths)


# --- sensitivity ------------------------------------------------------------------------------------


def sensitivity(ctx: ReportContext) -> Raw:
    """How sure the ranking is: each option's probability of each rank in the simulations, the spread of
    its total, and the weight changes that would change the top option."""
    result = ctx.result
    if result is None:
        return _unscored(ctx)
    sens = result.sensitivity
    parts = []
    if not sens.rank_acceptability:
        parts.append(para(ctx.say("sensitivity.no_simulation")))
    else:
        parts.append(
            para(
                ctx.say(
                    "sensitivity.intro",
                    n=sens.samples,
                    spread=ctx.percent(sens.weight_spread),
                    cells=sens.uncertain_cells,
                    seed=str(sens.seed),
                )
            )
        )
        options = [o for o in result.ranking if o in sens.rank_acceptability]
        if sens.ranking_never_changed():
            parts.append(para(ctx.say("sensitivity.stable", n=sens.samples, option=ctx.option(options[0])), cls="lead"))
        else:
            ranks = [ctx.say("sensitivity.rank_n", n=i + 1) for i in range(len(options))]
            shades = _rank_shades(len(options))
            chart = svg.stacked_bars(
                [ctx.option(o) for o in options],
                list(zip(ranks, shades, strict=True)),
                [sens.rank_acceptability[o] for o in options],
                maximum=1.0,
                ticks=[i / 4 for i in range(5)],
                tick_label=lambda v: ctx.percent(v),
                label=ctx.say("sensitivity.chart"),
            )
            parts.append(tag("figure", Raw(chart)))
        head = [ctx.say("col.option"), ctx.say("col.first"), ctx.say("col.p5"), ctx.say("col.p50"), ctx.say("col.p95")]
        rows = [
            (
                ctx.option(o),
                ctx.percent(sens.first_rank_probability(o)),
                *(ctx.total(v) for v in sens.total_percentiles.get(o, [None, None, None])),
            )
            for o in options
        ]
        parts.append(table(head, rows, numeric=(1, 2, 3, 4), widths=("44%", "14%", "14%", "14%", "14%")))
    parts.append(tag("h3", ctx.say("sensitivity.tipping_title")))
    tips = sorted(
        (tp for tp in sens.tipping_points if tp.smallest_change is not None), key=lambda tp: tp.smallest_change
    )
    if not tips:
        parts.append(para(ctx.say("sensitivity.no_tipping")))
        return join(parts)
    if sens.top is not None:
        parts.append(para(ctx.say("sensitivity.tipping_intro", option=ctx.option(sens.top))))
    head = [ctx.say("col.criterion"), ctx.say("col.share_now"), ctx.say("col.tip_up"), ctx.say("col.tip_down")]
    rows = [
        (ctx.criterion(tp.criterion_id), ctx.percent(tp.share, 1), _tip(ctx, tp.increase), _tip(ctx, tp.decrease))
        for tp in tips[:MAX_TIPPING_ROWS]
    ]
    parts.append(table(head, rows, numeric=(1,), widths=("30%", "12%", "29%", "29%")))
    if len(tips) > MAX_TIPPING_ROWS:
        parts.append(para(ctx.say("sensitivity.more_tips", n=len(tips) - MAX_TIPPING_ROWS), cls="note"))
    return join(parts)


def _tip(ctx: ReportContext, tip: Tip | None) -> str:
    if tip is None:
        return ctx.say("sensitivity.never")
    return ctx.say("sensitivity.tip", share=ctx.percent(tip.share, 1), option=ctx.option(tip.new_top))


def _rank_shades(n: int) -> list[str]:
    """Rank 1 darkest green, fading to grey for the last rank."""
    start, end = (0x1B, 0x5E, 0x20), (0xCF, 0xD8, 0xDC)
    out = []
    for i in range(n):
        f = i / max(n - 1, 1)
        out.append("#" + "".join(f"{round(a + (b - a) * f):02x}" for a, b in zip(start, end, strict=True)))
    return out


# --- cost -------------------------------------------------------------------------------------------


def cost(ctx: ReportContext) -> Raw:
    """Each option's total cost of ownership over the horizon, discounted, and its time to first report;
    cumulative cost per year as lines. (Benefits, once the assessment records them, join here.)"""
    result = ctx.result
    if result is None:
        return _unscored(ctx)
    s = ctx.assessment.settings
    parts = [
        para(
            ctx.say(
                "cost.intro",
                currency=s.currency,
                years=s.horizon_years,
                rate=ctx.percent(s.discount_rate, 1),
            )
        )
    ]
    head = [
        ctx.say("col.option"),
        ctx.say("col.one_off", currency=s.currency),
        ctx.say("col.undiscounted", currency=s.currency),
        ctx.say("col.npv", currency=s.currency),
        ctx.say("col.months"),
    ]
    rows = []
    for o in result.ranking:
        c = result.costs[o]
        months = c.time_to_first_report_months
        rows.append(
            (
                ctx.option(o),
                ctx.number(c.one_off),
                ctx.number(c.undiscounted),
                ctx.number(c.npv),
                ctx.number(months, 0 if months is None or float(months).is_integer() else 1),
            )
        )
    parts.append(table(head, rows, numeric=(1, 2, 3, 4), widths=("36%", "16%", "16%", "16%", "16%")))
    uncosted = [ctx.option(o) for o in result.ranking if result.costs[o].missing]
    if uncosted:
        parts.append(para(ctx.say("cost.missing", options=", ".join(uncosted)), cls="warning"))
    costed = {ctx.option(o): result.costs[o] for o in result.ranking if not result.costs[o].missing}
    if costed:
        decided = ctx.assessment.decision.decided_on if ctx.assessment.decision else None
        first_year = (decided or ctx.generated).year
        years = list(range(s.horizon_years))
        series = {name: c.cumulative for name, c in costed.items()}
        chart = svg.lines(
            [str(first_year + y) for y in years],
            series,
            tick_label=lambda v: ctx.number(v),
            label=ctx.say("cost.chart", currency=s.currency),
        )
        parts += [tag("figure", Raw(chart)), para(ctx.say("cost.chart", currency=s.currency), cls="caption")]
    return join(parts)


# --- roadmap ----------------------------------------------------------------------------------------


def roadmap(ctx: ReportContext) -> Raw:
    """The planned roadmap (phases, options, dates) as a table and a timeline; without a plan, the
    recommendation's suggested steps."""
    items = ctx.assessment.roadmap
    if not items:
        steps = ctx.result.recommendation.roadmap if ctx.result is not None else []
        if not steps:
            return para(ctx.say("roadmap.none"))
        listed = tag("ol", join(tag("li", step.texts[ctx.lang]) for step in steps))
        return join([para(ctx.say("roadmap.suggested"), cls="note"), listed])
    head = [ctx.say("col.step"), ctx.say("col.phase"), ctx.say("col.option"), ctx.say("col.start"), ctx.say("col.end")]
    rows = [
        (r.title, ctx.label("roadmap_phase", r.phase), ctx.option(r.option_id), r.start.isoformat(), r.end.isoformat())
        for r in items
    ]
    phases = list(dict.fromkeys(r.phase for r in items))
    chart = svg.timeline(
        [(r.title, r.start, r.end, PHASE_COLOURS.get(r.phase, "#546e7a")) for r in items],
        year_label=str,
        legend=[(ctx.label("roadmap_phase", p), PHASE_COLOURS.get(p, "#546e7a")) for p in phases],
        label=ctx.say("roadmap.chart"),
    )
    planned = table(head, rows, cls="compact", widths=("34%", "15%", "25%", "13%", "13%"))
    return join([tag("figure", Raw(chart)), planned])


# --- method -----------------------------------------------------------------------------------------


def method(ctx: ReportContext) -> Raw:
    """How the figures were made: the scoring method, utilities, gates, weights, cost, sensitivity,
    coverage and robustness rules, with this run's parameters."""
    result = ctx.result
    parts = [para(ctx.say("method.utility")), para(ctx.say("method.weighted_sum")), para(ctx.say("method.topsis"))]
    if result is not None:
        parts.append(para(ctx.say("method.used", method=_method_name(ctx, result)), cls="lead"))
    parts += [para(ctx.say("method.gates")), para(ctx.say("method.missing"))]
    weighting = ctx.assessment.weighting.method
    parts.append(para(ctx.say("method.weights", method=translate(f"weights.methods.{weighting}", ctx.lang))))
    if result is not None and result.weighting is not None and result.weighting.consistency_ratio is not None:
        parts.append(para(ctx.say("method.consistency", cr=ctx.number(result.weighting.consistency_ratio, 3))))
    s = ctx.assessment.settings
    parts.append(para(ctx.say("method.cost", years=s.horizon_years, rate=ctx.percent(s.discount_rate, 1))))
    if result is not None:
        sens = result.sensitivity
        parts.append(
            para(
                ctx.say(
                    "method.sensitivity",
                    n=sens.samples,
                    seed=str(sens.seed),
                    spread=ctx.percent(sens.weight_spread),
                )
            )
        )
    parts.append(para(ctx.say("method.robustness", robust=ctx.percent(ROBUST), moderate=ctx.percent(MODERATE))))
    parts.append(para(ctx.say("method.coverage")))
    rules = ctx.framework.readiness  # the readiness rules as data, as the coverage section applies them
    levels = "; ".join(
        translate("readiness.report.level", ctx.lang, name=lv.label.get(ctx.lang), min=lv.min) for lv in rules.levels
    )
    parts.append(
        para(f"{rules.description.get(ctx.lang)} {levels}. {translate('readiness.workbook.rule.automation', ctx.lang)}")
    )
    parts.append(para(ctx.say("method.source")))
    if result is not None and result.warnings:
        parts += [tag("h3", ctx.say("method.warnings")), bullets([w.text(ctx.lang) for w in result.warnings])]
    return join(parts)
