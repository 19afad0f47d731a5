"""The as-is landscape as a Graphviz DOT graph: systems grouped by their category, each system one box
listing the data sources that live in it (coloured by data quality), data flows as arrows coloured by
integration method (solid when automated), ending in the sustainability report. Pure; the app renders it
with ``st.graphviz_chart`` (drawn in the browser, no system Graphviz needed), the decision report
through Graphviz's ``dot`` as SVG (``esg_workbench.report``).

One box per system rather than one node per source keeps the text at a readable size: a drawing that
holds 35 sources as separate nodes is scaled down until its text is a few pixels high.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .domain import Assessment

REPORT = "report"
MAX_SOURCES_LISTED = 8  # per system box; the rest are counted in a last row
QUALITY_COLOURS = {"high": "#d8f0dd", "medium": "#fff2cc", "low": "#f8d7da", "unknown": "#eceff1"}
# One colour per integration method, distinct from each other and from the quality colours.
METHOD_COLOURS = {
    "manual_entry": "#78909c",
    "file_export": "#ef6c00",
    "api": "#1565c0",
    "database_connector": "#6a1b9a",
    "etl_pipeline": "#00838f",
    "event_stream": "#2e7d32",
    "none": "#bdbdbd",
}
_OTHER_METHOD_COLOUR = "#5d4037"
MAX_SYSTEMS_DRAWN = 40  # beyond this, a drawing starts with the systems holding the most sources
FIRST_PICTURE = 12  # systems drawn first of a large estate: those holding the most data sources
_MAX_TEXT = 60


def dot_string(text: str) -> str:
    """A DOT double-quoted string: user text can never end the string or inject attributes."""
    cleaned = " ".join(str(text).split())[:80]
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def html_text(text: str, limit: int = _MAX_TEXT) -> str:
    """User text for a Graphviz HTML-like label: one line, shortened, and escaped so that it is always
    shown as written (no tags, no entities, no way out of the label)."""
    cleaned = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return html.escape(cleaned, quote=True)


def method_colour(method: str) -> str:
    return METHOD_COLOURS.get(method, _OTHER_METHOD_COLOUR)


@dataclass(frozen=True)
class LandscapeWords:
    """The words the drawing needs in the user's language."""

    report: str = "Sustainability report"
    unhosted: str = "Outside any system"
    more: str = "+ {n} more"


def landscape_dot(
    assessment: Assessment,
    *,
    label: Callable[[str, str], str] = lambda vocab, term: term,
    report_label: str | None = None,
    unhosted_label: str | None = None,
    words: LandscapeWords | None = None,
    systems: Iterable[str] | None = None,
    category_order: Sequence[str] = (),
) -> str:
    """DOT for the assessment's landscape. ``label(vocabulary, id)`` words categories and methods;
    ``systems`` limits the drawing to those systems, their sources and the flows between them;
    ``category_order`` orders the category groups (the framework's vocabulary order)."""
    words = words or LandscapeWords()
    if report_label is not None or unhosted_label is not None:
        words = LandscapeWords(report_label or words.report, unhosted_label or words.unhosted, words.more)
    keep = set(systems) if systems is not None else None
    names: dict[str, str] = {}  # assessment id -> node name (n0, n1...): ids never reach the DOT text
    ports: dict[str, str] = {}  # data source id -> "node:port" of its row
    lines = [
        "digraph landscape {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=13, nodesep=0.25, ranksep=1.1, newrank=true,'
        ' bgcolor="transparent"];',
        '  node [shape=plain, fontname="Helvetica", fontsize=12];',
        '  edge [fontname="Helvetica", fontsize=10, arrowsize=0.7, penwidth=1.3];',
    ]

    def node(item_id: str) -> str:
        return names.setdefault(item_id, f"n{len(names)}")

    known_systems = {s.id for s in assessment.systems}
    shown_systems = [s for s in assessment.systems if keep is None or s.id in keep]
    by_system: dict[str | None, list] = {}
    for source in assessment.data_sources:
        home = source.system_id if source.system_id in known_systems else None
        by_system.setdefault(home, []).append(source)

    order = {c: i for i, c in enumerate(category_order)}
    categories = sorted({s.category for s in shown_systems}, key=lambda c: (order.get(c, len(order)), c))
    for ci, category in enumerate(categories):
        lines.append(f"  subgraph cluster_c{ci} {{")
        lines.append(f"    label={dot_string(label('system_category', category))};")
        lines.append('    style="rounded,filled"; fillcolor="#f4f7fb"; color="#b0bec5"; fontcolor="#37474f";')
        for system in (s for s in shown_systems if s.category == category):
            box = _box(node(system.id), system.name, by_system.get(system.id, []), ports, words, "#cfe0f3")
            lines.append(f"    {box}")
        lines.append("  }")
    loose = by_system.get(None, [])
    if loose and keep is None:
        box = _box(node("~unhosted"), words.unhosted, loose, ports, words, "#eceff1", dashed=True)
        lines.append(f"  {box}")
    lines.append(
        f'  {node(REPORT)} [shape=note, style=filled, fillcolor="#2e7d32", fontcolor="white", '
        f"label={dot_string(words.report)}];"
    )

    shown_ids = {s.id for s in shown_systems}
    for flow in assessment.data_flows:
        start, end = _end(flow.from_id, names, ports), _end(flow.to_id, names, ports)
        if start is None or end is None:
            continue
        if keep is not None and not _touches(flow.from_id, flow.to_id, assessment, shown_ids):
            continue
        style = "solid" if flow.automated else "dashed"
        tip = dot_string(label("integration_method", flow.method))
        lines.append(f'  {start} -> {end} [color="{method_colour(flow.method)}", style={style}, tooltip={tip}];')
    lines.append("}")
    return "\n".join(lines)


