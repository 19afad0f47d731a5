"""The whole app in team mode (ESG_WORKBENCH_MODE=team) with a mocked signed-in user (AppTest.user): a
viewer sees a read-only banner and locked fields, and an edit that gets past the screen still does not
reach the store; an editor's edit is stored under their e-mail; assessments not shared with the user are
not listed. (Every screen of a viewer, control by control: test_read_only_screens.py.)"""

from __future__ import annotations

from app_helpers import MAIN, assert_clean, edit_table, field_key, texts
from streamlit.testing.v1 import AppTest
from team_helpers import AUTH, EDITOR, OWNER, VIEWER, Team

from esg_workbench.app import state
from esg_workbench.store import SecuredStore, Store, User


def test_a_viewer_sees_the_banner_and_locked_fields(team_db: Team, run_as) -> None:
    at = run_as(VIEWER, page="organisation", assessment_id=team_db.shared)
    assert any(text.startswith("Read-only: you are a viewer") for text in texts(at, "info")), texts(at, "info")
    assert at.text_input(key=field_key(at, "organisation.name")).disabled


def test_a_role_changed_meanwhile_shows_without_reopening(team_db: Team, run_as, monkeypatch) -> None:
    """The owner promotes the viewer while their screen is open: the next rerun after the role recheck
    interval unlocks the fields (no new revision was saved in between)."""
    at = run_as(VIEWER, page="organisation", assessment_id=team_db.shared)
    assert at.text_input(key=field_key(at, "organisation.name")).disabled
    with Store(str(team_db.db)) as store:
        SecuredStore(store, User(OWNER)).share(team_db.shared, VIEWER, "editor")
    at.run()
    assert at.text_input(key=field_key(at, "organisation.name")).disabled  # within the interval: as before
    monkeypatch.setattr(state, "ROLE_RECHECK_S", 1e-9)  # as if the interval had passed
    at.run()
    assert not at.text_input(key=field_key(at, "organisation.name")).disabled
    assert not any("Read-only" in text for text in texts(at, "info"))


def test_a_viewer_edit_that_gets_past_the_screen_does_not_reach_the_store(team_db: Team, run_as) -> None:
    """Defence in depth: a table edit forged into the session (the locked editor cannot send one) is
    refused with a message before the store, which would refuse it too."""
    at = run_as(VIEWER, page="as_is", assessment_id=team_db.shared)
    at.button_group(key="view.as_is.w").set_value("systems").run()
    before = team_db.stored(team_db.shared).revision
    edit_table(at, "as_is.systems", added=[{"name": "Forged", "category": "erp"}])
    assert_clean(at)
    assert any("you are a viewer of this assessment" in text for text in texts(at)), texts(at)
    after = team_db.stored(team_db.shared)
    assert after.revision == before
    assert after.assessment.systems == []


def test_an_editor_edit_reaches_the_store_under_their_email(team_db: Team, run_as) -> None:
    at = run_as(EDITOR, page="organisation", assessment_id=team_db.shared)
    assert not any("Read-only" in text for text in texts(at, "info"))
    before = team_db.stored(team_db.shared).revision
    at.text_input(key=field_key(at, "organisation.name")).input("Changed by an editor").run()
    assert_clean(at)
    after = team_db.stored(team_db.shared)
    assert after.assessment.organisation.name == "Changed by an editor"
    assert (after.revision, after.author) == (before + 1, EDITOR)


def test_the_list_shows_only_assessments_shared_with_the_user(team_db: Team, run_as) -> None:
    at = run_as(VIEWER, page="assessments")
    shown = " ".join(str(frame.value.to_dict()) for frame in at.dataframe) + " ".join(
        el.value for el in (*at.markdown, *at.caption, *at.text)
    ).replace("\\", "")  # titles are shown markdown-escaped
    assert team_db.shared in shown
    assert team_db.private not in shown
    assert [b.key for b in at.sidebar.button] == ["auth.sign_out"]


def test_an_assessment_not_shared_cannot_be_opened_from_the_url(team_db: Team, run_as) -> None:
    at = run_as(VIEWER, page="assessments", assessment_id=team_db.private)  # the notice shows on the first screen
    assert "a.id" not in at.session_state
    assert not any("bo A/S" in text.replace("\\", "") for text in texts(at, "markdown") + texts(at, "caption"))
    assert any(team_db.private in text.replace("\\", "") for text in texts(at, "warning")), texts(at, "warning")


def test_a_viewer_can_download_the_workbook_but_not_import_one_into_the_assessment(team_db: Team, run_as) -> None:
    at = run_as(VIEWER, page="workbook", assessment_id=team_db.sample)
    assert not at.download_button(key="workbook.download").disabled
    assert not at.file_uploader
    assert any("a viewer cannot do" in text for text in texts(at, "caption")), texts(at, "caption")


def test_a_viewer_is_told_why_an_action_is_disabled(team_db: Team, run_as) -> None:
    at = run_as(VIEWER, page="scenarios", assessment_id=team_db.sample)
    at.button_group(key="view.scenarios.w").set_value("decision").run()
    take_over = at.button(key="scenarios.take_over")
    assert take_over.disabled
    assert take_over.help.startswith("You are a viewer of this assessment")


def test_the_sign_in_screen_speaks_the_language_of_the_link(team_env) -> None:
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    at.user = {"is_logged_in": False}
    at.secrets["auth"] = AUTH
    at.query_params["lang"] = "da"
    at.run()
    assert_clean(at)
    assert [title.value for title in at.title] == ["Log ind på ESG Architecture Workbench"]
    assert [b.label for b in at.button] == ["Log ind"]
