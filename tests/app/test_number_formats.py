"""Every number a user sees follows the session's language: every page and sub-view of the app (and the
sidebar, the weighting aids, the history under More), in Danish and in English, on the municipality
sample, is scanned for numbers in the other language's format (texts, metrics, tables, charts' JSON),
for read-only tables holding raw numbers and for charts with the wrong separators or SI-suffixed ticks."""

from __future__ import annotations

from typing import Any

import pytest
from app_helpers import assert_clean, run_app
from number_scan import chart_problems, chart_strings, screen_problems, table_problems, user_strings
from number_text import bad_numbers
from test_literal import _builders

from esg_workbench.app.charts import localise
from esg_workbench.domain.assessment import PairwiseJudgement
from esg_workbench.formats import format_percent, percent_suffix

VIEWS = {
    "assessments": [None],
    "organisation": [None],
    "as_is": ["data_sources", "systems", "data_flows", "roles", "processes", "coverage", "chain", "landscape"],
    "to_be": ["vision", "maturity", "survey"],
    "requirements": ["catalogue", "criteria"],
    "scenarios": ["options", "scores", "musts", "costs", "business", "ranking", "variants", "decision"],
    "workbook": [None],
}
# Screens that only show with other data: the weighting aids (proposal table, AHP consistency ratio)
# and the audit trail under More.
EXTRA = ["requirements-criteria-moscow_rank", "requirements-criteria-ahp", "assessments-history"]
SCREENS = [f"{p}-{v}" if v else p for p, views in VIEWS.items() for v in views] + EXTRA


def _prepare(seeded: Any, screen: str) -> tuple[str, str | None, str]:
    """The page, sub-view and assessment id for ``screen``, with the stored data it needs."""
    aid = seeded.ids["municipality"]
    page, _, view = screen.partition("-")
    view, _, method = view.partition("-")
    if method in ("moscow_rank", "ahp"):
        with seeded.store() as store:
            stored = store.load(aid)
            a = stored.assessment
            ids = [c.id for c in a.criteria]
            pairwise = [PairwiseJudgement(a=ids[i], b=ids[i + 1], ratio=2.0 + i % 3) for i in range(len(ids) - 1)]
            pairwise.append(PairwiseJudgement(a=ids[-1], b=ids[0], ratio=3.0))  # not fully consistent
            weighting = a.weighting.model_copy(update={"method": method, "pairwise": pairwise})
            store.save(a.model_copy(update={"weighting": weighting}), base_revision=stored.revision, author="t")
    return page, view or None, aid


def _render(seeded: Any, screen: str, lang: str):  # noqa: ANN202 - AppTest
    page, view, aid = _prepare(seeded, screen)
    at = run_app(assessment_id=aid, lang=lang, page=page, state={f"view.{page}": view} if view else None)
    if view == "history":
        at.button(key=f"assess.history.{aid}").click().run()
        assert at.dataframe, "the audit trail table should show"
    assert_clean(at)
    return at


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_every_number_on_every_screen_is_in_the_session_language(seeded: Any, screen: str, lang: str) -> None:
    at = _render(seeded, screen, lang)
    with seeded.store() as store:
        typed = user_strings(store.load(seeded.ids["municipality"]).assessment.model_dump(mode="json"))
    problems = screen_problems(at, lang, typed)
    assert problems == [], "\n".join(problems)


# --- the scanner itself: it finds what it is meant to find -------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "bad"),
    [
        ("77.8 points", "da", ["77.8"]),
        ("1,250,000 DKK", "da", ["1,250,000"]),
        ("4.0%", "da", ["4.0", "0%"]),
        ("1.250.000 DKK, 77,8 point, 4,0 %", "da", []),
        ("E1-5, 2026-01-31 12:30, v1.2.3, version 1.0, 0,052", "da", []),
        ("1.250.000 DKK", "en", ["1.250.000"]),
        ("77,8 points", "en", ["77,8"]),
        ("80 % complete", "en", ["0 %"]),
        ("1,250,000 DKK, 77.8 points, 4.0%, E1-5, 2026-01-31", "en", []),
    ],
)
def test_the_scan_tells_the_formats_apart(text: str, lang: str, bad: list[str]) -> None:
    assert bad_numbers(text, lang) == bad


def test_the_scan_finds_wrong_separators_and_si_ticks() -> None:
    figure = {"layout": {"separators": ".,", "xaxis": {}, "yaxis": {"tickformat": ",.0f"}}}
    assert len(chart_problems(figure, "da")) == 2  # the separators and the x axis's default SI ticks
    figure["layout"] |= {"separators": ",.", "xaxis": {"exponentformat": "none"}}
    assert chart_problems(figure, "da") == []


def test_the_scan_finds_raw_numbers_in_tables() -> None:
    import pandas as pd

    assert table_problems(pd.DataFrame({"share": [12.5], "n": [3]}))
    assert table_problems(pd.DataFrame({"n": [1250]}))
    assert table_problems(pd.DataFrame({"share": ["12,5 %"], "rank": [1], "whole": [3.0]})) == []


# --- the pieces every screen uses ------------------------------------------------------------------


def test_numbers_put_into_app_text_are_written_in_its_language() -> None:
    from esg_workbench.app.i18n import translate

    assert translate("guidance.missing", "da", n=1250) == "Det mangler stadig (1.250)"
    assert translate("guidance.missing", "en", n=1250) == "What is still missing (1,250)"
    assert translate("to_be.automation_bar", "da", pct=format_percent(0.7, "da")) == "Mål: 70 % automatiseret"
    card = translate("assessments.card", "da", organisation="o", revision="1234", when="", author="")
    assert "revision 1234 " in card  # an identifier, passed as text, keeps its digits as they are


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sorted(_builders()))
def test_every_chart_localised_has_the_language_separators_and_no_si_ticks(name: str, lang: str) -> None:
    figure = localise(_builders(lang)[name](), lang).to_plotly_json()
    assert chart_problems(figure, lang) == []
    assert [t for _, text in chart_strings(figure) for t in bad_numbers(text, lang)] == []
    suffixes = {a.get("ticksuffix") for k, a in figure["layout"].items() if k.startswith(("xaxis", "yaxis"))}
    assert suffixes <= {None, percent_suffix(lang)}
