"""Every page and every sub-view renders without an exception on both samples and on an empty new
assessment, in both languages, and without an assessment open."""

from __future__ import annotations

import pytest
from app_helpers import PAGES, assert_clean, run_app

VIEWS = {
    "as_is": ["data_sources", "systems", "data_flows", "roles", "processes", "coverage", "chain", "landscape"],
    "to_be": ["vision", "maturity", "survey"],
    "requirements": ["catalogue", "criteria"],
    "scenarios": ["options", "scores", "musts", "costs", "business", "ranking", "variants", "decision"],
}
CASES = [(page, view) for page in PAGES for view in VIEWS.get(page, [None])]


@pytest.mark.parametrize("which", ["municipality", "manufacturer", "empty"])
@pytest.mark.parametrize(("page", "view"), CASES, ids=[f"{p}-{v}" if v else p for p, v in CASES])
def test_page_renders(seeded, which: str, page: str, view: str | None) -> None:
    state = {f"view.{page}": view} if view else None
    at = run_app(assessment_id=seeded.ids[which], page=page, state=state)
    assert_clean(at)
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_in_danish(seeded, page: str) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], lang="da", page=page)
    assert_clean(at)


@pytest.mark.parametrize("page", list(PAGES))
def test_page_without_an_open_assessment_shows_an_empty_state(app_db, page: str) -> None:
    at = run_app(page=page)
    assert_clean(at)
    if page != "assessments":
        assert at.button(key="empty.go_list")
