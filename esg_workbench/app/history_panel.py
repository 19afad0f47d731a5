"""The history panel of the assessment list: the audit trail (every revision with who, when and what
changed, and the sharing and delete events between them) with CSV and JSON downloads, and restoring an
earlier revision as a new one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..domain import AssessmentInvalid
from ..domain.diff import Change
from ..store import AuditEntry, ConflictError, NotFound, StoreError
from ..store.audit_export import audit_csv, audit_json
from . import state
from .assessment_panels import changed_meanwhile, changes_frame, close_panel, store_error
from .i18n import t

# Changes of one entry shown in the table row; the rest are counted, and the comparison below the table
# (or the download) shows them all.
_LINES_PER_ROW = 4


def history_panel(assessment_id: str, *, can_restore: bool) -> None:
    """The audit trail of one assessment; ``can_restore`` is False for a viewer (restoring is an edit)."""
    store = state.store()
    try:
        with st.spinner(t("common.working")):
            log = store.audit_log(assessment_id)
    except NotFound:
        close_panel()
        return
    except StoreError as exc:
        store_error(exc)
        return
    st.subheader(t("assessments.history.title"))
    revisions = [e.revision for e in log if e.action in ("created", "saved") and e.revision is not None]
    st.caption(t("team.audit.intro", revisions=len(revisions), entries=len(log)))
    shown = _filtered(log)
    _table(shown)
    _downloads(assessment_id, log)
    _restore_section(assessment_id, sorted(revisions), can_restore)


def _filtered(log: list[AuditEntry]) -> list[AuditEntry]:
    people = sorted({e.actor for e in log})
    left, right = st.columns(2)
    chosen = left.multiselect(
        t("team.audit.people"), people, key="assess.history.people", placeholder=t("team.audit.everyone")
    )
    needle = right.text_input(
        t("team.audit.search"), key="assess.history.search", placeholder=t("team.audit.search_hint")
    )
    needle = needle.strip().lower()
    kept = [e for e in log if not chosen or e.actor in chosen]
    if needle:
        kept = [e for e in kept if needle in " ".join([e.message, e.actor, *_lines(e)]).lower()]
    return kept


def _table(entries: list[AuditEntry]) -> None:
    if not entries:
        st.caption(t("team.audit.no_match"))
        return
    rows = [
        {
            t("team.audit.when"): e.at.strftime("%Y-%m-%d %H:%M:%S"),
            t("team.audit.who"): e.actor,
            t("team.audit.what"): action_text(e),
            t("assessments.history.revision"): e.revision,
            t("assessments.history.message"): e.message,
            t("assessments.history.summary"): _row_changes(e),
        }
        for e in reversed(entries)  # newest first, as people look for the last change
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        height=min(35 * (len(rows) + 1) + 3, 420),
        column_config={t("assessments.history.summary"): st.column_config.TextColumn(width="large")},
    )


def action_text(entry: AuditEntry) -> str:
    """What happened, in the session's language (the store's own summaries are English)."""
    role = t(f"team.roles.{entry.role}") if entry.role else ""
    return t(f"team.audit.action.{entry.action}", subject=entry.subject or "", role=role)


def _row_changes(entry: AuditEntry) -> str:
    lines = _lines(entry)
    if len(lines) <= _LINES_PER_ROW:
        return " · ".join(lines)
    return " · ".join(lines[:_LINES_PER_ROW]) + " · " + t("team.audit.more", n=len(lines) - _LINES_PER_ROW)


def _lines(entry: AuditEntry) -> list[str]:
    if entry.changes:
        return [change_line(c) for c in entry.changes]
    if entry.action == "saved" and entry.summary:  # a revision this version could not compare
        return [entry.summary]
    return []


def change_line(change: Change) -> str:
    """One change as a short line in the session's language, e.g. ``title: 'A' -> 'B'``."""
    return change.describe(added=t("diff.added"), removed=t("diff.removed"))


def audit_files(assessment_id: str, log: list[AuditEntry]) -> dict[str, tuple[bytes, str, str]]:
    """The audit trail as downloads: kind -> (content, file name, MIME type)."""
    return {
        # The byte-order mark makes Excel read the file as UTF-8 (names with æ, ø, å).
        "csv": (audit_csv(log).encode("utf-8-sig"), f"{assessment_id}-audit-trail.csv", "text/csv"),
        "json": (
            audit_json(log, assessment_id=assessment_id).encode("utf-8"),
            f"{assessment_id}-audit-trail.json",
            "application/json",
        ),
    }


def _downloads(assessment_id: str, log: list[AuditEntry]) -> None:
    columns = st.columns([1, 1, 2])
    for column, (kind, (data, file_name, mime)) in zip(columns, audit_files(assessment_id, log).items(), strict=False):
        column.download_button(
            t(f"team.audit.download_{kind}"),
            data=state.guarded_download(assessment_id, lambda data=data: data),  # access checked at the click
            file_name=file_name,
            mime=mime,
            key=f"assess.history.{kind}",
            icon=":material/download:",
            width="stretch",
        )


def _restore_section(assessment_id: str, revisions: list[int], can_restore: bool) -> None:
    latest = revisions[-1]
    older = [n for n in reversed(revisions) if n != latest]
    if not older:
        st.caption(t("assessments.history.only_one"))
        st.button(t("common.close"), key="assess.history.close", on_click=close_panel)
        return
    chosen = st.selectbox(
        t("assessments.history.pick"),
        older,
        key="assess.history.pick",
        format_func=lambda n: t("assessments.history.option", n=str(n)),  # revision numbers are ids
    )
    with st.spinner(t("common.working")):
        changes = state.store().diff(assessment_id, chosen, latest)
    st.caption(t("assessments.history.changes", n=len(changes), rev=str(chosen), latest=str(latest)))
    if changes:
        st.dataframe(
            changes_frame(changes), hide_index=True, width="stretch", height=min(35 * (len(changes) + 1) + 3, 300)
        )
    left, right = st.columns(2)
    if left.button(
        t("assessments.history.restore", n=str(chosen)),
        type="primary",
        key="assess.history.restore",
        icon=":material/history:",
        disabled=not can_restore,
        help=None if can_restore else t("team.audit.restore_needs_editor"),
    ):
        _restore(assessment_id, chosen, latest)
    right.button(t("common.close"), key="assess.history.close", on_click=close_panel)


def _restore(assessment_id: str, chosen: int, latest: int) -> None:
    store = state.store()
    try:
        revision = store.restore(assessment_id, chosen, base_revision=latest, author=state.author())
    except ConflictError as exc:
        changed_meanwhile(exc)
        return
    except (StoreError, AssessmentInvalid) as exc:
        store_error(exc)
        return
    if state.is_open(assessment_id):
        state.replace(store.load(assessment_id).assessment, revision)
    state.notify("success", t("assessments.history.restored", n=str(chosen), rev=str(revision)))
    st.rerun()
