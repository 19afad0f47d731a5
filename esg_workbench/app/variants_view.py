"""Step 4's variants view: named variants of the decision, each stated as what it assumes differently
(weights of criteria or groups, options left out, cost factors and automation shares per option,
horizon, discount and hourly rate, ambition), and the assessment and its variants side by side with
their winners, totals, ranks, probabilities of rank 1, TCO, net present values and the input
differences that explain them. The figures are the engine's (``scoring.variants.compare``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain.assessment import OptionOverride, WeightOverride
from ..domain.results import VariantComparison, VariantResult
from ..formats import format_money, format_number, format_percent
from . import state
from .display import option_name
from .i18n import t
from .literal import md
from .result_views import method
from .table_columns import VARIANTS, col
from .table_editor import NO_VALUE, Col, Ctx, ListAdapter, editable_table


def _of_variant(variant_id: str, attr: str):  # noqa: ANN202 - a (get, put) pair
    def get(a):  # noqa: ANN001, ANN202
        return list(next((getattr(v, attr) for v in a.variants if v.id == variant_id), []))

    def put(a, items):  # noqa: ANN001, ANN202
        return a.model_copy(
            update={"variants": [v.model_copy(update={attr: items}) if v.id == variant_id else v for v in a.variants]}
        )

    return get, put


def _overrides(assessment, variant_id: str, attr: str, model: type, columns: tuple[Col, ...]) -> ListAdapter:  # noqa: ANN001
    """The table of one variant's weight overrides or option assumptions (``attr``)."""
    index = next(i for i, v in enumerate(assessment.variants) if v.id == variant_id)
    return ListAdapter(
        f"{attr} of {variant_id}",
        model,
        columns,
        f"variants[{index}].{attr}",
        *_of_variant(variant_id, attr),
        id_field=None,
    )


def variant_weights(assessment, variant_id: str) -> ListAdapter:  # noqa: ANN001
    columns = (
        col(WeightOverride, "target_id", "workshop_b.variants.col_target"),
        col(WeightOverride, "weight", "col.weight", step=0.5),
    )
    return _overrides(assessment, variant_id, "weights", WeightOverride, columns)


def variant_options(assessment, variant_id: str) -> ListAdapter:  # noqa: ANN001
    columns = (
        col(OptionOverride, "option_id", "workshop_b.variants.col_option"),
        col(OptionOverride, "cost_factor", "workshop_b.variants.col_cost_factor", step=0.1),
        col(OptionOverride, "automation_pct", "workshop_b.view.col_automation", number_format="%.0f"),
    )
    return _overrides(assessment, variant_id, "options", OptionOverride, columns)


def variants_view(ctx: Ctx) -> None:
    a = ctx.assessment
    st.caption(t("workshop_b.variants.intro"))
    st.subheader(t("workshop_b.variants.table"))
    editable_table(VARIANTS, ctx, key="scenarios.variants")
    if not a.variants:
        st.info(t("workshop_b.variants.none"), icon=":material/info:")
        return
    names = {v.id: v.name for v in a.variants}
    ids = list(names)
    widget = "scenarios.variant.pick"
    if st.session_state.get(widget) not in ids:
        st.session_state[widget] = ids[0]
    chosen = st.selectbox(t("workshop_b.variants.pick"), ids, key=widget, format_func=names.__getitem__)
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('workshop_b.variants.weights')}**")
        editable_table(variant_weights(a, chosen), ctx, key=f"scenarios.variant_weights.{chosen}")
    with right:
        st.markdown(f"**{t('workshop_b.variants.options')}**")
        editable_table(variant_options(a, chosen), ctx, key=f"scenarios.variant_options.{chosen}")
    _compared(ctx)


