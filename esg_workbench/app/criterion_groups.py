"""Criteria in groups on the criteria screen: the groups with their weights (the five usual ones added in
one click), what each group weighs of the total, and the problems that keep grouped criteria from being
scored (a group without criteria, a criterion without a group). The global weights are the engine's
(``scoring.weights.global_weights``); nothing is recomputed here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain.assessment import CriterionGroup
from ..domain.results import ScoreResult
from ..formats import format_percent
from ..ids import all_ids, new_id
from ..scoring.weights import global_weights, group_problems, group_shares
from . import charts, state
from .i18n import t
from .literal import md
from .problem_text import problem_text
from .table_columns import CRITERION_GROUPS
from .table_editor import NO_VALUE, Ctx, editable_table
from .widgets import action_button

# The usual groups of an architecture decision (issue 15): functional, technical, economic,
# organisational and risk, each weighing 1 until the workshop weighs them.
STANDARD_GROUPS = {
    "functional": "workshop_b.groups.standard.functional",
    "technical": "workshop_b.groups.standard.technical",
    "economic": "workshop_b.groups.standard.economic",
    "organisational": "workshop_b.groups.standard.organisational",
    "risk": "workshop_b.groups.standard.risk",
}


def groups_section(ctx: Ctx) -> None:
    a = ctx.assessment
    with st.expander(t("workshop_b.groups.title"), expanded=bool(a.criterion_groups)):
        st.caption(t("workshop_b.groups.intro"))
        if not a.criterion_groups and action_button(
            t("workshop_b.groups.add_standard"), key="groups.add_standard", icon=":material/category:"
        ):
            _add_standard(ctx)
        editable_table(CRITERION_GROUPS, ctx, key="requirements.groups")
        if a.criterion_groups:
            for problem in group_problems(a):
                st.warning(md(problem_text(problem, ctx.lang)), icon=":material/warning:")
            _shares(ctx)


def _add_standard(ctx: Ctx) -> None:
    """The five usual groups, each weighing 1, with every criterion taken from the catalogue put in the
    framework's group of it (``CatalogueCriterion.group``); the organisation's own criteria wait for
    the architect to choose (said as a problem until then)."""
    a = ctx.assessment
    taken = all_ids(a)
    ids = {key: new_id(f"grp-{key}", taken, prefix="grp") for key in STANDARD_GROUPS}
    groups = [CriterionGroup(id=ids[key], name=t(label), weight=1.0) for key, label in STANDARD_GROUPS.items()]
    framework_group = {c.id: c.group for c in ctx.framework.criteria_catalogue if c.group}
    criteria = [
        c.model_copy(update={"group_id": ids[framework_group[c.catalogue_id]]})
        if c.group_id is None and c.catalogue_id in framework_group
        else c
        for c in a.criteria
    ]
    result = state.commit(
        a.model_copy(update={"criterion_groups": groups, "criteria": criteria}), "group the criteria by the framework"
    )
    if result.saved:
        st.rerun()
    for problem in result.problems:
        st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")


def _shares(ctx: Ctx) -> None:
    """Each group's share of the total weight and its criteria's global weights."""
    a = ctx.assessment
    shares = group_shares(a)
    weights = dict(zip((c.id for c in a.criteria), global_weights(a), strict=True))
    rows = [
        {
            t("workshop_b.groups.col_group"): g.name,
            t("workshop_b.groups.share"): format_percent(shares[g.id], ctx.lang, 1),
            t("workshop_b.groups.criteria"): sum(1 for c in a.criteria if c.group_id == g.id),
            t("workshop_b.groups.global"): format_percent(
                sum(w for c, w in weights.items() if a.criterion(c).group_id == g.id), ctx.lang, 1
            ),
        }
        for g in a.criterion_groups
    ]
    right = {
        t(k): st.column_config.TextColumn(alignment="right")
        for k in ("workshop_b.groups.share", "workshop_b.groups.global")
    }
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", column_config=right, placeholder=NO_VALUE)


def group_contributions(outcome: ScoreResult, ctx: Ctx, names: dict[str, str]) -> None:
    """The ranking's contributions by criterion group: each group's points in each option's total."""
    st.subheader(t("workshop_b.groups.contributions"))
    groups = list(outcome.group_names)
    labels = [outcome.group_names[g] for g in groups]
    values = [[outcome.group_points(o)[g] for g in groups] for o in outcome.ranking]
    fig = charts.contributions([names.get(o, o) for o in outcome.ranking], labels, values)
    st.plotly_chart(charts.localise(fig, ctx.lang), width="stretch", key="chart.group_contributions")
    shares = outcome.group_weights()
    st.caption(
        md(
            t(
                "workshop_b.groups.contributions_note",
                groups="; ".join(f"{outcome.group_names[g]} {format_percent(shares[g], ctx.lang, 1)}" for g in groups),
            )
        )
    )
