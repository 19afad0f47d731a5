"""The views of step 4 that show the decision engine's results: cost over the horizon, the ranking with
each criterion's contribution and its sensitivity, and the recommendation next to the decision and its
roadmap. Numbers come from the engine's result objects; nothing is recomputed here."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ..domain import AssessmentInvalid
from ..domain.results import ScoreResult
from . import charts, state
from .decision import decision_form, roadmap_section
from .display import criterion_name, option_name
from .i18n import t
from .literal import md
from .problem_text import message_text
from .specs import cost_lines
from .tables import NO_VALUE, Ctx, editable_table
from .widgets import number_field, text_field

METHODS = ("weighted-sum", "topsis")
METHOD_KEY = "scenarios.method"


def method() -> str:
    chosen = st.session_state.get(METHOD_KEY)
    return chosen if chosen in METHODS else METHODS[0]


def result(ctx: Ctx) -> ScoreResult | str:
    """The engine's result for the open revision (cached per revision and method), or why there is none.
    The engine's default samples and seed, so the app shows the numbers the workbook and the CLI show."""
    from ..scoring import score

    def run() -> ScoreResult | str:
        try:
            return score(ctx.assessment, method=method(), framework=ctx.framework)
        except AssessmentInvalid as exc:  # e.g. a quantitative criterion without anchors
            return "; ".join(f"{p.path}: {message_text(p.message, ctx.lang)}" for p in exc.problems)
        except ValueError as exc:
            return str(exc)

    if not ctx.assessment.options or not ctx.assessment.criteria:
        return t("scenarios.no_result")
    with st.spinner(t("scenarios.computing")):
        return state.memo("score", run, method())


# --- costs ----------------------------------------------------------------------------------------


def costs_view(ctx: Ctx) -> None:
    from ..scoring.cost import tco_all
    from .scenario_views import pick_option

    st.caption(t("scenarios.costs_intro"))
    a = ctx.assessment
    settings_cols = st.columns(3)
    with settings_cols[0]:
        text_field("settings.currency", "scenarios.currency", help="scenarios.currency_help")
    with settings_cols[1]:
        number_field(
            "settings.horizon_years", "scenarios.horizon", min_value=1, max_value=30, integer=True, allow_none=False
        )
    with settings_cols[2]:
        number_field(
            "settings.discount_rate",
            "scenarios.discount_rate",
            min_value=0.0,
            max_value=0.5,
            step=0.005,
            fmt="%.3f",
            allow_none=False,
            help="scenarios.discount_rate_help",
        )
    if not a.options:
        st.info(t("scenarios.no_options"), icon=":material/info:")
        return
    costs = state.memo("costs", lambda: tco_all(a.options, a.settings))
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in a.options}
    years = list(range(a.settings.horizon_years))
    decided = a.decision.decided_on if a.decision and a.decision.decided_on else None
    first_year = (decided or date.today()).year  # year 0 is the year of the decision
    cumulative = {names[o]: [sum(c.per_year[: i + 1]) for i in years] for o, c in costs.items()}
    st.plotly_chart(
        charts.cost_lines_chart([first_year + y for y in years], cumulative, a.settings.currency),
        width="stretch",
        key="chart.costs",
    )
    frame = _cost_frame(costs, names, a.settings.currency)
    money = {name: st.column_config.NumberColumn(format="localized") for name in frame.columns[1:4]}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=money, placeholder=NO_VALUE)
    option_id = pick_option(ctx, "scenarios.option.costs")
    if option_id is not None:
        editable_table(cost_lines(a, option_id), ctx, key=f"scenarios.costs.{option_id}")


def _cost_frame(costs: dict, names: dict[str, str], currency: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("col.option"): names[o],
                t("scenarios.one_off", currency=currency): round(
                    sum(line.undiscounted for line in c.lines if line.kind == "one_off")
                ),
                t("scenarios.total", currency=currency): round(c.undiscounted),
                t("scenarios.npv", currency=currency): round(c.npv),
                t("col.ttfr"): c.time_to_first_report_months,
            }
            for o, c in costs.items()
        ]
    )


# --- ranking and sensitivity ----------------------------------------------------------------------


def ranking_view(ctx: Ctx) -> None:
    st.caption(t("scenarios.ranking_intro"))
    st.segmented_control(
        t("scenarios.method"),
        METHODS,
        key=METHOD_KEY,
        default=METHODS[0],
        format_func=lambda m: t(f"scenarios.methods.{m}"),
    )
    outcome = result(ctx)
    if isinstance(outcome, str):
        st.info(md(message_text(outcome, ctx.lang)), icon=":material/info:")
        return
    for warning in outcome.warnings:
        st.warning(md(message_text(warning, ctx.lang)), icon=":material/warning:")
    st.dataframe(_ranking_frame(outcome, ctx), hide_index=True, width="stretch", placeholder=NO_VALUE)
    _contributions(outcome, ctx)
    _sensitivity(outcome, ctx)


