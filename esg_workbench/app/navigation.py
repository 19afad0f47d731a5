"""The app's pages in the order of the method, and switching between them (with a sub-view)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageDef:
    id: str
    path: str  # relative to main.py
    title: str  # locale key
    icon: str
    url_path: str
    needs_assessment: bool = True


PAGES: tuple[PageDef, ...] = (
    PageDef(
        "assessments", "app_pages/assessments.py", "nav.assessments", ":material/folder_open:", "assessments", False
    ),
    PageDef("organisation", "app_pages/organisation.py", "nav.organisation", ":material/domain:", "organisation"),
    PageDef("as_is", "app_pages/as_is.py", "nav.as_is", ":material/account_tree:", "as-is"),
    PageDef("to_be", "app_pages/to_be.py", "nav.to_be", ":material/flag:", "to-be"),
    PageDef("requirements", "app_pages/requirements.py", "nav.requirements", ":material/checklist:", "requirements"),
    PageDef("scenarios", "app_pages/scenarios.py", "nav.scenarios", ":material/alt_route:", "scenarios"),
    PageDef("workbook", "app_pages/workbook.py", "nav.workbook", ":material/table_view:", "workbook"),
)
PAGE_BY_ID = {p.id: p for p in PAGES}


def view_key(page_id: str) -> str:
    return f"view.{page_id}"


def goto(page_id: str, view: str | None = None) -> None:
    """Switch to a page (and one of its sub-views); ends the current run."""
    if view is not None:
        st.session_state[view_key(page_id)] = view
        st.session_state.pop(view_key(page_id) + ".w", None)
    st.switch_page(PAGE_BY_ID[page_id].path)
