"""The views of step 4 that edit the options: options from archetypes (with risks), scores with
rationales, and must-have checks. Costs, ranking and the decision are in ``result_views``."""

from __future__ import annotations

import streamlit as st

from ..domain.assessment import Option, Score
from ..domain.fields import Priority
from ..ids import all_ids, new_id
from ..scoring.gates import option_gates
from ..scoring.wording import gate_lines
from . import charts, state
from .display import criterion_name, option_description, option_name
from .fixed_tables import MustHaveGrid, ScoreGrid
from .i18n import t
from .literal import md
from .navigation import goto
from .problem_text import problem_text
from .table_columns import OPTIONS, risks
from .table_editor import Ctx, editable_table
from .widgets import editors_only, pick_option

# --- options --------------------------------------------------------------------------------------


def options_view(ctx: Ctx) -> None:
    st.caption(t("scenarios.options_intro"))
    _add_from_archetype(ctx)
    editable_table(OPTIONS, ctx, key="scenarios.options")
    if not ctx.assessment.options:
        return
    option_id = pick_option(ctx, "scenarios.option.risks")
    if option_id is None:
        return
    option = ctx.assessment.option(option_id)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("scenarios.risks"))
        editable_table(risks(ctx.assessment, option_id), ctx, key=f"scenarios.risks.{option_id}")
    with right:
        _archetype_notes(ctx, option)


def _archetype_notes(ctx: Ctx, option: Option) -> None:
    archetype = next((a for a in ctx.framework.archetypes if a.id == option.archetype), None)
    if archetype is None:
        return
    st.subheader(md(archetype.name.get(ctx.lang)), anchor=False)
    st.caption(md(option_description(option, ctx.framework, ctx.lang)))
    if archetype.interim:
        st.info(t("scenarios.interim_archetype"), icon=":material/schedule:")
    if archetype.strengths:
        st.markdown(f"**{t('scenarios.strengths')}**")
        for item in archetype.strengths:
            st.markdown(f"- {md(item.get(ctx.lang))}")
    if archetype.risks:
        st.markdown(f"**{t('scenarios.archetype_risks')}**")
        for item in archetype.risks:
            st.markdown(f"- {md(item.get(ctx.lang))}")


@editors_only()
def _add_from_archetype(ctx: Ctx) -> None:
    fw = ctx.framework
    with st.expander(t("scenarios.add_option"), icon=":material/add_circle:", expanded=not ctx.assessment.options):
        ids = [a.id for a in fw.archetypes]
        names = {a.id: a.name.get(ctx.lang) for a in fw.archetypes}
        chosen = st.selectbox(t("col.archetype"), ids, key="scenarios.add.archetype", format_func=names.__getitem__)
        if st.button(t("scenarios.add_option_button"), key="scenarios.add.go", type="primary", icon=":material/add:"):
            _add_option(ctx, chosen)


def _add_option(ctx: Ctx, archetype_id: str) -> None:
    a = ctx.assessment
    archetype = ctx.framework.archetype(archetype_id)
    option = Option(
        id=new_id(archetype_id, all_ids(a), prefix="opt"),
        name=archetype.name.get(ctx.lang),
        archetype=archetype_id,
        description=archetype.description.get(ctx.lang),
        time_to_first_report_months=archetype.typical_time_to_first_report_months,
    )
    priors = [
        Score(option_id=option.id, criterion_id=c.id, value=archetype.prior_scores[c.catalogue_id])
        for c in a.criteria
        if c.value_source == "score" and c.catalogue_id in archetype.prior_scores
    ]
    result = state.commit(
        a.model_copy(update={"options": [*a.options, option], "scores": [*a.scores, *priors]}),
        f"add option {option.id}",
    )
    if result.saved:
        state.notify("success", t("scenarios.option_added", name=option.name, n=len(priors)))
        st.rerun()
    for problem in result.problems:
        st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")


# --- scores ---------------------------------------------------------------------------------------


def scores_view(ctx: Ctx) -> None:
    st.caption(t("scenarios.scores_intro"))
    a = ctx.assessment
    scored = [c for c in a.criteria if c.value_source == "score"]
    if not a.options or not scored:
        st.info(t("scenarios.no_scores"), icon=":material/info:")
        return
    option_id = pick_option(ctx, "scenarios.option.scores")
    if option_id is None:
        return
    editable_table(ScoreGrid(option_id), ctx, key=f"scenarios.scores.{option_id}")
    st.subheader(t("scenarios.score_overview"))
    values = [[(s.value if (s := a.score_of(o.id, c.id)) else None) for c in scored] for o in a.options]
    fig = charts.score_matrix(
        [option_name(o, ctx.framework, ctx.lang) for o in a.options],
        [criterion_name(c, ctx.framework, ctx.lang) for c in scored],
        values,
        lang=ctx.lang,
    )
    st.plotly_chart(charts.localise(fig, ctx.lang), width="stretch", key="chart.scores")


# --- must-haves -----------------------------------------------------------------------------------


def musts_view(ctx: Ctx) -> None:
    st.caption(t("scenarios.musts_intro"))
    a = ctx.assessment
    musts = [r for r in a.requirements if r.priority == Priority.MUST]
    if not musts or not a.options:
        st.info(t("scenarios.no_musts"), icon=":material/info:")
        if st.button(t("scenarios.to_requirements"), key="scenarios.to_requirements", icon=":material/arrow_forward:"):
            goto("requirements", "catalogue")
        return
    editable_table(MustHaveGrid(), ctx, key="scenarios.musts")
    # The one gate computation and wording (scoring.gates, scoring.wording), as the ranking shows it:
    # an option never checked against a must-have is not eligible, and every ineligible option is named.
    gates = option_gates(a)
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in a.options}
    lines = gate_lines(gates, names, ctx.lang)
    if all(g.eligible for g in gates.values()):
        st.success(md(lines[0]), icon=":material/check_circle:")
    else:
        st.warning(md("\n".join(lines)), icon=":material/block:")
