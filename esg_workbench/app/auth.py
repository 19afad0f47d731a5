"""Sign-in for team mode (OpenID Connect through Streamlit's st.login / st.user, configured in the
``[auth]`` section of .streamlit/secrets.toml) and the store each session may use. In local mode
(the default) there is no sign-in and the plain store is used.

Call :func:`require_login` at the top of every run (after Streamlit secrets are applied to the
settings, before anything reads the store), then use :func:`session_store` wherever the plain ``Store``
was used. Both take the process's shared ``Store`` (the cached one), so this module holds no store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from ..config import settings
from ..store import AccessDenied, SecuredStore, Store, User
from . import i18n

_USER_KEY = "auth.user"

_TEXT = {
    "en": {
        "title": "Sign in to the ESG Architecture Workbench",
        "why": "This workbench is shared by a team: sign in to see the assessments shared with you.",
        "button": "Sign in",
        "not_configured": "Team mode is on (ESG_WORKBENCH_MODE=team) but sign-in is not configured: the "
        "[auth] section of .streamlit/secrets.toml is missing. See docs/deployment.md.",
        "no_email": "Your sign-in did not include a verified e-mail address, which the workbench needs to "
        "know which assessments are yours. Ask your administrator to release the 'email' claim.",
        "refused": "You are signed in, but may not use this workbench:",
        "signed_in_as": "Signed in as",
        "sign_out": "Sign out",
    },
    "da": {
        "title": "Log ind på ESG Architecture Workbench",
        "why": "Denne workbench deles af et team: log ind for at se de vurderinger, der er delt med dig.",
        "button": "Log ind",
        "not_configured": "Team-tilstand er slået til (ESG_WORKBENCH_MODE=team), men login er ikke sat op: "
        "afsnittet [auth] i .streamlit/secrets.toml mangler. Se docs/deployment.md.",
        "no_email": "Dit login indeholdt ikke en bekræftet e-mailadresse, som workbenchen skal bruge for at vide, "
        "hvilke vurderinger der er dine. Bed din administrator om at frigive 'email'-oplysningen.",
        "refused": "Du er logget ind, men må ikke bruge denne workbench:",
        "signed_in_as": "Logget ind som",
        "sign_out": "Log ud",
    },
}


def _text(key: str) -> str:
    return _TEXT.get(i18n.current_language(), _TEXT["en"])[key]


def team_mode() -> bool:
    return settings().mode == "team"


def user_from_claims(claims: Mapping[str, Any]) -> User | None:
    """The user an OIDC sign-in names: None unless signed in with an e-mail address the provider marks
    verified with the JSON boolean ``email_verified: true``. A missing claim, or ``"false"``, ``"true"``,
    ``0`` or ``1`` (types some providers or proxies get wrong) is not a verification: an address nobody
    proved to own must not get the assessments shared with it. Pure, so it is tested without Streamlit."""
    if not claims.get("is_logged_in"):
        return None
    email = claims.get("email")
    if not isinstance(email, str) or claims.get("email_verified") is not True:
        return None
    name = claims.get("name") or " ".join(str(claims.get(k) or "") for k in ("given_name", "family_name"))
    try:
        return User(email, str(name).strip())
    except ValueError:
        return None


def current_user() -> User | None:
    """The signed-in user of this session (None in local mode or when not signed in)."""
    if not team_mode():
        return None
    return user_from_claims(st.user.to_dict())


def _auth_configured() -> bool:
    try:
        return st.secrets.load_if_toml_exists() and "auth" in st.secrets
    except (FileNotFoundError, ValueError):
        return False


def require_login(base: Store) -> User | None:
    """Local mode: None at once. Team mode: the signed-in user; otherwise show the sign-in screen (or why
    this user is refused) and stop the run, so no page code runs for an anonymous session."""
    if not team_mode():
        return None
    claims = st.user.to_dict()
    if not claims.get("is_logged_in"):
        st.session_state.pop(_USER_KEY, None)
        _sign_in_screen()
        st.stop()
    user = user_from_claims(claims)
    try:
        secured = SecuredStore(base, user) if user else None
    except AccessDenied as exc:
        _refused(f"{_text('refused')} {exc}")
        st.stop()
    if secured is None:
        _refused(_text("no_email"))
        st.stop()
    if st.session_state.get(_USER_KEY) != user:
        secured.record_sign_in()  # once per session: the name shown in member lists
        st.session_state[_USER_KEY] = user
    return user


def session_store(base: Store) -> Store:
    """The store this session may use: ``base`` itself in local mode; in team mode the signed-in user's
    :class:`SecuredStore` on it (after :func:`require_login` in this run). Cheap: no database access."""
    if not team_mode():
        return base
    user = st.session_state.get(_USER_KEY)
    if user is None:
        raise RuntimeError("team mode: call auth.require_login() before using the store")
    return SecuredStore(base, user)


def author() -> str | None:
    """What to record as the author in team mode (the user's e-mail); None in local mode."""
    user = st.session_state.get(_USER_KEY) if team_mode() else None
    return user.email if user else None


def sign_out_control() -> None:
    """Who is signed in and a sign-out button, for the sidebar; nothing in local mode."""
    user = st.session_state.get(_USER_KEY) if team_mode() else None
    if user is None:
        return
    # st.text, not markdown: the name comes from the identity provider and is shown as typed.
    st.sidebar.text(f"{_text('signed_in_as')} {user}")
    if st.sidebar.button(_text("sign_out"), key="auth.sign_out", icon=":material/logout:"):
        st.session_state.pop(_USER_KEY, None)
        st.logout()


def _sign_in_screen() -> None:
    st.title(_text("title"))
    if not _auth_configured():
        st.error(_text("not_configured"), icon=":material/error:")
        return
    st.text(_text("why"))
    if st.button(_text("button"), type="primary", key="auth.sign_in", icon=":material/login:"):
        st.login(settings().auth_provider)  # None: the provider configured directly in [auth]


def _refused(message: str) -> None:
    from .literal import md

    st.title(_text("title"))
    st.error(md(message), icon=":material/block:")
    if st.button(_text("sign_out"), key="auth.refused_sign_out"):
        st.logout()
