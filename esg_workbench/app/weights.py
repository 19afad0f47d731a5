"""How the criteria's weights are obtained: entered directly, as points, from the MoSCoW priorities of
the linked requirements or a ranking of the criteria (rank-order centroid) or from AHP pairwise
comparisons. A weighting aid proposes
weights beside the entered ones; the architect accepts them with one click (the engine scores with the
entered weights)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain.assessment import PairwiseJudgement, Weighting
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

PAIRWISE = ListAdapter(
    "pairwise",
    PairwiseJudgement,
    (
        col(PairwiseJudgement, "a", "weights.more_important", width="medium"),
        col(PairwiseJudgement, "b", "weights.than", width="medium"),
        col(PairwiseJudgement, "ratio", "weights.ratio", step=1.0, help="weights.ratio_help", default=3.0),
    ),
    "weighting.pairwise",
    lambda a: a.weighting.pairwise,
    lambda a, items: a.model_copy(update={"weighting": a.weighting.model_copy(update={"pairwise": items})}),
    id_field=None,
)


def _derived(ctx: Ctx):  # noqa: ANN202 - DerivedWeights, or an error message
    from ..scoring.weights import derive_weights

    try:
        return derive_weights(ctx.assessment)
    except ValueError as exc:
        return str(exc)


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
        st.markdown(f"**{t('weights.pairwise')}**")
        editable_table(PAIRWISE, ctx, key="requirements.pairwise")
    if method == "direct" or not ctx.assessment.criteria:
        return
    derived = state.memo("weights.derived", lambda: _derived(ctx))
    if isinstance(derived, str):
        st.warning(md(derived), icon=":material/warning:")
        return
    _proposal(ctx, derived)


def _proposal(ctx: Ctx, derived) -> None:  # noqa: ANN001 - DerivedWeights
    a = ctx.assessment
    entered_total = sum(c.weight for c in a.criteria) or 1.0
    # Shares as text in the session's language (12,5 % in Danish): a number column would be written in
    # the browser's format instead.
    # AHP: the row geometric mean beside the eigenvector when the two disagree (the eigenvector is used)
    both = derived.methods_disagree()
    rank_head = t("workshop.app.col_rank" if derived.method == "rank" else "weights.rank")
    rows = [
        {
            t("col.criterion"): criterion_name(c, ctx.framework, ctx.lang),
            t("weights.entered"): format_percent(c.weight / entered_total, ctx.lang, 1),
            t("weights.proposed"): format_percent(derived.weights.get(c.id, 0.0), ctx.lang, 1),
            **({rank_head: derived.ranks.get(c.id)} if derived.ranks else {}),
            **(
                {t("workshop.col.geometric_mean"): format_percent(derived.geometric_mean[c.id], ctx.lang, 1)}
                if both
                else {}
            ),
        }
        for c in a.criteria
    ]
    st.markdown(f"**{t('weights.proposal')}**")
    if derived.consistency_ratio is not None:
        ok = derived.consistency_ratio <= CR_LIMIT
        cr, limit = (format_number(v, ctx.lang, 3) for v in (derived.consistency_ratio, CR_LIMIT))
        (st.success if ok else st.warning)(t("weights.consistency", cr=cr, limit=limit), icon=":material/rule:")
    for warning in derived.warnings:
        st.caption(md(warning))
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
        criteria = [
            c.model_copy(update={"weight": round(SCALE * derived.weights.get(c.id, 0.0), 1)}) for c in a.criteria
        ]
        result = state.commit(a.model_copy(update={"criteria": criteria}), f"accept {derived.method} weights")
        if result.saved:
            state.notify("success", t("weights.accepted"))
            st.rerun()
        for problem in result.problems:
            st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")
