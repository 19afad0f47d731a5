"""The report's SVG charts: well-formed drawings whatever the labels hold, text kept as text, an empty
cell never coloured, distinct colours however many series, round axis steps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hostile_text import HOSTILE

from esg_workbench.report import svg

NS = "{http://www.w3.org/2000/svg}"


def _texts(drawing: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(drawing).iter(f"{NS}text")]


def test_labels_are_drawn_as_text_exactly_as_given() -> None:
    rows = [f"{h} #{i}"[:34] for i, h in enumerate(HOSTILE)]
    drawing = svg.stacked_bars(
        rows,
        [("a <b>", "#123456"), ("b & c", "#654321")],
        [[10.0, 5.0] for _ in rows],
        maximum=100,
        ticks=[0, 50, 100],
        tick_label=lambda v: f"{v:.0f}",
        label="</svg><script>",
    )
    texts = _texts(drawing)
    assert set(rows) <= set(texts) and {"a <b>", "b & c"} <= set(texts)
    assert "<script>" not in drawing and ET.fromstring(drawing).get("aria-label") == "</svg><script>"


def test_an_empty_heat_map_cell_is_not_coloured() -> None:
    drawing = svg.heat_grid(["E1"], [("Gap", "#c62828"), ("Manual", "#9ccc65")], [[0, 3]], number=str, label="x")
    fills = [r.get("fill") for r in ET.fromstring(drawing).iter(f"{NS}rect")]
    assert "#c62828" not in fills and "#9ccc65" in fills
    assert _texts(drawing)[-2:] == ["·", "3"]


@pytest.mark.parametrize("n", [1, 8, 9, 13, 40])
def test_every_series_gets_its_own_colour(n: int) -> None:
    colours = svg.colours(n)
    assert len(colours) == n == len(set(colours))


@pytest.mark.parametrize(("top", "expected"), [(100, 100), (7.2, 8), (11_150_000, 12_000_000), (0.9, 1)])
def test_an_axis_ends_on_a_round_step_at_or_above_the_top(top: float, expected: float) -> None:
    ticks = svg._nice_ticks(top)
    assert ticks[0] == 0 and ticks[-1] == pytest.approx(expected) and 3 <= len(ticks) <= 7


def test_a_timeline_marks_each_year_it_spans() -> None:
    items = [
        ("Interim", date(2026, 3, 1), date(2026, 9, 1), "#ef6c00"),
        ("Target", date(2026, 9, 2), date(2028, 2, 1), "#2e7d32"),
    ]
    drawing = svg.timeline(items, year_label=str, legend=[("Interim", "#ef6c00")], label="roadmap")
    assert {"2027", "2028"} <= set(_texts(drawing)) and "2026" not in _texts(drawing)
