"""Step 1's *Chain* view: the core's chain (``esg_workbench.chain``) as one filterable table, with its
flags' sentence and a CSV download of the rows shown. Read-only: the chain follows the coverage items,
data sources and systems edited in their own views."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..chain import CSV_COLUMNS, FLAGS, CellTexts, ChainRow, chain_csv, chain_of, headers, select
from ..coverage import OUT_OF_SCOPE, STATUS_ORDER, coverage_summary
from ..formats import format_count
from . import state
from .i18n import t
from .literal import md
from .table_editor import Ctx

KEY = "as_is.chain"
# The columns the screen shows (the CSV has every column of CSV_COLUMNS, ids included).
SHOWN = ("standard", "disclosure_requirement", "title", "datapoint_id", "data_source", "manual", "system")
SHOWN += ("disposition", "integration_needed", "owner_role", "status", "flags")


def chain_view(ctx: Ctx) -> None:
    st.caption(t("chain.intro"))
    chain = state.memo(
        "chain",
        lambda: chain_of(ctx.assessment, ctx.framework, coverage_summary(ctx.assessment, ctx.framework)),
    )
    sentence = chain.sentence(ctx.lang)
    if chain.flagged:
        st.warning(md(sentence), icon=":material/flag:")
    else:
        st.success(md(sentence), icon=":material/check_circle:")
    rows = _filtered(ctx, chain.rows)
    st.caption(t("chain.shown", shown=format_count(len(rows), ctx.lang), total=format_count(len(chain.rows), ctx.lang)))
    if not rows:
        st.info(t("chain.nothing"), icon=":material/filter_alt_off:")
    else:
        st.dataframe(_frame(rows, ctx), hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 560))
    st.download_button(
        t("chain.download"),
        data=state.guarded_download(ctx.assessment.id, lambda: chain_csv(rows, ctx.framework, ctx.lang)),
        file_name=f"{ctx.assessment.id}-chain.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{KEY}.download",
    )
    st.caption(t("chain.manual_rule"))


def _filtered(ctx: Ctx, rows: list[ChainRow]) -> list[ChainRow]:
    """The five filters (standard, status, flag, system, owner), each offering the values the chain has."""
    systems = {r.system_id or "": r.system or t("chain.no_system") for r in rows if r.data_source_id}
    owners = {r.owner_role_id or "": r.owner_role or t("chain.no_owner") for r in rows if r.data_source_id}
    present = {r.status for r in rows}
    # Labels looked up now, in this run's language: a format function runs again outside the script.
    # an item's own status may also be "out of scope" (a datapoint not reported), never a DR's
    status_labels = {s: t(f"status.{s}") for s in (*STATUS_ORDER, OUT_OF_SCOPE) if s in present}
    flag_labels = {f: t(f"chain.flag.{f}") for f in FLAGS}
    standard_labels = {s: s for s in dict.fromkeys(r.standard for r in rows)}
    filters = (
        ("standard", standard_labels),
        ("status", status_labels),
        ("flag", flag_labels),
        ("system", systems),
        ("owner", owners),
    )
    picked = [
        col.multiselect(
            t(f"chain.filter.{name}"),
            list(labels),
            key=f"{KEY}.{name}",
            format_func=labels.__getitem__,
            placeholder=t("common.all"),
        )
        for col, (name, labels) in zip(st.columns(len(filters)), filters, strict=True)
    ]
    standards, statuses, flags, picked_systems, picked_owners = picked
    return select(
        rows, standards=standards, statuses=statuses, flags=flags, systems=picked_systems, owners=picked_owners
    )


def _frame(rows: list[ChainRow], ctx: Ctx) -> pd.DataFrame:
    """The rows as the table shows them: labels in the screen's language, user text as entered."""
    names = dict(zip(CSV_COLUMNS, headers(ctx.lang), strict=True))
    texts = CellTexts(ctx.framework, ctx.lang)
    records = []
    for row in rows:
        values = texts(row)
        records.append({names[c]: values[c] for c in SHOWN})
    return pd.DataFrame(records, columns=[names[c] for c in SHOWN])
