"""Session glue: the cached store and frameworks, the open assessment with the revision its screen was
built from, autosave that refuses invalid edits and never overwrites someone else's revision silently,
and small per-revision caches. Everything the pages keep between reruns goes through here.
"""

from __future__ import annotations

import getpass
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import streamlit as st

from ..config import database_url, settings
from ..domain import Assessment, AssessmentInvalid, Problem, validate_assessment
from ..domain.diff import Change, diff_assessments
from ..domain.framework import Framework
from ..domain.merge import merge_change
from ..domain.references import clean_references
from ..frameworks import FrameworkNotFound
from ..store import AccessDenied, ConflictError, NotFound, SecuredStore, Store, StoreError
from . import auth, i18n

T = TypeVar("T")

AID, ASSESSMENT, REVISION, SAVED = "a.id", "a.assessment", "a.revision", "a.saved"
EPOCH, CONFLICT, NOTICE, AUTHOR, INIT = "a.epoch", "a.conflict", "ui.notice", "ui.author", "ui.init"
SESSION_TAG = "ui.session_tag"
CACHE, ROLE_NOW = "a.cache", "a.role_now"
ROLE_RECHECK_S = 10
ENV_PREFIX = "ESG_WORKBENCH_"


# --- shared resources -----------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return Store(url)


def base_store() -> Store:
    """The store for this server process (one engine shared by all sessions), unsecured: only for
    signing in; everything else uses :func:`store`."""
    return _open_store(database_url(settings().db))


def store() -> Store:
    """The store this session may use: the plain store in local mode, the signed-in user's
    ``SecuredStore`` in team mode."""
    return auth.session_store(base_store())


@st.cache_resource(show_spinner=False)
def _load_framework(framework_id: str, version: str | None) -> Framework:
    from ..frameworks import load_framework

    return load_framework(framework_id, version=version)


def framework(framework_id: str = "esg-architecture", version: str | None = None) -> Framework:
    return _load_framework(framework_id, version)


def framework_of(assessment: Assessment) -> Framework:
    """The assessment's framework working against the catalogue it names (its DR codes' version)."""
    return framework(assessment.framework.id, assessment.framework.version).for_assessment(assessment)


# --- the open assessment --------------------------------------------------------------------------


@dataclass
class Conflict:
    """An edit refused because someone saved the same assessment meanwhile; ``mine`` is kept here."""

    base: Assessment
    mine: Assessment
    base_revision: int
    theirs_revision: int
    theirs_author: str
    message: str
    theirs_at: datetime | None = None  # when their revision was saved (UTC), to tell sessions apart


@dataclass
class CommitResult:
    saved: bool
    problems: list[Problem] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    conflict: bool = False


def _ss() -> Any:
    return st.session_state


def current() -> Assessment | None:
    return _ss().get(ASSESSMENT)


def is_open(assessment_id: str) -> bool:
    """Whether ``assessment_id`` is the assessment open in this session."""
    return current() is not None and _ss().get(AID) == assessment_id


def require() -> Assessment:
    assessment = current()
    if assessment is None:
        raise RuntimeError("no assessment is open")
    return assessment


def revision() -> int | None:
    return _ss().get(REVISION)


def epoch() -> int:
    """Bumped whenever the open assessment is replaced from outside this screen (open, reload,
    restore), so widgets keyed with it start again from the stored values."""
    return _ss().get(EPOCH, 0)


def wkey(name: str) -> str:
    """A widget key tied to the open assessment and its epoch."""
    return f"w.{_ss().get(AID, '-')}.{epoch()}.{name}"


def author() -> str:
    """Who this session's revisions are stored under: the signed-in e-mail in team mode; locally the
    typed name, else the system user and this browser session's tag (``root · session 3f9a2c``), so
    two sessions of one system user can be told apart in the history and the conflict panel."""
    signed_in = auth.author()  # team mode: the e-mail roles are granted to, not a typed name
    if signed_in:
        return signed_in
    name = (_ss().get(AUTHOR) or "").strip()
    if name:
        return name[:120]
    try:
        user = getpass.getuser()[:90] or "workbench"
    except (OSError, KeyError):
        user = "workbench"
    return f"{user} · session {session_tag()}"


def session_tag() -> str:
    """A short random tag of this browser session, made on first use and kept for the session."""
    return _ss().setdefault(SESSION_TAG, uuid.uuid4().hex[:6])


