"""The one way user text reaches the screen (app/literal.py): inert markdown for Streamlit and literal text
for plotly, fed hostile strings; and every chart of app/charts.py built from hostile names."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import plotly.graph_objects as go
import pytest
from hostile_text import HOSTILE, markdown_problems, resolved

from esg_workbench.app import charts
from esg_workbench.app.literal import WORD_JOINER, literal_figure, md, plot_text, shown
from esg_workbench.coverage import STATUS_ORDER


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_of_hostile_text_is_inert_and_reads_as_typed(text: str) -> None:
    escaped = md(text)
    assert markdown_problems(escaped) == []
    assert shown(escaped) == text


def test_the_previous_escape_left_autolinks_and_icons() -> None:
    """Why backslashes alone are not enough: Streamlit finds these after the escapes are resolved."""
    for text in ("visit www.example.com", "see http://x.invalid/p", "mail me@example.com", ":material/home: x"):
        backslashed = "".join(f"\\{c}" if not c.isalnum() and not c.isspace() else c for c in text)
        assert markdown_problems(backslashed), text
        assert not markdown_problems(md(text)), text


@pytest.mark.parametrize(
    "text",
    ["    indented code", "# heading", "1. list", "- item", "> quote", "---", "| a | b |", "===", "\tTab", "a\\b"],
)
def test_block_syntax_at_the_start_of_a_line_stays_text(text: str) -> None:
    for line in md(f"first\n{text}").split("  \n"):
        assert not line.startswith((" ", "\t")), line  # four spaces or a tab would start a code block
        first = line.lstrip("\u00a0")[:1]
        assert first.isalnum() or first in ("\\", ""), line
    assert shown(md(text)) == text.replace("\t", " " * 4) if text.startswith("\t") else shown(md(text)) == text


def test_line_breaks_stay_line_breaks() -> None:
    assert md("one\ntwo\r\nthree") == "one  \ntwo  \nthree"


def test_a_joiner_only_where_a_pattern_would_start() -> None:
    assert WORD_JOINER not in md("Nordhavn Components A/S, 2026 (draft)")
    assert md("14:05") == "14\\:" + WORD_JOINER + "05"  # a colon before a word could close a :shortcode:
    assert "WWW" + WORD_JOINER in md("WWW.example.com")


def test_none_is_empty_and_numbers_are_text() -> None:
    assert md(None) == ""
    assert md(3.5) == "3\\.5"


def test_plot_text_escapes_html_and_entities() -> None:
    assert plot_text("<a href='x'>a</a> & &lt;") == "&lt;a href='x'&gt;a&lt;/a&gt; &amp; &amp;lt;"
    assert plot_text(3) == 3
    assert plot_text(None) is None


# --- every chart ---------------------------------------------------------------------------------------

H = [f"{h} #{i}" for i, h in enumerate(HOSTILE)]


def _builders(lang: str = "en") -> dict[str, Callable[[], go.Figure]]:
    labels = {s: H[i % len(H)] for i, s in enumerate(STATUS_ORDER)}
    return {
        "coverage_heatmap": lambda: charts.coverage_heatmap(
            H[:3], H[3:5], {(0, 0): "gap", (1, 1): "automated"}, labels, H[5:8]
        ),
        "coverage_bars": lambda: charts.coverage_bars({H[0]: {"gap": 1}, H[1]: {"manual": 2}}, labels),
        "readiness_bars": lambda: charts.readiness_bars(
            {H[0]: {"ready": 1}, H[1]: {"not_known": 2, "other": 1}}, {"ready": H[2], "not_known": H[3], "other": H[4]}
        ),
        "maturity_radar": lambda: charts.maturity_radar(H[:4], {H[4]: [1, 2, 3, 4], H[5]: [2, 3, 4, 5]}),
        "survey_comparison": lambda: charts.survey_comparison(
            H[:2], [50, 20], [10, 30], ["high", "low"], {"high": H[2], "middle": H[3], "low": H[4], "ours": H[5]}
        ),
        "moscow_bars": lambda: charts.moscow_bars(H[:2], {H[2]: [1, 2], H[3]: [0, 1]}, {H[2]: "#000000"}),
        "weight_bars": lambda: charts.weight_bars(H[:3], [1.0, 2.0, 3.0], [1, 0, 2], H[3], lang=lang),
        "contributions": lambda: charts.contributions(H[:2], H[2:5], [[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]]),
        "cost_lines_chart": lambda: charts.cost_lines_chart([2026, 2027], {H[0]: [1.0, 2.0], H[1]: [2.0, 3.0]}, H[2]),
        "rank_shares": lambda: charts.rank_shares(H[:2], H[2:4], [[0.6, 0.4], [0.4, 0.6]]),
        "roadmap_gantt": lambda: charts.roadmap_gantt(
            [(H[0], date(2026, 1, 1), date(2026, 6, 1), H[1]), (H[2], date(2026, 3, 1), date(2027, 1, 1), H[1])],
            {H[1]: "#123456"},
        ),
        "score_matrix": lambda: charts.score_matrix(H[:2], H[2:4], [[1.0, None], [5.0, 2.5]], lang=lang),
        "score_against_cost": lambda: charts.score_against_cost(
            [(H[0], 80.0, 1e6, False), (H[1], 60.0, 2e6, True)], score_title=H[2], cost_title=H[3], legend=(H[4], H[5])
        ),
    }


def _strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def plotly_problems(figure: dict) -> list[str]:
    """Text of a plotly figure (its JSON) that plotly would render as HTML, or user text in a template."""
    problems = []
    for key, text in _strings(figure):
        if key in ("hovertemplate", "texttemplate"):  # the chart's own markup; user text comes in by %{…}
            problems += [f"{key} embeds user text: {text!r}" for h in HOSTILE if h in text]
        elif "<" in text or ">" in text or "&" in text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", ""):
            problems.append(f"{key}: {text!r}")
    return problems


def test_all_chart_functions_are_covered() -> None:
    public = {n for n, f in vars(charts).items() if callable(f) and getattr(f, "__module__", "") == charts.__name__}
    # localise only sets the number format of a figure a builder made, series_colours picks colours; no text.
    helpers = {"localise", "series_colours"}
    assert public - {n for n in public if n.startswith("_")} - helpers == set(_builders())


@pytest.mark.parametrize("name", sorted(_builders()))
def test_every_chart_shows_hostile_names_literally(name: str) -> None:
    figure = _builders()[name]().to_plotly_json()
    assert plotly_problems(figure) == []
    everything = " ".join(text for _, text in _strings(figure))
    assert "&lt;a href=" in everything or "&lt;span" in everything or "&lt;img" in everything


def test_literal_figure_keeps_categories_and_tick_values_matched() -> None:
    fig = charts.coverage_heatmap(H[:2], H[2:3], {(0, 0): "gap"}, {}, H[:2])
    heat = fig.data[0]
    assert list(fig.layout.yaxis.tickvals) == list(heat.y)
    assert list(fig.layout.xaxis.tickvals) == list(heat.x)
    assert resolved("x") == "x"  # (the helper the app tests share)


def test_literal_figure_escapes_text_added_by_hand() -> None:
    fig = go.Figure(go.Bar(x=[H[2]], y=[1], name=H[3], text=[H[4]], customdata=[[H[5]]]))
    fig.update_layout(title=H[2])
    fig.add_annotation(text=H[3], x=0, y=0)
    fig.update_xaxes(title=H[4])
    assert plotly_problems(literal_figure(fig).to_plotly_json()) == []
