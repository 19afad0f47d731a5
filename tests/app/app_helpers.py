"""Helpers for the Streamlit app tests: run the app (AppTest) on a page with an assessment open, as a
browser would after a refresh, and check that nothing crashed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from esg_workbench.config import PROJECT_ROOT
from esg_workbench.store import Store

MAIN = PROJECT_ROOT / "esg_workbench" / "app" / "main.py"
SAMPLES = PROJECT_ROOT / "sample_data"
PAGES = {
    "assessments": "app_pages/assessments.py",
    "organisation": "app_pages/organisation.py",
    "as_is": "app_pages/as_is.py",
    "to_be": "app_pages/to_be.py",
    "requirements": "app_pages/requirements.py",
    "scenarios": "app_pages/scenarios.py",
    "workbook": "app_pages/workbook.py",
}
EMPTY_ID = "empty-new"


@dataclass(frozen=True)
class Seeded:
    db: Path
    ids: dict[str, str]  # "municipality" / "manufacturer" / "empty" -> assessment id

    def store(self) -> Store:
        return Store(str(self.db))


def run_app(
    *, assessment_id: str | None = None, lang: str = "en", page: str = "assessments", state: dict | None = None
) -> AppTest:
    """The app after its first run with ``assessment_id`` open (from the URL, as after a refresh), then
    switched to ``page`` and run again."""
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    at.query_params["lang"] = lang
    if assessment_id:
        at.query_params["a"] = assessment_id
    at.run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page != "assessments" or state:
        at.switch_page(PAGES[page])
        at.run()
    return at


def assert_clean(at: AppTest) -> None:
    """No exception element and no crash caught by the page guard."""
    assert not at.exception, [e.value for e in at.exception]
    crashed = at.session_state.get("app.crashed")
    assert crashed is None, crashed


def field_key(at: AppTest, path: str) -> str:
    """The key of the form field bound to ``path`` of the open assessment (see ``state.wkey``)."""
    aid = at.session_state["a.id"]
    epoch = at.session_state.get("a.epoch", 0)
    return f"w.{aid}.{epoch}.field.{path}"


def edit_table(
    at: AppTest, table: str, *, edited: dict | None = None, added: list | None = None, deleted: list | None = None
) -> AppTest:
    """Seed an edit of the editable table ``table`` (its key, e.g. ``as_is.systems``) and rerun, as the
    browser does when a user edits cells, adds or deletes rows."""
    editor = at.session_state[f"tbl.{table}"]
    at.session_state[editor.widget_key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return at.run()


def stored(seeded_db: Path, assessment_id: str):  # noqa: ANN201 - a StoredAssessment
    with Store(str(seeded_db)) as store:
        return store.load(assessment_id)


def texts(at: AppTest, kind: str = "error") -> list[str]:
    return [e.value for e in getattr(at, kind)]
