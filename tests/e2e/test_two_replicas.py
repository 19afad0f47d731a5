"""Scale-out through the UI: two ``esg-workbench app`` replicas share one PostgreSQL database that was
migrated once before they started (they run with ESG_WORKBENCH_AUTO_MIGRATE=false). A browser on each
opens the same assessment. An edit saved in one replica shows in the other; an edit made on a screen
that is out of date is refused with the conflict panel, nothing is merged, and the store keeps exactly
the saves the two users made."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from e2e_harness import ROOT, TIMEOUT_MS, free_port, serve_app, wait_idle

from esg_workbench.assessment_files import load_assessment
from esg_workbench.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.browser]

SAMPLE = ROOT / "sample_data" / "municipality.json"
AID = "fjordby-kommune-2026"
NAME_0, TITLE_0 = "Fjordby Kommune", "Fjordby Kommune - ESG-arkitektur 2026"
NAME_1, NAME_2 = "Fjordby Kommune (renamed on replica 1)", "Fjordby Kommune (renamed again on replica 1)"
STALE_TITLE, TITLE_3 = "Title typed on an out-of-date screen", "Title saved on replica 2 after reloading"


@pytest.fixture
def replicas(pg_url: str, tmp_path: Path) -> Iterator[tuple[str, str, Store]]:
    """The URLs of two app replicas on one freshly migrated PostgreSQL schema holding the sample
    municipality (revision 1, by "seed"), and a Store on that schema for checking what was saved."""
    env = {**os.environ, "ESG_WORKBENCH_DB": pg_url, "ESG_WORKBENCH_AUTO_MIGRATE": "false"}
    migrated = subprocess.run(
        [sys.executable, "-m", "esg_workbench", "db", "migrate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert re.fullmatch(r"schema migrated from revision \(empty database\) to \w+\n", migrated.stdout), migrated.stdout
    with ExitStack() as stack:
        store = stack.enter_context(Store(pg_url, migrate=False))  # refuses a schema that is not migrated
        store.create(load_assessment(SAMPLE), author="seed")
        one, two = [stack.enter_context(serve_app(env, free_port(), tmp_path / f"replica-{n}.log")) for n in (1, 2)]
        yield one, two, store


# --- the page, through the app's widget keys (Streamlit gives each keyed element a st-key-<key> class) --


def _field(page, path: str):  # noqa: ANN001, ANN202 - Playwright page and locator
    """The input bound to ``path`` of the open assessment; its key is ``w.<id>.<epoch>.field.<path>``."""
    return page.locator(f"[class*='st-key-w-{AID}-'][class*='-field-{path.replace('.', '-')}'] input")


def _edit(page, path: str, value: str) -> None:  # noqa: ANN001
    """Type into a field and press Enter, which stores the change at once (autosave)."""
    field = _field(page, path)
    field.fill(value)
    field.press("Enter")


def _shows(page, values: dict[str, str]) -> None:  # noqa: ANN001
    """The fields bound to these paths show these values (waiting for the screen to get there)."""
    from playwright.sync_api import expect

    for path, value in values.items():
        expect(_field(page, path)).to_have_value(value, timeout=TIMEOUT_MS)  # a loaded machine is slow


def _saved(page, revision: int, author: str) -> None:  # noqa: ANN001
    """The sidebar says the screen shows ``revision``, saved by ``author``."""
    # The caption is literal text: a word joiner (U+2060) follows the colon so it never starts a shortcode.
    caption = re.compile(rf"^Saved · revision {revision} · \d\d:\u2060?\d\d UTC · {re.escape(author)}$")
    page.get_by_test_id("stSidebar").get_by_text(caption).wait_for()


def _sign_as(page, author: str) -> None:  # noqa: ANN001
    """Local mode: the name the session's saves are stored under (sidebar, "You")."""
    page.get_by_test_id("stSidebar").get_by_test_id("stExpander").locator("summary").click()
    field = page.locator(".st-key-ui-author input")
    field.fill(author)
    field.press("Enter")
    wait_idle(page)


def _open(browser, url: str):  # noqa: ANN001, ANN202
    """A page in a browser context of its own (its own Streamlit session) on the shared assessment."""
    page = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/organisation?a={AID}&lang=en")
    _shows(page, {"organisation.name": NAME_0})
    return page


# --- the test ---------------------------------------------------------------------------------------


def test_two_replicas_share_edits_and_refuse_a_stale_one(chromium_browser, replicas, screenshot) -> None:
    url_one, url_two, store = replicas
    anna, bo = _open(chromium_browser, url_one), _open(chromium_browser, url_two)

    def shoot(name: str) -> None:
        screenshot(anna, f"{name}-replica-1")
        screenshot(bo, f"{name}-replica-2")

    try:
        _journey(anna, bo, store, shoot)
    except Exception:
        shoot("failure")  # kept with the CI output, to see what both browsers showed
        raise
    finally:
        anna.context.close()
        bo.context.close()


def _journey(anna, bo, store: Store, shoot: Callable[[str], None]) -> None:  # noqa: ANN001
    # anna saves on replica 1; bo, on replica 2, sees it after reloading
    _sign_as(anna, "anna")
    _edit(anna, "organisation.name", NAME_1)
    _saved(anna, 2, "anna")
    bo.reload()
    _shows(bo, {"organisation.name": NAME_1})
    _saved(bo, 2, "anna")
    _sign_as(bo, "bo")
    shoot("shared")

    # anna saves again; bo's screen still shows revision 2, so bo's edit is refused, not merged
    _edit(anna, "organisation.name", NAME_2)
    _saved(anna, 3, "anna")
    _edit(bo, "title", STALE_TITLE)
    bo.locator(".st-key-conflict-reload button").wait_for()
    bo.get_by_text("anna saved revision 3 while you were working on revision 2").wait_for()
    shoot("conflict")
    stored = store.load(AID)
    assert (stored.revision, stored.author) == (3, "anna")
    assert (stored.assessment.organisation.name, stored.assessment.title) == (NAME_2, TITLE_0)

    # bo takes anna's version, then saves on top of it
    bo.locator(".st-key-conflict-reload button").click()
    bo.get_by_text("Reloaded the newest version; your unsaved change was discarded.").wait_for()
    _shows(bo, {"organisation.name": NAME_2, "title": TITLE_0})
    _saved(bo, 3, "anna")
    _edit(bo, "title", TITLE_3)
    _saved(bo, 4, "bo")
    anna.reload()
    _shows(anna, {"organisation.name": NAME_2, "title": TITLE_3})
    shoot("final")

    _assert_history(store)


def _assert_history(store: Store) -> None:
    """Exactly the four saves made, each on the one before, with the values typed; the refused title
    is in no revision."""
    history = store.history(AID)
    assert [(r.number, r.parent, r.author, r.message) for r in history] == [
        (1, None, "seed", "created"),
        (2, 1, "anna", "edit organisation.name"),
        (3, 2, "anna", "edit organisation.name"),
        (4, 3, "bo", "edit title"),
    ]
    contents = [store.load(AID, revision=r.number).assessment for r in history]
    assert [(a.organisation.name, a.title) for a in contents] == [
        (NAME_0, TITLE_0),
        (NAME_1, TITLE_0),
        (NAME_2, TITLE_0),
        (NAME_2, TITLE_3),
    ]
    assert [s.id for s in store.list_assessments(include_deleted=True)] == [AID]
