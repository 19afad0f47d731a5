"""How the criteria's weights are obtained: entered directly, as points, from the MoSCoW priorities of
the linked requirements or a ranking of the criteria (rank-order centroid) or from AHP pairwise
comparisons. A weighting aid proposes
weights beside the entered ones; the architect accepts them with one click (the engine scores with the
entered weights)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain.assessment import GroupJudgement, PairwiseJudgement, Weighting
from ..domain.engine_warnings import WeightsNotDerived
from ..domain.field_registry import field_spec
from ..formats import format_number, format_percent
from . import state
from .display import criterion_name
from .i18n import t
from .literal import md
from .problem_text import problem_text
from .table_columns import col
from .table_editor import NO_VALUE, Ctx, ListAdapter, editable_table
from .widgets import action_button, select_field

METHODS = field_spec(Weighting, "method").values
SCALE = 100.0  # accepted weights are shares of 100, rounded to one decimal
CR_LIMIT = 0.10  # Saaty's limit of an acceptable consistency ratio


def _judgements(model: type[PairwiseJudgement] | type[GroupJudgement], attr: str) -> ListAdapter:
    """The table of AHP judgements between criteria (``pairwise``) or, with groups, between groups."""
    return ListAdapter(
        attr,
        model,
        (
            col(model, "a", "weights.more_important", width="medium"),
            col(model, "b", "weights.than", width="medium"),
            col(model, "ratio", "weights.ratio", step=1.0, help="weights.ratio_help", default=3.0),
        ),
        f"weighting.{attr}",
        lambda a: getattr(a.weighting, attr),
        lambda a, items: a.model_copy(update={"weighting": a.weighting.model_copy(update={attr: items})}),
        id_field=None,
    )


PAIRWISE = _judgements(PairwiseJudgement, "pairwise")
GROUP_PAIRWISE = _judgements(GroupJudgement, "group_pairwise")  # with criterion groups, AHP compares groups too


def _derived(ctx: Ctx):  # noqa: ANN202 - DerivedWeights, or why they could not be derived
    from ..scoring.weights import derive_weights

    try:
        return derive_weights(ctx.assessment)
    except WeightsNotDerived as exc:
        return exc


def weighting_section(ctx: Ctx) -> None:
    left, right = st.columns([1, 2], gap="large")
    with left:
        select_field(
            "weighting.method",
            "weights.method",
            METHODS,
            lambda m: t(f"weights.methods.{m}"),
            help="weights.method_help",
        )
    method = ctx.assessment.weighting.method
    with right:
        st.caption(t(f"weights.explain.{method}"))
    if method == "ahp":
        if ctx.assessment.criterion_groups:
            st.markdown(f"**{t('workshop_b.groups.pairwise')}**")
            st.caption(t("workshop_b.groups.pairwise_help"))
            editable_table(GROUP_PAIRWISE, ctx, key="requirements.group_pairwise")
        st.markdown(f"**{t('weights.pairwise')}**")
        editable_table(PAIRWISE, ctx, key="requirements.pairwise")
    if method == "direct" or not ctx.assessment.criteria:
        return
    derived = state.memo("weights.derived", lambda: _derived(ctx))
    if isinstance(derived, WeightsNotDerived):
        st.warning(md(derived.text(ctx.lang)), icon=":material/warning:")
        return
    _proposal(ctx, derived)


def _accepted(a, derived):  # noqa: ANN001, ANN202 - Assessment, DerivedWeights -> Assessment
    """The assessment with the derived weights as its weights (shares of 100). With criterion groups each
    group takes the sum of its criteria's derived weights and each criterion its share within its group,
    so that group share x share within the group gives the derived weight (for AHP at both levels the
    group sums are the group priorities)."""
    if not a.criterion_groups:
        criteria = [
            c.model_copy(update={"weight": round(SCALE * derived.weights.get(c.id, 0.0), 1)}) for c in a.criteria
        ]
        return a.model_copy(update={"criteria": criteria})
    sums = {
        g.id: sum(derived.weights.get(c.id, 0.0) for c in a.criteria if c.group_id == g.id) for g in a.criterion_groups
    }

    def local(c) -> float:  # noqa: ANN001 - a Criterion
        total = sums.get(c.group_id or "", 0.0)
        return derived.weights.get(c.id, 0.0) / total if total else 0.0

    criteria = [c.model_copy(update={"weight": round(SCALE * local(c), 1)}) for c in a.criteria]
    kept = [g.model_copy(update={"weight": round(SCALE * sums[g.id], 1)}) for g in a.criterion_groups]
    return a.model_copy(update={"criteria": criteria, "criterion_groups": kept})


def _proposal(ctx: Ctx, derived) -> None:  # noqa: ANN001 - DerivedWeights
    a = ctx.assessment
    from ..scoring.weights import global_weights

    entered = global_weights(a)  # with criterion groups, group share x share within the group
    entered_total = sum(entered) or 1.0
    # Shares as text in the session's language (12,5 % in Danish): a number column would be written in
    # the browser's format instead.
    # AHP: the row geometric mean beside the eigenvector when the two disagree (the eigenvector is used)
    both = derived.methods_disagree()
    rank_head = t("workshop.app.col_rank" if derived.method == "rank" else "weights.rank")
    rows = [
        {
            t("col.criterion"): criterion_name(c, ctx.framework, ctx.lang),
            t("weights.entered"): format_percent(w / entered_total, ctx.lang, 1),
            t("weights.proposed"): format_percent(derived.weights.get(c.id, 0.0), ctx.lang, 1),
            **({rank_head: derived.ranks.get(c.id)} if derived.ranks else {}),
            **(
                {t("workshop.col.geometric_mean"): format_percent(derived.geometric_mean[c.id], ctx.lang, 1)}
                if both
                else {}
            ),
        }
        for c, w in zip(a.criteria, entered, strict=True)
    ]
    st.markdown(f"**{t('weights.proposal')}**")
    if derived.consistency_ratio is not None:
        ok = derived.consistency_ratio <= CR_LIMIT
        cr, limit = (format_number(v, ctx.lang, 3) for v in (derived.consistency_ratio, CR_LIMIT))
        (st.success if ok else st.warning)(t("weights.consistency", cr=cr, limit=limit), icon=":material/rule:")
    for warning in derived.warnings:
        st.caption(md(warning.text(ctx.lang)))
    if both:
        st.caption(t("workshop.ahp_both"))
    right = {t(k): st.column_config.TextColumn(alignment="right") for k in ("weights.entered", "weights.proposed")}
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(rows), 320),
        placeholder=NO_VALUE,
        column_config=right,
    )
    if action_button(t("weights.accept"), key="weights.accept", icon=":material/done_all:"):
        result = state.commit(_accepted(a, derived), f"accept {derived.method} weights")
        if result.saved:
            state.notify("success", t("weights.accepted"))
            st.rerun()
        for problem in result.problems:
            st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")
