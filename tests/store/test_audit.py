"""The audit trail: every revision with who, when and a readable diff from its parent, events that are
not revisions, restore of any revision, and exports (CSV safe against formula injection, JSON)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text

from esg_workbench.store import NotFound, SecuredStore, Store, User
from esg_workbench.store.audit_export import CSV_COLUMNS, audit_csv, audit_json, safe_cell


@pytest.fixture
def edited(store: Store, build, changed, make_system) -> Store:
    """acme: r1 created by anna, r2 bo adds SAP, r3 cy renames it, r4 anna restores r1, then deleted."""
    acme = build()
    store.create(acme, author="anna")
    r2 = changed(acme, systems=[make_system("sys-1", "SAP")])
    store.save(r2, base_revision=1, author="bo", message="ERP added")
    store.save(changed(r2, systems=[make_system("sys-1", "SAP S/4HANA")]), base_revision=2, author="cy")
    store.restore("acme", 1, base_revision=3, author="anna")
    store.delete("acme", base_revision=4, author="anna")
    store.undelete("acme", author="bo")
    return store


def test_every_revision_has_who_when_and_readable_changes(edited: Store) -> None:
    log = edited.audit_log("acme")
    assert [(e.action, e.actor, e.revision) for e in log] == [
        ("created", "anna", 1),
        ("saved", "bo", 2),
        ("saved", "cy", 3),
        ("saved", "anna", 4),
        ("deleted", "anna", 4),
        ("undeleted", "bo", 4),
    ]
    assert log[1].message == "ERP added" and log[1].lines() == ["added systems[sys-1] 'SAP'"]
    assert log[2].lines() == ["systems[sys-1].name: 'SAP' -> 'SAP S/4HANA'"]
    assert log[3].message == "restored revision 1" and log[3].lines() == ["removed systems[sys-1] 'SAP S/4HANA'"]
    assert log[4].lines() == ["assessment deleted"]
    assert all(a.at <= b.at for a, b in zip(log, log[1:], strict=False))
    assert all(e.at.tzinfo is not None for e in log)


def test_any_revision_can_be_restored_and_the_restore_is_audited(edited: Store) -> None:
    for number in (2, 3, 1):
        current = edited.load("acme").revision
        edited.restore("acme", number, base_revision=current, author="dea")
        assert edited.load("acme").assessment == edited.load("acme", revision=number).assessment
    assert [e.message for e in edited.audit_log("acme")][-3:] == [
        "restored revision 2",
        "restored revision 3",
        "restored revision 1",
    ]


def test_unreadable_revision_keeps_its_stored_summary(store: Store, build, changed) -> None:
    store.create(build())
    store.save(changed(build(), title="Two"), base_revision=1)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE revisions SET content = '{\"schema_version\": 99}' WHERE number = 1"))
    log = store.audit_log("acme")
    assert log[1].changes == () and log[1].lines() == ["1 change: title"]


def test_unknown_assessment_has_no_audit_log(store: Store) -> None:
    with pytest.raises(NotFound, match="no assessment 'ghost'"):
        store.audit_log("ghost")


def test_team_audit_log_needs_read_access(store: Store, build) -> None:
    anna = SecuredStore(store, User("anna@firm.dk"), admins=[], allowed_domains=[])
    anna.create(build())
    anna.share("acme", "bo@firm.dk", "viewer")
    assert [e.action for e in SecuredStore(store, User("bo@firm.dk"), admins=[]).audit_log("acme")] == [
        "created",
        "shared",
    ]
    with pytest.raises(NotFound):
        SecuredStore(store, User("eve@firm.dk"), admins=[]).audit_log("acme")


def test_csv_has_one_quoted_row_per_change(edited: Store) -> None:
    exported = audit_csv(edited.audit_log("acme"))
    rows = list(csv.reader(io.StringIO(exported)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert all(line.startswith('"') for line in exported.splitlines())  # every field quoted
    by_revision = {(r[3], r[4]): r for r in rows[1:]}
    assert by_revision[("saved", "3")][8] == "systems[sys-1].name: 'SAP' -> 'SAP S/4HANA'"
    assert by_revision[("saved", "2")][5] == "ERP added"
    assert by_revision[("deleted", "4")][8] == "assessment deleted"


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(store: Store, build, changed, dangerous: str) -> None:
    store.create(build(), author=dangerous.strip() or "x")
    # A title is one line without control characters (domain.fields); the free-text message keeps them.
    title = dangerous if dangerous.isprintable() else dangerous.strip()
    store.save(changed(build(), title=title), base_revision=1, author="bo", message=dangerous)
    rows = list(csv.reader(io.StringIO(audit_csv(store.audit_log("acme")))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    assert rows[2][5] == "'" + dangerous  # the message, kept readable behind the quote


def test_safe_cell_leaves_ordinary_text_and_numbers_alone() -> None:
    assert safe_cell("Acme A/S") == "Acme A/S"
    assert safe_cell(3) == "3"
    assert safe_cell(None) == ""
    assert safe_cell("=1") == "'=1"


def test_json_export_keeps_old_and_new_values(edited: Store) -> None:
    document = json.loads(audit_json(edited.audit_log("acme"), assessment_id="acme"))
    assert document["assessment_id"] == "acme" and "exported_at" in document
    third = document["entries"][2]
    assert third["actor"] == "cy" and third["revision"] == 3
    assert third["changes"] == [
        {
            "path": "systems[sys-1].name",
            "kind": "changed",
            "old": "SAP",
            "new": "SAP S/4HANA",
            "text": "systems[sys-1].name: 'SAP' -> 'SAP S/4HANA'",
        }
    ]
