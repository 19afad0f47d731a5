"""First screen: the stored assessments, with open, new from a framework, import, duplicate, rename,
delete with confirmation (and undelete), the history and audit trail with restore, and in team mode
sharing; each action is offered only to the roles that may take it."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import assessment_panels as panels
from esg_workbench.app import state
from esg_workbench.app.history_panel import history_panel
from esg_workbench.app.i18n import t
from esg_workbench.app.literal import md
from esg_workbench.app.navigation import goto
from esg_workbench.app.sharing_panel import sharing_panel
from esg_workbench.app.widgets import empty_state, show_notice
from esg_workbench.config import settings
from esg_workbench.samples import seed_samples
from esg_workbench.store import AssessmentSummary, SecuredStore, StoreError, role_allows

# The least role each action of a card needs (the store enforces the same; see store/access.py).
_ACTIONS = (
    ("duplicate", ":material/content_copy:", "viewer"),
    ("rename", ":material/edit:", "editor"),
    ("history", ":material/history:", "viewer"),
    ("sharing", ":material/group:", "viewer"),
    ("delete", ":material/delete:", "owner"),
)


def _roles() -> dict[str, str] | None:
    """Assessment id -> the signed-in user's role in team mode; None in local mode (one user, who may do
    everything)."""
    store = state.store()
    return store.roles() if isinstance(store, SecuredStore) else None


def _allows(role: str | None, needed: str) -> bool:
    return role is None or role_allows(role, needed)


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


def _panel(summaries: list[AssessmentSummary], roles: dict[str, str] | None) -> None:
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
            history_panel(assessment_id, can_restore=_allows(_role(roles, assessment_id), "editor"))
        elif kind == "sharing":
            sharing_panel(assessment_id, by_id[assessment_id].title)


def _role(roles: dict[str, str] | None, assessment_id: str) -> str | None:
    # An id missing from roles was unshared meanwhile: the least role, so only reading is offered.
    return None if roles is None else roles.get(assessment_id, "viewer")


def _open(assessment_id: str) -> None:
    if state.open_assessment(assessment_id):
        goto("organisation")


def _card(summary: AssessmentSummary, is_open: bool, role: str | None) -> None:
    with st.container(border=True):
        text, actions = st.columns([3, 2], vertical_alignment="center")
        badge = f" :green-badge[{t('assessments.open_now')}]" if is_open else ""
        if role is not None:
            badge += f" :blue-badge[{t(f'team.roles.{role}')}]"
        text.markdown(f"**{md(summary.title)}**{badge}")
        text.caption(
            md(
                t(
                    "assessments.card",
                    organisation=summary.organisation,
                    revision=str(summary.revision),  # an identifier: no thousands separator
                    when=summary.updated_at.strftime("%Y-%m-%d %H:%M"),
                    author=summary.updated_by,
                )
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
            for kind, icon, needed in _ACTIONS:
                if kind == "sharing" and role is None:
                    continue
                if not _allows(role, needed):
                    continue
                st.button(
                    t(f"assessments.{kind}.button") if kind != "sharing" else t("team.sharing.button"),
                    key=f"assess.{kind}.{summary.id}",
                    icon=icon,
                    on_click=panels.open_panel,
                    args=(kind, summary.id),
                    width="stretch",
                )


def _deleted(deleted: list[AssessmentSummary], roles: dict[str, str] | None) -> None:
    """Deleted assessments the user may bring back (their revisions were kept)."""
    deleted = [s for s in deleted if _allows(_role(roles, s.id), "owner")]
    if not deleted:
        return
    with st.expander(t("assessments.deleted.title", n=len(deleted)), icon=":material/delete:"):
        for summary in deleted:
            text, action = st.columns([4, 1], vertical_alignment="center")
            text.markdown(f"**{md(summary.title)}** · {md(summary.organisation)}")
            if action.button(t("assessments.deleted.restore"), key=f"assess.undelete.{summary.id}", width="stretch"):
                try:
                    state.store().undelete(summary.id, author=state.author())
                except StoreError as exc:
                    panels.store_error(exc)
                    return
                state.notify("success", t("assessments.deleted.restored", title=summary.title))
                st.rerun()


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
        everything = state.store().list_assessments(include_deleted=True)
    except StoreError as exc:
        st.error(md(t("state.store_error", error=str(exc))), icon=":material/error:")
        return
    summaries = [s for s in everything if not s.deleted]
    deleted = [s for s in everything if s.deleted]
    roles = _roles()
    _toolbar()
    _panel(summaries, roles)
    if not summaries:
        _empty()
        _deleted(deleted, roles)
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
    for summary in shown:
        _card(summary, state.is_open(summary.id), _role(roles, summary.id))
    if not shown:
        st.caption(t("assessments.no_match"))
    _deleted(deleted, roles)


render()
