"""The views of step 4 that show the decision engine's results: cost over the horizon, the ranking with
each criterion's contribution and its sensitivity, and the recommendation next to the decision and its
roadmap. Numbers come from the engine's result objects; nothing is recomputed here."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ..domain import AssessmentInvalid
from ..domain.results import ScoreResult
from ..formats import format_money, format_number, format_percent
from ..scoring.group_wording import group_summary
from ..scoring.wording import gate_lines, missing_lines, missing_of
from . import charts, state
from .criterion_groups import group_contributions
from .decision import decision_form, roadmap_section
from .display import criterion_name, option_name
from .i18n import t
from .literal import md
from .report_download import report_downloads
from .table_columns import cost_lines
from .table_editor import NO_VALUE, Ctx, editable_table
from .widgets import number_field, pick_option, text_field

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
            return "; ".join(f"{p.path}: {p.text(ctx.lang)}" for p in exc.problems)
        except ValueError as exc:
            return str(exc)

    if not ctx.assessment.options or not ctx.assessment.criteria:
        return t("scenarios.no_result")
    with st.spinner(t("scenarios.computing")):
        return state.memo("score", run, method())


# --- costs ----------------------------------------------------------------------------------------


def costs_view(ctx: Ctx) -> None:
    from ..scoring.cost import tco_all

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
    # An option without cost lines has no cost (missing), so it is left off the chart, not drawn at 0.
    cumulative = {names[o]: c.cumulative for o, c in costs.items() if not c.missing}
    uncosted = [names[o] for o, c in costs.items() if c.missing]
    if uncosted:
        st.warning(md(t("decision_text.costs_missing", options=", ".join(uncosted))), icon=":material/warning:")
    fig = charts.cost_lines_chart([first_year + y for y in years], cumulative, a.settings.currency)
    st.plotly_chart(charts.localise(fig, ctx.lang), width="stretch", key="chart.costs")
    frame = _cost_frame(costs, names, a.settings.currency, ctx.lang)
    right = {name: st.column_config.TextColumn(alignment="right") for name in frame.columns[1:]}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=right, placeholder=NO_VALUE)
    option_id = pick_option(ctx, "scenarios.option.costs")
    if option_id is not None:
        editable_table(cost_lines(a, option_id), ctx, key=f"scenarios.costs.{option_id}")


def _cost_frame(costs: dict, names: dict[str, str], currency: str, lang: str) -> pd.DataFrame:
    """Amounts as text in the language's format (1.250.000 in Danish); a missing cost is empty (the
    table's dash), never 0."""

    def money(value: float | None) -> str | None:
        return None if value is None else format_money(value, lang)

    def months(value: float | None) -> str | None:
        return None if value is None else format_number(value, lang, 0 if float(value).is_integer() else 1)

    return pd.DataFrame(
        [
            {
                t("col.option"): names[o],
                t("scenarios.one_off", currency=currency): money(c.one_off),
                t("scenarios.total", currency=currency): money(c.undiscounted),
                t("scenarios.npv", currency=currency): money(c.npv),
                t("col.ttfr"): months(c.time_to_first_report_months),
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
        st.info(md(outcome), icon=":material/info:")
        return
    for warning in outcome.warnings:
        st.warning(md(warning.text(ctx.lang)), icon=":material/warning:")
    if outcome.group is not None and outcome.group.used:  # say plainly whose weights were scored
        st.info(md(group_summary(outcome.group, ctx.lang)), icon=":material/groups:")
    names = _names(outcome, ctx)
    missing = _missing_lines(outcome, ctx, names)
    if missing:
        st.warning(md("\n".join(missing)), icon=":material/help:")
    if not all(g.eligible for g in outcome.gates.values()):
        st.warning(md("\n".join(gate_lines(outcome.gates, names, ctx.lang))), icon=":material/block:")
    right = {
        t(key): st.column_config.TextColumn(alignment="right") for key in ("scenarios.total_score", "scenarios.p_first")
    }
    st.dataframe(
        _ranking_frame(outcome, ctx), hide_index=True, width="stretch", column_config=right, placeholder=NO_VALUE
    )
    if outcome.group_names:
        group_contributions(outcome, ctx, _names(outcome, ctx))
    _contributions(outcome, ctx)
    _sensitivity(outcome, ctx)


def _names(outcome: ScoreResult, ctx: Ctx) -> dict[str, str]:
    return {o.id: option_name(o, ctx.framework, ctx.lang) for o in ctx.assessment.options} | {
        k: v for k, v in outcome.option_names.items() if k not in {o.id for o in ctx.assessment.options}
    }


def _missing_lines(outcome: ScoreResult, ctx: Ctx, names: dict[str, str]) -> list[str]:
    """Costs and values never entered (counted as 0 points), said with names in the user's language."""
    return missing_lines(missing_of(outcome), names, outcome.criterion_names, ctx.lang)


def _ranking_frame(outcome: ScoreResult, ctx: Ctx) -> pd.DataFrame:
    names = _names(outcome, ctx)
    decimals = 3 if outcome.method == "topsis" else 1
    rows = []
    for option_id in outcome.ranking:
        gate = outcome.gates[option_id]
        probability = outcome.sensitivity.first_rank_probability(option_id)
        rows.append(
            {
                t("scenarios.rank"): outcome.ranks[option_id],
                t("col.option"): names.get(option_id, option_id),
                t("scenarios.total_score"): format_number(outcome.totals[option_id], ctx.lang, decimals),
                t("scenarios.eligible"): t(f"decision_text.gate.{gate.status}"),
                t("scenarios.failed_musts"): len(gate.not_met) + len(gate.unchecked),
                t("scenarios.p_first"): None if probability is None else format_percent(probability, ctx.lang),
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
        charts.localise(charts.contributions([names.get(o, o) for o in outcome.ranking], labels, values), ctx.lang),
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
                samples=format_number(sens.samples, ctx.lang),
                spread=format_percent(sens.weight_spread, ctx.lang),
                cells=sens.uncertain_cells,
            )
        )
        options = [o for o in outcome.ranking if o in sens.rank_acceptability]
        shares = [sens.rank_acceptability[o] for o in options]
        if sens.ranking_never_changed():
            # A chart of solid 100 % bars says nothing; the finding is that no simulation moved anyone.
            st.success(
                md(
                    t(
                        "scenarios.ranking_stable",
                        samples=format_number(sens.samples, ctx.lang),
                        option=names.get(options[0], options[0]),
                    )
                ),
                icon=":material/verified:",
            )
        else:
            ranks = [t("scenarios.rank_n", n=i + 1) for i in range(len(options))]
            st.plotly_chart(
                charts.localise(charts.rank_shares([names.get(o, o) for o in options], ranks, shares), ctx.lang),
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
                    t("scenarios.share_now"): format_percent(tp.share, ctx.lang, 1),
                    t("scenarios.tip_up"): _tip_text(tp.increase, names, ctx.lang),
                    t("scenarios.tip_down"): _tip_text(tp.decrease, names, ctx.lang),
                }
                for tp in tips[:10]
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _tip_text(tip, names: dict[str, str], lang: str) -> str:  # noqa: ANN001 - Tip | None
    if tip is None:
        return NO_VALUE
    return t("scenarios.tip", share=format_percent(tip.share, lang, 1), option=names.get(tip.new_top, tip.new_top))


# --- decision -------------------------------------------------------------------------------------


def decision_view(ctx: Ctx) -> None:
    outcome = result(ctx)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("scenarios.recommendation"))
        if isinstance(outcome, str):
            st.info(md(outcome), icon=":material/info:")
        else:
            rec = outcome.recommendation
            with st.container(border=True):
                # One element per paragraph: the text's blank lines and bullets stay as written.
                for paragraph in rec.text(ctx.lang).split("\n\n"):
                    st.markdown(md(paragraph))
    with right:
        st.subheader(t("scenarios.decision"))
        decision_form(ctx, None if isinstance(outcome, str) else outcome.recommendation)
    roadmap_section(ctx, None if isinstance(outcome, str) else outcome.recommendation)
    st.divider()
    report_downloads(ctx, outcome)
