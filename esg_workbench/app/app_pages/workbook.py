"""The decision workbook: how complete each step is, the download of the Excel workbook, and the upload
of an edited workbook back into the assessment (with a preview of every change)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from esg_workbench.app import state, workbook_io
from esg_workbench.app.assessment_panels import changes_frame, show_problems
from esg_workbench.app.i18n import current_language, t
from esg_workbench.app.literal import md
from esg_workbench.app.navigation import goto
from esg_workbench.app.result_views import method, result
from esg_workbench.app.table_editor import Ctx
from esg_workbench.app.widgets import action_button, editors_only, language_choice, require_assessment, show_notice
from esg_workbench.completeness import STEPS, all_checks, share_done
from esg_workbench.config import settings
from esg_workbench.domain import Assessment, AssessmentInvalid
from esg_workbench.formats import format_percent
from esg_workbench.ids import slug


def _progress(assessment: Assessment) -> None:
    checks = state.memo("completeness", lambda: all_checks(assessment, state.framework_of(assessment)))
    st.subheader(t("workbook.progress"))
    cols = st.columns(len(STEPS))
    for col, step in zip(cols, STEPS, strict=True):
        share = share_done(checks[step])
        open_count = sum(1 for c in checks[step] if not c.done)
        col.metric(
            t(f"steps.{step}"),
            format_percent(share, current_language()),
            t("workbook.open", n=open_count),
            delta_color="off",
            delta_arrow="off",
            border=True,
        )
        if open_count and col.button(
            t("workbook.go"), key=f"workbook.go.{step}", type="tertiary", icon=":material/arrow_forward:"
        ):
            first = next(c for c in checks[step] if not c.done)
            goto(first.page, first.view)


def _download(assessment: Assessment) -> None:
    st.subheader(t("workbook.download_title"))
    if not workbook_io.available():
        st.info(t("workbook.unavailable"), icon=":material/info:")
        return
    st.caption(t("workbook.download_intro"))
    lang = language_choice("workbook.language", key="workbook.lang")
    with st.spinner(t("workbook.preparing")):
        scored = result(Ctx(assessment, state.framework_of(assessment), current_language()))
        data = state.memo(
            f"workbook.{lang}",
            lambda: workbook_io.export_bytes(
                assessment, lang, result=None if isinstance(scored, str) else scored, revision=state.revision()
            ),
            method(),
        )
    name = f"{slug(assessment.title)}-r{state.revision()}-{lang}.xlsx"
    st.download_button(
        t("workbook.download", size=round(len(data) / 1024)),
        state.guarded_download(assessment.id, lambda: data),  # access is checked again at the click
        file_name=name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        type="primary",
        icon=":material/download:",
        key="workbook.download",
        on_click="rerun",  # a refused download then shows why (the rerun checks access and says so)
    )


@editors_only("readonly.upload")
def _upload(assessment: Assessment) -> None:
    if not workbook_io.import_available():
        return
    st.subheader(t("workbook.upload_title"))
    st.caption(t("workbook.upload_intro"))
    limit = settings().max_upload_mb
    upload = st.file_uploader(t("workbook.upload", mb=limit), type=["xlsx"], key=state.wkey("workbook.upload"))
    if upload is None:
        return
    with st.spinner(t("assessments.import.reading")):
        preview = workbook_io.preview_upload(upload.getvalue(), upload.name, assessment, limit * 2**20)
    if not preview.ok:
        show_problems(AssessmentInvalid(preview.problems, upload.name))
        return
    incoming = preview.assessment
    changes = preview.changes
    if not changes:
        st.success(t("workbook.no_changes"), icon=":material/check_circle:")
        return
    st.caption(t("workbook.changes", n=len(changes)))
    st.dataframe(changes_frame(changes), hide_index=True, width="stretch", height=min(38 + 35 * len(changes), 360))
    if action_button(
        t("workbook.apply", n=len(changes)), type="primary", key="workbook.apply", icon=":material/publish:"
    ):
        outcome = state.commit(
            incoming.model_copy(update={"created_at": assessment.created_at}), "imported from workbook"
        )
        if outcome.saved:
            state.replace(state.require(), state.revision())
            state.notify("success", t("workbook.applied", rev=str(state.revision())))
            st.rerun()
        elif outcome.problems:
            show_problems(AssessmentInvalid(outcome.problems, upload.name))


def render() -> None:
    assessment = require_assessment()
    if assessment is None:
        return
    st.title(t("workbook.title"))
    st.caption(md(assessment.title))
    show_notice()
    _progress(assessment)
    st.divider()
    left, right = st.columns(2, gap="large")
    with left:
        _download(assessment)
    with right:
        _upload(assessment)
    with st.expander(t("workbook.contents"), icon=":material/menu_book:"):
        st.dataframe(
            pd.DataFrame(
                {
                    t("workbook.sheet"): [
                        t(f"workbook.sheets.{k}")
                        for k in ("method", "as_is", "to_be", "requirements", "scoring", "decision", "lists")
                    ]
                }
            ),
            hide_index=True,
            width="stretch",
        )


render()
