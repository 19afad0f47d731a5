"""Step 1's *Datapoints* view: coverage at datapoint level against the datapoint list imported for the
assessment's catalogue version (``esg_workbench.datapoint_coverage``). Without a list it says how to get
one and takes EFRAG's workbook as an upload (the same safety checks as ``esrs import``); with one, it
finds datapoints (standard, DR, text, data type, voluntary, conditional, phase-in), shows each one's
coverage, and makes the bulk changes per DR as a new revision."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from ..config import settings
from ..datapoint_coverage import (
    DatapointFilter,
    item_status,
    map_to_source,
    mark_voluntary_out_of_scope,
    of_dr,
    select,
    take_status_down,
)
from ..domain.datapoints import DatapointCatalogue
from ..esrs_import.problems import DatapointListInvalid
from ..esrs_import.workbook import import_ig3_workbook
from ..formats import format_count
from ..messages import translate
from ..store.errors import AlreadyExists, StoreError
from ..xlsx_safety import UnsafeWorkbook
from . import state
from .i18n import current_language, t
from .literal import md
from .table_editor import Ctx

KEY = "as_is.datapoints"
ANY = "__any__"


def datapoint_list(ctx: Ctx) -> DatapointCatalogue | None:
    """The newest list imported for the assessment's catalogue version (read from the store each run: an
    import in another session shows at once)."""
    return state.store().datapoint_catalogue_for(ctx.framework.esrs.id, ctx.framework.esrs.version)


def datapoint_view(ctx: Ctx) -> None:
    catalogue = datapoint_list(ctx)
    if catalogue is None:
        st.info(md(t("datapoints.none", catalogue=ctx.framework.esrs.short_name)), icon=":material/info:")
        _upload(ctx)
        return
    st.caption(
        md(
            t(
                "datapoints.list",
                id=catalogue.id,
                version=catalogue.version,
                count=format_count(len(catalogue.datapoints), ctx.lang),
                catalogue=ctx.framework.esrs.short_name,
            )
        )
    )
    wanted = _filters(ctx, catalogue)
    found = select(catalogue, wanted)
    st.caption(
        t(
            "datapoints.shown",
            shown=format_count(len(found), ctx.lang),
            total=format_count(len(catalogue.datapoints), ctx.lang),
        )
    )
    status = item_status(ctx.assessment)
    if found:
        # in the view's language, not the session's: ``t`` reads the session once per word, a thousand rows
        say = partial(translate, lang=ctx.lang)
        rows = [
            (
                p.id,
                p.disclosure_requirement,
                p.name,
                p.data_type,
                _flags(p, say),
                p.phase_in,
                say(f"status.{status[p.id]}") if p.id in status else "",
            )
            for p in found
        ]
        columns = [t(f"datapoints.col.{c}") for c in ("id", "dr", "name", "data_type", "flags", "phase_in", "status")]
        frame = pd.DataFrame(rows, columns=columns)
        st.dataframe(frame, hide_index=True, width="stretch", height=min(38 + 35 * len(found), 460))
    if wanted.dr:
        _bulk(ctx, catalogue, wanted.dr)
    else:
        st.caption(t("datapoints.pick_dr"))


def _flags(point, say: Callable[[str], str] = t) -> str:  # noqa: ANN001 - a Datapoint
    flags = [say("datapoints.flag.voluntary")] if point.may_voluntary else []
    kind = point.conditional_or_alternative
    if kind:  # IG 3 writes "Conditional" or "Alternative"; anything else is shown as the list has it
        flags.append(say(f"datapoints.flag.{kind.lower()}") if kind.lower() in ("conditional", "alternative") else kind)
    return ", ".join(flags)


def _filters(ctx: Ctx, catalogue: DatapointCatalogue) -> DatapointFilter:
    standards = [s.code for s in ctx.framework.esrs.standards]
    cols = st.columns(4)
    standard = cols[0].selectbox(
        t("datapoints.standard"),
        [ANY, *standards],
        format_func=lambda s: (
            t("datapoints.any") if s == ANY else f"{s} · {ctx.framework.esrs.standard_name(s, ctx.lang)}"
        ),
        key=state.wkey(f"{KEY}.standard"),
    )
    drs = [d.code for d in ctx.framework.esrs.disclosure_requirements if standard in (ANY, d.standard)]
    dr = cols[1].selectbox(
        t("datapoints.dr"),
        [ANY, *drs],
        format_func=lambda c: t("datapoints.any") if c == ANY else ctx.framework.esrs.dr_label(c, ctx.lang),
        key=state.wkey(f"{KEY}.dr"),
    )
    types = sorted({p.data_type for p in catalogue.datapoints if p.data_type})
    data_type = cols[2].selectbox(
        t("datapoints.data_type"),
        [ANY, *types],
        format_func=lambda v: t("datapoints.any") if v == ANY else v,
        key=state.wkey(f"{KEY}.type"),
    )
    text = cols[3].text_input(t("datapoints.search"), key=state.wkey(f"{KEY}.search"))
    flags = st.columns(3)
    voluntary = flags[0].checkbox(t("datapoints.only_voluntary"), key=state.wkey(f"{KEY}.voluntary"))
    conditional = flags[1].checkbox(t("datapoints.only_conditional"), key=state.wkey(f"{KEY}.conditional"))
    phase_in = flags[2].checkbox(t("datapoints.only_phase_in"), key=state.wkey(f"{KEY}.phase_in"))
    return DatapointFilter(
        standard=None if standard == ANY else standard,
        dr=None if dr == ANY else dr,
        text=text,
        data_type=None if data_type == ANY else data_type,
        voluntary=True if voluntary else None,
        conditional=True if conditional else None,
        phase_in=True if phase_in else None,
    )


def _bulk(ctx: Ctx, catalogue: DatapointCatalogue, dr: str) -> None:
    """The changes per DR: link every datapoint to a source, leave its voluntary ones out, give its
    datapoints the DR's own status."""
    points = of_dr(catalogue, dr)
    st.subheader(t("datapoints.bulk.title", dr=dr, count=format_count(len(points), ctx.lang)))
    locked = state.read_only() or not points
    sources = [s.id for s in ctx.assessment.data_sources]
    names = {s.id: s.name for s in ctx.assessment.data_sources}
    left, right = st.columns([3, 2])
    source = left.selectbox(
        t("datapoints.bulk.source"),
        sources,
        format_func=lambda sid: names[sid],
        key=state.wkey(f"{KEY}.bulk.source"),
        disabled=locked or not sources,
    )
    if right.button(
        t("datapoints.bulk.map"), key=state.wkey(f"{KEY}.bulk.map"), disabled=locked or not source, width="stretch"
    ):
        _commit(map_to_source(ctx.assessment, catalogue, dr, source), f"{dr}: every datapoint linked to {source}")
    a, b = st.columns(2)
    if a.button(t("datapoints.bulk.voluntary"), key=state.wkey(f"{KEY}.bulk.voluntary"), disabled=locked):
        _commit(mark_voluntary_out_of_scope(ctx.assessment, catalogue, dr), f"{dr}: voluntary datapoints out of scope")
    if b.button(t("datapoints.bulk.down"), key=state.wkey(f"{KEY}.bulk.down"), disabled=locked):
        try:
            changed = take_status_down(ctx.assessment, catalogue, dr)
        except KeyError:
            st.error(t("datapoints.bulk.no_dr_item", dr=dr), icon=":material/error:")
            return
        _commit(changed, f"{dr}: the DR's status taken down to its datapoints")


