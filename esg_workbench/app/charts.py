"""Plotly figures for the pages: coverage heat map and bars, maturity radar, survey comparison, MoSCoW
and weight bars, ranking contributions, cost over the horizon, sensitivity and the roadmap. Each
takes plain values and words (already translated), so it stays independent of the session. Every figure
passes through :func:`_layout` once it has all its traces, which makes all of its text literal, and is
shown through :func:`localise`, which writes its numbers in the session's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import plotly.graph_objects as go
from plotly.colors import qualitative, sample_colorscale

from ..coverage import STATUS_ORDER
from ..formats import format_decimal, format_percent, percent_suffix, plotly_separators
from ..palette import READINESS_COLOURS, SERIES, STATUS_COLOURS
from .literal import literal_figure

FONT = {"family": "Source Sans Pro, Helvetica, Arial, sans-serif", "size": 12}
# Beyond SERIES, plotly's 24-colour qualitative palettes; beyond those, evenly spaced on a continuous scale.
_MORE = [c for c in (*qualitative.Dark24, *qualitative.Light24) if c.lower() not in {x.lower() for x in SERIES}]
LEGEND_ROW_PX = 22
_LEGEND_CHARS_PER_ROW = 110  # about what one legend row holds on a page-wide chart


def series_colours(n: int) -> list[str]:
    """``n`` colours, all different: a chart with more series than one palette never repeats a colour."""
    palette = list(dict.fromkeys([*SERIES, *_MORE]))
    if n <= len(palette):
        return palette[:n]
    return sample_colorscale("Turbo", [i / (n - 1) for i in range(n)])


def _layout(fig: go.Figure, *, height: int, title: str | None = None, legend: bool = True) -> go.Figure:
    # The legend sits at the foot of the figure, below the axis, in room kept for it: at the top it ran
    # under the chart's toolbar, which covered the last entries.
    rows = _legend_rows(fig) if legend else 0
    fig.update_layout(
        height=height + rows * LEGEND_ROW_PX,
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10 + rows * LEGEND_ROW_PX + (24 if rows else 0)},
        font=FONT,
        title={"text": title, "x": 0, "font": {"size": 14}} if title else None,
        showlegend=legend,
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    return literal_figure(fig)  # last: names, categories and labels are user text


def _legend_rows(fig: go.Figure) -> int:
    """How many rows the horizontal legend takes, estimated from the length of its entries."""
    names = [str(trace.name) for trace in fig.data if trace.name and trace.showlegend is not False]
    if not names:
        return 0
    chars = sum(len(name) + 6 for name in names)  # the swatch and the gap take about six characters
    return max(1, -(-chars // _LEGEND_CHARS_PER_ROW))


def localise(fig: go.Figure, lang: str) -> go.Figure:
    """Numbers on the chart in the language's format: 1.250.000, 77,8 and 40 % in Danish. Ticks are
    whole numbers with separators, never plotly's SI suffixes ("6M", "2k": in Danish M reads as
    thousand, and a reader of either language expects the amount written out)."""
    fig.update_layout(separators=plotly_separators(lang))

    def axis(a) -> None:  # noqa: ANN001 - a plotly axis
        a.update(exponentformat="none", separatethousands=True)
        if a.ticksuffix and a.ticksuffix.strip() == "%":
            a.ticksuffix = percent_suffix(lang)

    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    fig.for_each_polar(lambda polar: axis(polar.radialaxis))
    return fig


def coverage_heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Mapping[tuple[int, int], str],
    status_labels: Mapping[str, str],
    hover_rows: Sequence[str],
) -> go.Figure:
    """DRs (rows) x data sources (columns); a cell's colour is its coverage status."""
    n = len(STATUS_ORDER)
    z = [[None] * len(columns) for _ in rows]
    for (r, c), status in cells.items():
        z[r][c] = STATUS_ORDER.index(status)
    scale = []
    for i, status in enumerate(STATUS_ORDER):
        scale += [[i / n, STATUS_COLOURS[status]], [(i + 1) / n, STATUS_COLOURS[status]]]
    # One trace per status only for the legend; the heat map itself carries the colours.
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(columns),
            y=list(rows),
            colorscale=scale,
            zmin=-0.5,
            zmax=n - 0.5,
            xgap=2,
            ygap=2,
            showscale=False,
            hoverinfo="x+y",
        )
    )
    for status in STATUS_ORDER:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=status_labels.get(status, status),
            marker={"symbol": "square", "size": 12, "color": STATUS_COLOURS[status]},
        )
    fig.update_yaxes(
        autorange="reversed",
        tickfont={"size": 10},
        tickmode="array",
        tickvals=list(rows),
        ticktext=[h if len(h) <= 48 else h[:47] + "…" for h in hover_rows],
    )
    fig.update_xaxes(
        side="top",
        tickangle=-40,
        tickfont={"size": 10},
        tickmode="array",
        tickvals=list(columns),
        ticktext=[c if len(c) <= 28 else c[:27] + "…" for c in columns],
    )
    fig = _layout(fig, height=max(320, 22 * len(rows) + 220))
    fig.update_layout(margin={"t": 150})  # the data source names above; the status legend at the foot
    return fig


