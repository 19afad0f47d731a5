"""Table edits in a real browser, checked in the store: the data editor's own behaviour (it reports an
edit relative to the table it was first given, and drops an edit back to that value) is what AppTest
cannot show.

1. One weight edit on a sample viewed in the other language stores exactly that weight.
2. A cell edited away and back to the value the page was loaded with is stored back (maturity level,
   must-have check).
3. Two browsers edit the same cell: the second gets the conflict panel at once, the store keeps the
   first's value until the second chooses, and the panel tells the two sessions apart.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from e2e_harness import ROOT, TIMEOUT_MS, edit_cell, free_port, serve_app, wait_idle

from esg_workbench.domain.diff import diff_assessments
from esg_workbench.samples import seed_samples
from esg_workbench.store import Store

pytestmark = pytest.mark.browser

MUNICIPALITY, MANUFACTURER = "fjordby-kommune-2026", "nordhavn-components-2026"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on a store holding both samples (revision 1 each); (its URL, the store's URL)."""
    folder = tmp_path_factory.mktemp("integrity")
    db = str(folder / "e2e.db")
    with Store(db) as store:
        seed_samples(store, ROOT / "sample_data")
    env = {**os.environ, "ESG_WORKBENCH_DB": db}
    with serve_app(env, free_port(), folder / "server.log") as url:
        yield url, db


@pytest.fixture
def page(chromium_browser, screenshot, request: pytest.FixtureRequest) -> Iterator[object]:  # noqa: ANN001
    """``page()`` opens a page in a browser context (a Streamlit session) of its own; every page is
    photographed when the test fails (kept with the CI output) and closed afterwards."""
    pages = []
    failed_before = request.session.testsfailed

    def new_page():  # noqa: ANN202 - a Playwright page in a browser context (a session) of its own
        made = chromium_browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
        made.set_default_timeout(TIMEOUT_MS)
        pages.append(made)
        return made

    yield new_page
    if request.session.testsfailed > failed_before:  # the test's own report comes before this teardown
        for n, shown in enumerate(pages):
            screenshot(shown, f"failure-{n}")
    for shown in pages:
        shown.context.close()


# --- the page ---------------------------------------------------------------------------------------


def _open(page, url: str, path: str, aid: str, view: str, lang: str = "en") -> None:  # noqa: ANN001
    page.goto(f"{url}/{path}?a={aid}&lang={lang}&view={view}")
    wait_idle(page)


def _editor(page, key: str):  # noqa: ANN001, ANN202
    """The data editor of the table with ``key`` (its widget key is ``<key>.<n>``)."""
    editor = page.locator(f"[class*='st-key-{key.replace('.', '-')}-'] [data-testid='stDataFrame']").first
    editor.locator("[id^='glide-cell-'][id$='-0']").first.wait_for(state="attached")  # drawn
    return editor


def _set_cell(page, key: str, row: int, column: int, text: str, *, choose: bool = False) -> None:  # noqa: ANN001
    edit_cell(page, lambda: _editor(page, key), row, column, text, choose=choose)


def _cell_shows(page, key: str, row: int, text: str) -> None:  # noqa: ANN001
    """A cell of ``row`` (its accessible text) shows exactly ``text``."""
    cells = _editor(page, key).locator(f"[id^='glide-cell-'][id$='-{row}']")
    cells.filter(has_text=re.compile(rf"^\s*{re.escape(text)}\s*$")).first.wait_for(state="attached")


def _wait_for_revision(page, revision: int) -> None:  # noqa: ANN001
    page.get_by_test_id("stSidebar").get_by_text(re.compile(rf"(Saved|Gemt) · revision {revision}\b")).wait_for()


# --- the store ---------------------------------------------------------------------------------------


def _revisions(db: str, aid: str) -> list[int]:
    with Store(db) as store:
        return [r.number for r in store.history(aid)]


def _changes(db: str, aid: str, old: int, new: int) -> list[str]:
    with Store(db) as store:
        before, after = store.load(aid, revision=old).assessment, store.load(aid, revision=new).assessment
    return [str(c) for c in diff_assessments(before, after)]


def _stored(db: str, aid: str):  # noqa: ANN202 - a StoredAssessment
    with Store(db) as store:
        return store.load(aid)