def _compared(ctx: Ctx) -> None:
    from ..domain import AssessmentInvalid
    from ..scoring.variants import compare

    st.subheader(t("workshop_b.variants.compared"))

    def run() -> VariantComparison | str:
        try:
            return compare(ctx.assessment, method(), framework=ctx.framework)
        except AssessmentInvalid as exc:
            return "; ".join(f"{p.path}: {p.text(ctx.lang)}" for p in exc.problems)

    comparison = state.memo("variants.compare", run, method())
    if isinstance(comparison, str):
        st.info(md(comparison), icon=":material/info:")
        return
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in ctx.assessment.options}
    if comparison.winners_differ:
        st.warning(t("workshop_b.variants.winners_differ"), icon=":material/call_split:")
    else:
        st.success(t("workshop_b.variants.winners_agree"), icon=":material/verified:")
    st.dataframe(_summary(comparison, names, ctx), hide_index=True, width="stretch", placeholder=NO_VALUE)
    st.markdown(f"**{t('workshop_b.variants.totals')}**")
    st.dataframe(_matrix(comparison, names, ctx), hide_index=True, width="stretch", placeholder=NO_VALUE)
    for k, result in enumerate(comparison.results[1:], start=1):
        label = _label(result, k)
        if not result.valid:
            st.warning(
                md("\n".join([t("workshop_b.variants.invalid", name=label), *result.problems.get(ctx.lang, [])])),
                icon=":material/error:",
            )
            continue
        with st.expander(md(t("workshop_b.variants.differences", name=label))):
            if result.differences:
                st.code("\n".join(result.differences), language=None)
            else:
                st.caption(md(t("workshop_b.variants.no_differences", name=label)))


def _label(result: VariantResult, index: int) -> str:
    return t("workshop_b.variants.base", name=result.name) if index == 0 else result.name


def _summary(comparison: VariantComparison, names: dict[str, str], ctx: Ctx) -> pd.DataFrame:
    currency, lang = comparison.currency, ctx.lang
    decimals = 3 if comparison.method == "topsis" else 1
    rows = []
    for k, result in enumerate(comparison.results):
        winner = result.recommended
        p = result.first_rank_probability.get(winner) if winner else None
        tco = result.tco.get(winner) if winner else None
        net = result.net_npv.get(winner) if winner else None
        ambition = ctx.framework.label("ambition_level", result.ambition, lang) if result.ambition else None
        rows.append(
            {
                t("workshop_b.variants.col_variant"): _label(result, k),
                t("workshop_b.variants.col_ambition"): ambition,
                t("workshop_b.variants.col_winner"): (
                    names.get(winner, winner) if winner else t("workshop_b.variants.no_winner")
                )
                if result.valid
                else None,
                t("workshop_b.variants.col_total"): format_number(result.totals[winner], lang, decimals)
                if winner
                else None,
                t("workshop_b.variants.col_first"): None if p is None else format_percent(p, lang),
                t("workshop_b.variants.col_tco", currency=currency): None if tco is None else format_money(tco, lang),
                t("workshop_b.variants.col_net", currency=currency): None if net is None else format_money(net, lang),
                t("workshop_b.variants.col_changes"): len(result.differences) if result.valid else None,
            }
        )
    return pd.DataFrame(rows)


def _matrix(comparison: VariantComparison, names: dict[str, str], ctx: Ctx) -> pd.DataFrame:
    """Options as rows, the assessment and its variants as columns: total (rank), or left out."""
    decimals = 3 if comparison.method == "topsis" else 1
    rows = []
    for option_id in comparison.option_names:
        row: dict[str, str | None] = {t("col.option"): names.get(option_id, option_id)}
        for k, result in enumerate(comparison.results):
            if not result.valid:
                shown = None
            elif option_id in result.excluded:
                shown = t("workshop_b.variants.left_out")
            else:
                shown = f"{format_number(result.totals[option_id], ctx.lang, decimals)} (#{result.ranks[option_id]})"
            row[_label(result, k)] = shown
        rows.append(row)
    return pd.DataFrame(rows)
