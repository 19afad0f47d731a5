"""The panels of the assessment list: new from a framework, import (JSON or decision workbook), rename,
duplicate, and delete with confirmation (history and sharing have their own modules)."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from ..assessment_files import assessment_data_from_text, parse_assessment
from ..config import settings
from ..domain import Assessment, AssessmentInvalid
from ..domain.diff import Change
from ..new_assessment import new_assessment
from ..samples import duplicate, fresh_id
from ..store import AlreadyExists, ConflictError, StoreError
from . import state, workbook_io
from .editing import issues_from_validation_error
from .i18n import LANGUAGE_NAMES, LANGUAGES, current_language, t
from .literal import md
from .navigation import goto
from .problem_text import issue_text, problem_text

PANEL = "assess.panel"


def open_panel(kind: str, assessment_id: str | None = None) -> None:
    st.session_state[PANEL] = (kind, assessment_id)


def close_panel() -> None:
    st.session_state.pop(PANEL, None)


def _cancel(key: str) -> None:
    st.button(t("common.cancel"), key=key, on_click=close_panel)


def store_error(exc: Exception) -> None:
    st.error(md(t("state.store_error", error=str(exc))), icon=":material/error:")


def changed_meanwhile(exc: ConflictError) -> None:
    st.warning(md(t("assessments.changed_meanwhile", author=exc.current_author)), icon=":material/sync_problem:")


# --- new -------------------------------------------------------------------------------------------


def new_panel() -> None:
    fw = state.framework()
    lang = current_language()
    st.subheader(t("assessments.new.title"))
    st.caption(md(t("assessments.new.intro", framework=fw.title.get(lang), version=fw.version)))
    sectors = [term.id for term in fw.vocabularies["sector"]]
    with st.form("assess.new.form", border=False):
        name = st.text_input(t("assessments.new.organisation"), key="assess.new.name", max_chars=500)
        sector = st.selectbox(
            t("assessments.new.sector"),
            sectors,
            key="assess.new.sector",
            format_func=lambda s: fw.label("sector", s, lang),
        )
        title = st.text_input(
            t("assessments.new.assessment_title"),
            key="assess.new.title",
            max_chars=500,
            placeholder=t("assessments.new.title_placeholder"),
        )
        refs = [(c.id, c.version) for c in fw.catalogues]
        default_ref = (fw.default_catalogue.id, fw.default_catalogue.version)
        catalogue = st.selectbox(
            t("catalogue.pick"),
            refs,
            index=refs.index(default_ref),
            key="assess.new.catalogue",
            format_func=lambda ref: f"{fw.catalogue(ref).short_name} · {fw.catalogue(ref).title.get(lang)}",
            help=t("catalogue.pick_help"),
        )
        language = st.radio(
            t("assessments.new.language"),
            LANGUAGES,
            key="assess.new.lang",
            horizontal=True,
            index=LANGUAGES.index(lang),
            format_func=LANGUAGE_NAMES.__getitem__,
            help=t("assessments.new.language_help"),
        )
        submitted = st.form_submit_button(
            t("assessments.new.create"), type="primary", icon=":material/add:", key="assess.new.submit"
        )
    _cancel("assess.new.cancel")
    if submitted:
        _create_new(name, sector, title, language, catalogue)


def _create_new(name: str, sector: str, title: str, language: str, catalogue: tuple[str, str]) -> None:
    if not name.strip():
        st.error(t("assessments.new.name_required"), icon=":material/error:")
        return
    fw = state.framework()
    try:
        assessment = new_assessment(
            fw,
            organisation_name=name.strip(),
            sector=sector,
            title=title.strip() or None,
            language=language,
            assessment_id=fresh_id(title.strip() or name, state.store()),
            catalogue=catalogue,
        )
        state.store().create(assessment, author=state.author(), message="created from the framework")
    except ValidationError as exc:
        for issue in issues_from_validation_error(exc):
            st.error(md(issue_text(issue, current_language())), icon=":material/error:")
        return
    except (StoreError, AssessmentInvalid) as exc:
        store_error(exc)
        return
    close_panel()
    state.open_assessment(assessment.id)
    state.notify("success", t("assessments.new.created", title=assessment.title))
    goto("organisation")


# --- import ----------------------------------------------------------------------------------------


def import_panel() -> None:
    st.subheader(t("assessments.import.title"))
    kinds = ["json"] + (["xlsx"] if workbook_io.import_available() else [])
    kind = st.radio(
        t("assessments.import.kind"),
        kinds,
        key="assess.import.kind",
        horizontal=True,
        format_func=lambda k: t(f"assessments.import.kind_{k}"),
    )
    limit = settings().max_upload_mb
    upload = st.file_uploader(t(f"assessments.import.file_{kind}", mb=limit), type=[kind], key=f"assess.import.{kind}")
    _cancel("assess.import.cancel")
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > limit * 2**20:
        st.error(t("assessments.import.too_large", mb=limit), icon=":material/error:")
        return
    if kind == "json":
        _import_json(upload.name, data)
    else:
        _import_workbook(upload.name, data)


def _import_json(name: str, data: bytes) -> None:
    try:
        # Not JSON, a key given twice, NaN where a number belongs: all problems with their paths.
        assessment = parse_assessment(assessment_data_from_text(data.decode("utf-8"), name), source=name)
    except UnicodeDecodeError as exc:
        st.error(md(t("assessments.import.not_json", error=str(exc))), icon=":material/error:")
        return
    except AssessmentInvalid as exc:
        show_problems(exc)
        return
    _offer_create(assessment, "json")


def show_problems(exc: AssessmentInvalid) -> None:
    lang = current_language()
    st.error(t("assessments.import.invalid", n=len(exc.problems)), icon=":material/error:")
    st.dataframe(
        pd.DataFrame([{t("table.where"): p.path, t("table.problem"): problem_text(p, lang)} for p in exc.problems]),
        hide_index=True,
        width="stretch",
    )


def _offer_create(assessment: Assessment, kind: str) -> None:
    store = state.store()
    taken = store.exists(assessment.id)
    with st.container(border=True):
        st.markdown(f"**{md(assessment.title)}** · {md(assessment.organisation.name)}")
        st.caption(
            t(
                "assessments.import.counts",
                sources=len(assessment.data_sources),
                systems=len(assessment.systems),
                requirements=len(assessment.requirements),
                options=len(assessment.options),
            )
        )
        if taken:
            st.info(md(t("assessments.import.id_taken", id=assessment.id)), icon=":material/info:")
        if st.button(
            t("assessments.import.create"), type="primary", key=f"assess.import.create.{kind}", icon=":material/upload:"
        ):
            if taken:
                assessment = duplicate(assessment, title=assessment.title, store=store)
            try:
                store.create(assessment, author=state.author(), message=f"imported from {kind.upper()}")
            except (StoreError, AssessmentInvalid) as exc:
                store_error(exc)
                return
            close_panel()
            state.open_assessment(assessment.id)
            state.notify("success", t("assessments.import.done", title=assessment.title))
            goto("organisation")


def _import_workbook(name: str, data: bytes) -> None:
    with st.spinner(t("assessments.import.reading")):
        preview = workbook_io.preview_upload(data, name, None, settings().max_upload_mb * 2**20)
    if not preview.ok:
        show_problems(AssessmentInvalid(preview.problems, name))
        return
    _offer_create(preview.assessment, "xlsx")


# --- rename, duplicate, delete ---------------------------------------------------------------------


def rename_panel(assessment_id: str) -> None:
    store = state.store()
    stored = store.load(assessment_id)
    st.subheader(t("assessments.rename.title"))
    title = st.text_input(
        t("assessments.rename.label"), value=stored.assessment.title, key="assess.rename.value", max_chars=500
    )
    if st.button(t("common.save"), type="primary", key="assess.rename.save", icon=":material/save:"):
        try:
            renamed = stored.assessment.model_copy()
            renamed.title = title.strip()
            revision = store.save(renamed, base_revision=stored.revision, author=state.author(), message="renamed")
        except ValidationError as exc:
            for issue in issues_from_validation_error(exc):
                st.error(md(issue_text(issue, current_language())), icon=":material/error:")
            return
        except ConflictError as exc:
            changed_meanwhile(exc)
            return
        except (StoreError, AssessmentInvalid) as exc:
            store_error(exc)
            return
        if state.is_open(assessment_id):
            state.replace(renamed, revision)
        close_panel()
        state.notify("success", t("assessments.rename.done", title=renamed.title))
        st.rerun()
    _cancel("assess.rename.cancel")


def duplicate_panel(assessment_id: str) -> None:
    store = state.store()
    source = store.load(assessment_id).assessment
    st.subheader(t("assessments.duplicate.title"))
    title = st.text_input(
        t("assessments.duplicate.label"),
        value=t("assessments.duplicate.default", title=source.title)[:500],
        key="assess.duplicate.value",
        max_chars=500,
    )
    if st.button(
        t("assessments.duplicate.create"), type="primary", key="assess.duplicate.save", icon=":material/content_copy:"
    ):
        try:
            copy = duplicate(source, title=title.strip(), store=store)
            store.create(copy, author=state.author(), message=f"duplicated from {assessment_id}")
        except ValidationError as exc:
            for issue in issues_from_validation_error(exc):
                st.error(md(issue_text(issue, current_language())), icon=":material/error:")
            return
        except (StoreError, AssessmentInvalid, AlreadyExists) as exc:
            store_error(exc)
            return
        close_panel()
        state.notify("success", t("assessments.duplicate.done", title=copy.title))
        st.rerun()
    _cancel("assess.duplicate.cancel")


def delete_panel(assessment_id: str, title: str, revision: int) -> None:
    st.subheader(t("assessments.delete.title"))
    st.warning(md(t("assessments.delete.confirm", title=title)), icon=":material/warning:")
    left, right = st.columns(2)
    if left.button(
        t("assessments.delete.confirm_button"), type="primary", key="assess.delete.yes", icon=":material/delete:"
    ):
        try:
            state.store().delete(assessment_id, base_revision=revision, author=state.author())
        except ConflictError as exc:
            changed_meanwhile(exc)
            return
        except StoreError as exc:
            store_error(exc)
            return
        if state.is_open(assessment_id):
            state.close_assessment()
        close_panel()
        state.notify("success", t("assessments.delete.done", title=title))
        st.rerun()
    right.button(t("common.cancel"), key="assess.delete.cancel", on_click=close_panel)


# --- shown changes ----------------------------------------------------------------------------------------


def changes_frame(changes: list[Change]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("diff.kind"): t(f"diff.{c.kind}"),
                t("diff.where"): c.path,
                t("diff.before"): _shown(c.old),
                t("diff.after"): _shown(c.new),
            }
            for c in changes
        ],
        columns=[t("diff.kind"), t("diff.where"), t("diff.before"), t("diff.after")],
    )


def _shown(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."
