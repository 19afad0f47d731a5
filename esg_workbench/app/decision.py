"""The decision (chosen option, interim option, rationale, date) next to the engine's recommendation, and
the roadmap from the interim solution to the target, as a table and a timeline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st
from pydantic import ValidationError

from ..domain.assessment import Decision, RoadmapItem
from ..domain.results import Recommendation
from ..ids import all_ids, new_id
from ..palette import PHASE_COLOURS
from . import charts, state
from .display import option_name
from .editing import issues_from_validation_error
from .i18n import t
from .literal import md
from .problem_text import issue_of, problem_text
from .table_columns import ROADMAP
from .table_editor import Ctx, editable_table
from .widgets import action_button, field_issues, locked, set_issues


def _commit_decision(path: str, decision: Decision | None) -> None:
    a = state.require()
    result = state.commit(a.model_copy(update={"decision": decision}), f"edit {path}")
    set_issues(path, [issue_of(p) for p in result.problems])


def _on_change(field: str, key: str) -> None:
    value = st.session_state[key]
    current = state.require().decision
    path = f"decision.{field}"
    if field == "option_id":
        if value is None:
            _commit_decision(path, None)
            return
        decision = current.model_copy(update={"option_id": value}) if current else Decision(option_id=value)
        _commit_decision(path, decision)
        return
    if current is None:
        return
    try:
        decision = current.model_copy()
        setattr(decision, field, value)
    except ValidationError as exc:
        set_issues(path, issues_from_validation_error(exc))
        return
    _commit_decision(path, decision)


def _widget(field: str, value: Any) -> str:
    key = state.wkey(f"decision.{field}")
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def decision_form(ctx: Ctx, rec: Recommendation | None) -> None:
    a = ctx.assessment
    d = a.decision
    ids = [o.id for o in a.options]
    names = {o.id: option_name(o, ctx.framework, ctx.lang) for o in a.options}

    def label(v: str | None) -> str:
        return t("common.not_set") if v is None else names.get(v, v)

    chosen = d.option_id if d and d.option_id in ids else None
    st.selectbox(
        t("scenarios.chosen"),
        [None, *ids],
        key=_widget("option_id", chosen),
        format_func=label,
        disabled=locked(),
        on_change=_on_change,
        args=("option_id", state.wkey("decision.option_id")),
    )
    field_issues("decision.option_id")
    interim = d.interim_option_id if d and d.interim_option_id in ids else None
    st.selectbox(
        t("scenarios.interim"),
        [None, *ids],
        key=_widget("interim_option_id", interim),
        format_func=label,
        disabled=locked(d is None),
        on_change=_on_change,
        args=("interim_option_id", state.wkey("decision.interim_option_id")),
        help=t("scenarios.interim_help"),
    )
    field_issues("decision.interim_option_id")
    st.text_area(
        t("scenarios.rationale"),
        key=_widget("rationale", d.rationale if d else ""),
        disabled=locked(d is None),
        height=150,
        on_change=_on_change,
        args=("rationale", state.wkey("decision.rationale")),
    )
    field_issues("decision.rationale")
    st.date_input(
        t("scenarios.decided_on"),
        key=_widget("decided_on", d.decided_on if d else None),
        disabled=locked(d is None),
        on_change=_on_change,
        args=("decided_on", state.wkey("decision.decided_on")),
    )
    if rec is None or rec.option_id is None:
        return
    if d is None:
        if action_button(t("scenarios.take_over"), key="scenarios.take_over", type="primary", icon=":material/done:"):
            _take_over(rec, ctx)
    elif d.option_id != rec.option_id:
        st.info(md(t("scenarios.differs", option=names.get(rec.option_id, rec.option_id))), icon=":material/info:")


def _take_over(rec: Recommendation, ctx: Ctx) -> None:
    decision = Decision(
        option_id=rec.option_id,
        interim_option_id=rec.interim_option_id,
        rationale=rec.text(ctx.lang)[:32_767],
        decided_on=date.today(),
    )
    result = state.commit(ctx.assessment.model_copy(update={"decision": decision}), "decision from recommendation")
    if result.saved:
        state.notify("success", t("scenarios.taken_over"))
        st.rerun()
    for problem in result.problems:
        st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")


def roadmap_section(ctx: Ctx, rec: Recommendation | None) -> None:
    st.subheader(t("scenarios.roadmap"))
    st.caption(t("scenarios.roadmap_intro"))
    a = ctx.assessment
    proposable = not a.roadmap and rec is not None and rec.roadmap
    if proposable and action_button(
        t("scenarios.propose_roadmap"), key="scenarios.propose_roadmap", icon=":material/auto_awesome:"
    ):
        _propose(rec, ctx)
    editable_table(ROADMAP, ctx, key="scenarios.roadmap")
    if a.roadmap:
        phases = {term.id: term.label.get(ctx.lang) for term in ctx.framework.vocabularies.get("roadmap_phase", [])}
        items = [(r.title[:60], r.start, r.end, phases.get(r.phase, r.phase)) for r in a.roadmap]
        colours = {phases.get(p, p): c for p, c in PHASE_COLOURS.items()}
        st.plotly_chart(
            charts.localise(charts.roadmap_gantt(items, colours), ctx.lang), width="stretch", key="chart.roadmap"
        )


def _propose(rec: Recommendation, ctx: Ctx) -> None:
    """Roadmap items from the recommendation's steps, one after the other from next month."""
    taken = all_ids(ctx.assessment)
    today = date.today()
    start = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    items = []
    for step in rec.roadmap:
        months = step.months or 6.0
        end = start + timedelta(days=round(30.4 * months))
        title = step.texts.get(ctx.lang) or step.texts.get("en") or step.phase
        items.append(
            RoadmapItem(
                id=new_id(step.phase, taken, prefix="rm"),
                title=title[:500],
                phase=step.phase,
                option_id=step.option_id,
                start=start,
                end=end,
            )
        )
        start = end + timedelta(days=1)
    result = state.commit(ctx.assessment.model_copy(update={"roadmap": items}), "roadmap from recommendation")
    if result.saved:
        st.rerun()
    for problem in result.problems:
        st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")
