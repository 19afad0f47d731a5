"""The as-is views beyond plain tables: quick-add forms, the ESRS coverage matrix (heat map, gap list,
materiality and coverage items) and the landscape diagram."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from ..coverage import STATUS_ORDER, CoverageSummary, DrCoverage, coverage_summary, matrix
from ..domain.assessment import DataSource, System
from ..formats import format_count, format_percent
from ..ids import all_ids, new_id
from ..landscape import (
    FIRST_PICTURE,
    MAX_SYSTEMS_DRAWN,
    LandscapeWords,
    landscape_dot,
    legend_dot,
    systems_holding_most,
)
from . import charts, state
from .editing import issues_from_validation_error
from .fixed_tables import MaterialityGrid
from .i18n import current_language, t
from .literal import md
from .problem_text import issue_text, problem_text
from .readiness_views import readiness_panel
from .table_columns import COVERAGE
from .table_editor import Ctx, editable_table
from .widgets import editors_only

QUICK_ADD = ("data_sources", "systems")


# --- quick add ------------------------------------------------------------------------------------


def _vocab_select(ctx: Ctx, label: str, vocabulary: str, key: str) -> str:
    ids = [term.id for term in ctx.framework.vocabularies[vocabulary]]
    return st.selectbox(t(label), ids, key=key, format_func=lambda v: ctx.framework.label(vocabulary, v, ctx.lang))


@editors_only()
def quick_add(view: str, ctx: Ctx) -> None:
    """A short form for one new item with just its required fields (the table holds the rest)."""
    with (
        st.expander(t(f"as_is.quick.{view}"), icon=":material/add_circle:"),
        st.form(f"quick.{view}", clear_on_submit=True, border=False),
    ):
        values = _source_fields(ctx) if view == "data_sources" else _system_fields(ctx)
        submitted = st.form_submit_button(
            t("as_is.quick.add"), type="primary", icon=":material/add:", key=f"quick.{view}.submit"
        )
    if submitted:
        _add(view, values, ctx)


def _source_fields(ctx: Ctx) -> dict:
    name = st.text_input(t("col.name"), key="quick.ds.name")
    a, b, c = st.columns(3)
    with a:
        source_type = _vocab_select(ctx, "col.source_type", "data_source_type", "quick.ds.type")
        availability = _vocab_select(ctx, "col.availability", "availability", "quick.ds.availability")
    with b:
        systems = [s.id for s in ctx.assessment.systems]
        names = {s.id: s.name for s in ctx.assessment.systems}
        system = st.selectbox(
            t("col.system"),
            [None, *systems],
            key="quick.ds.system",
            format_func=lambda v: t("common.not_set") if v is None else names[v],
        )
        quality = _vocab_select(ctx, "col.quality", "data_quality", "quick.ds.quality")
    with c:
        aggregation = _vocab_select(ctx, "col.aggregation", "aggregation", "quick.ds.aggregation")
        frequency = _vocab_select(ctx, "col.frequency", "frequency", "quick.ds.frequency")
    return {
        "name": name,
        "source_type": source_type,
        "system_id": system,
        "availability": availability,
        "quality": quality,
        "aggregation": aggregation,
        "collection_frequency": frequency,
    }


def _system_fields(ctx: Ctx) -> dict:
    name = st.text_input(t("col.name"), key="quick.sys.name")
    a, b = st.columns(2)
    with a:
        category = _vocab_select(ctx, "col.category", "system_category", "quick.sys.category")
    with b:
        vendor = st.text_input(t("col.vendor"), key="quick.sys.vendor")
    return {"name": name, "category": category, "vendor": vendor}


def _add(view: str, values: dict, ctx: Ctx) -> None:
    assessment = state.require()
    model = DataSource if view == "data_sources" else System
    values["id"] = new_id(
        values.get("name", ""), all_ids(assessment), prefix="source" if model is DataSource else "system"
    )
    try:
        item = model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        for issue in issues_from_validation_error(exc):
            st.error(
                md(f"{t('col.' + (issue.field or 'name'))}: {issue_text(issue, ctx.lang)}"),
                icon=":material/error:",
            )
        return
    result = state.commit(assessment.model_copy(update={view: [*getattr(assessment, view), item]}), f"add {view}")
    if result.saved:
        state.notify("success", t("as_is.quick.added", name=item.name))
        st.rerun()
    for problem in result.problems:
        st.error(md(problem_text(problem, ctx.lang)), icon=":material/error:")


# --- coverage -------------------------------------------------------------------------------------


def _status_labels() -> dict[str, str]:
    return {s: t(f"status.{s}") for s in STATUS_ORDER}


def coverage_view(ctx: Ctx) -> None:
    st.caption(t("as_is.intro.coverage"))
    with st.expander(
        t("as_is.coverage.materiality"), expanded=not ctx.assessment.material_topics, icon=":material/balance:"
    ):
        st.caption(t("as_is.coverage.materiality_intro"))
        editable_table(MaterialityGrid(), ctx, key="as_is.materiality")
    summary = state.memo("coverage.summary", lambda: coverage_summary(ctx.assessment, ctx.framework))
    totals = summary.counts
    st.markdown(md(summary.sentence(current_language())))
    cols = st.columns(5)
    lang = current_language()
    cols[0].metric(t("as_is.coverage.material_drs"), format_count(summary.material_drs, lang))
    cols[1].metric(t("status.automated"), format_count(totals["automated"], lang))
    cols[2].metric(t("status.manual"), format_count(totals["manual"], lang))
    cols[3].metric(t("as_is.coverage.weak"), format_count(totals["partial"] + totals["gap"], lang))
    cols[4].metric(t("status.not_assessed"), format_count(totals["not_assessed"], lang))
    if summary.standards_not_assessed:
        st.caption(t("numbers.standards_not_assessed", codes=", ".join(summary.standards_not_assessed)))
    counts = {s.standard: s.counts for s in summary.by_standard}
    labels = _status_labels()
    heat, bars = st.tabs([t("as_is.coverage.heatmap"), t("as_is.coverage.by_standard")])
    with heat:
        _heatmap(ctx, labels, summary)
    with bars:
        bars_figure = state.memo(
            "coverage.bars", lambda: charts.localise(charts.coverage_bars(counts, labels), ctx.lang)
        )
        st.plotly_chart(bars_figure, width="stretch", key="chart.coverage.bars")
    _gap_list(ctx, labels, summary)
    readiness_panel(ctx, summary)
    st.subheader(t("as_is.coverage.items"))
    st.caption(t("as_is.coverage.items_intro"))
    editable_table(COVERAGE, ctx, key="as_is.coverage")


# Zoom of the landscape: "fit" shrinks the drawing to the page width (unreadable for a large estate);
# a percentage draws it at that share of its own size in a frame that scrolls both ways.
ZOOM_LEVELS = {"fit": None, "50": 0.5, "75": 0.75, "100": 1.0}
_ZOOM_CSS = (
    "<style>.st-key-landscape [data-testid='stGraphVizChart']{overflow:auto;max-height:80vh}"
    ".st-key-landscape [data-testid='stGraphVizChart'] svg{width:auto !important;height:auto !important;"
    "max-width:none !important;zoom:ZOOM}</style>"
)
MAX_SOURCES = 40  # more columns than this make an unreadable heat map (and a slow page)


def _heatmap(ctx: Ctx, labels: dict[str, str], summary: CoverageSummary) -> None:
    m = state.memo("coverage.matrix", lambda: matrix(ctx.assessment, summary))
    if not m.sources:
        st.info(t("as_is.coverage.no_matrix"), icon=":material/info:")
        return
    standards = sorted({d.standard for d in m.drs}, key=[s.code for s in ctx.framework.esrs.standards].index)
    chosen = st.selectbox(
        t("as_is.coverage.standard_filter"),
        [None, *standards],
        key="as_is.coverage.standard",
        format_func=lambda s: t("as_is.coverage.all_standards") if s is None else s,
    )
    statuses = {d.code: d.status for d in summary.drs}
    fig, shown, total = state.memo(
        "coverage.heatmap", lambda: _heatmap_figure(m, statuses, labels, chosen, ctx.lang), chosen
    )
    if shown < total:
        st.caption(t("as_is.coverage.most_linked", shown=shown, total=total))
    st.plotly_chart(fig, width="stretch", key="chart.coverage.heatmap")


def _heatmap_figure(m, statuses: dict[str, str], labels: dict[str, str], standard: str | None, lang: str):  # noqa: ANN001, ANN202
    """The heat map in ``lang``, the sources shown and the sources linked."""
    drs = [d for d in m.drs if standard is None or d.standard == standard]
    codes = {d.code for d in drs}
    linked: dict[str, int] = {}
    for dr, sid in m.cells:
        if dr in codes:
            linked[sid] = linked.get(sid, 0) + 1
    sources = [s for s in m.sources if s[0] in linked]
    if len(sources) > MAX_SOURCES:  # keep the sources that cover the most requirements, in list order
        keep = set(sorted(linked, key=lambda sid: -linked[sid])[:MAX_SOURCES])
        sources = [s for s in sources if s[0] in keep]
    row_index = {d.code: i for i, d in enumerate(drs)}
    col_index = {sid: j + 1 for j, (sid, _) in enumerate(sources)}  # column 0: the requirement's own status
    cells = {
        (row_index[dr], col_index[sid]): status
        for (dr, sid), status in m.cells.items()
        if dr in row_index and sid in col_index
    }
    cells.update({(row_index[d.code], 0): statuses[d.code] for d in drs})
    columns = _unique([t("as_is.coverage.overall"), *(name[:40] for _, name in sources)])
    titles = [d.label(current_language()) for d in drs]
    fig = charts.coverage_heatmap([d.code for d in drs], columns, cells, labels, titles)
    return charts.localise(fig, lang), len(sources), len(linked)


def _unique(names: list[str]) -> list[str]:
    """Names made distinct (a chart axis merges equal names into one column)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _gap_list(ctx: Ctx, labels: dict[str, str], summary: CoverageSummary) -> None:
    found = summary.gaps
    st.subheader(t("as_is.coverage.gaps", n=len(found)))
    if not found:
        st.success(t("as_is.coverage.no_gaps"), icon=":material/check_circle:")
        return
    frame = state.memo("coverage.gaps", lambda: _gap_frame(ctx, labels, found))
    st.dataframe(frame, hide_index=True, width="stretch", height=min(38 + 35 * len(found), 360))


