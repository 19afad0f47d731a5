"""The app's readiness panels: readiness for automation per standard (figures, a chart, the table and
every material DR) under the ESRS coverage view, and today's automation share against the target on
the to-be page. Every figure is ``esg_workbench.readiness``'s; this module only shows it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..coverage import CoverageSummary
from ..formats import MISSING, format_count, format_number, format_percent
from ..readiness import AutomationShare, ReadinessSummary, readiness_summary
from . import charts, state
from .i18n import t
from .literal import md
from .table_editor import Ctx


def summary_of(ctx: Ctx, coverage: CoverageSummary | None = None) -> ReadinessSummary:
    """The open assessment's readiness, computed once per revision and language."""
    return state.memo("readiness.summary", lambda: readiness_summary(ctx.assessment, ctx.framework, coverage))


def readiness_panel(ctx: Ctx, coverage: CoverageSummary) -> None:
    """Readiness of the material DRs per standard and the automation share, under the coverage view."""
    summary = summary_of(ctx, coverage)
    lang = ctx.lang
    rules = ctx.framework.readiness
    st.subheader(t("readiness.app.title"))
    st.markdown(md(summary.sentence(lang)))
    cols = st.columns(len(summary.levels) + 1)
    for col, level in zip(cols, summary.levels, strict=False):
        col.metric(summary.label(level, lang), format_count(summary.overall.counts[level], lang))
    cols[-1].metric(t("readiness.app.mean"), _score(summary.overall.mean_score, lang))
    automation_metrics(ctx, summary.automation)
    chart, table = st.tabs([t("readiness.app.chart_tab"), t("readiness.app.table_tab")])
    # The chart and the tables change with the revision and the language only: built once for both,
    # not on every rerun (with an item per datapoint the item table alone has over a thousand rows).
    with chart:
        st.plotly_chart(
            state.memo("readiness.chart", lambda: _chart(summary, lang)), width="stretch", key="chart.readiness.bars"
        )
    with table:
        st.dataframe(
            state.memo("readiness.standards", lambda: _standard_frame(summary, lang)), hide_index=True, width="stretch"
        )
    long_tables = (
        ("readiness.app.per_dr", "readiness.drs", summary.drs, _dr_frame),
        ("readiness.app.per_item", "readiness.items", summary.items, _item_frame),
    )
    for title, memo_key, rows, frame in long_tables:
        with st.expander(t(title, n=len(rows)), icon=":material/list:"):
            st.dataframe(
                state.memo(memo_key, lambda frame=frame: frame(ctx, summary)),
                hide_index=True,
                width="stretch",
                height=min(38 + 35 * len(rows), 420),
            )
    with st.expander(t("readiness.app.per_source", n=len(summary.sources)), icon=":material/database:"):
        st.dataframe(
            state.memo("readiness.sources", lambda: _source_frame(ctx, summary)), hide_index=True, width="stretch"
        )
    with st.expander(t("readiness.app.rules"), icon=":material/rule:"):
        st.caption(md(rules.description.get(lang)))
        for level in rules.levels:
            st.caption(md(t("readiness.app.level", name=level.label.get(lang), min=level.min)))
        st.caption(md(f"{rules.not_known.get(lang)}: {rules.not_known_description.get(lang)}"))


def automation_metrics(ctx: Ctx, automation: AutomationShare) -> None:
    """Today's automation share, the to-be target and the gap, as three figures and the sentence."""
    lang = ctx.lang
    today, target, gap = st.columns(3)
    today.metric(t("readiness.app.today"), format_percent(automation.share, lang, 1))
    if automation.target_pct is None:
        target.metric(t("readiness.app.target"), t("readiness.app.no_target"))
        gap.metric(t("readiness.app.gap"), MISSING)
    else:
        target.metric(t("readiness.app.target"), format_percent(automation.target_pct / 100, lang))
        gap.metric(t("readiness.app.gap"), format_number(automation.gap_points, lang, 1))
    st.caption(md(automation.sentence(lang)))


def automation_today(ctx: Ctx) -> None:
    """On the to-be page: today's automation share (from the coverage in step 1) against the target."""
    summary = summary_of(ctx)
    st.caption(md(t("readiness.app.today_intro")))
    automation_metrics(ctx, summary.automation)


def _chart(summary: ReadinessSummary, lang: str):  # noqa: ANN202 - a plotly figure
    counts = {c.standard: c.counts for c in summary.by_standard}
    labels = {level: summary.label(level, lang) for level in summary.levels}
    return charts.localise(charts.readiness_bars(counts, labels), lang)


def _score(value: float | None, lang: str) -> str:
    return MISSING if value is None else format_number(value, lang)


def _standard_frame(summary: ReadinessSummary, lang: str) -> pd.DataFrame:
    rows = []
    for counts in [*summary.by_standard, summary.overall]:
        row = {
            t("readiness.app.standard"): counts.standard or t("readiness.app.all"),
            t("readiness.app.material_drs"): format_count(counts.material_drs, lang),
        }
        row.update({summary.label(lv, lang): format_count(counts.counts[lv], lang) for lv in summary.levels})
        row[t("readiness.app.mean")] = _score(counts.mean_score, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def _dr_frame(ctx: Ctx, summary: ReadinessSummary) -> pd.DataFrame:
    lang, fw = ctx.lang, ctx.framework
    names = {s.id: s.name for s in ctx.assessment.data_sources}
    rows = []
    for dr in summary.drs:
        rows.append(
            {
                t("col.dr"): fw.esrs.dr_label(dr.code, lang),
                t("readiness.app.standard"): dr.standard,
                t("readiness.app.score"): _score(dr.score, lang),
                t("readiness.app.level_col"): summary.label(dr.level, lang),
                t("readiness.app.weakest"): dr.explained(names, lang),
            }
        )
    return pd.DataFrame(rows)


def _item_frame(ctx: Ctx, summary: ReadinessSummary) -> pd.DataFrame:
    lang = ctx.lang
    names = {s.id: s.name for s in ctx.assessment.data_sources}
    keys = ("readiness.app.item", "col.dr", "readiness.app.datapoint", "readiness.app.score")
    columns = [*(t(key) for key in keys), t("readiness.app.level_col"), t("readiness.app.weakest")]
    levels = {level: summary.label(level, lang) for level in {item.level for item in summary.items}}
    rows = [
        (
            item.item_id,
            item.disclosure_requirement,
            item.datapoint_id or "",
            _score(item.score, lang),
            levels[item.level],
            item.explained(names, lang),
        )
        for item in summary.items
    ]
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame([])


def _source_frame(ctx: Ctx, summary: ReadinessSummary) -> pd.DataFrame:
    """Every data source's score and the points of each factor, lowest first (the ones to improve)."""
    lang, rules = ctx.lang, ctx.framework.readiness
    names = {s.id: s.name for s in ctx.assessment.data_sources}
    factors = {f.field: f.name.get(lang) for f in rules.factors}
    order = sorted(summary.sources, key=lambda s: (s.score is not None, s.score or 0.0))
    rows = []
    for source in order:
        row = {
            t("readiness.app.source"): names.get(source.source_id, source.source_id),
            t("readiness.app.score"): _score(source.score, lang),
            t("readiness.app.level_col"): summary.label(rules.level(source.score), lang),
        }
        row.update(
            {
                name: MISSING
                if source.factor_points.get(field) is None
                else format_count(source.factor_points[field], lang)
                for field, name in factors.items()
            }
        )
        row[t("readiness.app.capped_by")] = factors.get(source.capped_by or "", "")
        rows.append(row)
    return pd.DataFrame(rows)
