"""Every command that opens a store says why a store cannot be used, without a traceback, and exits 2:
a damaged SQLite file (left byte for byte), a schema from a newer workbench, an unreachable server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from unusable_stores import CLOSED_PORT_URL, FUTURE_REVISION, future_db, random_bytes_db, stored_revision, truncated_db

from esg_workbench.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"
COMMANDS = [
    ["db", "list"],
    ["db", "migrate"],
    ["db", "save", str(FIXTURES / "minimal.json")],
    ["db", "history", "acme"],
    ["db", "members", "acme"],
    ["esrs", "list"],
    ["app", "--dry-run"],
]
IDS = [" ".join(c[:2]) for c in COMMANDS]


def _run(db: str, args: list[str], monkeypatch: pytest.MonkeyPatch, auto_migrate: bool = True):
    monkeypatch.setenv("ESG_WORKBENCH_AUTO_MIGRATE", "true" if auto_migrate else "false")
    from esg_workbench.config import settings

    settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)
    finally:
        settings.cache_clear()
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
@pytest.mark.parametrize("make", [random_bytes_db, truncated_db], ids=["random-bytes", "truncated"])
def test_a_damaged_file_exits_2_and_is_left_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], Path], args: list[str]
) -> None:
    path = make(tmp_path / "team.db")
    before = path.read_bytes()
    result = _run(str(path), args, monkeypatch)
    assert result.exit_code == 2, result.output
    assert f"Error: {path} is damaged or is not a workbench database" in result.stderr
    assert "Restore the file from a backup" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("auto_migrate", [True, False], ids=["auto-migrate", "no-auto-migrate"])
@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_a_newer_schema_exits_2_and_is_not_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], auto_migrate: bool
) -> None:
    path = future_db(tmp_path / "newer.db")
    before = path.read_bytes()
    result = _run(str(path), args, monkeypatch, auto_migrate)
    assert result.exit_code == 2, result.output
    assert "was written by a newer version of the workbench" in result.stderr
    assert "Upgrade the workbench" in result.stderr
    assert stored_revision(path) == FUTURE_REVISION and path.read_bytes() == before


@pytest.mark.parametrize("args", COMMANDS, ids=IDS)
def test_an_unreachable_server_exits_2_naming_the_host(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    result = _run(CLOSED_PORT_URL, args, monkeypatch)
    assert result.exit_code == 2, result.output
    assert "127.0.0.1:1" in result.stderr and "Check that the database server is running" in result.stderr
    assert "s3cret-pw" not in result.output
