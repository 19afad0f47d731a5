"""Losing access while working (team mode): after the owner removes someone (or deletes the assessment),
that person's next rerun, conflict-panel button, edit or download ends the view with a message in
their language, never an error box; a removed viewer's screen never becomes editable."""

from __future__ import annotations

import pytest
from app_helpers import assert_clean, field_key, texts
from team_helpers import EDITOR, OWNER, VIEWER, Team

from esg_workbench.app import literal, state
from esg_workbench.store import NotFound, SecuredStore, Store, User

LOST_EN = "You no longer have access to"
LOST_DA = "Du har ikke længere adgang til"


def _as_owner(team: Team) -> SecuredStore:
    return SecuredStore(Store(str(team.db)), User(OWNER))


def _remove(team: Team, email: str, assessment_id: str) -> None:
    _as_owner(team).unshare(assessment_id, email)


def _told(at, phrase: str = LOST_EN) -> bool:  # noqa: ANN001 - an AppTest
    shown = texts(at, "warning") + texts(at, "info") + texts(at, "error")
    return any(phrase in literal.shown(text) for text in shown)


def _closed(at) -> bool:  # noqa: ANN001
    return "a.id" not in at.session_state and "a" not in at.query_params


@pytest.mark.parametrize("page", ["organisation", "as_is", "scenarios", "workbook"])
def test_a_removed_editor_is_told_on_the_next_rerun_of_any_page(team_db: Team, run_as, page: str) -> None:
    at = run_as(EDITOR, page=page, assessment_id=team_db.sample)
    _remove(team_db, EDITOR, team_db.sample)
    at.run()
    assert_clean(at)
    assert _closed(at)
    assert _told(at), texts(at, "warning")
    assert not at.download_button  # nothing of the assessment is left to download


def test_the_message_is_in_the_users_language(team_db: Team, run_as) -> None:
    at = run_as(EDITOR, page="organisation", assessment_id=team_db.shared, lang="da")
    _remove(team_db, EDITOR, team_db.shared)
    at.run()
    assert_clean(at)
    assert _told(at, LOST_DA), texts(at, "warning")


def test_an_edit_of_an_assessment_deleted_meanwhile_closes_the_same_way(team_db: Team, run_as) -> None:
    at = run_as(EDITOR, page="organisation", assessment_id=team_db.shared)
    owner = _as_owner(team_db)
    owner.delete(team_db.shared, base_revision=owner.load(team_db.shared).revision)
    at.text_input(key=field_key(at, "organisation.name")).input("After deletion").run()
    assert_clean(at)
    assert _closed(at)
    assert _told(at)


def test_a_removed_editors_edit_is_refused_with_the_message(team_db: Team, run_as) -> None:
    at = run_as(EDITOR, page="organisation", assessment_id=team_db.shared)
    before = team_db.stored(team_db.shared)
    _remove(team_db, EDITOR, team_db.shared)
    at.text_input(key=field_key(at, "organisation.name")).input("After removal").run()
    assert_clean(at)
    assert _closed(at)
    assert _told(at)
    assert team_db.stored(team_db.shared).revision == before.revision


def _editor_in_conflict(team: Team, run_as):  # noqa: ANN202 - an AppTest
    """The editor's edit was refused because the owner saved meanwhile: the conflict panel is up."""
    at = run_as(EDITOR, page="organisation", assessment_id=team.shared)
    owner = _as_owner(team)
    stored = owner.load(team.shared)
    theirs = stored.assessment.model_copy(update={"title": "Owner's title"})
    owner.save(theirs, base_revision=stored.revision)
    at.text_input(key=field_key(at, "organisation.name")).input("Editor's name").run()
    assert at.button(key="conflict.keep"), "the conflict panel should be showing"
    return at


@pytest.mark.parametrize("button", ["conflict.reload", "conflict.diff", "conflict.keep"])
def test_a_removed_editors_conflict_panel_buttons_end_with_the_message(team_db: Team, run_as, button: str) -> None:
    at = _editor_in_conflict(team_db, run_as)
    _remove(team_db, EDITOR, team_db.shared)
    at.button(key=button).click().run()
    assert_clean(at)
    assert _closed(at)
    assert _told(at), texts(at, "warning") + texts(at, "error")
    assert team_db.stored(team_db.shared).assessment.organisation.name != "Editor's name"


@pytest.mark.parametrize("button", ["conflict.diff", "conflict.keep"])
def test_the_conflict_panel_copes_when_access_goes_between_the_check_and_the_click(
    team_db: Team, run_as, monkeypatch: pytest.MonkeyPatch, button: str
) -> None:
    """Removed after this run's access check had passed: the panel's own store calls say NotFound, which
    ends the view with the message too (before: an uncaught NotFound in Streamlit's error box)."""
    at = _editor_in_conflict(team_db, run_as)
    _remove(team_db, EDITOR, team_db.shared)
    monkeypatch.setattr(state, "check_access", lambda: True)  # as if removed just after the check
    at.button(key=button).click().run()
    assert_clean(at)
    assert _closed(at)
    assert _told(at), texts(at, "warning") + texts(at, "error")


def test_a_removed_viewer_is_closed_on_the_next_rerun(team_db: Team, run_as) -> None:
    at = run_as(VIEWER, page="organisation", assessment_id=team_db.shared)
    _remove(team_db, VIEWER, team_db.shared)
    at.run()
    assert_clean(at)
    assert _closed(at)
    assert _told(at)


def test_a_removed_viewers_fields_never_become_editable(team_db: Team, run_as, monkeypatch) -> None:
    """Even where the role is looked up again without this run's access check (the recheck interval has
    passed), 'not shared any more' must read as read-only, not as 'not a viewer' (which unlocked them)."""
    at = run_as(VIEWER, page="organisation", assessment_id=team_db.shared)
    _remove(team_db, VIEWER, team_db.shared)
    monkeypatch.setattr(state, "check_access", lambda: True)
    monkeypatch.setattr(state, "ROLE_RECHECK_S", 1e-9)
    at.run()
    assert_clean(at)
    assert at.text_input(key=field_key(at, "organisation.name")).disabled


def test_a_demoted_editor_is_locked_at_once(team_db: Team, run_as) -> None:
    """Losing rights locks the screen on the next rerun, without waiting for the role recheck interval."""
    at = run_as(EDITOR, page="organisation", assessment_id=team_db.shared)
    assert not at.text_input(key=field_key(at, "organisation.name")).disabled
    _as_owner(team_db).share(team_db.shared, EDITOR, "viewer")
    at.run()
    assert_clean(at)
    assert at.text_input(key=field_key(at, "organisation.name")).disabled


def test_a_download_is_refused_once_access_is_removed(team_db: Team, run_as, monkeypatch) -> None:
    """The workbook (and audit trail) bytes are handed out at the click only after a fresh access check:
    a tab left open after the removal gets nothing."""
    run_as(EDITOR, page="workbook", assessment_id=team_db.sample)  # the button is drawn while shared
    editor = SecuredStore(Store(str(team_db.db)), User(EDITOR))
    monkeypatch.setattr(state, "store", lambda: editor)
    download = state.guarded_download(team_db.sample, lambda: b"workbook bytes")
    assert download() == b"workbook bytes"
    _remove(team_db, EDITOR, team_db.sample)
    with pytest.raises(NotFound):
        download()
