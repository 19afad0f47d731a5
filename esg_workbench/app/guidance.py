"""The head of every step page: its title and focus from the framework, the guiding questions, and what is
still missing in the step with a link to each gap."""

from __future__ import annotations

import streamlit as st

from ..completeness import Check, all_checks, share_done
from ..domain import Assessment
from ..formats import format_percent
from . import state
from .i18n import current_language, t
from .literal import md
from .navigation import goto, view_key
from .widgets import show_notice


def _checks(assessment: Assessment) -> dict[str, list[Check]]:
    return state.memo("completeness", lambda: all_checks(assessment, state.framework_of(assessment)))


def step_header(step_id: str, page_id: str) -> None:
    """Title, focus and summary of framework step ``step_id``, its questions and its gaps."""
    assessment = state.require()
    fw = state.framework_of(assessment)
    lang = current_language()
    step = fw.step(step_id)
    st.title(md(f"{step.number} · {step.title.get(lang)}"), anchor=False)
    st.caption(md(f"{step.focus.get(lang)} — {assessment.title}"))
    show_notice()
    questions, gaps = st.columns([3, 2])
    with questions, st.expander(t("guidance.questions"), icon=":material/help:"):
        st.markdown(md(step.summary.get(lang)))
        for section in step.sections:
            st.markdown(f"**{md(section.title.get(lang))}**")
            for question in section.questions:
                st.markdown(f"- {md(question.text.get(lang))}")
                if question.help:
                    st.caption(md(question.help.get(lang)))
        if step.checklist:
            st.markdown(f"**{t('guidance.checklist')}**")
            for item in step.checklist:
                st.markdown(f"- {md(item.text.get(lang))}")
    with gaps:
        completeness(_checks(assessment)[step_id], page_id)


def organisation_header() -> None:
    assessment = state.require()
    st.title(t("organisation.title"))
    st.caption(md(assessment.title))
    show_notice()
    intro, gaps = st.columns([3, 2])
    intro.caption(t("organisation.intro"))
    with gaps:
        completeness(_checks(assessment)["organisation"], "organisation")


def completeness(checks: list[Check], page_id: str) -> None:
    """A progress bar for the step and, in an expander, a link to every open gap."""
    share = share_done(checks)
    open_checks = [c for c in checks if not c.done]
    label = t("guidance.complete", pct=format_percent(share, current_language()), open=len(open_checks))
    st.progress(share, text=label)
    if not open_checks:
        return
    with st.expander(t("guidance.missing", n=len(open_checks)), icon=":material/pending_actions:"):
        for check in open_checks:
            text = t(f"gaps.{check.id}", **{k: v for k, v in check.params.items()})
            if st.button(md(text), key=f"gap.{page_id}.{check.id}", type="tertiary", icon=":material/arrow_forward:"):
                _follow(check, page_id)


def _follow(check: Check, page_id: str) -> None:
    if check.page == page_id:
        if check.view:
            st.session_state[view_key(page_id)] = check.view
            st.session_state.pop(view_key(page_id) + ".w", None)
        st.rerun()
    goto(check.page, check.view)
