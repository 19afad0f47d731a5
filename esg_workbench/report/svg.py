"""The decision report's charts as SVG written from plain values: stacked bars (contributions, rank
shares), a grid of coloured cells (coverage heat map), current-against-target markers (maturity), lines
(cost over the horizon) and bars over time (roadmap). Vector drawings whose text stays text (found by
a PDF reader and a browser's search), in the report's own font; every label is escaped (user text is
shown as typed) and already in the report's language, every number already formatted.
"""

from __future__ import annotations

import colorsys
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from ..palette import SERIES
from .html import esc

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
WIDTH = 680  # px at 96 dpi: the A4 text width (180 mm)
CHAR = 0.56  # average character width as a share of the font size, to size label columns
ROW = 22
Format = Callable[[float], str]


def colours(n: int) -> list[str]:
    """``n`` distinct colours: the tool's series colours, then hues spread around the colour wheel."""
    extra = max(0, n - len(SERIES))
    more = []
    for i in range(extra):
        r, g, b = colorsys.hls_to_rgb((i / max(extra, 1) + 0.08) % 1.0, 0.45, 0.55)
        more.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return (SERIES + more)[:n]


def short(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters (a long name ends in "…"; the tables give it whole)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _text(x: float, y: float, content: str, *, size: int = 11, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>{esc(content)}</text>'


def _rect(x: float, y: float, w: float, h: float, fill: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{esc(fill)}"{extra}/>'


def _svg(height: float, body: Sequence[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{esc(label)}" '
        f'width="{WIDTH}" height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'font-family="{FONT}" fill="#263238">' + "".join(body) + "</svg>"
    )


def _legend(entries: Sequence[tuple[str, str]], top: float, left: float = 0) -> tuple[list[str], float]:
    """Legend entries (label, colour) flowing in rows across the width; returns the parts and the height."""
    parts, x, y = [], left, top + 12
    for label, colour in entries:
        shown = short(label, 40)
        w = 16 + len(shown) * 10 * CHAR + 14
        if x + w > WIDTH and x > left:
            x, y = left, y + 16
        parts += [_rect(x, y - 9, 10, 10, colour), _text(x + 14, y, shown, size=10)]
        x += w
    return parts, y - top + 8


def _label_width(labels: Sequence[str], limit: int, size: int = 11) -> float:
    return min(max((len(short(x, limit)) for x in labels), default=0) * size * CHAR + 12, WIDTH * 0.4)


def stacked_bars(
    rows: Sequence[str],
    series: Sequence[tuple[str, str]],
    values: Sequence[Sequence[float]],
    *,
    maximum: float,
    ticks: Sequence[float],
    tick_label: Format,
    label: str,
) -> str:
    """Horizontal bars, one per row, each stacked from the series' values (``values[row][series]``), on an
    axis from 0 to ``maximum``; the legend names the series."""
    left = _label_width(rows, 34)
    plot = WIDTH - left - 10
    scale = plot / maximum if maximum > 0 else 0
    body: list[str] = []
    top = 6
    for t in ticks:
        x = left + t * scale
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ROW * len(rows)}" stroke="#e0e0e0"/>')
        body.append(_text(x, top + ROW * len(rows) + 13, tick_label(t), size=9, anchor="middle"))
    for i, (row, parts) in enumerate(zip(rows, values, strict=True)):
        y = top + i * ROW
        body.append(_text(left - 6, y + ROW / 2 + 4, short(row, 34), anchor="end"))
        x = left
        for (_name, colour), value in zip(series, parts, strict=True):
            if value > 0:
                body.append(_rect(x, y + 3, value * scale, ROW - 6, colour, stroke="#ffffff", stroke_width="0.5"))
                x += value * scale
    axis_bottom = top + ROW * len(rows) + 20
    legend, height = _legend(series, axis_bottom)
    return _svg(axis_bottom + height, body + legend, label)


def heat_grid(
    rows: Sequence[str],
    columns: Sequence[tuple[str, str]],
    counts: Sequence[Sequence[int]],
    *,
    number: Format,
    label: str,
) -> str:
    """A grid of counts: rows (e.g. ESRS standards) by columns (label, colour); a cell is filled with its
    column's colour, stronger the larger its share of the row, and shows the count (a zero cell stays
    white, so an empty cell is never read as a colour)."""
    left = _label_width(rows, 40)
    cell_w = (WIDTH - left - 4) / max(len(columns), 1)
    head = 34
    body: list[str] = []
    for j, (name, _) in enumerate(columns):
        body.append(_text(left + (j + 0.5) * cell_w, head - 8, short(name, int(cell_w / 6)), size=10, anchor="middle"))
    for i, (row, values) in enumerate(zip(rows, counts, strict=True)):
        y = head + i * ROW
        total = sum(values) or 1
        body.append(_text(left - 6, y + ROW / 2 + 4, short(row, 40), anchor="end"))
        for j, ((_, colour), value) in enumerate(zip(columns, values, strict=True)):
            x = left + j * cell_w
            body.append(_rect(x, y, cell_w, ROW, "#ffffff", stroke="#cfd8dc"))
            if value:
                body.append(
                    _rect(x + 1, y + 1, cell_w - 2, ROW - 2, colour, fill_opacity=f"{0.25 + 0.75 * value / total:.2f}")
                )
            body.append(_text(x + cell_w / 2, y + ROW / 2 + 4, number(value) if value else "·", anchor="middle"))
    return _svg(head + ROW * len(rows) + 6, body, label)


def level_markers(
    rows: Sequence[str],
    levels: Sequence[int],
    series: Sequence[tuple[str, str, str]],
    values: Sequence[Sequence[int | None]],
    *,
    label: str,
) -> str:
    """Each row's levels on one scale (maturity 1-5): a marker per series (label, colour, shape: circle,
    square or diamond), joined by a line from the lowest to the highest, so the distance from today to
    the target is seen."""
    left = _label_width(rows, 38)
    lo, hi = min(levels), max(levels)
    plot = WIDTH - left - 20
    step = plot / max(hi - lo, 1)
    body: list[str] = []
    top = 6
    for level in levels:
        x = left + (level - lo) * step
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ROW * len(rows)}" stroke="#e0e0e0"/>')
        body.append(_text(x, top + ROW * len(rows) + 13, str(level), size=9, anchor="middle"))
    for i, (row, marks) in enumerate(zip(rows, values, strict=True)):
        y = top + i * ROW + ROW / 2
        body.append(_text(left - 8, y + 4, short(row, 38), anchor="end"))
        known = [m for m in marks if m is not None]
        if len(known) > 1:
            x1, x2 = left + (min(known) - lo) * step, left + (max(known) - lo) * step
            body.append(
                f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="#90a4ae" stroke-width="3"/>'
            )
        for (_, colour, shape), mark in zip(series, marks, strict=True):
            if mark is not None:
                body.append(_marker(left + (mark - lo) * step, y, colour, shape))
    bottom = top + ROW * len(rows) + 20
    entries = [(name, colour) for name, colour, _ in series]
    legend, height = _legend(entries, bottom)
    return _svg(bottom + height, body + legend, label)


def _marker(x: float, y: float, colour: str, shape: str) -> str:
    if shape == "square":
        return _rect(x - 5, y - 5, 10, 10, colour)
    if shape == "diamond":
        corners = f"M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z"
        return f'<path d="{corners}" fill="{esc(colour)}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{esc(colour)}"/>'


def lines(
    x_labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    tick_label: Format,
    label: str,
    height: float = 240,
) -> str:
    """Lines over equally spaced x positions (years), one per series, on an axis from 0 up."""
    names = list(series)
    palette = dict(zip(names, colours(len(names)), strict=True))
    top_value = max((v for vals in series.values() for v in vals), default=0) or 1
    nice = _nice_ticks(top_value)
    left = max(len(tick_label(t)) for t in nice) * 9 * CHAR + 10
    plot_w, plot_h, top = WIDTH - left - 16, height - 40, 8
    body: list[str] = []
    for t in nice:
        y = top + plot_h - t / nice[-1] * plot_h
        body.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{left + plot_w:.1f}" y2="{y:.1f}" stroke="#e0e0e0"/>')
        body.append(_text(left - 4, y + 3, tick_label(t), size=9, anchor="end"))
    step = plot_w / max(len(x_labels) - 1, 1)
    for i, x_label in enumerate(x_labels):
        body.append(_text(left + i * step, top + plot_h + 14, x_label, size=9, anchor="middle"))
    for name in names:
        points = " ".join(
            f"{left + i * step:.1f},{top + plot_h - v / nice[-1] * plot_h:.1f}" for i, v in enumerate(series[name])
        )
        body.append(f'<polyline points="{points}" fill="none" stroke="{palette[name]}" stroke-width="2"/>')
    legend, legend_h = _legend([(n, palette[n]) for n in names], top + plot_h + 20)
    return _svg(top + plot_h + 20 + legend_h, body + legend, label)


def _nice_ticks(top: float) -> list[float]:
    """0 and 4-6 round steps up to at least ``top``."""
    magnitude = 10 ** (len(str(int(top))) - 1) if top >= 1 else 1
    for step in (magnitude / 5, magnitude / 4, magnitude / 2, magnitude, magnitude * 2):
        if top / step <= 6:
            break
    count = int(-(-top // step))
    return [step * i for i in range(count + 1)]


def timeline(
    items: Sequence[tuple[str, date, date, str]],
    *,
    year_label: Format,
    legend: Sequence[tuple[str, str]],
    label: str,
) -> str:
    """Bars from start to end date (label, start, end, colour), one row each, under a year axis."""
    if not items:
        return ""
    first = min(i[1] for i in items)
    last = max(i[2] for i in items)
    span = max((last - first).days, 1)
    left = _label_width([i[0] for i in items], 40)
    plot = WIDTH - left - 10
    top = 18
    body: list[str] = []
    for year in range(first.year, last.year + 2):
        day = date(year, 1, 1)
        if first <= day <= last:
            x = left + (day - first).days / span * plot
            body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + ROW * len(items)}" stroke="#b0bec5"/>')
            body.append(_text(x + 2, top - 5, year_label(year), size=9))
    for i, (name, start, end, colour) in enumerate(items):
        y = top + i * ROW
        x1 = left + (start - first).days / span * plot
        x2 = left + (end - first).days / span * plot
        body.append(_text(left - 6, y + ROW / 2 + 4, short(name, 40), anchor="end"))
        body.append(_rect(x1, y + 4, max(x2 - x1, 2), ROW - 8, colour, rx="2"))
    bottom = top + ROW * len(items) + 6
    parts, height = _legend(legend, bottom)
    return _svg(bottom + height, body + parts, label)
