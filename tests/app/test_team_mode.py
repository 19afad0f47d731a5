"""The whole app in team mode (ESG_WORKBENCH_MODE=team) with a mocked signed-in user (AppTest.user): a
viewer sees a read-only banner and cannot change anything, an editor's edit is stored under their
e-mail, and assessments not shared with the user are not listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import MAIN, PAGES, assert_clean, field_key, texts
from streamlit.testing.v1 import AppTest

from esg_workbench.config import settings
from esg_workbench.frameworks import load_framework
from esg_workbench.new_assessment import new_assessment
from esg_workbench.store import SecuredStore, Store, User

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-only-not-a-secret",
    "client_id": "workbench",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
SHARED, PRIVATE = "shared-one", "bo-private"


@pytest.fixture
def team_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """'shared-one' (owner anna; cy viewer, dan editor) and 'bo-private' (owner bo, shared with nobody)."""
    db = tmp_path / "team.db"
    monkeypatch.setenv("ESG_WORKBENCH_DB", str(db))
    monkeypatch.setenv("ESG_WORKBENCH_MODE", "team")
    monkeypatch.setenv("ESG_WORKBENCH_ALLOWED_DOMAINS", "firm.dk")
    monkeypatch.delenv("ESG_WORKBENCH_ADMINS", raising=False)
    settings.cache_clear()
    fw = load_framework()
    with Store(str(db)) as store:
        for owner, aid in (("anna", SHARED), ("bo", PRIVATE)):
            assessment = new_assessment(fw, organisation_name=f"{owner} A/S", title=aid, assessment_id=aid)
            SecuredStore(store, User(f"{owner}@firm.dk")).create(assessment)
        anna = SecuredStore(store, User("anna@firm.dk"))
        anna.share(SHARED, "cy@firm.dk", "viewer")
        anna.share(SHARED, "dan@firm.dk", "editor")
    yield db
    settings.cache_clear()


def _run_as(email: str, *, page: str, assessment_id: str | None = SHARED) -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    at.user = {"is_logged_in": True, "email": email, "name": email.split("@")[0].title(), "email_verified": True}
    at.secrets["auth"] = AUTH
    at.query_params["lang"] = "en"
    if assessment_id:
        at.query_params["a"] = assessment_id
    at.run()
    if page != "assessments":
        at.switch_page(PAGES[page])
        at.run()
    assert_clean(at)
    return at


def _stored(db: Path, assessment_id: str = SHARED):  # noqa: ANN202 - a StoredAssessment
    with Store(str(db)) as store:
        return store.load(assessment_id)


def test_a_viewer_sees_the_banner_and_an_edit_does_not_reach_the_store(team_db: Path) -> None:
    at = _run_as("cy@firm.dk", page="organisation")
    assert any(text.startswith("Read-only: you are a viewer") for text in texts(at, "info")), texts(at, "info")
    before = _stored(team_db).revision
    at.text_input(key=field_key(at, "organisation.name")).input("Changed by a viewer").run()
    assert_clean(at)
    assert any("you are a viewer of this assessment" in text for text in texts(at)), texts(at)
    after = _stored(team_db)
    assert after.revision == before
    assert after.assessment.organisation.name == "anna A/S"


def test_an_editor_edit_reaches_the_store_under_their_email(team_db: Path) -> None:
    at = _run_as("dan@firm.dk", page="organisation")
    assert not any("Read-only" in text for text in texts(at, "info"))
    before = _stored(team_db).revision
    at.text_input(key=field_key(at, "organisation.name")).input("Changed by an editor").run()
    assert_clean(at)
    after = _stored(team_db)
    assert after.assessment.organisation.name == "Changed by an editor"
    assert (after.revision, after.author) == (before + 1, "dan@firm.dk")


def test_the_list_shows_only_assessments_shared_with_the_user(team_db: Path) -> None:
    at = _run_as("cy@firm.dk", page="assessments", assessment_id=None)
    shown = " ".join(str(frame.value.to_dict()) for frame in at.dataframe) + " ".join(
        el.value for el in (*at.markdown, *at.caption, *at.text)
    ).replace("\\", "")  # titles are shown markdown-escaped
    assert SHARED in shown
    assert PRIVATE not in shown
    assert [b.key for b in at.sidebar.button] == ["auth.sign_out"]


def test_an_assessment_not_shared_cannot_be_opened_from_the_url(team_db: Path) -> None:
    at = _run_as("cy@firm.dk", page="assessments", assessment_id=PRIVATE)  # the notice shows on the first screen
    assert "a.id" not in at.session_state
    assert not any("bo A/S" in text.replace("\\", "") for text in texts(at, "markdown") + texts(at, "caption"))
    assert any(PRIVATE in text.replace("\\", "") for text in texts(at, "warning")), texts(at, "warning")