def coverage_bars(counts: Mapping[str, Mapping[str, int]], status_labels: Mapping[str, str]) -> go.Figure:
    """Per standard, how many disclosure requirements have each status (stacked)."""
    standards = list(counts)
    fig = go.Figure()
    for status in STATUS_ORDER:
        values = [counts[s].get(status, 0) for s in standards]
        if any(values):
            fig.add_bar(
                name=status_labels.get(status, status),
                y=standards,
                x=values,
                orientation="h",
                marker_color=STATUS_COLOURS[status],
            )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(220, 30 * len(standards) + 90))


def readiness_bars(counts: Mapping[str, Mapping[str, int]], level_labels: Mapping[str, str]) -> go.Figure:
    """Per standard, how many material disclosure requirements are at each readiness level (stacked),
    levels in the rules' order (best first, not known last)."""
    standards = list(counts)
    fig = go.Figure()
    others = iter(SERIES)
    for level, label in level_labels.items():
        values = [counts[s].get(level, 0) for s in standards]
        colour = READINESS_COLOURS.get(level) or next(others)
        if any(values):
            fig.add_bar(name=label, y=standards, x=values, orientation="h", marker_color=colour)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(220, 30 * len(standards) + 90))


def maturity_radar(dimensions: Sequence[str], series: Mapping[str, Sequence[float | None]]) -> go.Figure:
    """Current vs short- and long-term target maturity (1-5) per dimension."""
    fig = go.Figure()
    fixed = {0: "#78909c", 1: "#1565c0", 2: "#2e7d32"}
    more = [c for c in series_colours(len(series) + 3) if c not in fixed.values()]
    colours = {i: fixed.get(i) or more[i] for i in range(len(series))}
    for i, (name, values) in enumerate(series.items()):
        closed = list(values) + [values[0]] if values else []
        fig.add_trace(
            go.Scatterpolar(
                r=closed,
                theta=list(dimensions) + dimensions[:1],
                name=name,
                fill="toself" if i == 0 else None,
                line={"color": colours[i], "width": 2},
                opacity=0.85,
                connectgaps=True,
            )
        )
    fig.update_layout(polar={"radialaxis": {"range": [0, 5], "tickvals": [1, 2, 3, 4, 5]}})
    fig = _layout(fig, height=470)
    # Room for the dimension names around the circle; the legend below it.
    fig.update_layout(
        margin={"l": 110, "r": 110, "t": 30},
        legend={"x": 0.5, "xanchor": "center"},
    )
    return fig


