"""Step 2, to-be: vision, ambition, goals, reporting frequency and automation target; maturity per
dimension (today vs short- and long-term target) as a chart; and the organisation's own answers next
to the report's survey of Danish public organisations."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import charts, state
from esg_workbench.app.fixed_tables import MaturityGrid, SurveyGrid
from esg_workbench.app.guidance import step_header
from esg_workbench.app.i18n import current_language, t
from esg_workbench.app.literal import md
from esg_workbench.app.readiness_views import automation_today
from esg_workbench.app.table_columns import GOALS
from esg_workbench.app.table_editor import Ctx, editable_table
from esg_workbench.app.widgets import number_field, require_assessment, select_field, text_field, view_switch
from esg_workbench.formats import format_percent

VIEWS = (
    ("vision", "to_be.views.vision", ":material/visibility:"),
    ("maturity", "to_be.views.maturity", ":material/stairs:"),
    ("survey", "to_be.views.survey", ":material/bar_chart:"),
)


def _vision(ctx: Ctx) -> None:
    fw = ctx.framework
    left, right = st.columns([3, 2], gap="large")
    with left:
        text_field("to_be.vision", "to_be.vision", area=True, height=120, help="to_be.vision_help")
        ambitions = [term.id for term in fw.vocabularies["ambition_level"]]
        select_field(
            "to_be.ambition",
            "to_be.ambition",
            ambitions,
            lambda v: fw.label("ambition_level", v, ctx.lang),
            allow_none=True,
            help="to_be.ambition_help",
        )
        chosen = next(
            (term for term in fw.vocabularies["ambition_level"] if term.id == ctx.assessment.to_be.ambition), None
        )
        if chosen is not None and chosen.description is not None:
            st.caption(md(chosen.description.get(ctx.lang)))
    with right:
        frequencies = [term.id for term in fw.vocabularies["frequency"]]
        select_field(
            "to_be.reporting_frequency",
            "to_be.frequency",
            frequencies,
            lambda v: fw.label("frequency", v, ctx.lang),
            allow_none=True,
        )
        number_field(
            "to_be.automation_target_pct",
            "to_be.automation",
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            fmt="%.0f",
            help="to_be.automation_help",
        )
        automated = ctx.assessment.to_be.automation_target_pct
        if automated is not None:
            st.progress(automated / 100, text=t("to_be.automation_bar", pct=format_percent(automated / 100, ctx.lang)))
        automation_today(ctx)
    st.subheader(t("to_be.goals"))
    st.caption(t("to_be.goals_intro"))
    editable_table(GOALS, ctx, key="to_be.goals")
    left, right = st.columns(2, gap="large")
    with left:
        text_field("to_be.governance", "to_be.governance", area=True, height=110, help="to_be.governance_help")
    with right:
        text_field("to_be.support", "to_be.support", area=True, height=110, help="to_be.support_help")


def _maturity(ctx: Ctx) -> None:
    model = ctx.framework.maturity_model
    st.caption(md(t("to_be.maturity_intro", model=model.name.get(ctx.lang))))
    editable_table(MaturityGrid(), ctx, key="to_be.maturity")
    chart, levels = st.columns([3, 2], gap="large")
    with levels, st.expander(t("to_be.levels"), icon=":material/info:", expanded=True):
        for level in model.levels:
            st.markdown(f"**{level.level} · {md(level.name.get(ctx.lang))}** — {md(level.description.get(ctx.lang))}")
    with chart:
        rated = {m.dimension: m for m in ctx.assessment.to_be.maturity}
        if not rated:
            st.info(t("to_be.no_maturity"), icon=":material/info:")
            return
        dims = [d for d in model.dimensions if d.id in rated]
        names = [d.name.get(ctx.lang) for d in dims]
        series = {
            t("col.current"): [rated[d.id].current for d in dims],
            t("col.target_short"): [rated[d.id].target_short for d in dims],
            t("col.target_long"): [rated[d.id].target_long for d in dims],
        }
        st.plotly_chart(
            charts.localise(charts.maturity_radar(names, series), ctx.lang), width="stretch", key="chart.maturity"
        )
        behind = [d.name.get(ctx.lang) for d in dims if rated[d.id].target_long < rated[d.id].current]
        if behind:
            st.warning(md(t("to_be.target_below", dims=", ".join(behind))), icon=":material/warning:")


def _survey(ctx: Ctx) -> None:
    st.caption(t("to_be.survey_intro"))
    left, right = st.columns([1, 1], gap="large")
    with left:
        editable_table(SurveyGrid(), ctx, key="to_be.survey")
        st.caption(t("to_be.survey_source"))
    with right:
        questions = ctx.framework.survey
        answers = {s.question: s.answer for s in ctx.assessment.to_be.survey}
        labels = {
            "high": t("to_be.survey_high"),
            "middle": t("to_be.survey_middle"),
            "low": t("to_be.survey_low"),
            "ours": t("to_be.survey_ours"),
            "partly": ctx.framework.label("survey_answer", "partly", ctx.lang),
        }
        fig = charts.survey_comparison(
            [_short(q.text.get(ctx.lang)) for q in questions],
            [q.high_pct for q in questions],
            [q.low_pct for q in questions],
            [answers.get(q.id) for q in questions],
            labels,
        )
        st.plotly_chart(charts.localise(fig, ctx.lang), width="stretch", key="chart.survey")


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render() -> None:
    assessment = require_assessment()
    if assessment is None:
        return
    step_header("to_be", "to_be")
    view = view_switch("to_be", VIEWS)
    ctx = Ctx(assessment, state.framework_of(assessment), current_language())
    {"vision": _vision, "maturity": _maturity, "survey": _survey}[view](ctx)


render()
