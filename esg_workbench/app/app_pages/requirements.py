"""Step 3, requirements: the requirement catalogue (start from the framework's suggestions, edit, add),
MoSCoW priorities, the criteria each requirement is linked to, and the criteria's weights."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import charts, import_panel, state
from esg_workbench.app.criterion_groups import groups_section
from esg_workbench.app.display import criterion_name
from esg_workbench.app.guidance import step_header
from esg_workbench.app.i18n import current_language, t
from esg_workbench.app.literal import md
from esg_workbench.app.problem_text import problem_text
from esg_workbench.app.table_columns import CRITERIA, REQUIREMENTS
from esg_workbench.app.table_editor import Ctx, editable_table, howto
from esg_workbench.app.weights import weighting_section
from esg_workbench.app.widgets import editors_only, require_assessment, view_switch
from esg_workbench.app.workshop import workshop_view
from esg_workbench.domain.assessment import Requirement
from esg_workbench.domain.fields import Priority
from esg_workbench.ids import all_ids, new_id

VIEWS = (
    ("catalogue", "requirements.views.catalogue", ":material/checklist:"),
    ("criteria", "requirements.views.criteria", ":material/balance:"),
    ("workshop", "requirements.views.workshop", ":material/groups:"),
)
PRIORITY_COLOURS = {"must": "#c62828", "should": "#ef6c00", "could": "#1565c0", "wont": "#90a4ae"}


def _suggestions(ctx: Ctx) -> list:
    texts = {r.text for r in ctx.assessment.requirements}
    ids = {r.id for r in ctx.assessment.requirements}
    return [
        s
        for s in ctx.framework.requirement_suggestions
        if s.id not in ids and s.text.en not in texts and s.text.da not in texts
    ]


@editors_only()
def _add_suggestions(ctx: Ctx) -> None:
    open_ones = _suggestions(ctx)
    if not open_ones:
        return
    with st.expander(
        t("requirements.suggestions", n=len(open_ones)),
        expanded=not ctx.assessment.requirements,
        icon=":material/lightbulb:",
    ):
        by_id = {s.id: s for s in open_ones}
        picked = st.multiselect(
            t("requirements.pick"),
            list(by_id),
            key=state.wkey("req.suggest"),
            format_func=lambda i: f"{t('priority.' + by_id[i].priority.value)} · {by_id[i].text.get(ctx.lang)}",
        )
        left, right = st.columns(2)
        add_picked = left.button(
            t("requirements.add_picked", n=len(picked)),
            disabled=not picked,
            type="primary",
            key="req.add_picked",
            icon=":material/playlist_add:",
        )
        add_all = right.button(
            t("requirements.add_all", n=len(open_ones)), key="req.add_all", icon=":material/playlist_add_check:"
        )
        if add_picked or add_all:
            _add(ctx, [by_id[i] for i in picked] if add_picked else open_ones)


def _add(ctx: Ctx, suggestions: list) -> None:
    a = ctx.assessment
    taken = all_ids(a)
    by_catalogue = {c.catalogue_id: c.id for c in a.criteria if c.catalogue_id}
    added = [
        Requirement(
            id=s.id if s.id not in taken else new_id(s.id, taken, prefix="req"),
            text=s.text.get(ctx.lang),
            category=s.category,
            priority=s.priority,
            criterion_ids=[by_catalogue[c] for c in s.criteria if c in by_catalogue],
            source=t("requirements.framework_source", framework=ctx.framework.title.get(ctx.lang)),
        )
        for s in suggestions
    ]
    taken.update(r.id for r in added)
    result = state.commit(
        a.model_copy(update={"requirements": [*a.requirements, *added]}), "add suggested requirements"
    )
    if result.saved:
        state.notify("success", t("requirements.added", n=len(added)))
        st.rerun()
    for problem in result.problems:
        st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")


def _catalogue(ctx: Ctx) -> None:
    st.caption(t("requirements.intro"))
    _add_suggestions(ctx)
    import_panel.requirements_import(ctx)
    if not ctx.assessment.requirements:
        st.info(t("requirements.empty"), icon=":material/info:")
    editable_table(REQUIREMENTS, ctx, key="requirements.catalogue")
    howto()
    if ctx.assessment.requirements:
        _moscow(ctx)


def _moscow(ctx: Ctx) -> None:
    categories = [term.id for term in ctx.framework.vocabularies["requirement_category"]]
    used = [c for c in categories if any(r.category == c for r in ctx.assessment.requirements)]
    counts = {
        t(f"priority.{p.value}"): [
            sum(1 for r in ctx.assessment.requirements if r.category == c and r.priority == p) for c in used
        ]
        for p in Priority
    }
    colours = {t(f"priority.{p}"): colour for p, colour in PRIORITY_COLOURS.items()}
    st.subheader(t("requirements.moscow"))
    labels = [ctx.framework.label("requirement_category", c, ctx.lang) for c in used]
    st.plotly_chart(
        charts.localise(charts.moscow_bars(labels, counts, colours), ctx.lang), width="stretch", key="chart.moscow"
    )


def _criteria(ctx: Ctx) -> None:
    st.caption(t("requirements.criteria_intro"))
    groups_section(ctx)
    weighting_section(ctx)
    editable_table(CRITERIA, ctx, key="requirements.criteria")
    a = ctx.assessment
    if not a.criteria:
        st.info(t("requirements.no_criteria"), icon=":material/info:")
        return
    linked = [sum(1 for r in a.requirements if c.id in r.criterion_ids) for c in a.criteria]
    names = [criterion_name(c, ctx.framework, ctx.lang) for c in a.criteria]
    st.subheader(t("requirements.weights"))
    st.plotly_chart(
        charts.localise(
            charts.weight_bars(
                names, [c.weight for c in a.criteria], linked, t("requirements.linked_short"), lang=ctx.lang
            ),
            ctx.lang,
        ),
        width="stretch",
        key="chart.weights",
    )
    unlinked = [n for n, k in zip(names, linked, strict=True) if k == 0]
    if unlinked:
        st.caption(md(t("requirements.unlinked_criteria", names=", ".join(unlinked))))


def render() -> None:
    assessment = require_assessment()
    if assessment is None:
        return
    step_header("requirements", "requirements")
    view = view_switch("requirements", VIEWS)
    ctx = Ctx(assessment, state.framework_of(assessment), current_language())
    {"catalogue": _catalogue, "criteria": _criteria, "workshop": workshop_view}[view](ctx)


render()
