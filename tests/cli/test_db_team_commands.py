"""``db migrate``, ``db audit`` and the team-mode ``db members / share / unshare`` commands in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from esg_workbench.cli import cli
from esg_workbench.config import database_url, settings
from esg_workbench.domain import Assessment
from esg_workbench.store import SecuredStore, Store, StoreUnavailable, User
from esg_workbench.store.database import make_engine, schema_revision


def _run(db: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", db, "db", *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def test_migrate_builds_the_schema_once_then_is_a_no_op(db_url: str) -> None:
    first = _run(db_url, "migrate")
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "schema migrated from revision (empty database) to 0003"
    again = _run(db_url, "migrate")
    assert again.output.strip() == "schema already at revision 0003"


def test_store_without_auto_migrate_refuses_an_old_schema_until_migrated(db_url: str, monkeypatch) -> None:
    with pytest.raises(StoreUnavailable, match="has no workbench schema yet.*esg-workbench db migrate"):
        Store(db_url, migrate=False)
    monkeypatch.setenv("ESG_WORKBENCH_AUTO_MIGRATE", "false")
    settings.cache_clear()
    try:
        with pytest.raises(StoreUnavailable):
            Store(db_url)
        assert _run(db_url, "migrate").exit_code == 0
        with Store(db_url) as store:
            assert store.list_assessments() == []
    finally:
        settings.cache_clear()
    engine = make_engine(database_url(db_url))
    try:
        assert schema_revision(engine) == "0003"
    finally:
        engine.dispose()


def _acme(db_url: str) -> None:
    def build(title: str) -> Assessment:
        return Assessment.model_validate({"id": "acme", "title": title, "organisation": {"name": "Acme A/S"}})

    with Store(db_url) as store:
        store.create(build("Acme ESG architecture"), author="anna")
        store.save(build("=cmd|' /C calc'!A0"), base_revision=1, author="bo", message="-renamed")


def test_audit_csv_to_stdout_and_json_to_file(db_url: str, tmp_path: Path) -> None:
    _acme(db_url)
    shown = _run(db_url, "audit", "acme")
    assert shown.exit_code == 0, shown.output
    rows = list(csv.reader(io.StringIO(shown.stdout)))
    assert rows[0][:4] == ["assessment_id", "at", "actor", "action"]
    assert rows[2][5] == "'-renamed" and rows[2][8].startswith("title: 'Acme ESG architecture' -> ")
    out = tmp_path / "audit.json"
    written = _run(db_url, "audit", "acme", "--format", "json", "-o", str(out))
    assert written.exit_code == 0 and "2 audit entries" in written.stderr
    assert [e["actor"] for e in json.loads(out.read_text(encoding="utf-8"))["entries"]] == ["anna", "bo"]
    csv_file = tmp_path / "audit.csv"
    _run(db_url, "audit", "acme", "-o", str(csv_file))
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    assert _run(db_url, "audit", "ghost").exit_code == 2


def test_operator_gives_a_local_assessment_an_owner_and_shares_it(db_url: str) -> None:
    _acme(db_url)
    nobody = _run(db_url, "members", "acme")
    assert "shared with nobody" in nobody.output
    owner = _run(db_url, "share", "acme", "Anna@Firm.dk", "--role", "owner", "--by", "ops@firm.dk")
    assert owner.exit_code == 0 and owner.output.strip() == "acme: anna@firm.dk is now owner"
    assert _run(db_url, "share", "acme", "bo@firm.dk", "--role", "viewer", "--by", "anna@firm.dk").exit_code == 0
    listed = _run(db_url, "members", "acme").output.splitlines()
    assert [line.split()[:2] for line in listed] == [["owner", "anna@firm.dk"], ["viewer", "bo@firm.dk"]]
    assert "granted by ops@firm.dk" in listed[0]
    assert _run(db_url, "unshare", "acme", "bo@firm.dk", "--by", "anna@firm.dk").exit_code == 0
    refused = _run(db_url, "unshare", "acme", "anna@firm.dk", "--by", "ops@firm.dk")
    assert refused.exit_code == 2 and "transfer ownership" in refused.stderr
    bad = _run(db_url, "share", "acme", "not-an-email", "--role", "viewer", "--by", "ops@firm.dk")
    assert bad.exit_code == 2 and "not a usable e-mail" in bad.output
    with Store(db_url) as store:
        assert SecuredStore(store, User("anna@firm.dk"), admins=[]).role("acme") == "owner"
        actions = [(e.action, e.actor) for e in store.audit_log("acme")]
    assert actions[-3:] == [
        ("ownership_transferred", "ops@firm.dk"),
        ("shared", "anna@firm.dk"),
        ("unshared", "anna@firm.dk"),
    ]
