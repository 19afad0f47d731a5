"""The as-is landscape as a Graphviz DOT graph: systems as boxes holding the data sources that live in
them, data flows as arrows (solid when automated), ending in the sustainability report. Pure; the app
renders it with ``st.graphviz_chart`` (drawn in the browser, no system Graphviz needed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..domain import Assessment

REPORT = "report"
_QUALITY_COLOURS = {"high": "#d8f0dd", "medium": "#fff2cc", "low": "#f8d7da", "unknown": "#eceff1"}


def dot_string(text: str) -> str:
    """A DOT double-quoted string: user text can never end the string or inject attributes."""
    cleaned = " ".join(str(text).split())[:80]
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def landscape_dot(
    assessment: Assessment,
    *,
    label: Callable[[str, str], str] = lambda vocab, term: term,
    report_label: str = "Sustainability report",
    unhosted_label: str = "Outside any system",
    systems: Iterable[str] | None = None,
) -> str:
    """DOT for the assessment's landscape. ``label(vocabulary, id)`` words categories and methods;
    ``systems`` limits the drawing to those systems, their sources and the flows between them."""
    keep = set(systems) if systems is not None else None
    names: dict[str, str] = {}  # assessment id -> node name (n0, n1...): ids never reach the DOT text
    lines = [
        "digraph landscape {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.9, bgcolor="transparent"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor="#ffffff"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#607d8b"];',
    ]

    def node(item_id: str) -> str:
        return names.setdefault(item_id, f"n{len(names)}")

    shown_systems = [s for s in assessment.systems if keep is None or s.id in keep]
    shown_ids = {s.id for s in shown_systems}
    for i, system in enumerate(shown_systems):
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f"    label={dot_string(system.name + ' · ' + label('system_category', system.category))};")
        lines.append('    style="rounded,filled"; fillcolor="#eef4fb"; color="#90a4ae";')
        lines.append(f'    {node(system.id)} [label={dot_string(system.name)}, shape=cylinder, fillcolor="#cfe0f3"];')
        for source in assessment.data_sources:
            if source.system_id == system.id:
                lines.append(f"    {_source_node(node(source.id), source.name, source.quality)}")
        lines.append("  }")
    loose = [
        s
        for s in assessment.data_sources
        if (s.system_id is None or s.system_id not in {x.id for x in assessment.systems})
    ]
    if loose and keep is None:
        lines.append("  subgraph cluster_loose {")
        lines.append(f'    label={dot_string(unhosted_label)}; style="dashed,rounded"; color="#b0bec5";')
        for source in loose:
            lines.append(f"    {_source_node(node(source.id), source.name, source.quality)}")
        lines.append("  }")
    visible = set(names)
    lines.append(
        f'  {node(REPORT)} [label={dot_string(report_label)}, shape=note, fillcolor="#2e7d32", fontcolor="white"];'
    )
    for flow in assessment.data_flows:
        if flow.from_id not in visible or (flow.to_id not in visible and flow.to_id != REPORT):
            continue
        if keep is not None and not _touches(flow.from_id, flow.to_id, assessment, shown_ids):
            continue
        style = "solid" if flow.automated else "dashed"
        text = label("integration_method", flow.method)
        lines.append(f"  {node(flow.from_id)} -> {node(flow.to_id)} [label={dot_string(text)}, style={style}];")
    lines.append("}")
    return "\n".join(lines)


def _source_node(name: str, text: str, quality: str) -> str:
    colour = _QUALITY_COLOURS.get(quality, "#ffffff")
    return f'{name} [label={dot_string(text)}, fillcolor="{colour}"];'


def _touches(from_id: str, to_id: str, assessment: Assessment, systems: set[str]) -> bool:
    home = {s.id: s.system_id for s in assessment.data_sources}
    return any(end in systems or home.get(end) in systems for end in (from_id, to_id))
