"""Team-mode sign-in end to end: a real ``streamlit run`` server with an [auth] section pointing at a
local OpenID Connect stand-in (loopback only), driven by Debian's Chromium. The user signs in, sees only
the assessments shared with them, and signs out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_harness import serve_team_app
from oidc_standin import OidcStandIn

from esg_workbench.domain import Assessment
from esg_workbench.store import SecuredStore, Store, User

pytestmark = pytest.mark.browser

APP = Path(__file__).resolve().parent / "team_app.py"


@pytest.fixture
def team_server(tmp_path: Path) -> Iterator[tuple[str, OidcStandIn]]:
    db = tmp_path / "team.db"
    with Store(str(db)) as store:
        for owner in ("anna", "bo"):
            data = {"id": f"{owner}-own", "title": owner, "organisation": {"name": "Org"}}
            SecuredStore(store, User(f"{owner}@firm.dk"), admins=[]).create(Assessment.model_validate(data))

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(APP),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]

    with serve_team_app(tmp_path, db, command) as (url, provider):
        yield url, provider


def test_sign_in_through_oidc_shows_only_shared_assessments(chromium_browser, team_server) -> None:
    url, provider = team_server
    provider.user = {"email": "anna@firm.dk", "email_verified": True, "name": "Anna Berg"}
    page = chromium_browser.new_page()
    try:
        page.goto(url)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("ids=anna-own").wait_for(timeout=30_000)  # back from the provider, signed in
        page.get_by_text("Signed in as Anna Berg <anna@firm.dk>").wait_for(state="visible", timeout=30_000)
        assert page.get_by_text("bo-own").count() == 0
        page.get_by_role("button", name="Sign out").click()
        page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
        assert page.get_by_text("ids=").count() == 0
    finally:
        page.close()
