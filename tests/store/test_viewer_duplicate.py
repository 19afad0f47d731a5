"""A viewer may duplicate an assessment and share the copy: intended (docs/deployment.md, Roles). A
viewer can read every field and download the workbook, which imports as a new assessment, so refusing
the copy would protect nothing; what the role protects is the original, which stays unchanged and
shared only as its owner decided. The copy records where it came from and obeys the domain rule."""

from __future__ import annotations

import pytest

from esg_workbench.samples import duplicate
from esg_workbench.store import AccessDenied, SecuredStore, Store, User

ANNA, CY, DEA = (User(f"{n}@firm.dk", n.title()) for n in ("anna", "cy", "dea"))


def _as(store: Store, user: User) -> SecuredStore:
    return SecuredStore(store, user, admins=[], allowed_domains=["firm.dk"])


def test_a_viewer_duplicates_owns_and_shares_the_copy_and_the_original_is_untouched(store: Store, build) -> None:
    _as(store, ANNA).create(build("acme", title="Acme 2026"))
    _as(store, ANNA).share("acme", CY.email, "viewer")
    cy = _as(store, CY)
    original = cy.load("acme")
    with pytest.raises(AccessDenied):  # the role still protects the original
        cy.save(original.assessment.model_copy(update={"title": "changed"}), base_revision=original.revision)

    copy = duplicate(original.assessment, title="Cy's copy", store=cy)
    cy.create(copy, message="duplicated from acme")
    assert cy.role(copy.id) == "owner"
    assert cy.history(copy.id)[0].message == "duplicated from acme"
    cy.share(copy.id, DEA.email, "editor")
    assert {m.email: m.role for m in _as(store, DEA).members(copy.id)} == {CY.email: "owner", DEA.email: "editor"}
    with pytest.raises(AccessDenied, match="domain is not allowed"):
        cy.share(copy.id, "eve@elsewhere.com", "viewer")

    anna = _as(store, ANNA)
    assert anna.load("acme").revision == original.revision == 1
    assert {m.email for m in anna.members("acme")} == {ANNA.email, CY.email}  # nobody new on the original
    assert [a.id for a in _as(store, DEA).list_assessments()] == [copy.id]  # Dea sees the copy only
