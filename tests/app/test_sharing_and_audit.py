"""The assessment list in team mode (AppTest with a mocked signed-in user): each role is offered only the
actions it may take; the owner shares, changes and removes access and hands over ownership; others can
leave; the audit trail lists every revision and access change, filters, downloads as CSV and JSON, and
restores. Local mode has no sharing. Every check reads the store too, so a screen that only looked right
would fail."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from app_helpers import MAIN, assert_clean, texts
from streamlit.testing.v1 import AppTest

from esg_workbench.app import literal
from esg_workbench.app.history_panel import audit_files
from esg_workbench.config import settings
from esg_workbench.frameworks import load_framework
from esg_workbench.new_assessment import new_assessment
from esg_workbench.store import SecuredStore, Store, User

AID = "shared-one"


@pytest.fixture
def shared_db(team_env: Path) -> Path:
    """Only 'shared-one', owned by anna with cy as viewer and dan as editor, saved twice (by anna, dan)."""
    with Store(str(team_env)) as store:
        anna = SecuredStore(store, User("anna@firm.dk"))
        anna.create(new_assessment(load_framework(), organisation_name="Anna A/S", title=AID, assessment_id=AID))
        anna.share(AID, "cy@firm.dk", "viewer")
        anna.share(AID, "dan@firm.dk", "editor")
        first = anna.load(AID)
        anna.save(first.assessment.model_copy(update={"title": "Second title"}), base_revision=first.revision)
        dan = SecuredStore(store, User("dan@firm.dk"))
        dan.save(dan.load(AID).assessment.model_copy(update={"title": "=Third title"}), base_revision=2)
    return team_env


@pytest.fixture
def as_user(run_as: Callable[..., AppTest]) -> Callable[..., AppTest]:
    """The assessment list as ``email`` sees it, in ``lang``."""
    return lambda email, lang="en": run_as(email, page="assessments", lang=lang)


def _members(db: Path) -> dict[str, str]:
    with Store(str(db)) as store:
        return {m.email: m.role for m in SecuredStore(store, User("anna@firm.dk")).members(AID)}


def _plain(shown: list[str]) -> list[str]:
    """Texts as read on screen: user text is shown with markdown escaped."""
    return [literal.shown(text) for text in shown]


def _action_keys(at: AppTest) -> set[str]:
    return {
        b.key.split(".")[1] for b in at.button if b.key and b.key.endswith(f".{AID}") and b.key.startswith("assess.")
    }


@pytest.mark.parametrize(
    ("email", "actions"),
    [
        ("anna@firm.dk", {"open", "duplicate", "rename", "history", "sharing", "delete"}),
        ("dan@firm.dk", {"open", "duplicate", "rename", "history", "sharing"}),
        ("cy@firm.dk", {"open", "duplicate", "history", "sharing"}),
    ],
)
def test_each_role_is_offered_only_what_it_may_do(
    shared_db: Path, as_user: Callable[..., AppTest], email: str, actions: set[str]
) -> None:
    at = as_user(email)
    assert _action_keys(at) == actions
    role = {"anna": "owner", "dan": "editor", "cy": "viewer"}[email.split("@")[0]]
    assert any(role in m.value for m in at.markdown), [m.value for m in at.markdown]


def test_the_owner_shares_changes_and_removes_access(shared_db: Path, as_user: Callable[..., AppTest]) -> None:
    at = as_user("anna@firm.dk")
    at.button(key=f"assess.sharing.{AID}").click().run()
    table = at.dataframe[0].value
    assert list(table["E-mail"]) == ["anna@firm.dk", "dan@firm.dk", "cy@firm.dk"]
    assert list(table["Role"]) == ["owner", "editor", "viewer"]

    at.text_input(key="team.share.email").input("Eve@Firm.dk")
    at.radio(key="team.share.role").set_value("viewer")
    at.button(key="team.share.submit").click().run()
    assert_clean(at)
    assert _members(shared_db)["eve@firm.dk"] == "viewer"
    assert "eve@firm.dk now has viewer access." in _plain(texts(at, "success"))

    at.selectbox(key="team.change.who").set_value("eve@firm.dk").run()
    at.button(key="team.change.role").click().run()
    assert _members(shared_db)["eve@firm.dk"] == "editor"
    at.selectbox(key="team.change.who").set_value("eve@firm.dk").run()
    at.button(key="team.change.remove").click().run()
    assert_clean(at)
    assert "eve@firm.dk" not in _members(shared_db)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter the e-mail address"),
        ("not an address", "'not an address' is not an e-mail address."),
        ("mallory@elsewhere.com", "cannot share with mallory@elsewhere.com: its e-mail domain is not allowed"),
    ],
)
def test_a_bad_address_is_refused_with_the_reason_and_nothing_changes(
    shared_db: Path, as_user: Callable[..., AppTest], email: str, message: str
) -> None:
    before = _members(shared_db)
    at = as_user("anna@firm.dk")
    at.button(key=f"assess.sharing.{AID}").click().run()
    at.text_input(key="team.share.email").input(email)
    at.button(key="team.share.submit").click().run()
    assert_clean(at)
    assert any(message in text for text in _plain(texts(at, "error"))), texts(at, "error")
    assert _members(shared_db) == before


def test_ownership_is_transferred_only_after_confirming(shared_db: Path, as_user: Callable[..., AppTest]) -> None:
    at = as_user("anna@firm.dk")
    at.button(key=f"assess.sharing.{AID}").click().run()
    at.selectbox(key="team.change.who").set_value("dan@firm.dk").run()
    assert at.button(key="team.transfer.go").disabled
    at.checkbox(key="team.transfer.sure").check().run()
    at.button(key="team.transfer.go").click().run()
    assert_clean(at)
    assert _members(shared_db) == {"dan@firm.dk": "owner", "anna@firm.dk": "editor", "cy@firm.dk": "viewer"}
    # The panel now shows anna as an editor: no share form, the owner named, and no delete on her card.
    assert not [w for w in at.text_input if w.key == "team.share.email"]
    assert any("Its owner, dan@firm.dk, decides who has access" in c for c in _plain([c.value for c in at.caption]))
    assert "delete" not in _action_keys(at)


def test_a_viewer_sees_who_has_access_and_can_leave(shared_db: Path, as_user: Callable[..., AppTest]) -> None:
    at = as_user("cy@firm.dk")
    at.button(key=f"assess.sharing.{AID}").click().run()
    assert at.dataframe[0].value.shape[0] == 3
    assert not [w for w in at.text_input if w.key == "team.share.email"]
    at.checkbox(key="team.leave.sure").check().run()
    at.button(key="team.leave.go").click().run()
    assert_clean(at)
    assert "cy@firm.dk" not in _members(shared_db)
    assert not _action_keys(at)  # the assessment is no longer listed for cy


def test_the_audit_trail_lists_revisions_and_access_changes_newest_first(
    shared_db: Path, as_user: Callable[..., AppTest]
) -> None:
    at = as_user("cy@firm.dk")
    at.button(key=f"assess.history.{AID}").click().run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert list(table["What"]) == [
        "saved a revision",
        "saved a revision",
        "gave dan@firm.dk editor access",
        "gave cy@firm.dk viewer access",
        "created the assessment",
    ]
    assert list(table["Who"])[:2] == ["dan@firm.dk", "anna@firm.dk"]
    assert table["Changes"].iloc[0] == "title: 'Second title' -> '=Third title'"
    # A viewer may look but not restore (restoring is an edit).
    assert at.button(key="assess.history.restore").disabled

    at.multiselect(key="assess.history.people").select("dan@firm.dk").run()
    assert list(at.dataframe[0].value["What"]) == ["saved a revision"]
    at.multiselect(key="assess.history.people").unselect("dan@firm.dk").run()
    at.text_input(key="assess.history.search").input("second").run()
    assert at.dataframe[0].value.shape[0] == 2  # the two saves that mention 'Second title'


def test_the_audit_trail_downloads_as_csv_and_json(shared_db: Path, as_user: Callable[..., AppTest]) -> None:
    at = as_user("anna@firm.dk")
    at.button(key=f"assess.history.{AID}").click().run()
    assert_clean(at)
    assert {d.proto.label for d in at.get("download_button")} == {"Audit trail (CSV)", "Audit trail (JSON)"}
    with Store(str(shared_db)) as store:
        files = audit_files(AID, SecuredStore(store, User("cy@firm.dk")).audit_log(AID))
    content, name, mime = files["csv"]
    assert (name, mime) == (f"{AID}-audit-trail.csv", "text/csv") and content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["assessment_id", "at", "actor", "action"]
    assert [r[3] for r in rows[1:]] == ["created", "shared", "shared", "saved", "saved"]
    assert rows[-1][-1] == "title: 'Second title' -> '=Third title'"
    content, name, _ = files["json"]
    document = json.loads(content)
    assert name == f"{AID}-audit-trail.json" and document["assessment_id"] == AID
    assert document["entries"][-1]["changes"][0]["new"] == "=Third title"


def test_a_restore_from_the_audit_trail_is_a_new_revision_by_the_editor(
    shared_db: Path, as_user: Callable[..., AppTest]
) -> None:
    at = as_user("dan@firm.dk")
    at.button(key=f"assess.history.{AID}").click().run()
    at.selectbox(key="assess.history.pick").set_value(1).run()
    at.button(key="assess.history.restore").click().run()
    assert_clean(at)
    with Store(str(shared_db)) as store:
        now = store.load(AID)
    assert (now.revision, now.author, now.assessment.title) == (4, "dan@firm.dk", AID)


def test_the_audit_trail_speaks_danish(shared_db: Path, as_user: Callable[..., AppTest]) -> None:
    at = as_user("anna@firm.dk", lang="da")
    at.button(key=f"assess.history.{AID}").click().run()
    assert_clean(at)
    assert list(at.dataframe[0].value["Hvad"])[-1] == "oprettede vurderingen"
    assert "gav cy@firm.dk adgang som læser" in list(at.dataframe[0].value["Hvad"])


def test_a_deleted_assessment_can_be_brought_back_by_its_owner_only(
    shared_db: Path, as_user: Callable[..., AppTest]
) -> None:
    at = as_user("anna@firm.dk")
    at.button(key=f"assess.delete.{AID}").click().run()
    at.button(key="assess.delete.yes").click().run()
    assert "open" not in _action_keys(at)
    assert not [b for b in as_user("cy@firm.dk").button if b.key == f"assess.undelete.{AID}"]
    at.button(key=f"assess.undelete.{AID}").click().run()
    assert_clean(at)
    assert "open" in _action_keys(at)
    with Store(str(shared_db)) as store:
        assert [e.action for e in store.audit_log(AID)][-2:] == ["deleted", "undeleted"]


def test_local_mode_offers_no_sharing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESG_WORKBENCH_DB", str(tmp_path / "local.db"))
    monkeypatch.setenv("ESG_WORKBENCH_MODE", "local")
    settings.cache_clear()
    with Store(str(tmp_path / "local.db")) as store:
        store.create(new_assessment(load_framework(), organisation_name="Solo", title="solo", assessment_id="solo"))
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert_clean(at)
    keys = {b.key for b in at.button if b.key}
    assert "assess.history.solo" in keys and "assess.delete.solo" in keys
    assert "assess.sharing.solo" not in keys
    settings.cache_clear()
