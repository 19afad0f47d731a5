"""Team mode in the real app, end to end: the owner signs in through the local OpenID Connect stand-in
and shares an assessment with a colleague as viewer from the Sharing panel; the colleague signs in (a
separate browser context), finds it in their list marked "viewer", and sees its fields locked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_harness import TIMEOUT_MS, serve_team_app, wait_idle
from oidc_standin import OidcStandIn

from esg_workbench.cli.app import streamlit_command
from esg_workbench.domain import Assessment
from esg_workbench.store import SecuredStore, Store, User

pytestmark = pytest.mark.browser
AID = "acme-2026"


@pytest.fixture
def real_team_app(tmp_path: Path) -> Iterator[tuple[str, OidcStandIn, Path]]:
    db = tmp_path / "team.db"
    with Store(str(db)) as store:
        data = {"id": AID, "title": "Acme ESG 2026", "organisation": {"name": "Acme A/S"}}
        SecuredStore(store, User("anna@firm.dk"), admins=[]).create(Assessment.model_validate(data))

    def command(port: int) -> list[str]:
        return streamlit_command(port=port, host="127.0.0.1", max_upload_mb=5)

    with serve_team_app(tmp_path, db, command) as (url, provider):
        yield url, provider, db


def _sign_in(browser, url: str, provider: OidcStandIn, email: str, name: str):  # noqa: ANN001, ANN202
    """A fresh browser context (its own cookies) signed in as ``email``, on the assessment list."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    provider.user = {"email": email, "email_verified": True, "name": name}
    page.goto(f"{url}/?lang=en")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name} <{email}>").wait_for(state="visible", timeout=TIMEOUT_MS)
    wait_idle(page)
    return context, page


def test_the_owner_shares_as_viewer_and_the_viewer_sees_it_locked(chromium_browser, real_team_app, screenshot) -> None:
    url, provider, db = real_team_app
    owner, page = _sign_in(chromium_browser, url, provider, "anna@firm.dk", "Anna Berg")
    try:
        page.get_by_role("button", name="More").click()
        page.get_by_role("button", name="Sharing").click()
        wait_idle(page)
        page.get_by_label("Share with (e-mail address)").fill("bo@firm.dk")
        page.locator(".st-key-team-share-role").get_by_text("viewer").click()
        page.get_by_role("button", name="Share", exact=True).click()
        page.get_by_text("now has viewer access").wait_for(timeout=TIMEOUT_MS)
        screenshot(page, "owner-shared")
    finally:
        owner.close()
    with Store(str(db)) as store:
        members = {m.email: m.role for m in SecuredStore(store, User("anna@firm.dk"), admins=[]).members(AID)}
    assert members == {"anna@firm.dk": "owner", "bo@firm.dk": "viewer"}

    viewer, page = _sign_in(chromium_browser, url, provider, "bo@firm.dk", "Bo Holm")
    try:
        page.get_by_text("Acme ESG 2026").wait_for(timeout=TIMEOUT_MS)
        assert page.locator("[data-testid='stMarkdownContainer']", has_text="viewer").count() >= 1
        page.get_by_role("button", name="Open").click()
        page.get_by_text("Read-only: you are a viewer").wait_for(timeout=TIMEOUT_MS)
        wait_idle(page)
        name = page.locator("[class*='field-organisation-name'] input")
        assert name.input_value() == "Acme A/S"
        assert name.is_disabled()
        screenshot(page, "viewer-locked")
    finally:
        viewer.close()
    with Store(str(db)) as store:
        assert store.load(AID).revision == 1  # the viewer changed nothing
