"""First screen: the stored assessments, with open, new from a framework, import, duplicate, rename,
delete with confirmation and revision history with restore."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import assessment_panels as panels
from esg_workbench.app import state
from esg_workbench.app.i18n import t
from esg_workbench.app.navigation import goto
from esg_workbench.app.samples import seed_samples
from esg_workbench.app.widgets import empty_state, escape_md, show_notice
from esg_workbench.config import settings
from esg_workbench.store import AssessmentSummary, StoreError


def _toolbar() -> None:
    left, middle, _ = st.columns([1, 1, 3])
    left.button(
        t("assessments.new.button"),
        type="primary",
        icon=":material/add:",
        key="assess.btn.new",
        on_click=panels.open_panel,
        args=("new",),
        width="stretch",
    )
    middle.button(
        t("assessments.import.button"),
        icon=":material/upload_file:",
        key="assess.btn.import",
        on_click=panels.open_panel,
        args=("import",),
        width="stretch",
    )


def _panel(summaries: list[AssessmentSummary]) -> None:
    panel = st.session_state.get(panels.PANEL)
    if not panel:
        return
    kind, assessment_id = panel
    by_id = {s.id: s for s in summaries}
    if assessment_id is not None and assessment_id not in by_id:
        panels.close_panel()
        return
    with st.container(border=True):
        if kind == "new":
            panels.new_panel()
        elif kind == "import":
            panels.import_panel()
        elif kind == "rename":
            panels.rename_panel(assessment_id)
        elif kind == "duplicate":
            panels.duplicate_panel(assessment_id)
        elif kind == "delete":
            s = by_id[assessment_id]
            panels.delete_panel(assessment_id, s.title, s.revision)
        elif kind == "history":
            panels.history_panel(assessment_id)


def _open(assessment_id: str) -> None:
    if state.open_assessment(assessment_id):
        goto("organisation")


def _card(summary: AssessmentSummary, is_open: bool) -> None:
    with st.container(border=True):
        text, actions = st.columns([3, 2], vertical_alignment="center")
        badge = f" :green-badge[{t('assessments.open_now')}]" if is_open else ""
        text.markdown(f"**{escape_md(summary.title)}**{badge}")
        text.caption(
            t(
                "assessments.card",
                organisation=escape_md(summary.organisation),
                revision=summary.revision,
                when=summary.updated_at.strftime("%Y-%m-%d %H:%M"),
                author=escape_md(summary.updated_by),
            )
        )
        open_col, more_col = actions.columns([2, 1])
        if open_col.button(
            t("assessments.open"),
            key=f"assess.open.{summary.id}",
            type="primary",
            icon=":material/arrow_forward:",
            width="stretch",
        ):
            _open(summary.id)
        with more_col.popover(t("assessments.more"), icon=":material/more_horiz:", width="stretch"):
            for kind, icon in (
                ("duplicate", ":material/content_copy:"),
                ("rename", ":material/edit:"),
                ("history", ":material/history:"),
                ("delete", ":material/delete:"),
            ):
                st.button(
                    t(f"assessments.{kind}.button"),
                    key=f"assess.{kind}.{summary.id}",
                    icon=icon,
                    on_click=panels.open_panel,
                    args=(kind, summary.id),
                    width="stretch",
                )


def _empty() -> None:
    empty_state("assessments.empty.title", "assessments.empty.body")
    if st.button(t("assessments.empty.samples"), icon=":material/library_add:", key="assess.samples"):
        with st.spinner(t("common.working")):
            added = seed_samples(state.store(), settings().sample_dir, author=state.author())
        state.notify("success", t("assessments.empty.samples_added", n=len(added)))
        st.rerun()


def render() -> None:
    st.title(t("assessments.title"))
    st.caption(t("assessments.intro"))
    show_notice()
    try:
        summaries = state.store().list_assessments()
    except StoreError as exc:
        st.error(escape_md(t("state.store_error", error=str(exc))), icon=":material/error:")
        return
    _toolbar()
    _panel(summaries)
    if not summaries:
        _empty()
        return
    query = (
        st.text_input(
            t("assessments.search"),
            key="assess.search",
            placeholder=t("assessments.search_hint"),
            label_visibility="collapsed",
        )
        if len(summaries) > 6
        else ""
    )
    needle = query.strip().lower()
    shown = [s for s in summaries if needle in f"{s.title} {s.organisation} {s.id}".lower()]
    current = state.current()
    for summary in shown:
        _card(summary, current is not None and current.id == summary.id)
    if not shown:
        st.caption(t("assessments.no_match"))


render()
