"""The organisation page's standards panels: the CSRD scope check (from the core's ``scope``) and the
catalogue the assessment works against, with the move to another version (dry run first, then a new
revision or a copy, from the core's ``catalogue_move``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..catalogue_move import MovePlan, MoveRefused, apply_move, mappings_from, plan_move
from ..domain.assessment import Assessment, CatalogueRef
from ..domain.framework import Framework
from ..formats import format_count
from ..frameworks import load_scope_rules
from ..samples import duplicate
from ..scope import check_scope
from ..store.errors import StoreError
from . import state
from .assessment_panels import store_error
from .i18n import current_language, t
from .literal import md


def scope_panel(assessment: Assessment, fw: Framework) -> None:
    """Whether the CSRD applies to the organisation as entered, with the reasons, the rules' date and
    their legal sources; the catalogue that fits beside the one the assessment works against."""
    lang = current_language()
    result = check_scope(assessment.organisation, load_scope_rules())
    st.subheader(t("scope.title"))
    box = st.success if result.outcome == "in_scope" else st.warning if result.outcome == "cannot_tell" else st.info
    box(md(result.headline(lang)), icon=":material/gavel:")
    for line in result.explanation(lang):
        st.markdown(md(line))
    st.caption(md(result.as_of_line(lang)))
    if result.suggested_catalogue and result.suggested_catalogue != (
        assessment.catalogue.id,
        assessment.catalogue.version,
    ):
        fitting = fw.catalogue(result.suggested_catalogue)
        name = fitting.short_name if fitting else "@".join(result.suggested_catalogue)
        st.caption(md(t("catalogue.fits_other", fitting=name, current=fw.esrs.short_name)))
    with st.expander(t("scope.sources"), icon=":material/menu_book:"):
        for source in result.sources:
            st.markdown(md(source.citation))


def catalogue_panel(assessment: Assessment, fw: Framework) -> None:
    """The catalogue in use, and the move to another version."""
    lang = current_language()
    catalogue = fw.esrs
    st.subheader(t("catalogue.title"))
    st.markdown(
        md(
            t(
                "catalogue.current",
                name=catalogue.short_name,
                title=catalogue.title.get(lang),
                count=format_count(len(catalogue.disclosure_requirements), lang),
            )
        )
    )
    start = catalogue.effective_from.isoformat()
    if catalogue.effective_to:
        st.caption(md(t("catalogue.effective", start=start, end=catalogue.effective_to.isoformat())))
    else:
        st.caption(md(t("catalogue.effective_open", start=start)))
    st.caption(md(catalogue.legal_basis))
    review = [c for c in assessment.coverage if c.review]
    if review:
        st.warning(md(t("catalogue.review_open", count=len(review))), icon=":material/rule:")


def move_panel(assessment: Assessment, fw: Framework) -> None:
    """The move to another catalogue version, across the page (its dry run is a wide table). The dry run
    is made only when asked for: planning reads the whole coverage on every run of the page."""
    targets = mappings_from(fw, assessment.catalogue)
    if not targets:
        st.caption(t("catalogue.no_move"))
        return
    # A viewer cannot move the assessment, so it gets no dry run either (every changing control is locked)
    opened = st.toggle(t("catalogue.move.title"), key=state.wkey("catalogue.move.open"), disabled=state.read_only())
    if opened:
        with st.container(border=True):
            _move(assessment, fw, [m.to_catalogue for m in targets])


def _move(assessment: Assessment, fw: Framework, targets: list[CatalogueRef]) -> None:
    lang = current_language()
    target = st.selectbox(
        t("catalogue.move.to"),
        targets,
        format_func=lambda ref: f"{fw.catalogue(ref).short_name} · {fw.catalogue(ref).title.get(lang)}",
        key=state.wkey("catalogue.move.to"),
    )
    try:
        plan = plan_move(assessment, fw, target)
    except MoveRefused as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return
    counts = plan.counts
    cols = st.columns(4)
    for col, key in zip(cols, ("maps", "needs_review", "dropped", "unchanged"), strict=True):
        col.metric(t(f"catalogue.move.count.{key}"), format_count(counts[key], lang))
    st.caption(t("catalogue.move.dry_run"))
    st.dataframe(_plan_table(plan, fw, lang), hide_index=True, width="stretch")
    how = st.radio(
        t("catalogue.move.how"),
        ["revision", "copy"],
        format_func=lambda v: t(f"catalogue.move.as_{v}"),
        key=state.wkey("catalogue.move.how"),
        horizontal=True,
    )
    if st.button(
        t("catalogue.move.apply"),
        type="primary",
        key=state.wkey("catalogue.move.apply"),
        disabled=state.read_only(),
        icon=":material/check:",
    ):
        _apply(assessment, fw, plan, how)


def _plan_table(plan: MovePlan, fw: Framework, lang: str) -> pd.DataFrame:
    old, new = fw.catalogue(plan.from_ref), fw.catalogue(plan.to_ref)
    rows = []
    for move in plan.items:
        keeps = move.outcome != "maps"
        rows.append(
            {
                t("catalogue.move.col.outcome"): t(f"catalogue.move.count.{move.outcome}"),
                t("catalogue.move.col.item"): move.item_id,
                t("catalogue.move.col.from"): f"{old.short_name} {old.dr_label(move.old_code, lang)}",
                t("catalogue.move.col.to"): t("catalogue.move.keeps")
                if keeps and move.review != "datapoint_list"
                else f"{new.short_name} {new.dr_label(move.new_code, lang)}",
                t("catalogue.move.col.kind"): t(f"catalogue.move.kind.{move.kind}"),
                t("catalogue.move.col.candidates"): ", ".join(move.candidates),
                t("catalogue.move.col.note"): move.note,
            }
        )
    return pd.DataFrame(rows)


def _apply(assessment: Assessment, fw: Framework, plan: MovePlan, how: str) -> None:
    try:
        moved = apply_move(assessment, fw, plan)
    except MoveRefused as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return
    message = f"moved from {plan.from_ref} to {plan.to_ref}"
    new = fw.catalogue(plan.to_ref).short_name
    if how == "copy":
        store = state.store()
        try:
            copy = duplicate(moved, title=f"{moved.title} ({new})"[:500], store=store)
            store.create(copy, author=state.author(), message=f"{message} (copy of {assessment.id})")
        except StoreError as exc:
            store_error(exc)
            return
        state.open_assessment(copy.id)
        state.notify("success", t("catalogue.move.done_copy", title=copy.title, name=new))
        st.rerun()
    result = state.commit(moved, message)
    if not result.saved:
        for problem in result.problems:
            st.error(md(problem.text(current_language())), icon=":material/error:")
        return
    state.replace(state.require(), state.revision())  # every page reads DR codes in the new version's terms
    state.notify("success", t("catalogue.move.done_revision", name=new))
    st.rerun()