def notify(kind: str, text: str) -> None:
    """A message to show once at the top of the next screen (e.g. after a page switch)."""
    _ss()[NOTICE] = (kind, text)


def pop_notice() -> tuple[str, str] | None:
    return _ss().pop(NOTICE, None)


def open_assessment(assessment_id: str, *, revision_number: int | None = None) -> bool:
    """Load the newest revision (or ``revision_number``) into the session; False with a notice when
    it cannot be loaded."""
    try:
        live = {s.id for s in store().list_assessments()}
        if assessment_id not in live:  # deleted (its revisions are kept) or never stored
            raise NotFound(assessment_id)
        stored = store().load(assessment_id, revision=revision_number)
    except NotFound:
        notify("warning", i18n.t("state.not_found", id=assessment_id))
        close_assessment()
        return False
    except StoreError as exc:
        notify("error", i18n.t("state.store_error", error=str(exc)))
        close_assessment()
        return False
    missing = _missing_framework(stored.assessment)
    if missing:
        notify("error", missing)
        close_assessment()
        return False
    ss = _ss()
    ss[AID], ss[ASSESSMENT], ss[REVISION] = assessment_id, stored.assessment, stored.revision
    ss[SAVED] = (stored.saved_at, stored.author)
    ss[EPOCH] = epoch() + 1
    ss.pop(CONFLICT, None)
    ss.pop(CACHE, None)
    return True


def _missing_framework(assessment: Assessment) -> str | None:
    """Why the framework or catalogue version ``assessment`` names cannot be used here (every page works
    in its terms), or None. The stored assessment is left as it is."""
    ref, cat = assessment.framework, assessment.catalogue
    try:
        fw = framework(ref.id, ref.version)
    except FrameworkNotFound:
        return i18n.t("state.framework_missing", id=assessment.id, framework=f"{ref.id} {ref.version}")
    if fw.catalogue((cat.id, cat.version)) is None:
        return i18n.t(
            "state.catalogue_missing",
            id=assessment.id,
            catalogue=f"{cat.id} {cat.version}",
            framework=f"{ref.id} {ref.version}",
            offered=fw.catalogues_offered,
        )
    return None


def close_assessment() -> None:
    ss = _ss()
    for key in (AID, ASSESSMENT, REVISION, SAVED, CONFLICT, CACHE, ROLE_NOW):
        ss.pop(key, None)
    ss[EPOCH] = epoch() + 1


