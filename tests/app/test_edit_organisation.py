"""Organisation page: an edit reaches the store at once; an invalid value shows its message beside the
field and stores nothing."""

from __future__ import annotations

from app_helpers import assert_clean, field_key, run_app, stored, texts


def test_edit_reaches_the_store(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid).revision
    at = run_app(assessment_id=aid, page="organisation")
    at.text_input(key=field_key(at, "organisation.name")).input("Fjordby Kommune (ny)").run()
    assert_clean(at)
    after = stored(seeded.db, aid)
    assert after.assessment.organisation.name == "Fjordby Kommune (ny)"
    assert after.revision == before + 1


def test_number_and_select_fields_reach_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="organisation")
    at.number_input(key=field_key(at, "organisation.employees")).set_value(1200).run()
    at.selectbox(key=field_key(at, "organisation.sector")).set_value("municipality").run()
    assert_clean(at)
    org = stored(seeded.db, aid).assessment.organisation
    assert (org.employees, org.sector) == (1200, "municipality")


def test_invalid_country_shows_its_message_and_stores_nothing(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid).revision
    at = run_app(assessment_id=aid, page="organisation")
    at.text_input(key=field_key(at, "organisation.country")).input("Denmark").run()
    assert_clean(at)
    assert any("two capital letters" in message.lower() for message in texts(at)), texts(at)
    assert stored(seeded.db, aid).revision == before


def test_invalid_value_is_worded_in_danish(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], lang="da", page="organisation")
    at.text_input(key=field_key(at, "title")).input("").run()
    assert any("udfyld" in message.lower() for message in texts(at)), texts(at)
