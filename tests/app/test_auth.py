"""Team-mode sign-in glue (esg_workbench.app.auth) with a mocked st.user (AppTest.user): no outside
identity provider is contacted. Local mode: no sign-in, the plain store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from team_helpers import AUTH

from esg_workbench.app.auth import user_from_claims
from esg_workbench.config import settings
from esg_workbench.domain import Assessment
from esg_workbench.store import SecuredStore, Store, User


def _script() -> None:
    """A page as the app would build it: sign-in first, then only the session's store."""
    import streamlit as st

    from esg_workbench.app import auth
    from esg_workbench.app.state import _open_store
    from esg_workbench.config import database_url, settings

    base = _open_store(database_url(settings().db))  # the process's shared store, as state.py caches it
    user = auth.require_login(base)
    store = auth.session_store(base)
    st.text(f"user={user.email if user else None} store={type(store).__name__} author={auth.author()}")
    st.text("ids=" + ",".join(s.id for s in store.list_assessments()))
    auth.sign_out_control()


@pytest.fixture
def team_db(team_env: Path) -> Path:
    """A team-mode store holding 'anna-own' (owner anna) and 'bo-own' (owner bo)."""
    with Store(str(team_env)) as store:
        for owner in ("anna", "bo"):
            data = {"id": f"{owner}-own", "title": owner, "organisation": {"name": "Org"}}
            SecuredStore(store, User(f"{owner}@firm.dk")).create(Assessment.model_validate(data))
    return team_env


def _run(user: dict, *, auth: bool = True) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=30)
    at.user = user
    if auth:
        at.secrets["auth"] = AUTH
    return at.run()


def _texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_signed_in_user_gets_a_secured_store_with_only_their_assessments(team_db: Path) -> None:
    at = _run({"is_logged_in": True, "email": "Anna@Firm.dk", "name": "Anna Berg", "email_verified": True})
    assert not at.exception
    assert _texts(at)[:2] == [
        "user=anna@firm.dk store=SecuredStore author=anna@firm.dk",
        "ids=anna-own",
    ]
    assert [b.key for b in at.sidebar.button] == ["auth.sign_out"]
    with Store(str(team_db)) as store:  # the sign-in recorded the name shown in member lists
        members = SecuredStore(store, User("anna@firm.dk")).members("anna-own")
    assert [(m.email, m.name) for m in members] == [("anna@firm.dk", "Anna Berg")]


def test_anonymous_session_sees_the_sign_in_button_and_nothing_else(team_db: Path) -> None:
    at = _run({"is_logged_in": False})
    assert not at.exception
    assert [b.key for b in at.button] == ["auth.sign_in"]
    assert not any(t.startswith(("user=", "ids=")) for t in _texts(at))  # the page code never ran


def test_team_mode_without_auth_secrets_says_what_to_configure(team_db: Path) -> None:
    at = _run({}, auth=False)
    assert not at.exception and not at.button
    assert "[auth] section of .streamlit/secrets.toml is missing" in at.error[0].value


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"is_logged_in": True, "email": "eve@elsewhere.com", "email_verified": True}, "domain is not allowed here"),
        ({"is_logged_in": True, "email": "anna@firm.dk", "email_verified": False}, "verified e-mail address"),
        ({"is_logged_in": True, "sub": "123"}, "verified e-mail address"),
    ],
)
def test_refused_sign_ins_stop_before_any_page_code(team_db: Path, claims: dict, expected: str) -> None:
    at = _run(claims)
    assert not at.exception
    assert expected in at.error[0].value.replace("\\", "")  # the message is shown markdown-escaped
    assert "firm.dk" not in at.error[0].value.replace("\\", "")  # an outsider is not told who gets in
    assert [b.key for b in at.button] == ["auth.refused_sign_out"]
    assert not any(t.startswith("ids=") for t in _texts(at))


def test_local_mode_has_no_sign_in_and_uses_the_plain_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESG_WORKBENCH_DB", str(tmp_path / "local.db"))
    monkeypatch.delenv("ESG_WORKBENCH_MODE", raising=False)
    settings.cache_clear()
    try:
        at = _run({"is_logged_in": False}, auth=False)
    finally:
        settings.cache_clear()
    assert not at.exception and not at.button
    assert _texts(at) == ["user=None store=Store author=None", "ids="]


def test_claims_to_user() -> None:
    ok = {"is_logged_in": True, "email_verified": True}
    assert user_from_claims({**ok, "email": "A@Firm.dk", "name": "A"}) == User("a@firm.dk", "A")
    named = user_from_claims({**ok, "email": "a@firm.dk", "given_name": "Ann", "family_name": "Berg"})
    assert named == User("a@firm.dk", "Ann Berg")
    assert user_from_claims({"is_logged_in": False, "email": "a@firm.dk"}) is None
    assert user_from_claims({"is_logged_in": True, "email": "not-an-address"}) is None
    assert user_from_claims({"is_logged_in": True, "email": ["a@firm.dk"]}) is None


@pytest.mark.parametrize("verified", ["false", "False", "true", 0, 1, 0.0, None, [True], {"value": True}, "MISSING"])
def test_only_the_boolean_true_verifies_an_email(verified: object) -> None:
    """``email_verified`` as the string "false", as 0 or absent signed people in before: only the JSON
    boolean ``true`` may (even "true" and 1 are refused: a provider that sends them is misconfigured)."""
    claims = {"is_logged_in": True, "email": "anna@firm.dk", "name": "Anna"}
    if verified != "MISSING":
        claims["email_verified"] = verified
    assert user_from_claims(claims) is None
    assert user_from_claims({**claims, "email_verified": True}) == User("anna@firm.dk", "Anna")


@pytest.mark.parametrize("verified", ["false", 0])
def test_a_sign_in_with_a_non_boolean_verification_is_refused(team_db: Path, verified: object) -> None:
    at = _run({"is_logged_in": True, "email": "anna@firm.dk", "email_verified": verified})
    assert not at.exception
    assert "verified e-mail address" in at.error[0].value.replace("\\", "")
    assert not any(t.startswith("ids=") for t in _texts(at))


def _viewer_script() -> None:
    """A page that tries to save 'anna-own' through the session's store."""
    import streamlit as st

    from esg_workbench.app import auth
    from esg_workbench.app.state import _open_store
    from esg_workbench.config import database_url, settings
    from esg_workbench.store import AccessDenied

    base = _open_store(database_url(settings().db))
    auth.require_login(base)
    store = auth.session_store(base)
    stored = store.load("anna-own")
    try:
        store.save(stored.assessment.model_copy(update={"title": "changed"}), base_revision=stored.revision)
    except AccessDenied as exc:
        st.text(f"refused: {exc}")
    else:
        st.text("saved")


def test_a_viewer_signed_in_through_the_app_cannot_save(team_db: Path) -> None:
    with Store(str(team_db)) as store:
        SecuredStore(store, User("anna@firm.dk")).share("anna-own", "cy@firm.dk", "viewer")
    at = AppTest.from_function(_viewer_script, default_timeout=30)
    at.user = {"is_logged_in": True, "email": "cy@firm.dk", "name": "Cy", "email_verified": True}
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception
    assert _texts(at)[0].startswith("refused: you (cy@firm.dk) are a viewer of assessment 'anna-own'")
    with Store(str(team_db)) as store:
        assert store.load("anna-own").revision == 1
