"""The sharing panel of the assessment list (team mode): who has access with which role; the owner shares
with an e-mail address, changes or removes someone's access and hands over ownership; anyone else may
leave. The store checks every rule again, so this screen only offers what the role allows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ..store import Member, NotFound, SecuredStore, StoreError, User
from . import state
from .assessment_panels import close_panel, store_error
from .i18n import t
from .literal import md


def sharing_panel(assessment_id: str, title: str) -> None:
    store = state.store()
    if not isinstance(store, SecuredStore):  # local mode has one user and nothing to share
        close_panel()
        return
    try:
        members = store.members(assessment_id)
        role = store.role(assessment_id)
    except NotFound:
        close_panel()
        return
    except StoreError as exc:
        store_error(exc)
        return
    st.subheader(md(t("team.sharing.title", title=title)), anchor=False)
    _members_table(members, store.user.email)
    if role == "owner":
        _share_form(store, assessment_id)
        _change_access(store, assessment_id, [m for m in members if m.role != "owner"])
    else:
        owner = next((m.email for m in members if m.role == "owner"), "")
        st.caption(md(t("team.sharing.ask_owner", role=t(f"team.roles.{role}"), owner=owner)))
        _leave(store, assessment_id, title)
    st.button(t("common.close"), key="team.sharing.close", on_click=close_panel)


def _members_table(members: list[Member], me: str) -> None:
    rows = [
        {
            t("team.sharing.person"): (m.name or t("team.sharing.not_signed_in"))
            + (f" ({t('team.sharing.you')})" if m.email == me else ""),
            t("team.sharing.email"): m.email,
            t("team.sharing.role"): t(f"team.roles.{m.role}"),
            t("team.sharing.granted_by"): m.granted_by,
            t("team.sharing.since"): m.granted_at.strftime("%Y-%m-%d %H:%M"),
        }
        for m in members
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _share_form(store: SecuredStore, assessment_id: str) -> None:
    with st.form("team.share.form", clear_on_submit=True, border=False):
        email_col, role_col = st.columns([3, 2], vertical_alignment="bottom")
        email = email_col.text_input(
            t("team.sharing.share_with"), key="team.share.email", placeholder="name@example.com", max_chars=320
        )
        role = role_col.radio(
            t("team.sharing.role"),
            ["editor", "viewer"],
            key="team.share.role",
            horizontal=True,
            format_func=lambda r: t(f"team.roles.{r}"),
        )
        submitted = st.form_submit_button(
            t("team.sharing.share"), type="primary", icon=":material/person_add:", key="team.share.submit"
        )
    domains = sorted(store.allowed_domains)
    shown = t("team.sharing.roles_help")
    if domains:
        shown += " " + t("team.sharing.domains", domains=", ".join(domains))
    st.caption(md(shown))
    if not submitted:
        return
    if not email.strip():
        st.error(t("team.sharing.email_required"), icon=":material/error:")
        return
    try:
        address = User(email).email  # as the store will keep it: trimmed, lower case
    except ValueError:
        st.error(md(t("team.sharing.bad_email", email=email.strip())), icon=":material/error:")
        return
    done = t("team.sharing.shared", email=address, role=t(f"team.roles.{role}"))
    _act(lambda: store.share(assessment_id, address, role), done)


def _change_access(store: SecuredStore, assessment_id: str, others: list[Member]) -> None:
    if not others:
        return
    with st.container(border=True):
        by_email = {m.email: m for m in others}
        email = st.selectbox(
            t("team.sharing.change_for"),
            list(by_email),
            key="team.change.who",
            format_func=lambda e: f"{by_email[e].name} <{e}>" if by_email[e].name else e,
        )
        member = by_email[email]
        other_role = "viewer" if member.role == "editor" else "editor"
        role_col, remove_col = st.columns(2)
        if role_col.button(
            t("team.sharing.make", role=t(f"team.roles.{other_role}")), key="team.change.role", width="stretch"
        ):
            _act(
                lambda: store.share(assessment_id, email, other_role),
                t("team.sharing.shared", email=email, role=t(f"team.roles.{other_role}")),
            )
        if remove_col.button(
            t("team.sharing.remove"), key="team.change.remove", icon=":material/person_remove:", width="stretch"
        ):
            _act(lambda: store.unshare(assessment_id, email), t("team.sharing.removed", email=email))
        sure = st.checkbox(md(t("team.sharing.transfer_confirm", email=email)), key="team.transfer.sure")
        if st.button(t("team.sharing.transfer"), key="team.transfer.go", disabled=not sure, icon=":material/key:"):
            _act(
                lambda: store.transfer_ownership(assessment_id, email),
                t("team.sharing.transferred", email=email),
            )


def _leave(store: SecuredStore, assessment_id: str, title: str) -> None:
    sure = st.checkbox(md(t("team.sharing.leave_confirm", title=title)), key="team.leave.sure")
    if st.button(t("team.sharing.leave"), key="team.leave.go", disabled=not sure, icon=":material/logout:"):
        try:
            store.unshare(assessment_id, store.user.email)
        except StoreError as exc:
            store_error(exc)
            return
        if state.is_open(assessment_id):
            state.close_assessment()
        close_panel()
        state.notify("success", t("team.sharing.left", title=title))
        st.rerun()


def _act(change: Callable[[], None], done: str) -> None:
    """Run one sharing change; when the store refuses it (a domain not allowed, a role it may not give,
    access changed meanwhile) the reason is shown here and nothing is changed."""
    try:
        change()
    except StoreError as exc:
        store_error(exc)
        return
    state.notify("success", done)
    st.rerun()
