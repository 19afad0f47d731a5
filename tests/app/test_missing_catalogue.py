"""An assessment whose framework or catalogue version this installation does not offer (a catalogue removed
from the framework data while assessments still use it): the app says which and why when it is opened,
opens nothing, and the store keeps the assessment exactly as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from app_helpers import PAGES, assert_clean, run_app, texts

from esg_workbench.app.state import ASSESSMENT
from esg_workbench.assessment_files import load_assessment
from esg_workbench.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "municipality.json"


@pytest.mark.parametrize(
    ("update", "lang", "said"),
    [
        (
            {"catalogue": {"id": "esrs-set1", "version": "2019"}},
            "en",
            "it names the disclosure-requirement catalogue esrs-set1 2019, which framework esg-architecture 1.0 no "
            "longer offers (it offers: esrs-amended 2026, esrs-set1 2023, vsme 2025). Nothing stored has changed",
        ),
        (
            {"framework": {"id": "esg-architecture", "version": "0.9"}},
            "da",
            "den er lavet med rammeværket esg-architecture 0.9, som ikke er installeret her. Intet gemt er ændret",
        ),
    ],
)
def test_an_assessment_in_terms_this_installation_lacks_is_not_opened_and_stays_stored(
    app_db: Path, update: dict, lang: str, said: str
) -> None:
    a = load_assessment(SAMPLE)
    with Store(str(app_db)) as store:
        store.create(a, author="test")
    # The stored revision names a version the framework data no longer has, as after an upgrade that
    # removed it: the store accepts no such write, so the revision's JSON is changed underneath.
    with sqlite3.connect(app_db) as db:
        (content,) = db.execute("SELECT content FROM revisions WHERE assessment_id = ?", (a.id,)).fetchone()
        db.execute("UPDATE revisions SET content = ?", (json.dumps({**json.loads(content), **update}),))
    with Store(str(app_db)) as store:
        before = store.load(a.id)
    at = run_app(assessment_id=a.id, lang=lang)  # opened from the URL, as after a refresh
    assert_clean(at)
    assert any(said in s.replace("\\", "") for s in texts(at, "error")), texts(at, "error")  # markdown escapes
    assert ASSESSMENT not in at.session_state  # nothing opened
    at.switch_page(PAGES["as_is"]).run()  # a step's page: the empty state, no crash
    assert_clean(at)
    assert ASSESSMENT not in at.session_state
    with Store(str(app_db)) as store:
        after = store.load(a.id)
        assert [r.number for r in store.history(a.id)] == [before.revision]
    assert after.assessment == before.assessment
