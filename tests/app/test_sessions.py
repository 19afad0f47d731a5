"""Never a silent overwrite, never lost work: a change made in another session meanwhile leads to a clear
message and a choice; a refresh (a new session from the URL) shows the stored data; the language is
switchable at any time and kept in the URL."""

from __future__ import annotations

from app_helpers import assert_clean, field_key, run_app, stored

from esg_workbench.store import Store


def _other_session_renames(db, aid: str, title: str) -> int:
    with Store(str(db)) as store:
        current = store.load(aid)
        changed = current.assessment.model_copy(update={"title": title})
        return store.save(changed, base_revision=current.revision, author="colleague", message="renamed")


def test_concurrent_change_is_reported_not_overwritten(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="organisation")
    theirs = _other_session_renames(seeded.db, aid, "Renamed by a colleague")
    at.text_area(key=field_key(at, "organisation.description")).input("My description").run()
    assert_clean(at)
    assert at.title[0].value == "This assessment was changed in another session"
    assert "colleague" in at.error[0].value
    now = stored(seeded.db, aid)
    assert (now.revision, now.assessment.title) == (theirs, "Renamed by a colleague")
    assert now.assessment.organisation.description != "My description"

    at.button(key="conflict.diff").click().run()
    theirs_changes, mine_changes = (df.value for df in at.dataframe[:2])
    assert "title" in theirs_changes.iloc[:, 1].tolist()
    assert "organisation.description" in mine_changes.iloc[:, 1].tolist()

    at.button(key="conflict.reload").click().run()
    assert_clean(at)
    assert at.text_input(key=field_key(at, "title")).value == "Renamed by a colleague"
    assert stored(seeded.db, aid).revision == theirs


def test_keep_mine_applies_my_change_on_top_of_theirs(seeded) -> None:
    aid = seeded.ids["municipality"]
    at = run_app(assessment_id=aid, page="organisation")
    theirs = _other_session_renames(seeded.db, aid, "Renamed by a colleague")
    at.text_area(key=field_key(at, "organisation.description")).input("My description").run()
    at.button(key="conflict.keep").click().run()
    assert_clean(at)
    now = stored(seeded.db, aid)
    assert now.revision == theirs + 1
    assert now.assessment.organisation.description == "My description"
    assert now.assessment.title == "Renamed by a colleague"  # their change stays
    with Store(str(seeded.db)) as store:
        assert "applied over a concurrent change" in store.history(aid)[-1].message


def test_a_refresh_shows_what_was_stored(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="organisation")
    at.text_input(key=field_key(at, "organisation.name")).input("Refreshed A/S").run()
    again = run_app(assessment_id=aid, page="organisation")  # a new session from the same URL
    assert again.text_input(key=field_key(again, "organisation.name")).value == "Refreshed A/S"


def test_language_switch_is_kept_in_the_url(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="organisation")
    assert at.title[0].value == "Organisation"
    at.button_group(key="ui.lang.w").set_value("da").run()
    assert_clean(at)
    assert at.query_params["lang"] == "da"
    assert at.subheader[0].value == "Organisationen"
    again = run_app(assessment_id=seeded.ids["municipality"], lang=at.query_params["lang"], page="organisation")
    assert again.subheader[0].value == "Organisationen"


def test_a_deleted_assessment_in_the_url_is_not_opened(seeded) -> None:
    aid = seeded.ids["manufacturer"]
    with Store(str(seeded.db)) as store:
        store.delete(aid, base_revision=store.load(aid).revision, author="colleague")
    at = run_app(assessment_id=aid)
    assert_clean(at)
    assert at.session_state.get("a.id") is None
    assert any("is not in the store any more" in w.value for w in at.warning)
    assert "a" not in at.query_params