def read_only() -> bool:
    """Whether the signed-in user may only look at the open assessment (never in local mode): a viewer,
    or anyone whose role cannot be told right now (fails closed)."""
    aid = _ss().get(AID)
    session_store = store()
    if aid is None or not isinstance(session_store, SecuredStore):
        return False

    def viewer() -> bool:
        try:
            return session_store.role(aid) == "viewer"
        except StoreError:  # not shared any more, or the store cannot say: nothing is editable
            return True

    # Looked up again every ROLE_RECHECK_S too, not only per revision: an owner may change this user's
    # role at any time, and a promoted viewer should not have to reopen the assessment to edit.
    cached = memo("role", viewer, int(time.monotonic() // ROLE_RECHECK_S))
    checked = _ss().get(ROLE_NOW)  # this run's own look-up (check_access) locks at once; only unlocking waits
    return cached or (checked is not None and checked[0] == aid and checked[1] in (None, "viewer"))


def check_access() -> bool:
    """Team mode, at the start of every run: whether the signed-in user still has access to the open
    assessment, looked up now (an owner may remove them, or delete it, at any time). When they have
    not, the assessment is closed with a message saying so, and False comes back."""
    aid = _ss().get(AID)
    if aid is None:
        return True
    session_store = store()
    if not isinstance(session_store, SecuredStore):
        return True
    try:
        _ss()[ROLE_NOW] = (aid, session_store.role(aid))
    except (NotFound, AccessDenied):
        lose_access()
        return False
    except StoreError:  # the store cannot answer now: keep the screen, but locked (see read_only)
        _ss()[ROLE_NOW] = (aid, None)
    return True


def lose_access() -> None:
    """The signed-in user has lost access to the open assessment: close it and say so on the next screen."""
    assessment = current()
    title = assessment.title if assessment is not None else _ss().get(AID, "")
    close_assessment()
    notify("warning", i18n.t("app_safety.access_lost", title=title))


def guarded_download(assessment_id: str, produce: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download button's data, handed out only while the signed-in user still has access to
    ``assessment_id``, looked up when the button is clicked (a tab left open must not keep serving it).
    Runs outside the script, so it holds the session's store rather than reading the session."""
    session_store = store()

    def data() -> bytes:
        if isinstance(session_store, SecuredStore):
            session_store.role(assessment_id)  # NotFound when no longer shared: no bytes
        return produce()

    return data


def conflict() -> Conflict | None:
    return _ss().get(CONFLICT)


def check(candidate: Assessment) -> tuple[Assessment, list[Problem], list[str]]:
    """``candidate`` with references to deleted items cleared, its problems, and the cleared paths."""
    before = require()
    cleaned, cleared = clean_references(before, candidate)
    problems = validate_assessment(cleaned, framework_of(cleaned)) + _datapoint_problems(before, cleaned)
    return cleaned, problems, cleared


def _datapoint_problems(before: Assessment, after: Assessment) -> list[Problem]:
    """Datapoint ids typed or changed in this edit, checked against the list imported for the
    assessment's catalogue version (ids already stored are not held against an unrelated edit)."""
    from ..datapoint_coverage import datapoint_problems

    known = {(c.id, c.datapoint_id) for c in before.coverage}
    changed = {i for i, c in enumerate(after.coverage) if c.datapoint_id and (c.id, c.datapoint_id) not in known}
    if not changed:
        return []
    catalogue = store().datapoint_catalogue_for(after.catalogue.id, after.catalogue.version)
    if catalogue is None:
        return []  # no list to check against: the datapoint view says how to import one
    paths = {f"coverage[{i}].datapoint_id" for i in changed}
    return [p for p in datapoint_problems(after, catalogue) if p.path in paths]


def commit(candidate: Assessment, message: str) -> CommitResult:
    """Store ``candidate`` as a new revision of the open assessment at once.

    An invalid candidate is not stored (its problems come back to be shown beside the fields). If
    someone saved meanwhile, nothing is stored and the session enters the conflict state, keeping
    the edit so the user can choose what happens to it.
    """
    if conflict() is not None:
        return CommitResult(False, conflict=True)
    cleaned, problems, cleared = check(candidate)
    if problems:
        return CommitResult(False, problems=problems)
    return save_checked(cleaned, message, cleared)


def save_checked(candidate: Assessment, message: str, cleared: list[str] | None = None) -> CommitResult:
    """Store a candidate that went through :func:`check` without problems."""
    if conflict() is not None:
        return CommitResult(False, conflict=True)
    if read_only():  # the store would refuse too; say why in the user's language instead
        return CommitResult(False, problems=[Problem("", i18n.t("state.read_only_refused"))])
    return _save(candidate, message, cleared or [])


def _save(candidate: Assessment, message: str, cleared: list[str]) -> CommitResult:
    ss = _ss()
    now = datetime.now(UTC).replace(microsecond=0)
    candidate = candidate.model_copy(update={"updated_at": now})
    base = ss[REVISION]
    try:
        new_revision = store().save(candidate, base_revision=base, author=author(), message=message[:500])
    except ConflictError as exc:
        when = _saved_at(candidate.id, exc.current_revision)
        ss[CONFLICT] = Conflict(require(), candidate, base, exc.current_revision, exc.current_author, message, when)
        return CommitResult(False, conflict=True)
    except NotFound:  # unshared or deleted meanwhile
        lose_access()
        return CommitResult(False)
    except AssessmentInvalid as exc:
        return CommitResult(False, problems=list(exc.problems))
    except StoreError as exc:
        notify("error", i18n.t("state.store_error", error=str(exc)))
        return CommitResult(False)
    if new_revision != base:
        ss[SAVED] = (now, author())
    ss[ASSESSMENT], ss[REVISION] = candidate, new_revision
    return CommitResult(True, cleared=cleared)


def _saved_at(assessment_id: str, revision_number: int) -> datetime | None:
    try:
        return store().load(assessment_id, revision=revision_number).saved_at
    except StoreError:  # the panel then shows the author alone
        return None


def replace(assessment: Assessment, new_revision: int) -> None:
    """The open assessment was replaced by a stored revision made elsewhere on this screen (a restore,
    an import); widgets start again from it."""
    ss = _ss()
    ss[AID], ss[ASSESSMENT], ss[REVISION] = assessment.id, assessment, new_revision
    ss[SAVED] = (datetime.now(UTC), author())
    ss[EPOCH] = epoch() + 1
    ss.pop(CACHE, None)


# --- conflict resolution --------------------------------------------------------------------------


def resolve_reload_theirs() -> None:
    """Drop the refused edit and continue from the newest stored revision."""
    aid = _ss().get(AID)
    if aid and check_access() and open_assessment(aid):
        notify("info", i18n.t("conflict.reloaded"))


def resolve_keep_mine() -> None:
    """Apply the refused edit to the newest revision and save that (the user chose this explicitly);
    where both sessions changed the same value, the refused edit wins."""
    pending = conflict()
    if pending is None:
        return
    ss = _ss()
    try:
        theirs = store().load(pending.mine.id, revision=pending.theirs_revision).assessment
    except (NotFound, AccessDenied):
        lose_access()
        return
    merged = merge_change(pending.base, pending.mine, theirs)
    cleaned, cleared = clean_references(theirs, merged)
    problems = validate_assessment(cleaned, framework_of(cleaned))
    if problems:
        notify("error", i18n.t("conflict.mine_invalid"))
        return
    ss.pop(CONFLICT)
    ss[ASSESSMENT], ss[REVISION] = theirs, pending.theirs_revision
    result = _save(cleaned, pending.message + " (applied over a concurrent change)", cleared)
    if result.saved:
        ss[EPOCH] = epoch() + 1
        ss.pop(CACHE, None)
        notify("success", i18n.t("conflict.kept"))


def conflict_changes() -> tuple[list[Change], list[Change]]:
    """(what the other session changed, what this session's refused edit changes), both from the base."""
    pending = conflict()
    if pending is None:
        return [], []
    try:
        theirs = store().load(pending.mine.id, revision=pending.theirs_revision).assessment
    except (NotFound, AccessDenied):
        lose_access()
        st.rerun()  # the screen without the assessment, and the message
    return diff_assessments(pending.base, theirs), diff_assessments(pending.base, pending.mine)


# --- per-revision caches --------------------------------------------------------------------------


def memo(name: str, compute: Callable[[], T], *extra: object) -> T:
    """``compute()`` once per (open assessment, revision, language, extra); kept in the session."""
    ss = _ss()
    cache: dict = ss.setdefault(CACHE, {})
    key = (ss.get(AID), ss.get(REVISION), i18n.current_language(), *extra)
    hit = cache.get(name)
    if hit is not None and hit[0] == key:
        return hit[1]
    value = compute()
    cache[name] = (key, value)
    return value


# --- start of every run ---------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _apply_secrets() -> list[str]:
    """Once per server: settings given as Streamlit secrets (``ESG_WORKBENCH_*`` keys, or an
    ``[esg_workbench]`` table with ``db``, ``language``...) become environment variables, which
    ``config.Settings`` reads. The environment wins over secrets."""
    try:
        if not st.secrets.load_if_toml_exists():
            return []
        values = {k: v for k, v in st.secrets.items() if k.upper().startswith(ENV_PREFIX) and not isinstance(v, dict)}
        table = st.secrets.get("esg_workbench") or {}
    except (FileNotFoundError, ValueError):
        return []
    values.update({f"{ENV_PREFIX}{k}": v for k, v in dict(table).items()})
    applied = []
    for key, value in values.items():
        if key.upper() not in os.environ:
            os.environ[key.upper()] = str(value)
            applied.append(key.upper())
    if applied:
        settings.cache_clear()
    return applied


def start_language() -> None:
    """The session's language from the URL (or the configured default), once per session. Called before
    sign-in too, so the sign-in screen speaks the language the link asked for."""
    if i18n.LANG_KEY not in _ss():
        i18n.set_language(st.query_params.get("lang") or settings().language)


def bootstrap() -> None:
    """First run of a session: language and open assessment from the URL (so a refresh or a restarted
    server brings the user back where they were). Every run: check that the user still has access to
    the open assessment, and mirror both into the URL."""
    _apply_secrets()
    ss = _ss()
    params = st.query_params
    if INIT not in ss:
        ss[INIT] = True
        start_language()
        aid = params.get("a")
        if aid and AID not in ss:
            open_assessment(aid)
    check_access()
    _sync_params(params)


def _sync_params(params: Any) -> None:
    wanted = {"lang": i18n.current_language()}
    aid = _ss().get(AID)
    if aid:
        wanted["a"] = aid
    for key, value in wanted.items():
        if params.get(key) != value:
            params[key] = value
    if "a" in params and not aid:
        del params["a"]
