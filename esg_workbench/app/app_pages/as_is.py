"""Step 1, as-is: data sources, systems, data flows, roles and reporting processes as editable tables,
the ESRS coverage matrix with its gaps, the chain from DR to owner with its flags, and the landscape
drawn as a diagram."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import as_is_views, chain_view, datapoint_view, import_panel, state
from esg_workbench.app.guidance import step_header
from esg_workbench.app.i18n import current_language, t
from esg_workbench.app.table_columns import DATA_FLOWS, DATA_SOURCES, PROCESSES, ROLES, SYSTEMS
from esg_workbench.app.table_editor import Ctx, editable_table, howto
from esg_workbench.app.widgets import require_assessment, view_switch

VIEWS = (
    ("data_sources", "as_is.views.data_sources", ":material/database:"),
    ("systems", "as_is.views.systems", ":material/dns:"),
    ("data_flows", "as_is.views.data_flows", ":material/swap_horiz:"),
    ("roles", "as_is.views.roles", ":material/badge:"),
    ("processes", "as_is.views.processes", ":material/route:"),
    ("coverage", "as_is.views.coverage", ":material/grid_on:"),
    ("datapoints", "as_is.views.datapoints", ":material/data_object:"),
    ("chain", "as_is.views.chain", ":material/link:"),
    ("landscape", "as_is.views.landscape", ":material/hub:"),
)
TABLES = {
    "data_sources": DATA_SOURCES,
    "systems": SYSTEMS,
    "data_flows": DATA_FLOWS,
    "roles": ROLES,
    "processes": PROCESSES,
}

# The views where an EA tool's landscape lands: its import is offered on each of them.
LANDSCAPE_IMPORT = ("data_sources", "systems", "data_flows")


def render() -> None:
    assessment = require_assessment()
    if assessment is None:
        return
    step_header("as_is", "as_is")
    view = view_switch("as_is", VIEWS)
    ctx = Ctx(assessment, state.framework_of(assessment), current_language())
    if view in LANDSCAPE_IMPORT:
        import_panel.landscape_import(ctx)
    if view in TABLES:
        st.caption(t(f"as_is.intro.{view}"))
        if view in as_is_views.QUICK_ADD:
            as_is_views.quick_add(view, ctx)
        if not getattr(assessment, view):
            st.info(t(f"as_is.empty.{view}"), icon=":material/info:")
        editable_table(TABLES[view], ctx, key=f"as_is.{view}")
        howto()
    elif view == "coverage":
        as_is_views.coverage_view(ctx)
    elif view == "datapoints":
        datapoint_view.datapoint_view(ctx)
    elif view == "chain":
        chain_view.chain_view(ctx)
    else:
        as_is_views.landscape_view(ctx)


render()
