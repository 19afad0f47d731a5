"""Chart readability: every series of a chart has its own colour, the legend sits at the foot of the
figure (the chart toolbar covered it at the top), and a ranking no simulation moved is said in words."""

from __future__ import annotations

import pytest
from app_helpers import assert_clean, run_app

from esg_workbench.app import charts
from esg_workbench.domain.results import Sensitivity


@pytest.mark.parametrize("n", [1, 8, 9, 16, 24, 40, 90])
def test_no_colour_is_used_twice_in_one_chart(n: int) -> None:
    colours = charts.series_colours(n)
    assert len(colours) == n and len(set(colours)) == n


def test_sixteen_criteria_get_sixteen_colours_in_the_contributions_chart() -> None:
    names = [f"criterion {i}" for i in range(16)]
    fig = charts.contributions(["A", "B"], names, [[1.0] * 16, [2.0] * 16])
    assert len({trace.marker.color for trace in fig.data}) == 16


def test_the_legend_sits_below_the_plot_in_room_kept_for_it() -> None:
    few = charts.rank_shares(["A", "B"], ["Rank 1", "Rank 2"], [[0.6, 0.4], [0.4, 0.6]])
    many = charts.contributions(["A"], [f"a rather long criterion name {i}" for i in range(16)], [[1.0] * 16])
    for fig in (few, many):
        legend = fig.layout.legend
        assert (legend.yref, legend.yanchor, legend.y) == ("container", "bottom", 0)
    assert many.layout.margin.b > few.layout.margin.b  # more entries, more rows kept for them


def test_a_ranking_that_never_changed_is_recognised() -> None:
    def sensitivity(*rows: list[float]) -> Sensitivity:
        return Sensitivity(method="weighted-sum", top="a", rank_acceptability=dict(zip("ab", rows, strict=False)))

    assert sensitivity([1.0, 0.0], [0.0, 1.0]).ranking_never_changed()
    assert not sensitivity([0.97, 0.03], [0.03, 0.97]).ranking_never_changed()
    assert not sensitivity().ranking_never_changed()


def test_a_fully_robust_ranking_is_said_in_words_not_drawn(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="scenarios", state={"view.scenarios": "ranking"})
    assert_clean(at)
    texts = " ".join(s.value for s in at.success)
    assert "did not change in any of the" in texts
    assert not any(getattr(c, "key", None) == "chart.rank_shares" for c in at.get("plotly_chart"))


def test_score_against_cost_labels_fit_and_the_hover_names_the_option_in_full() -> None:
    """A long option name is shortened on its label (an ellipsis says so), named in full on hover; the
    labels may reach past the plot area, and the axes leave room for the outermost."""
    long = "Dedicated ESG reporting platform with a data hub (SaaS, EU hosting)"
    fig = charts.score_against_cost(
        [(long, 91.0, 2_000_000.0, False), ("Excel", 40.0, 500_000.0, True)],
        score_title="Score",
        cost_title="Cost",
        legend=("Not dominated", "Dominated"),
    )
    best, excel = fig.data
    assert best.text == ("Dedicated ESG reporting pla…",) and best.customdata == (long,)
    assert len(best.text[0]) == charts.LABEL_CHARS and excel.text == ("Excel",)
    assert "%{customdata}" in best.hovertemplate and best.cliponaxis is False
    low, high = fig.layout.xaxis.range
    assert low < 40.0 and high > 91.0 and fig.layout.yaxis.range[1] > 2_000_000.0