def survey_comparison(
    questions: Sequence[str],
    high: Sequence[float],
    low: Sequence[float],
    ours: Sequence[str | None],
    labels: Mapping[str, str],
) -> go.Figure:
    """Danish public organisations' answers (stacked 100 %) with the organisation's own answer marked."""
    middle = [max(0.0, 100 - h - lo) for h, lo in zip(high, low, strict=True)]
    fig = go.Figure()
    fig.add_bar(name=labels["high"], y=questions, x=high, orientation="h", marker_color="#2e7d32")
    fig.add_bar(name=labels["middle"], y=questions, x=middle, orientation="h", marker_color="#cfd8dc")
    fig.add_bar(name=labels["low"], y=questions, x=low, orientation="h", marker_color="#c62828")
    position = {
        "high": lambda h, m, lo: h / 2,
        "partly": lambda h, m, lo: h + m / 2,
        "low": lambda h, m, lo: h + m + lo / 2,
    }
    xs, ys, texts = [], [], []
    for q, h, m, lo, answer in zip(questions, high, middle, low, ours, strict=True):
        if answer in position:
            xs.append(position[answer](h, m, lo))
            ys.append(q)
            texts.append(labels.get(answer, answer))
    if xs:
        fig.add_scatter(
            name=labels["ours"],
            x=xs,
            y=ys,
            mode="markers",
            text=texts,
            marker={"symbol": "diamond", "size": 14, "color": "#ffffff", "line": {"color": "#1b1b1b", "width": 2}},
            hovertemplate="%{y}<br>%{fullData.name}: %{text}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")  # spaced in Danish by localise
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(300, 44 * len(questions) + 80))


def moscow_bars(
    categories: Sequence[str], counts: Mapping[str, Sequence[int]], colours: Mapping[str, str]
) -> go.Figure:
    fig = go.Figure()
    for name, values in counts.items():
        fig.add_bar(name=name, x=list(categories), y=list(values), marker_color=colours.get(name))
    fig.update_layout(barmode="stack")
    fig = _layout(fig, height=300)
    fig.update_layout(legend={"traceorder": "normal"})
    return fig


