"""End to end in a real browser: create an assessment, add a data source and a system, set a score, reload
and see the data still there, switch to Danish, download the decision workbook."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from e2e_harness import TIMEOUT_MS, edit_cell, wait_idle

pytestmark = pytest.mark.browser


def _saved_revision(page) -> int:  # noqa: ANN001
    text = page.get_by_test_id("stSidebar").get_by_text(re.compile(r"(Saved|Gemt) · revision \d+")).inner_text()
    return int(re.search(r"revision (\d+)", text).group(1))


def _wait_for_revision(page, revision: int) -> None:  # noqa: ANN001
    page.get_by_test_id("stSidebar").get_by_text(re.compile(rf"(Saved|Gemt) · revision {revision}\b")).wait_for(
        timeout=TIMEOUT_MS
    )


def _view(page, label: str) -> None:  # noqa: ANN001
    # The buttons carry a Material icon, whose ligature text comes before the label.
    radio = page.get_by_test_id("stButtonGroup").get_by_role("radio", name=re.compile(rf"{re.escape(label)}$"))
    radio.click()
    page.get_by_test_id("stButtonGroup").locator("[aria-checked=true]", has_text=label).wait_for()
    wait_idle(page)


def _nav(page, label: str) -> None:  # noqa: ANN001
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label).click()
    wait_idle(page)


def _quick_add(page, expander: str, name: str) -> None:  # noqa: ANN001
    panel = page.get_by_test_id("stExpander").filter(has_text=expander)
    panel.get_by_text(expander).click()
    field = panel.get_by_label("Name")
    field.fill(name)
    # Enter submits the form like its Add button; a click could land beside the button while the expander
    # is still opening on a busy machine, and the form would then never be sent.
    field.press("Enter")
    wait_idle(page)
    _first_cell_shows(page, name)


def _first_cell_shows(page, text: str) -> None:  # noqa: ANN001
    """The first cell of the first row of a table (its accessible text) shows ``text``."""
    page.locator("#glide-cell-1-0", has_text=text).first.wait_for(state="attached")


def test_create_edit_reload_switch_language_and_download(chromium_browser, app_server, screenshot) -> None:
    page = chromium_browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT_MS)
    try:
        _journey(page, app_server, screenshot)
    except Exception:
        screenshot(page, "failure")  # kept with the CI output, to see what the browser showed
        raise
    finally:
        page.close()


def _journey(page, app_server: str, screenshot) -> None:  # noqa: ANN001
    page.goto(app_server)
    page.get_by_role("heading", name="Assessments", exact=True).wait_for()
    screenshot(page, "empty-list")

    # create an assessment
    page.get_by_role("button", name="New assessment").click()
    page.get_by_label("Organisation name").fill("Browser Test A/S")
    page.get_by_role("button", name="Create assessment").click()
    page.get_by_role("heading", name="Organisation", exact=True).wait_for()
    wait_idle(page)
    screenshot(page, "created")

    # add a system and a data source
    _nav(page, "1 As-is")
    _view(page, "Systems")
    _quick_add(page, "Quick add: system", "Finance ERP")
    _view(page, "Data sources")
    _quick_add(page, "Quick add: data source", "Electricity invoices")
    screenshot(page, "as-is")

    # set a score in the first option's score table
    _nav(page, "4 Scenarios")
    _view(page, "Scores")
    revision = _saved_revision(page)
    editor = page.get_by_test_id("stDataFrame").first
    editor.locator("#glide-cell-1-0").wait_for(state="attached")  # the grid has drawn its first row
    edit_cell(page, lambda: editor, row=0, column=2, text="4.5")
    _wait_for_revision(page, revision + 1)
    screenshot(page, "score-set")

    # a reload (a new session) shows what was stored
    page.reload()
    page.get_by_test_id("stDataFrame").first.wait_for()
    wait_idle(page)
    first_row = page.get_by_test_id("stDataFrame").first.locator("[id^=glide-cell-][id$='-0']")
    first_row.filter(has_text=re.compile(r"^\s*4\.5\s*$")).first.wait_for(state="attached")
    _nav(page, "1 As-is")
    _view(page, "Data sources")
    _first_cell_shows(page, "Electricity invoices")
    _view(page, "Systems")
    _first_cell_shows(page, "Finance ERP")
    screenshot(page, "after-reload")

    # switch to Danish; the choice survives a reload
    page.get_by_test_id("stSidebar").get_by_role("radio", name="Dansk").click()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Vurderinger").wait_for()
    page.reload()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Vurderinger").wait_for()
    screenshot(page, "danish")

    # download the decision workbook
    _nav(page, "Beslutningsprojektmappe")
    button = page.get_by_role("button", name=re.compile("Hent projektmappen"))
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    data = info.value.path().read_bytes()
    screenshot(page, "workbook")
    assert zipfile.is_zipfile(io.BytesIO(data)) and len(data) > 5_000
