"""Entry point for ``streamlit run``: page config, session start, and the navigation in the order of the
method (assessments, organisation, 1 as-is, 2 to-be, 3 requirements, 4 scenarios, decision workbook).
In team mode nothing runs before the user has signed in."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import auth, chrome, state, store_problem

# The icon is served from here: a Material shortcode would make every browser fetch it from a font host.
st.set_page_config(page_title="ESG Architecture Workbench", page_icon=str(chrome.STATIC / "icon.svg"), layout="wide")
state._apply_secrets()  # first: secrets may switch on team mode
state.start_language()  # before sign-in, which has its own screen
# Stops here with a page saying why when the store cannot be used, and in team mode until signed in.
auth.require_login(store_problem.open_or_stop(state.base_store))
state.bootstrap()
page = st.navigation(chrome.navigation_pages())
chrome.sidebar()
chrome.run_page(page)