def legend_dot(methods: Iterable[str], *, label: Callable[[str, str], str] = lambda vocab, term: term) -> str:
    """A small drawing that explains the arrow colours used in the landscape (one arrow per method)."""
    lines = [
        "digraph legend {",
        '  graph [rankdir=LR, nodesep=0.05, ranksep=0.6, bgcolor="transparent"];',
        '  node [shape=point, width=0.05, color="#90a4ae"];',
        '  edge [fontname="Helvetica", fontsize=11, arrowsize=0.7, penwidth=1.5];',
    ]
    for i, method in enumerate(dict.fromkeys(methods)):
        lines.append(
            f'  a{i} -> b{i} [color="{method_colour(method)}", '
            f"label={dot_string(label('integration_method', method))}];"
        )
    lines.append("}")
    return "\n".join(lines)


def systems_holding_most(assessment: Assessment, system_ids: Sequence[str], n: int) -> list[str]:
    """The ``n`` systems of ``system_ids`` that hold the most data sources (a readable first picture of a
    large estate), ties in the order given."""
    held = dict.fromkeys(system_ids, 0)
    for source in assessment.data_sources:
        if source.system_id in held:
            held[source.system_id] += 1
    return sorted(held, key=lambda sid: -held[sid])[:n]


def _box(
    name: str,
    title: str,
    sources: list,
    ports: dict[str, str],
    words: LandscapeWords,
    head: str,
    *,
    dashed: bool = False,
) -> str:
    """A system (or the unhosted sources) as one HTML-like table: a header row and a row per source."""
    style = ' STYLE="dashed"' if dashed else ""
    rows = [f'<TR><TD BGCOLOR="{head}" PORT="sys"{style}><B>{html_text(title)}</B></TD></TR>']
    for i, source in enumerate(sources):
        if i < MAX_SOURCES_LISTED:
            colour = QUALITY_COLOURS.get(source.quality, "#ffffff")
            rows.append(f'<TR><TD BGCOLOR="{colour}" PORT="s{i}" ALIGN="LEFT">{html_text(source.name)}</TD></TR>')
            ports[source.id] = f"{name}:s{i}"
        else:
            ports[source.id] = f"{name}:more"
    hidden = len(sources) - MAX_SOURCES_LISTED
    if hidden > 0:
        more = html_text(words.more.format(n=hidden))
        rows.append(f'<TR><TD PORT="more" ALIGN="LEFT"><I>{more}</I></TD></TR>')
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" COLOR="#90a4ae" BGCOLOR="#ffffff"'
        f"{style}>{''.join(rows)}</TABLE>"
    )
    return f"{name} [label=<{table}>];"


def _end(item_id: str, names: dict[str, str], ports: dict[str, str]) -> str | None:
    """Where an arrow starts or ends: a source's row, a system's header row, or the report."""
    if item_id in ports:
        return ports[item_id]
    if item_id == REPORT:
        return names[REPORT]
    if item_id in names:
        return f"{names[item_id]}:sys"
    return None


def _touches(from_id: str, to_id: str, assessment: Assessment, systems: set[str]) -> bool:
    home = {s.id: s.system_id for s in assessment.data_sources}
    return any(end in systems or home.get(end) in systems for end in (from_id, to_id))
