"""Imports from the architect's other tools into the open assessment: a landscape from an EA tool on the
as-is page, a requirement list on the requirements page (and the requirements out as ReqIF or CSV).

Upload, map the columns that differ from the tool's defaults, see the plan (added, changed, unchanged,
conflicts, notices and every change), and only a click on *apply* stores it as a new revision. The
upload is read with the same limits and checks as a workbook upload (``interchange`` reads an .xlsx
through ``xlsx_safety``; the size limit is ``max_upload_mb``).
"""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import state
from esg_workbench.app.assessment_panels import changes_frame, show_problems
from esg_workbench.app.i18n import t
from esg_workbench.app.literal import md
from esg_workbench.app.table_editor import Ctx
from esg_workbench.app.widgets import action_button, editors_only
from esg_workbench.config import settings
from esg_workbench.domain import AssessmentInvalid
from esg_workbench.formats import format_count
from esg_workbench.ids import slug
from esg_workbench.interchange import (
    LANDSCAPE_FORMATS,
    ImportPlan,
    ImportRefused,
    columns_of,
    export_requirements,
    mapping_fields,
    plan_landscape_import,
    plan_requirements_import,
    requirements_format,
)
from esg_workbench.xlsx_safety import MiB

_LANDSCAPE_TYPES = {"archimate": ["xml"], "leanix": ["xlsx", "csv", "txt"], "ardoq": ["xlsx"]}
_REQUIREMENT_TYPES = ["csv", "txt", "xlsx", "reqif", "xml"]
_AUTO = ""


@editors_only()
def landscape_import(ctx: Ctx) -> None:
    """The panel that imports systems, data sources and data flows from an EA tool's export."""
    with st.expander(t("interchange.app.landscape_title"), icon=":material/upload_file:"):
        st.caption(t("interchange.app.landscape_intro"))
        fmt = st.radio(
            t("interchange.app.format"),
            LANDSCAPE_FORMATS,
            format_func=lambda f: t(f"interchange.app.formats.{f}"),
            horizontal=True,
            key=state.wkey("landscape.format"),
        )
        upload = _upload("landscape", fmt, _LANDSCAPE_TYPES[fmt])
        if upload is None:
            return
        name, data = upload
        mapping = _mapping("landscape", fmt, name, data)
        if mapping is None:
            return
        with st.spinner(t("interchange.app.reading")):
            plan = plan_landscape_import(
                ctx.assessment,
                data,
                format=fmt,
                name=name,
                mapping=mapping,
                framework=ctx.framework,
                max_bytes=_limit(),
            )
        _show(plan, "landscape", ctx)


@editors_only()
def requirements_import(ctx: Ctx) -> None:
    """The panel that imports a requirement list (CSV, Excel, ReqIF) and downloads the requirements."""
    with st.expander(t("interchange.app.requirements_title"), icon=":material/upload_file:"):
        st.caption(t("interchange.app.requirements_intro"))
        upload = _upload("requirements", "list", _REQUIREMENT_TYPES)
        if upload is not None:
            name, data = upload
            fmt = requirements_format(name, data)
            mapping = _mapping("requirements", fmt or "csv", name, data) if fmt in ("csv", "xlsx") else {}
            if mapping is not None:
                with st.spinner(t("interchange.app.reading")):
                    plan = plan_requirements_import(ctx.assessment, data, name=name, mapping=mapping, **_reading(ctx))
                _show(plan, "requirements", ctx)
    if ctx.assessment.requirements:
        _downloads(ctx)


def _limit() -> int:
    return settings().max_upload_mb * MiB


def _reading(ctx: Ctx) -> dict:
    """What every import is read with: the assessment's framework and the upload size limit."""
    return {"framework": ctx.framework, "max_bytes": _limit()}


def _upload(kind: str, fmt: str, types: list[str]) -> tuple[str, bytes] | None:
    upload = st.file_uploader(
        t("interchange.app.upload", mb=settings().max_upload_mb), type=types, key=state.wkey(f"{kind}.upload.{fmt}")
    )
    return None if upload is None else (upload.name, upload.getvalue())


def _mapping(kind: str, fmt: str, name: str, data: bytes) -> dict[str, str] | None:
    """The mapping screen of a tabular file: for each field, the file's column that holds it (or the
    default headers). None (with the problems shown) when the file cannot be read."""
    fields = mapping_fields(fmt)
    if not fields:
        return {}
    try:
        columns = columns_of(data, name=name, format=fmt, max_bytes=_limit())
    except ImportRefused as exc:
        show_problems(AssessmentInvalid(exc.problems, exc.source or name))
        return None
    chosen: dict[str, str] = {}
    with st.popover(t("interchange.app.columns"), icon=":material/view_column:"):
        st.caption(t("interchange.app.columns_intro"))
        for field_name, defaults in fields.items():
            sheet, _, bare = field_name.rpartition(".")
            options = [_AUTO, *(c for c in columns.get(sheet, []) if str(c).strip())]
            label = t(f"interchange.field.{bare}") + (f" ({t('interchange.app.references')})" if sheet else "")
            # worded here, in the script run (a format function may be called outside it); option labels
            # are plain text (no markdown), so the file's header shows as it is
            shown = {_AUTO: t("interchange.app.auto", headers=", ".join(defaults))} | {c: c for c in options[1:]}
            picked = st.selectbox(
                label, options, key=state.wkey(f"{kind}.map.{fmt}.{field_name}"), format_func=shown.__getitem__
            )
            if picked != _AUTO:
                chosen[field_name] = picked
    return chosen


def _show(plan: ImportPlan, kind: str, ctx: Ctx) -> None:
    """The plan, and the button that applies it."""
    if not plan.ok:
        show_problems(AssessmentInvalid(plan.problems, plan.source))
        return
    counts = plan.counts()
    for col, (key, n) in zip(st.columns(4), counts.items(), strict=True):
        col.metric(t(f"interchange.app.count.{key}"), format_count(n, ctx.lang))
    for notice in plan.notices:
        st.info(md(notice.text(ctx.lang)), icon=":material/info:")
    for conflict in plan.conflicts:
        st.warning(md(conflict.text(ctx.lang)), icon=":material/warning:")
    if not plan.changes:
        st.success(t("interchange.app.no_changes"), icon=":material/check_circle:")
        return
    st.caption(t("interchange.app.changes", n=len(plan.changes)))
    st.dataframe(
        changes_frame(plan.changes), hide_index=True, width="stretch", height=min(38 + 35 * len(plan.changes), 360)
    )
    if action_button(
        t("interchange.app.apply", n=len(plan.changes)),
        type="primary",
        key=f"{kind}.import.apply",
        icon=":material/publish:",
    ):
        outcome = state.commit(plan.assessment, f"imported {kind} from {plan.source}")
        if outcome.saved:
            state.notify("success", t("interchange.app.applied", rev=str(state.revision())))
            st.rerun()
        elif outcome.problems:
            show_problems(AssessmentInvalid(outcome.problems, plan.source))


def _downloads(ctx: Ctx) -> None:
    st.caption(t("interchange.app.export_intro"))
    left, right = st.columns(2)
    name = slug(ctx.assessment.title)
    for col, fmt, mime in ((left, "reqif", "application/xml"), (right, "csv", "text/csv")):
        col.download_button(
            t(f"interchange.app.export.{fmt}"),
            state.guarded_download(ctx.assessment.id, lambda f=fmt: export_requirements(ctx.assessment, f)),
            file_name=f"{name}-requirements.{fmt}",
            mime=mime,
            icon=":material/download:",
            key=f"requirements.export.{fmt}",
            on_click="rerun",
        )
