"""The decision workshop on the weights page: the stakeholders, each one's weights (direct, points, a
ranking, MoSCoW or AHP pairwise judgements), how the group's weights are formed and whether scoring uses
them, the consensus, per-criterion disagreement and the option each stakeholder's own weights put first.
Every number is the engine's (``ScoreResult.group``); nothing is recomputed here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain.assessment import Stakeholder, StakeholderJudgement, StakeholderWeight, Weighting
from ..domain.field_registry import field_spec
from ..domain.results import GroupWeighting
from ..formats import format_number, format_percent
from ..scoring.group_wording import consensus_sentence, consensus_word, dissent_sentence, group_summary
from .display import criterion_name, option_name
from .i18n import t
from .literal import md
from .result_views import result
from .table_columns import col, top_level
from .table_editor import NO_VALUE, Ctx, ListAdapter, editable_table
from .widgets import number_field, select_field

AGGREGATIONS = field_spec(Weighting, "aggregation").values

STAKEHOLDERS = ListAdapter(
    "stakeholders",
    Stakeholder,
    (
        col(Stakeholder, "name", "workshop.app.col_name", width="medium"),
        col(Stakeholder, "role", "workshop.app.col_role", width="medium"),
        col(Stakeholder, "voting_weight", "workshop.app.col_vote", step=1.0, help="workshop.app.vote_help"),
        col(Stakeholder, "method", "workshop.app.col_method", labels="workshop.method"),
    ),
    "stakeholders",
    *top_level("stakeholders"),
    id_prefix="sh",
)

STAKEHOLDER_WEIGHTS = ListAdapter(
    "stakeholder_weights",
    StakeholderWeight,
    (
        col(StakeholderWeight, "stakeholder_id", "workshop.app.col_stakeholder", width="medium"),
        col(StakeholderWeight, "criterion_id", "workshop.app.col_criterion", width="medium"),
        col(StakeholderWeight, "value", "workshop.app.col_value", step=1.0, help="workshop.app.value_help"),
        col(StakeholderWeight, "rank", "workshop.app.col_rank", help="workshop.app.rank_help"),
        col(StakeholderWeight, "priority", "workshop.app.col_priority", labels="priority"),
    ),
    "stakeholder_weights",
    *top_level("stakeholder_weights"),
    id_field=None,
)

STAKEHOLDER_JUDGEMENTS = ListAdapter(
    "stakeholder_judgements",
    StakeholderJudgement,
    (
        col(StakeholderJudgement, "stakeholder_id", "workshop.app.col_stakeholder", width="medium"),
        col(StakeholderJudgement, "a", "weights.more_important", width="medium"),
        col(StakeholderJudgement, "b", "weights.than", width="medium"),
        col(StakeholderJudgement, "ratio", "weights.ratio", step=1.0, help="weights.ratio_help", default=3.0),
    ),
    "stakeholder_judgements",
    *top_level("stakeholder_judgements"),
    id_field=None,
)


def workshop_view(ctx: Ctx) -> None:
    st.caption(t("workshop.app.intro"))
    left, middle, right = st.columns(3, gap="large")
    with left:
        select_field(
            "weighting.use_group",
            "workshop.app.use_group",
            (False, True),
            lambda v: t(f"workshop.app.use_group_{'yes' if v else 'no'}"),
            help="workshop.app.use_group_help",
        )
    with middle:
        select_field(
            "weighting.aggregation",
            "workshop.app.aggregation",
            AGGREGATIONS,
            lambda v: t(f"workshop.aggregation.{v}"),
            help="workshop.app.aggregation_help",
        )
    with right:
        number_field(
            "weighting.weight_spread",
            "workshop.app.spread",
            min_value=0.0,
            max_value=0.95,
            step=0.05,
            help="workshop.app.spread_help",
        )
    st.subheader(t("workshop.app.stakeholders"))
    editable_table(STAKEHOLDERS, ctx, key="workshop.stakeholders")
    if not ctx.assessment.stakeholders:
        st.info(t("workshop.app.no_stakeholders"), icon=":material/groups:")
        return
    st.subheader(t("workshop.app.weights"))
    st.caption(t("workshop.app.weights_help"))
    editable_table(STAKEHOLDER_WEIGHTS, ctx, key="workshop.weights")
    if any(s.method == "ahp" for s in ctx.assessment.stakeholders):
        st.subheader(t("workshop.app.judgements"))
        editable_table(STAKEHOLDER_JUDGEMENTS, ctx, key="workshop.judgements")
    outcome = result(ctx)
    if isinstance(outcome, str):
        st.warning(md(outcome), icon=":material/warning:")
        return
    if outcome.group is not None:
        group_results(outcome.group, ctx)


def group_results(group: GroupWeighting, ctx: Ctx) -> None:
    """The group's weights beside each stakeholder's, the consensus and who would pick another winner."""
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in ctx.assessment.options}
    st.subheader(t("workshop.app.result"))
    (st.success if group.used else st.info)(md(group_summary(group, ctx.lang)), icon=":material/groups:")
    if group.consensus is not None:
        st.metric(
            t("workshop.app.consensus"),
            format_percent(group.consensus, ctx.lang, 1),
            delta=consensus_word(group.consensus, ctx.lang),
            delta_color="off",
            help=md(consensus_sentence(group, ctx.lang)),
        )
    dissent = dissent_sentence(group, names, ctx.lang)
    if dissent:
        (st.warning if group.dissenters else st.caption)(md(dissent))
    for warning in group.notes.get(ctx.lang, []):
        st.caption(md(warning))
    people = pd.DataFrame(
        [
            {
                t("workshop.col.stakeholder"): p.name,
                t("workshop.col.role"): p.role,
                t("workshop.col.vote"): format_percent(p.voting_share, ctx.lang),
                t("workshop.col.method"): t(f"workshop.method.{p.method}"),
                t("workshop.col.cr"): None
                if p.consistency_ratio is None
                else format_number(p.consistency_ratio, ctx.lang, 3),
                t("workshop.col.top"): names.get(p.top, p.top) if p.top else None,
            }
            for p in group.stakeholders
        ]
    )
    st.dataframe(people, hide_index=True, width="stretch", placeholder=NO_VALUE)
    _ranks(group, names, ctx)
    criteria = {c.id: criterion_name(c, ctx.framework, ctx.lang) for c in ctx.assessment.criteria}
    heads = _heads(group)
    rows = []
    for criterion_id, share in group.weights.items():
        row = {t("workshop.col.criterion"): criteria.get(criterion_id, criterion_id)}
        row[t("workshop.col.group")] = format_percent(share, ctx.lang, 1)
        for p in group.stakeholders:
            row[heads[p.stakeholder_id]] = format_percent(p.weights[criterion_id], ctx.lang, 1)
        if criterion_id in group.disagreement:
            row[t("workshop.col.spread")] = format_percent(group.disagreement[criterion_id].spread, ctx.lang, 1)
        rows.append(row)
    if not rows:
        return
    st.caption(t("workshop.weights_title"))
    right = {k: st.column_config.TextColumn(alignment="right") for k in rows[0] if k != t("workshop.col.criterion")}
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=right, placeholder=NO_VALUE)


def _ratio(value: float | None, lang: str) -> str | None:
    return None if value is None else format_number(value, lang, 3)


def _ranks(group: GroupWeighting, names: dict[str, str], ctx: Ctx) -> None:
    """Each option's rank under the group's weights beside its rank under each stakeholder's own."""
    if not group.stakeholders or not group.stakeholders[0].ranking:
        return
    heads = list(_heads(group).values())
    place = [{o: i + 1 for i, o in enumerate(p.ranking)} for p in group.stakeholders]
    order = sorted(names, key=lambda o: group.ranks.get(o, len(names) + 1))
    rows = [
        {
            t("workshop.col.option"): names[o],
            t("workshop.col.group"): group.ranks.get(o),
            **{head: ranks.get(o) for head, ranks in zip(heads, place, strict=True)},
        }
        for o in order
    ]
    st.caption(t("workshop.ranks_title"))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", placeholder=NO_VALUE)


def _heads(group: GroupWeighting) -> dict[str, str]:
    """One column per stakeholder, headed by the name (and the id where two share a name)."""
    taken = [p.name for p in group.stakeholders]
    return {
        p.stakeholder_id: p.name if taken.count(p.name) == 1 else f"{p.name} ({p.stakeholder_id})"
        for p in group.stakeholders
    }
