"""``app``: an empty store gets the sample assessments, a used one is left alone, and the server command
carries the workbench's settings (upload limit, no error details for users)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from esg_workbench.cli import cli
from esg_workbench.cli.app import MAIN_SCRIPT, streamlit_command
from esg_workbench.store import Store

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_data").glob("*.json"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_dry_run_seeds_an_empty_store_once(tmp_path: Path) -> None:
    db = tmp_path / "var" / "app.db"  # the folder does not exist yet
    first = run("app", "--db", str(db), "--dry-run", "--port", "8610")
    assert first.exit_code == 0, first.output
    assert f"added {len(SAMPLES)} sample assessment(s)" in first.output
    assert "--server.port 8610" in first.output
    second = run("--db", str(db), "app", "--dry-run")
    assert "added" not in second.output
    with Store(str(db)) as store:
        assert len(store.list_assessments()) == len(SAMPLES)


def test_no_samples_leaves_the_store_empty(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    assert run("app", "--db", str(db), "--dry-run", "--no-samples").exit_code == 0
    with Store(str(db)) as store:
        assert store.list_assessments() == []


def test_server_command_settings() -> None:
    command = streamlit_command(port=8501, host="localhost", max_upload_mb=25, python="python")
    assert command[:5] == ["python", "-m", "streamlit", "run", str(MAIN_SCRIPT)]
    pairs = dict(zip(command[5::2], command[6::2], strict=True))
    assert pairs["--server.maxUploadSize"] == "25"
    assert pairs["--client.showErrorDetails"] == "none"
    assert pairs["--server.headless"] == "true"


def test_app_has_help_with_an_example() -> None:
    result = run("app", "--help")
    assert result.exit_code == 0 and "Example:" in result.output