def _commit(candidate, message: str) -> None:  # noqa: ANN001 - an Assessment
    result = state.commit(candidate, message)
    if result.saved:
        state.notify("success", t("datapoints.bulk.done"))
        st.rerun()
    for problem in result.problems:
        st.error(md(problem.text(current_language())), icon=":material/error:")


def _upload(ctx: Ctx) -> None:
    """EFRAG's datapoint workbook as an upload, imported for the assessment's catalogue version."""
    upload = st.file_uploader(
        t("datapoints.upload", mb=settings().max_upload_mb),
        type=["xlsx"],
        key=state.wkey(f"{KEY}.upload"),
        disabled=state.read_only(),  # a viewer changes nothing in the store
    )
    if upload is None or not st.button(
        t("datapoints.import"), type="primary", key=state.wkey(f"{KEY}.import"), disabled=state.read_only()
    ):
        return
    try:
        result = import_ig3_workbook(upload.getvalue(), filename=upload.name, standard=ctx.framework.esrs)
        state.store().save_datapoint_catalogue(result.catalogue)
    except UnsafeWorkbook as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return
    except DatapointListInvalid as exc:
        st.error(md(t("datapoints.invalid", count=len(exc.problems))), icon=":material/error:")
        st.code("\n".join(str(p) for p in exc.problems[:50]), language=None)
        return
    except (AlreadyExists, StoreError) as exc:
        st.error(md(str(exc)), icon=":material/error:")
        return
    state.notify("success", t("datapoints.imported", count=format_count(len(result.catalogue.datapoints), ctx.lang)))
    st.rerun()