def _names(outcome: ScoreResult, ctx: Ctx) -> dict[str, str]:
    return {o.id: option_name(o, ctx.framework, ctx.lang) for o in ctx.assessment.options} | {
        k: v for k, v in outcome.option_names.items() if k not in {o.id for o in ctx.assessment.options}
    }


def _ranking_frame(outcome: ScoreResult, ctx: Ctx) -> pd.DataFrame:
    names = _names(outcome, ctx)
    rows = []
    for option_id in outcome.ranking:
        explanation = outcome.explanations[option_id]
        probability = outcome.sensitivity.first_rank_probability(option_id)
        rows.append(
            {
                t("scenarios.rank"): outcome.ranks[option_id],
                t("col.option"): names.get(option_id, option_id),
                t("scenarios.total_score"): round(outcome.totals[option_id], 3 if outcome.method == "topsis" else 1),
                t("scenarios.eligible"): "✓" if outcome.eligible[option_id] else "✗",
                t("scenarios.failed_musts"): len(explanation.failed_must_haves),
                t("scenarios.p_first"): None if probability is None else round(100 * probability),
            }
        )
    return pd.DataFrame(rows)


def _contributions(outcome: ScoreResult, ctx: Ctx) -> None:
    st.subheader(t("scenarios.contributions"))
    names = _names(outcome, ctx)
    criteria = {c.id: criterion_name(c, ctx.framework, ctx.lang) for c in ctx.assessment.criteria}
    order = sorted(outcome.weights, key=lambda c: -outcome.weights[c])
    shown = order[:12]  # the heaviest criteria by name; the rest together, so the legend stays readable
    labels = [criteria.get(c, c) for c in shown] + ([t("scenarios.other_criteria")] if len(order) > 12 else [])
    values = []
    for option_id in outcome.ranking:
        points = {p.criterion_id: p.points for p in outcome.explanations[option_id].contributions}
        row = [points.get(c, 0.0) for c in shown]
        if len(order) > 12:
            row.append(sum(points.get(c, 0.0) for c in order[12:]))
        values.append(row)
    st.plotly_chart(
        charts.contributions([names.get(o, o) for o in outcome.ranking], labels, values),
        width="stretch",
        key="chart.contributions",
    )
    st.caption(t(f"scenarios.contributions_note.{outcome.method}"))


def _sensitivity(outcome: ScoreResult, ctx: Ctx) -> None:
    sens = outcome.sensitivity
    st.subheader(t("scenarios.sensitivity"))
    names = _names(outcome, ctx)
    if sens.rank_acceptability:
        st.caption(
            t(
                "scenarios.sensitivity_intro",
                samples=sens.samples,
                spread=round(100 * sens.weight_spread),
                cells=sens.uncertain_cells,
            )
        )
        options = [o for o in outcome.ranking if o in sens.rank_acceptability]
        ranks = [t("scenarios.rank_n", n=i + 1) for i in range(len(options))]
        shares = [sens.rank_acceptability[o] for o in options]
        st.plotly_chart(
            charts.rank_shares([names.get(o, o) for o in options], ranks, shares),
            width="stretch",
            key="chart.rank_shares",
        )
    criteria = {c.id: criterion_name(c, ctx.framework, ctx.lang) for c in ctx.assessment.criteria}
    tips = sorted(
        (tp for tp in sens.tipping_points if tp.smallest_change is not None), key=lambda tp: tp.smallest_change
    )
    if not tips:
        st.success(t("scenarios.no_tipping"), icon=":material/verified:")
        return
    st.markdown(f"**{t('scenarios.tipping')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.criterion"): criteria.get(tp.criterion_id, tp.criterion_id),
                    t("scenarios.share_now"): f"{100 * tp.share:.1f} %",
                    t("scenarios.tip_up"): _tip_text(tp.increase, names),
                    t("scenarios.tip_down"): _tip_text(tp.decrease, names),
                }
                for tp in tips[:10]
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _tip_text(tip, names: dict[str, str]) -> str:  # noqa: ANN001 - Tip | None
    if tip is None:
        return "—"
    return t("scenarios.tip", share=f"{100 * tip.share:.1f}", option=names.get(tip.new_top, tip.new_top))


# --- decision -------------------------------------------------------------------------------------


def decision_view(ctx: Ctx) -> None:
    outcome = result(ctx)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("scenarios.recommendation"))
        if isinstance(outcome, str):
            st.info(md(message_text(outcome, ctx.lang)), icon=":material/info:")
        else:
            rec = outcome.recommendation
            with st.container(border=True):
                st.markdown(md(rec.text(ctx.lang)))
                st.caption(t(f"scenarios.robustness.{rec.robustness}"))
    with right:
        st.subheader(t("scenarios.decision"))
        decision_form(ctx, None if isinstance(outcome, str) else outcome.recommendation)
    roadmap_section(ctx, None if isinstance(outcome, str) else outcome.recommendation)