def _gap_frame(ctx: Ctx, labels: dict[str, str], found: list[DrCoverage]) -> pd.DataFrame:
    method = {term.id: term.label.get(ctx.lang) for term in ctx.framework.vocabularies.get("integration_method", [])}
    keys = ("col.dr", "col.title", "col.status", "col.datapoints", "col.integration_needed", "col.notes")
    rows = [
        (
            g.code,
            g.title(ctx.lang),
            labels[g.status],
            g.datapoints,
            method.get(g.integration_needed or "", ""),
            g.notes,
        )
        for g in found
    ]
    return pd.DataFrame(rows, columns=[t(key) for key in keys])


# --- landscape ------------------------------------------------------------------------------------


def landscape_view(ctx: Ctx) -> None:
    a = ctx.assessment
    fw = ctx.framework
    st.caption(t("as_is.intro.landscape"))
    if not a.systems and not a.data_sources:
        st.info(t("as_is.landscape.empty"), icon=":material/info:")
        return
    order = [term.id for term in fw.vocabularies.get("system_category", [])]
    present = sorted({s.category for s in a.systems}, key=lambda c: order.index(c) if c in order else len(order))
    left, right = st.columns([3, 2])
    categories = left.multiselect(
        t("as_is.landscape.categories"),
        present,
        key="as_is.landscape.categories",
        format_func=lambda c: fw.label("system_category", c, ctx.lang),
        placeholder=t("as_is.landscape.all_categories"),
    )
    size = right.segmented_control(
        t("as_is.landscape.size"),
        list(ZOOM_LEVELS),
        key="as_is.landscape.size",
        default="75",
        format_func=lambda v: t("as_is.landscape.size_fit") if v == "fit" else format_percent(int(v) / 100, ctx.lang),
    )
    in_categories = [s for s in a.systems if not categories or s.category in categories]
    chosen = None if not categories else [s.id for s in in_categories]
    if len(in_categories) > 12:
        names = {s.id: s.name for s in in_categories}
        picked = st.multiselect(
            t("as_is.landscape.filter"),
            list(names),
            key="as_is.landscape.filter",
            format_func=names.__getitem__,
            placeholder=t("as_is.landscape.all"),
        )
        if picked:
            chosen = [sid for sid in picked if sid in names]
        elif len(in_categories) > MAX_SYSTEMS_DRAWN:  # a readable first picture of a large estate
            chosen = systems_holding_most(a, [s.id for s in in_categories], FIRST_PICTURE)
            st.caption(t("as_is.landscape.largest", n=len(chosen), total=len(in_categories)))
    words = LandscapeWords(t("refs.report"), t("as_is.landscape.unhosted"), t("as_is.landscape.more"))

    def label(vocab: str, term: str) -> str:
        return fw.label(vocab, term, ctx.lang)

    dot = state.memo(
        "landscape.dot",
        lambda: landscape_dot(a, label=label, words=words, systems=chosen, category_order=order),
        tuple(chosen or ()),
    )
    with st.container(key="landscape"):
        zoom = ZOOM_LEVELS.get(size or "fit")
        if zoom is not None:  # drawn at its own size, zoomed, inside a scrolling frame instead of shrunk to fit
            st.html(_ZOOM_CSS.replace("ZOOM", str(zoom)))
        st.graphviz_chart(dot, width="stretch" if zoom is None else "content")
    st.caption(t("as_is.landscape.legend"))
    methods = [
        m
        for m in (term.id for term in fw.vocabularies.get("integration_method", []))
        if any(f.method == m for f in a.data_flows)
    ]
    if methods:
        st.graphviz_chart(legend_dot(methods, label=label), width="content")
