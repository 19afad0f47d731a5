"""A minimal page wired the way the app wires team mode (sign-in first, then only the session's store),
served by ``streamlit run`` in the sign-in end-to-end test."""

import streamlit as st

from esg_workbench.app import auth
from esg_workbench.app.state import _open_store
from esg_workbench.config import database_url, settings

base = _open_store(database_url(settings().db))
auth.require_login(base)
store = auth.session_store(base)
st.text("ids=" + ",".join(s.id for s in store.list_assessments()))
auth.sign_out_control()