# --- 1. one edit changes one field -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aid", "lang", "row", "expected"),
    [
        (MUNICIPALITY, "en", 0, "criteria[esrs_coverage].weight: 10.0 -> 9.0"),
        (MANUFACTURER, "da", 1, "criteria[audit_trail].weight: 10.0 -> 9.0"),
    ],
    ids=["danish-sample-in-english", "english-sample-in-danish"],
)
def test_one_weight_edit_stores_only_that_weight(served, page, aid: str, lang: str, row: int, expected: str) -> None:
    url, db = served
    browser = page()
    first = _revisions(db, aid)[-1]
    _open(browser, url, "requirements", aid, "criteria", lang)
    _set_cell(browser, "requirements.criteria", row=row, column=1, text="9")
    _wait_for_revision(browser, first + 1)
    assert _revisions(db, aid)[-1] == first + 1
    assert _changes(db, aid, first, first + 1) == [expected]


# --- 2. back to the value the page was loaded with ----------------------------------------------------


def test_maturity_edited_back_to_its_loaded_value_is_stored(served, page) -> None:
    url, db = served
    browser = page()
    first = _revisions(db, MUNICIPALITY)[-1]
    loaded = _stored(db, MUNICIPALITY).assessment.to_be.maturity[0].current
    _open(browser, url, "to-be", MUNICIPALITY, "maturity")
    for n, value in enumerate((loaded + 1, loaded + 2, loaded), start=1):
        _set_cell(browser, "to_be.maturity", row=0, column=1, text=str(value))
        _wait_for_revision(browser, first + n)
        assert _stored(db, MUNICIPALITY).assessment.to_be.maturity[0].current == value
    assert _revisions(db, MUNICIPALITY)[-1] == first + 3
    browser.reload()
    wait_idle(browser)
    _cell_shows(browser, "to_be.maturity", 0, str(loaded))


def test_must_have_check_edited_back_to_its_loaded_value_is_stored(served, page) -> None:
    url, db = served
    browser = page()
    first = _revisions(db, MUNICIPALITY)[-1]
    a = _stored(db, MUNICIPALITY).assessment
    requirement = next(r.id for r in a.requirements if r.priority == "must")
    option = a.options[0].id

    def stored_check() -> bool | None:
        checks = _stored(db, MUNICIPALITY).assessment.must_have_checks
        return next((m.met for m in checks if (m.option_id, m.requirement_id) == (option, requirement)), None)

    loaded = stored_check()
    assert loaded is True  # the sample says the first option meets the first must
    _open(browser, url, "scenarios", MUNICIPALITY, "musts")
    for n, (label, met) in enumerate((("Not met", False), ("Met", True)), start=1):
        _set_cell(browser, "scenarios.musts", row=0, column=1, text=label, choose=True)
        _wait_for_revision(browser, first + n)
        assert stored_check() is met
    assert _revisions(db, MUNICIPALITY)[-1] == first + 2


# --- 3. the same cell from two browsers --------------------------------------------------------------


def test_conflicting_grid_edit_shows_the_conflict_panel_at_once(served, page) -> None:
    url, db = served
    anna, bo = page(), page()
    first = _revisions(db, MANUFACTURER)[-1]
    loaded = _stored(db, MANUFACTURER).assessment.to_be.maturity[0].current
    for browser in (anna, bo):
        _open(browser, url, "to-be", MANUFACTURER, "maturity")

    _set_cell(anna, "to_be.maturity", row=0, column=1, text=str(loaded + 1))
    _wait_for_revision(anna, first + 1)
    anna_author = _stored(db, MANUFACTURER).author
    assert re.fullmatch(r".+ · session [0-9a-f]{6}", anna_author), anna_author  # a local session's label

    _set_cell(bo, "to_be.maturity", row=0, column=1, text=str(loaded + 2))
    bo.locator(".st-key-conflict-reload button").wait_for()  # at once: no further edit needed
    bo.get_by_text(f"{anna_author} saved revision {first + 1}").wait_for()
    bo.get_by_text(re.compile(rf"{re.escape(anna_author)} is another session")).wait_for()
    stored = _stored(db, MANUFACTURER)
    assert (stored.revision, stored.assessment.to_be.maturity[0].current) == (first + 1, loaded + 1)

    bo.get_by_role("button", name=re.compile("^Keep my change")).click()
    wait_idle(bo)
    stored = _stored(db, MANUFACTURER)
    assert (stored.revision, stored.assessment.to_be.maturity[0].current) == (first + 2, loaded + 2)
    assert stored.author != anna_author and re.fullmatch(r".+ · session [0-9a-f]{6}", stored.author)
    _cell_shows(bo, "to_be.maturity", 0, str(loaded + 2))
