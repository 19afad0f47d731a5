"""Team mode roles, enforced by the store: what an owner, an editor, a viewer, a stranger and an
administrator may and may not do (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from esg_workbench.store import AccessDenied, AlreadyExists, NotFound, SecuredStore, Store, User

ANNA, BO, CY, DEA, ROOT = (User(f"{n}@firm.dk", n.title()) for n in ("anna", "bo", "cy", "dea", "root"))


def as_(store: Store, user: User, **kwargs) -> SecuredStore:
    admins, domains = kwargs.pop("admins", [ROOT.email]), kwargs.pop("domains", [])
    return SecuredStore(store, user, admins=admins, allowed_domains=domains)


@pytest.fixture
def shared(store: Store, build) -> Store:
    """'acme' owned by Anna, Bo editor, Cy viewer; Dea has nothing."""
    anna = as_(store, ANNA)
    anna.create(build())
    anna.share("acme", BO.email, "editor")
    anna.share("acme", CY.email, "viewer")
    return store


def test_creator_becomes_owner_and_is_recorded_as_author(store: Store, build) -> None:
    anna = as_(store, ANNA)
    anna.create(build(), author="someone else")  # the signed-in user is recorded, not the argument
    assert anna.role("acme") == "owner"
    assert store.load("acme").author == "anna@firm.dk"
    assert [(m.email, m.role) for m in anna.members("acme")] == [("anna@firm.dk", "owner")]


def test_each_user_lists_only_what_is_shared_with_them(shared: Store, build) -> None:
    as_(shared, DEA).create(build("dea-own", title="Dea's"))
    assert [s.id for s in as_(shared, ANNA).list_assessments()] == ["acme"]
    assert [s.id for s in as_(shared, CY).list_assessments()] == ["acme"]
    assert [s.id for s in as_(shared, DEA).list_assessments()] == ["dea-own"]
    assert {s.id for s in as_(shared, ROOT).list_assessments()} == {"acme", "dea-own"}
    assert as_(shared, CY).roles() == {"acme": "viewer"}
    assert as_(shared, ROOT).roles() == {"acme": "owner", "dea-own": "owner"}


def test_viewer_reads_but_every_write_is_refused(shared: Store, changed) -> None:
    cy = as_(shared, CY)
    stored = cy.load("acme")
    assert cy.history("acme")[0].number == 1 and cy.diff("acme", 1, 1) == []
    assert cy.audit_log("acme")[0].action == "created"
    assert [m.role for m in cy.members("acme")] == ["owner", "editor", "viewer"]
    refused = [
        lambda: cy.save(changed(stored.assessment, title="Cy was here"), base_revision=1),
        lambda: cy.restore("acme", 1, base_revision=1),
        lambda: cy.delete("acme", base_revision=1),
        lambda: cy.undelete("acme"),
        lambda: cy.share("acme", DEA.email, "viewer"),
        lambda: cy.unshare("acme", BO.email),
        lambda: cy.transfer_ownership("acme", CY.email),
    ]
    for attempt in refused:
        with pytest.raises(AccessDenied, match="Nothing was changed|you .cy@firm.dk. are a viewer"):
            attempt()
    with pytest.raises(AccessDenied) as caught:
        cy.save(changed(stored.assessment, title="x"), base_revision=1)
    message = str(caught.value)
    assert "cy@firm.dk" in message and "a viewer of assessment 'acme'" in message
    assert "needs editor or owner" in message and "ask its owner (anna@firm.dk)" in message
    assert shared.load("acme").revision == 1 and shared.load("acme").assessment.title == stored.assessment.title
    assert [e.action for e in shared.audit_log("acme")] == ["created", "shared", "shared"]


def test_editor_saves_and_restores_but_cannot_delete_or_share(shared: Store, changed) -> None:
    bo = as_(shared, BO)
    stored = bo.load("acme")
    assert bo.save(changed(stored.assessment, title="Bo's"), base_revision=1) == 2
    assert bo.restore("acme", 1, base_revision=2) == 3
    assert [r.author for r in shared.history("acme")] == ["anna@firm.dk", "bo@firm.dk", "bo@firm.dk"]
    with pytest.raises(AccessDenied, match="needs owner"):
        bo.delete("acme", base_revision=3)
    with pytest.raises(AccessDenied, match="sharing it needs owner"):
        bo.share("acme", DEA.email, "viewer")
    with pytest.raises(AccessDenied):
        bo.transfer_ownership("acme", BO.email)
    with pytest.raises(AccessDenied):
        bo.unshare("acme", CY.email)
    bo.unshare("acme", BO.email)  # anyone may leave
    with pytest.raises(NotFound):
        bo.load("acme")


def test_stranger_sees_nothing_and_learns_nothing(shared: Store, build, changed) -> None:
    dea = as_(shared, DEA)
    attempts = [
        lambda: dea.load("acme"),
        lambda: dea.history("acme"),
        lambda: dea.audit_log("acme"),
        lambda: dea.members("acme"),
        lambda: dea.role("acme"),
        lambda: dea.save(changed(build(), title="x"), base_revision=1),
        lambda: dea.restore("acme", 1, base_revision=1),
        lambda: dea.delete("acme", base_revision=1),
        lambda: dea.share("acme", DEA.email, "editor"),
        lambda: dea.unshare("acme", DEA.email),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound) as caught:
            attempt()
        assert str(caught.value) == "no assessment 'acme' in the store"
    assert not dea.exists_for_me("acme") and dea.exists("acme")  # the id is taken, nothing more
    with pytest.raises(AlreadyExists) as caught:
        dea.create(build(title="Mine"))
    assert str(caught.value) == "the id 'acme' is already taken; choose another id"
    assert "anna" not in str(caught.value)


def test_owner_shares_changes_roles_unshares_and_transfers(shared: Store) -> None:
    anna = as_(shared, ANNA)
    anna.share("acme", CY.email, "editor")
    assert as_(shared, CY).role("acme") == "editor"
    anna.unshare("acme", BO.email)
    with pytest.raises(NotFound):
        as_(shared, BO).load("acme")
    with pytest.raises(NotFound, match="bo@firm.dk has no access"):
        anna.unshare("acme", BO.email)
    with pytest.raises(ValueError, match="transfer_ownership"):
        anna.share("acme", DEA.email, "owner")  # type: ignore[arg-type]
    with pytest.raises(AccessDenied, match="transfer ownership"):
        anna.unshare("acme", ANNA.email)
    anna.transfer_ownership("acme", "Dea@Firm.dk")
    assert [(m.email, m.role) for m in anna.members("acme")] == [
        ("dea@firm.dk", "owner"),
        ("anna@firm.dk", "editor"),
        ("cy@firm.dk", "editor"),
    ]
    with pytest.raises(AccessDenied):
        anna.share("acme", BO.email, "viewer")  # no longer the owner
    events = [(e.action, e.actor, e.subject, e.role) for e in shared.audit_log("acme") if e.action != "created"]
    assert events[-3:] == [
        ("shared", "anna@firm.dk", "cy@firm.dk", "editor"),
        ("unshared", "anna@firm.dk", "bo@firm.dk", None),
        ("ownership_transferred", "anna@firm.dk", "dea@firm.dk", "owner"),
    ]


def test_owner_deletes_and_undeletes_and_both_are_in_the_audit_trail(shared: Store) -> None:
    anna = as_(shared, ANNA)
    anna.delete("acme", base_revision=1)
    assert anna.list_assessments() == [] and [s.id for s in anna.list_assessments(include_deleted=True)] == ["acme"]
    anna.undelete("acme")
    log = anna.audit_log("acme")
    assert [(e.action, e.actor, e.revision) for e in log][-2:] == [
        ("deleted", "anna@firm.dk", 1),
        ("undeleted", "anna@firm.dk", 1),
    ]


def test_administrator_acts_as_owner_of_every_assessment(shared: Store, build) -> None:
    root = as_(shared, ROOT)
    assert root.role("acme") == "owner" and root.is_admin
    root.transfer_ownership("acme", BO.email)
    assert as_(shared, BO).role("acme") == "owner" and as_(shared, ANNA).role("acme") == "editor"
    # An assessment stored in local mode has no owner yet: an administrator gives it one.
    shared.create(build("legacy", title="From local mode"))
    assert [s.id for s in as_(shared, ANNA).list_assessments()] == ["acme"]
    root.transfer_ownership("legacy", ANNA.email)
    assert as_(shared, ANNA).role("legacy") == "owner"


def test_only_administrators_import_catalogues(store: Store) -> None:
    from esg_workbench.domain.datapoints import DatapointCatalogue

    catalogue = DatapointCatalogue(
        id="ig3",
        version="1",
        title="t",
        source_filename="f.xlsx",
        source_sha256="a" * 64,
        imported_at="2025-01-01T00:00:00Z",
        datapoints=[],
    )
    with pytest.raises(AccessDenied, match="only administrators"):
        as_(store, ANNA).save_datapoint_catalogue(catalogue)
    assert as_(store, ROOT).save_datapoint_catalogue(catalogue).id == "ig3"
    assert [c.id for c in as_(store, ANNA).list_datapoint_catalogues()] == ["ig3"]


def test_allowed_domains_limit_sign_in_and_sharing(store: Store, build) -> None:
    with pytest.raises(AccessDenied, match="domain is not allowed here") as refused:
        as_(store, User("eve@elsewhere.com"), domains=["firm.dk", "firm.com"])
    assert "firm." not in str(refused.value)  # an outsider is not told which domains get in
    anna = as_(store, ANNA, domains=["firm.dk"])
    anna.create(build())
    with pytest.raises(AccessDenied, match="cannot share with eve@elsewhere.com") as refused:
        anna.share("acme", "eve@elsewhere.com", "viewer")
    assert "firm.dk" not in str(refused.value)
    assert [m.email for m in anna.members("acme")] == ["anna@firm.dk"]


def test_sign_in_records_the_name_shown_in_member_lists(shared: Store) -> None:
    assert {m.email: m.name for m in as_(shared, ANNA).members("acme")}["bo@firm.dk"] == ""
    as_(shared, User("bo@firm.dk", "  Bo   Berg ")).record_sign_in()
    as_(shared, User("bo@firm.dk", "Bo B. Berg")).record_sign_in()
    assert {m.email: m.name for m in as_(shared, ANNA).members("acme")}["bo@firm.dk"] == "Bo B. Berg"


def test_users_need_a_real_email_address() -> None:
    for bad in ("", "anna", "anna@", "@firm.dk", "a b@firm.dk", "x@" + "y" * 300 + ".dk"):
        with pytest.raises(ValueError, match="not a usable e-mail"):
            User(bad)
    assert User(" Anna@Firm.DK ", "Anna  Berg").email == "anna@firm.dk"
    assert str(User("anna@firm.dk", "Anna")) == "Anna <anna@firm.dk>"


def test_secured_store_leaves_the_shared_engine_open(store: Store, build) -> None:
    with as_(store, ANNA) as anna:
        anna.create(build())
    assert store.load("acme").revision == 1  # closing the per-user view did not close the store


def test_a_revoked_editor_cannot_save_on_a_screen_built_before(shared: Store, changed) -> None:
    bo = as_(shared, BO)
    on_screen = bo.load("acme")
    as_(shared, ANNA).unshare("acme", BO.email)
    with pytest.raises(NotFound):
        bo.save(changed(on_screen.assessment, title="late"), base_revision=on_screen.revision)
    assert shared.load("acme").revision == 1
