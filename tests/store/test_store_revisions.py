"""Store: create, save, load, list, history, diff, restore, delete on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC

import pytest
from sqlalchemy import text

from esg_workbench.domain import AssessmentInvalid
from esg_workbench.store import AlreadyExists, ConflictError, NotFound, Store, StoreError


def test_create_then_load_gives_back_the_same_assessment(store: Store, build, make_system) -> None:
    acme = build(systems=[make_system("sys-1", "SAP")])
    assert store.create(acme, author="anna") == 1
    stored = store.load("acme")
    assert stored.assessment == acme
    assert (stored.revision, stored.author) == (1, "anna")
    assert stored.saved_at.tzinfo is not None and stored.saved_at.utcoffset() == UTC.utcoffset(None)


def test_save_makes_numbered_revisions_and_old_ones_stay_readable(store: Store, build, changed) -> None:
    acme = build()
    store.create(acme)
    second = changed(acme, title="Acme 2")
    third = changed(second, title="Acme 3")
    assert store.save(second, base_revision=1, author="anna", message="renamed") == 2
    assert store.save(third, base_revision=2, author="bo") == 3
    assert store.load("acme").assessment.title == "Acme 3"
    assert store.load("acme", revision=1).assessment.title == "Acme ESG architecture"
    assert store.load("acme", revision=2).assessment.title == "Acme 2"
    assert store.load("acme", revision=2).author == "anna"


def test_saving_on_an_old_base_is_a_conflict_and_writes_nothing(store: Store, build, changed) -> None:
    acme = build()
    store.create(acme)
    store.save(changed(acme, title="Anna's title"), base_revision=1, author="anna")
    with pytest.raises(ConflictError) as caught:
        store.save(changed(acme, title="Bo's title"), base_revision=1, author="bo")
    err = caught.value
    assert (err.assessment_id, err.base_revision, err.current_revision, err.current_author) == ("acme", 1, 2, "anna")
    assert "revision 2" in str(err) and "anna" in str(err) and "nothing was saved" in str(err)
    assert isinstance(err, StoreError)
    assert store.load("acme").assessment.title == "Anna's title"
    assert [r.number for r in store.history("acme")] == [1, 2]


def test_saving_unchanged_content_returns_the_current_revision(store: Store, build, changed) -> None:
    acme = build()
    store.create(acme)
    assert store.save(acme, base_revision=1) == 1
    # timestamps are bookkeeping, not content
    touched = changed(acme, created_at="2020-01-01T00:00:00Z", updated_at="2031-01-01T00:00:00Z")
    assert store.save(touched, base_revision=1) == 1
    assert store.load("acme").assessment.created_at == acme.created_at
    assert len(store.history("acme")) == 1


def test_unchanged_content_on_an_old_base_is_still_a_conflict(store: Store, build, changed) -> None:
    acme = build()
    store.create(acme)
    store.save(changed(acme, title="B"), base_revision=1)
    with pytest.raises(ConflictError):
        store.save(changed(acme, title="B"), base_revision=1)


def test_create_refuses_a_taken_id(store: Store, build) -> None:
    store.create(build())
    with pytest.raises(AlreadyExists, match="'acme' already exists .*revision 1"):
        store.create(build(title="Another"))
    assert store.load("acme").assessment.title == "Acme ESG architecture"


def test_invalid_assessment_is_refused_and_nothing_changes(store: Store, build, changed, make_system) -> None:
    acme = build(systems=[make_system("sys-1", "SAP")])
    store.create(acme)
    broken = changed(acme, data_flows=[{"id": "f1", "from_id": "nowhere", "to_id": "report", "method": "api"}])
    with pytest.raises(AssessmentInvalid) as caught:
        store.save(broken, base_revision=1)
    assert "data_flows[0].from_id: unknown data source or system 'nowhere'" in str(caught.value)
    with pytest.raises(AssessmentInvalid):
        store.create(changed(broken, id="other"))
    assert store.load("acme").assessment == acme
    assert len(store.history("acme")) == 1
    assert [s.id for s in store.list_assessments()] == ["acme"]


def test_vocabulary_values_are_checked_against_the_framework(store: Store, build, make_system) -> None:
    with pytest.raises(AssessmentInvalid, match="systems\\[0\\].category: unknown system category 'mainframe'"):
        store.create(build(systems=[make_system("sys-1", "Host", category="mainframe")]))
    assert store.list_assessments() == []


def test_list_shows_newest_first_with_who_saved(store: Store, build, changed) -> None:
    store.create(build("a1", org="Alpha"), author="anna")
    store.create(build("b2", title="Beta", org="Beta"), author="bo")
    store.save(changed(build("a1", org="Alpha"), title="Alpha 2"), base_revision=1, author="cy")
    listed = store.list_assessments()
    assert [(s.id, s.revision, s.updated_by, s.organisation) for s in listed] == [
        ("a1", 2, "cy", "Alpha"),
        ("b2", 1, "bo", "Beta"),
    ]
    assert listed[0].title == "Alpha 2"


def test_history_has_authors_messages_and_change_summaries(store: Store, build, changed, make_system) -> None:
    acme = build()
    store.create(acme, author="anna")
    store.save(changed(acme, systems=[make_system("sys-1", "SAP")]), base_revision=1, author="bo", message="ERP")
    history = store.history("acme")
    assert [(r.number, r.parent, r.author, r.message) for r in history] == [
        (1, None, "anna", "created"),
        (2, 1, "bo", "ERP"),
    ]
    assert history[1].summary == "1 change: added systems[sys-1]"
    assert history[0].created_at <= history[1].created_at


def test_diff_names_fields_by_item_id(store: Store, build, changed, make_system) -> None:
    acme = build(systems=[make_system("sys-1", "SAP"), make_system("sys-2", "Excel", "spreadsheet")])
    store.create(acme)
    edited = changed(acme, systems=[make_system("sys-1", "SAP S/4HANA")])
    store.save(edited, base_revision=1)
    described = [c.describe() for c in store.diff("acme", 1, 2)]
    assert described == ["removed systems[sys-2] 'Excel'", "systems[sys-1].name: 'SAP' -> 'SAP S/4HANA'"]
    assert [c.describe() for c in store.diff("acme", 2, 1)] == [
        "systems[sys-1].name: 'SAP S/4HANA' -> 'SAP'",
        "added systems[sys-2] 'Excel'",
    ]


def test_restore_adds_a_revision_with_the_old_content(store: Store, build, changed) -> None:
    acme = build()
    store.create(acme)
    store.save(changed(acme, title="Wrong turn"), base_revision=1)
    assert store.restore("acme", 1, base_revision=2, author="anna") == 3
    stored = store.load("acme")
    assert stored.assessment == acme and stored.revision == 3
    last = store.history("acme")[-1]
    assert (last.message, last.author, last.parent) == ("restored revision 1", "anna", 2)
    with pytest.raises(ConflictError):
        store.restore("acme", 2, base_revision=2)


def test_delete_hides_and_undelete_brings_back(store: Store, build) -> None:
    store.create(build())
    with pytest.raises(ConflictError):
        store.delete("acme", base_revision=7)
    store.delete("acme", base_revision=1, author="anna")
    assert store.list_assessments() == []
    assert [s.deleted for s in store.list_assessments(include_deleted=True)] == [True]
    assert store.load("acme").revision == 1  # still readable for audit
    with pytest.raises(NotFound, match="deleted; undelete it"):
        store.save(build(title="x"), base_revision=1)
    with pytest.raises(AlreadyExists, match="deleted"):
        store.create(build())
    store.undelete("acme")
    assert [s.id for s in store.list_assessments()] == ["acme"]
    assert store.save(build(title="Back"), base_revision=1) == 2


def test_unknown_ids_and_revisions_say_what_is_missing(store: Store, build) -> None:
    with pytest.raises(NotFound, match="no assessment 'ghost'"):
        store.load("ghost")
    with pytest.raises(NotFound, match="no assessment 'ghost'"):
        store.history("ghost")
    with pytest.raises(NotFound, match="create it first"):
        store.save(build("ghost"), base_revision=1)
    with pytest.raises(NotFound):
        store.undelete("ghost")
    store.create(build())
    with pytest.raises(NotFound, match="has no revision 5 \\(it has 1 to 1\\)"):
        store.load("acme", revision=5)
    assert isinstance(NotFound("x"), LookupError)


def test_data_survives_closing_and_reopening(db_url: str, build) -> None:
    original = build()  # built once: its timestamps default to "now", which a second build may not share
    with Store(db_url) as first:
        first.create(original)
    with Store(db_url) as second:
        assert second.load("acme").assessment == original


def test_author_must_be_given(store: Store, build) -> None:
    with pytest.raises(ValueError, match="author"):
        store.create(build(), author="  ")


def test_unreadable_stored_revision_is_a_clear_error_and_does_not_block_saving(store: Store, build) -> None:
    store.create(build())
    with store.engine.begin() as conn:  # as if written by a future version with another format
        conn.execute(text("UPDATE revisions SET content = '{\"schema_version\": 99}'"))
    with pytest.raises(StoreError, match="revision 1 of assessment 'acme' cannot be read"):
        store.load("acme")
    assert store.save(build(title="Fresh"), base_revision=1) == 2
    assert store.history("acme")[-1].summary == "not compared: revision 1 is in a format this version cannot read"
    assert store.load("acme").assessment.title == "Fresh"
