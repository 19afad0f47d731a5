"""Step 4's business case view: the hourly rate, today's manual collection hours, each option's benefit,
net present value, payback year and cost per score point, the options dominated on score and cost
(with a score-against-cost chart), and each option's other benefit lines. Every figure is the engine's
(``ScoreResult.business_case``); what is not known is said, and shown as the table's dash, never 0."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain.results import BusinessCase, ScoreResult
from ..formats import format_money, format_number
from ..scoring.business_case import manual_hours
from ..scoring.business_case_wording import dominated_lines, gap_lines
from ..scoring.wording import count
from . import charts
from .display import option_name
from .i18n import t
from .literal import md
from .result_views import result
from .table_columns import benefit_lines
from .table_editor import NO_VALUE, Ctx, editable_table
from .widgets import number_field, pick_option


def business_case_view(ctx: Ctx) -> None:
    a = ctx.assessment
    st.caption(t("workshop_b.view.intro"))
    number_field(
        "settings.hourly_rate",
        "workshop_b.view.hourly_rate",
        min_value=0.0,
        step=50.0,
        fmt="%.2f",
        help="workshop_b.view.hourly_rate_help",
    )
    hours, _ = manual_hours(a)
    if hours is None:
        st.warning(t("workshop_b.view.no_manual_hours"), icon=":material/help:")
    else:
        known = sum(1 for s in a.data_sources if s.manual_effort_hours_per_year is not None)
        st.caption(
            t(
                "workshop_b.view.manual_hours",
                hours=format_number(hours, ctx.lang),
                sources=count(known, "data_source", ctx.lang),
            )
        )
    if not a.options:
        st.info(t("scenarios.no_options"), icon=":material/info:")
        return
    outcome = result(ctx)
    if isinstance(outcome, str):
        st.info(md(outcome), icon=":material/info:")
    else:
        _figures(outcome, ctx)
    st.subheader(t("workshop_b.view.benefits"))
    st.caption(t("workshop_b.view.benefits_intro"))
    option_id = pick_option(ctx, "scenarios.option.benefits")
    if option_id is not None:
        editable_table(benefit_lines(a, option_id), ctx, key=f"scenarios.benefits.{option_id}")


def _figures(outcome: ScoreResult, ctx: Ctx) -> None:
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in ctx.assessment.options}
    cases = outcome.business_case
    gaps = gap_lines(
        cases, outcome.sources_without_hours, names, ctx.lang, data_sources=len(ctx.assessment.data_sources)
    )
    if gaps:
        st.warning(md("\n".join(gaps)), icon=":material/help:")
    currency = outcome.currency
    st.subheader(t("workshop_b.view.automation"))
    st.caption(t("workshop_b.view.automation_where"))
    frame = _frame(outcome, names, ctx.lang)
    right = {name: st.column_config.TextColumn(alignment="right") for name in frame.columns[1:-1]}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=right, placeholder=NO_VALUE)
    st.subheader(t("workshop_b.view.chart"))
    points = [
        (names[o], outcome.totals[o], c.cost_npv, bool(c.dominated_by))
        for o, c in cases.items()
        if c.cost_npv is not None
    ]
    fig = charts.score_against_cost(
        points,
        score_title=t("workshop_b.view.axis_score"),
        cost_title=t("workshop_b.view.axis_cost", currency=currency),
        legend=(t("workshop_b.view.not_dominated"), t("workshop_b.view.dominated")),
    )
    st.plotly_chart(charts.localise(fig, ctx.lang), width="stretch", key="chart.score_cost")
    st.caption(t("workshop_b.view.chart_note"))
    lines = dominated_lines({o: c.dominated_by for o, c in cases.items()}, names, ctx.lang)
    if lines:
        st.warning(md("\n".join(lines)), icon=":material/trending_down:")


def _frame(outcome: ScoreResult, names: dict[str, str], lang: str) -> pd.DataFrame:
    """One row per option in ranking order; amounts in the language's format, unknowns empty (a dash)."""
    currency = outcome.currency

    def money(value: float | None) -> str | None:
        return None if value is None else format_money(value, lang)

    def payback(case: BusinessCase) -> str | None:
        if not case.known:
            return None
        return t("workshop_b.view.no_payback") if case.payback_year is None else format_number(case.payback_year, lang)

    rows = []
    for option_id in outcome.ranking:
        case = outcome.business_case[option_id]
        hours = case.hours_removed_per_year
        rows.append(
            {
                t("col.option"): names.get(option_id, option_id),
                t("workshop_b.view.col_hours"): None if hours is None else format_number(hours, lang),
                t("workshop_b.view.col_benefit", currency=currency): money(case.benefit_npv),
                t("workshop_b.view.col_cost", currency=currency): money(case.cost_npv),
                t("workshop_b.view.col_net", currency=currency): money(case.net_npv),
                t("workshop_b.view.col_payback"): payback(case),
                t("workshop_b.view.col_per_point", currency=currency): money(case.cost_per_point),
                t("workshop_b.view.col_dominated"): ", ".join(names.get(d, d) for d in case.dominated_by),
            }
        )
    return pd.DataFrame(rows)