def weight_bars(
    names: Sequence[str], weights: Sequence[float], linked: Sequence[int], linked_label: str, *, lang: str
) -> go.Figure:
    """Normalised criterion weights (%), with how many requirements point at each criterion; the bar texts
    written in ``lang``."""
    total = sum(weights) or 1.0
    shares = [100 * w / total for w in weights]
    order = sorted(range(len(names)), key=lambda i: -shares[i])
    fig = go.Figure(
        go.Bar(
            x=[shares[i] for i in order],
            y=[names[i] for i in order],
            orientation="h",
            marker_color="#1565c0",
            text=[f"{format_percent(shares[i] / 100, lang, 1)} · {linked[i]} {linked_label}" for i in order],
            textposition="auto",
            hovertemplate="%{y}: %{x:.1f}" + percent_suffix(lang) + "<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(ticksuffix="%")
    return _layout(fig, height=max(240, 26 * len(names) + 60), legend=False)


def contributions(options: Sequence[str], criteria: Sequence[str], values: Sequence[Sequence[float]]) -> go.Figure:
    """Stacked horizontal bars: each criterion's weighted contribution to each option's total."""
    fig = go.Figure()
    colours = series_colours(len(criteria))
    for j, criterion in enumerate(criteria):
        fig.add_bar(
            name=criterion,
            y=list(options),
            x=[row[j] for row in values],
            orientation="h",
            marker_color=colours[j],
            hovertemplate="%{y}<br>%{fullData.name}: %{x:.3f}<extra></extra>",  # the name, escaped, not inlined
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(260, 46 * len(options) + 120))


def cost_lines_chart(years: Sequence[int], series: Mapping[str, Sequence[float]], currency: str) -> go.Figure:
    """Cumulative cost per option over the horizon."""
    fig = go.Figure()
    colours = series_colours(len(series))
    for i, (name, values) in enumerate(series.items()):
        fig.add_scatter(
            x=list(years),
            y=list(values),
            name=name,
            mode="lines+markers",
            line={"color": colours[i], "width": 2},
        )
    # Whole amounts with thousands separators: ",.0f", not plotly's SI suffixes ("6M" reads as an error
    # in Danish, where M is not a thousand thousands).
    fig.update_yaxes(title=currency, tickformat=",.0f")
    # The currency goes in through ``meta`` (escaped with the other text), never pasted into the template.
    fig.update_traces(meta=currency, hovertemplate="%{x}: %{y:,.0f} %{meta}<extra>%{fullData.name}</extra>")
    fig.update_xaxes(dtick=1, tickformat="d")
    return _layout(fig, height=340)


def rank_shares(options: Sequence[str], ranks: Sequence[str], shares: Sequence[Sequence[float]]) -> go.Figure:
    """How often each option came 1st, 2nd, ... when weights and scores were varied (sensitivity)."""
    fig = go.Figure()
    colours = series_colours(len(ranks))
    for j, rank in enumerate(ranks):
        fig.add_bar(
            name=rank,
            y=list(options),
            x=[100 * row[j] for row in shares],
            orientation="h",
            marker_color=colours[j],
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, height=max(240, 46 * len(options) + 100))
    fig.update_layout(legend={"traceorder": "normal"})
    return fig


def roadmap_gantt(items: Sequence[tuple[str, date, date, str]], phase_colours: Mapping[str, str]) -> go.Figure:
    """Roadmap items as bars on a timeline: (title, start, end, phase label)."""
    fig = go.Figure()
    for phase, colour in phase_colours.items():
        rows = [i for i in items if i[3] == phase]
        if not rows:
            continue
        fig.add_bar(
            name=phase,
            y=[r[0] for r in rows],
            x=[max((r[2] - r[1]).days, 1) * 86_400_000 for r in rows],
            base=[r[1].isoformat() for r in rows],
            orientation="h",
            marker_color=colour,
            customdata=[[r[1].isoformat(), r[2].isoformat()] for r in rows],
            hovertemplate="%{y}<br>%{customdata[0]} → %{customdata[1]}<extra></extra>",
        )
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(220, 34 * len(items) + 100))


def score_matrix(
    options: Sequence[str], criteria: Sequence[str], values: Sequence[Sequence[float | None]], *, lang: str
) -> go.Figure:
    """Options x criteria, coloured by score (0 red ... 5 green), the value written in each cell in
    ``lang`` (3,5 in Danish)."""
    text = [["" if v is None else format_decimal(v, lang, 2) for v in row] for row in values]
    fig = go.Figure(
        go.Heatmap(
            z=[list(row) for row in values],
            x=list(criteria),
            y=list(options),
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#c62828"], [0.5, "#fdd835"], [1, "#2e7d32"]],
            zmin=0,
            zmax=5,
            xgap=2,
            ygap=2,
            colorbar={"thickness": 10, "len": 0.8},
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(side="top", tickangle=-35)
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=max(240, 38 * len(options) + 160), legend=False)


def score_against_cost(
    points: Sequence[tuple[str, float, float, bool]], *, score_title: str, cost_title: str, legend: tuple[str, str]
) -> go.Figure:
    """Each option's score (x) against its cost (y) as (name, score, cost, dominated): options another
    eligible option dominates drawn apart (grey, open markers) from the others, each labelled. A label
    longer than LABEL_CHARS is shortened on the chart (an ellipsis says so); the hover text names the
    option in full. Labels may reach past the plot area, which is widened so the outermost fit."""
    fig = go.Figure()
    for dominated, name, colour, symbol in (
        (False, legend[0], SERIES[1], "circle"),
        (True, legend[1], "#9e9e9e", "circle-open"),
    ):
        rows = [p for p in points if p[3] is dominated]
        if not rows:
            continue
        fig.add_scatter(
            x=[p[1] for p in rows],
            y=[p[2] for p in rows],
            text=[_short(p[0]) for p in rows],
            customdata=[p[0] for p in rows],
            name=name,
            mode="markers+text",
            textposition="top center",
            cliponaxis=False,
            marker={"color": colour, "size": 12, "symbol": symbol, "line": {"width": 2, "color": colour}},
            hovertemplate="%{customdata}<br>%{x:.1f} · %{y:,.0f}<extra></extra>",
        )
    if points:
        scores = [p[1] for p in points]
        pad = max((max(scores) - min(scores)) * 0.25, 5.0)  # room for half a label on either side
        fig.update_xaxes(range=[min(scores) - pad, max(scores) + pad])
        costs = [p[2] for p in points]
        fig.update_yaxes(range=[min(0.0, min(costs)), max(costs) * 1.15 or 1.0])  # room for the top label
    fig.update_xaxes(title=score_title)
    fig.update_yaxes(title=cost_title, tickformat=",.0f")
    return _layout(fig, height=380)


LABEL_CHARS = 28  # characters of an option's name on a chart label


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"
