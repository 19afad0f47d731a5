"""The ``db`` commands in-process: messages, exit codes (0 ok, 1 invalid or conflict, 2 usage / not
found) and no tracebacks for user errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.cli.db import db as db_group

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "assessments"


def _run(db: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", db, "db", *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def _write(path: Path, **changes) -> Path:
    data = json.loads((FIXTURES / "minimal.json").read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_save_creates_then_needs_the_base_revision(db_url: str, tmp_path: Path) -> None:
    file = _write(tmp_path / "a.json")
    first = _run(db_url, "save", str(file), "--author", "anna")
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "minimal: created revision 1"

    refused = _run(db_url, "save", str(_write(file, title="Edited")))
    assert refused.exit_code == 2
    assert "already stored, at revision 1 (saved by anna" in refused.stderr
    assert "--base-revision 1" in refused.stderr

    saved = _run(db_url, "save", str(file), "--base-revision", "1", "-m", "retitled", "--author", "bo")
    assert saved.exit_code == 0 and saved.output.strip() == "minimal: saved revision 2"
    again = _run(db_url, "save", str(file), "--base-revision", "2")
    assert again.exit_code == 0 and again.output.strip() == "minimal: no changes, still revision 2"


def test_conflict_exits_1_and_names_the_current_revision(db_url: str, tmp_path: Path) -> None:
    file = _write(tmp_path / "a.json")
    _run(db_url, "save", str(file))
    _run(db_url, "save", str(_write(file, title="Anna")), "--base-revision", "1", "--author", "anna")
    result = _run(db_url, "save", str(_write(file, title="Bo")), "--base-revision", "1", "--author", "bo")
    assert result.exit_code == 1
    assert "at revision 2 (saved by anna), not at your base revision 1" in result.stderr
    shown = _run(db_url, "load", "minimal")
    assert json.loads(shown.output)["title"] == "Anna"


def test_invalid_file_exits_1_and_stores_nothing(db_url: str, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.json", scores=[{"option_id": "bi", "criterion_id": "coverage", "value": 9}])
    result = _run(db_url, "save", str(bad))
    assert result.exit_code == 1
    assert "scores[0].value: score 9 is outside the scale 0-5" in result.stderr
    assert _run(db_url, "list").output.strip() == "no assessments stored"


def test_load_writes_a_file_that_validates(db_url: str, tmp_path: Path) -> None:
    file = _write(tmp_path / "a.json")
    _run(db_url, "save", str(file))
    _run(db_url, "save", str(_write(file, title="Second")), "--base-revision", "1")
    out = tmp_path / "out.json"
    result = _run(db_url, "load", "minimal", "-o", str(out), "--revision", "1")
    assert result.exit_code == 0, result.output
    assert "minimal revision 1" in result.stderr
    assert load_assessment(out).title == "Minimal assessment"


def test_list_history_and_diff(db_url: str, tmp_path: Path) -> None:
    file = _write(tmp_path / "a.json")
    _run(db_url, "save", str(file), "--author", "anna")
    _run(db_url, "save", str(_write(file, title="Renamed")), "--base-revision", "1", "-m", "new name", "--author", "bo")

    listed = _run(db_url, "list").output.splitlines()
    assert listed[0].split()[:4] == ["ID", "REV", "UPDATED", "BY"]
    assert listed[1].split()[:2] == ["minimal", "2"] and "bo" in listed[1] and listed[1].endswith("Renamed")

    history = _run(db_url, "history", "minimal").output
    assert "anna" in history and "created" in history
    assert "bo  new name" in history and "1 change: title" in history

    diff = _run(db_url, "diff", "minimal", "1", "2")
    assert diff.exit_code == 0
    assert diff.output.strip() == "title: 'Minimal assessment' -> 'Renamed'"
    assert _run(db_url, "diff", "minimal", "2", "2").output.strip() == "no differences between revisions 2 and 2"


def test_restore_and_delete(db_url: str, tmp_path: Path) -> None:
    file = _write(tmp_path / "a.json")
    _run(db_url, "save", str(file))
    _run(db_url, "save", str(_write(file, title="Oops")), "--base-revision", "1")
    stale = _run(db_url, "restore", "minimal", "1", "--base-revision", "1")
    assert stale.exit_code == 1 and "at revision 2" in stale.stderr
    restored = _run(db_url, "restore", "minimal", "1", "--base-revision", "2")
    assert restored.exit_code == 0 and restored.output.strip() == "minimal: restored revision 1 as revision 3"
    assert json.loads(_run(db_url, "load", "minimal").output)["title"] == "Minimal assessment"

    assert _run(db_url, "delete", "minimal", "--base-revision", "3").exit_code == 0
    assert _run(db_url, "list").output.strip() == "no assessments stored"
    assert "(deleted)" in _run(db_url, "list", "--all").output
    assert _run(db_url, "undelete", "minimal").exit_code == 0
    assert "minimal" in _run(db_url, "list").output


def test_missing_things_exit_2_with_a_message(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = _run(db, "load", "ghost")
    assert result.exit_code == 2 and "no assessment 'ghost' in the store" in result.stderr
    assert _run(db, "history", "ghost").exit_code == 2
    assert _run(db, "save", str(tmp_path / "missing.json")).exit_code == 2
    assert _run(db, "restore", "ghost", "1").exit_code == 2  # --base-revision is required
    assert _run(db, "save", str(_write(tmp_path / "a.json")), "--author", " ").exit_code == 2


def test_unreachable_database_exits_2_without_password(tmp_path: Path) -> None:
    result = _run("postgresql+psycopg://u:secret@127.0.0.1:1/x?connect_timeout=2", "list")
    assert result.exit_code == 2
    assert "127.0.0.1" in result.stderr and "secret" not in result.output


@pytest.mark.parametrize("name", sorted(db_group.commands))
def test_every_db_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, ["db", name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "esg-workbench db" in result.output
