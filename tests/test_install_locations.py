"""Where the workbench finds its frameworks and samples and keeps its default store, run from a checkout
or installed from the wheel: a checkout reads its top-level folders and keeps var/workbench.db; an
installed package reads the copies inside it and keeps the store in the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import esg_workbench
from esg_workbench import config
from esg_workbench.cli import cli

CHECKOUT = Path(__file__).resolve().parents[1]
PACKAGE = Path(esg_workbench.__file__).resolve().parent


def make_checkout(folder: Path, name: str = "esg-workbench") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(f'[project]\nname = "{name}"\nversion = "0"\n', encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def no_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ESG_WORKBENCH_DB", "ESG_WORKBENCH_FRAMEWORKS_DIR", "ESG_WORKBENCH_SAMPLE_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As if the package were installed in site-packages and run from a folder that is no checkout; the
    user's data folder (XDG_DATA_HOME on Linux) in the temporary folder. Returns that data folder."""
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path / "site-packages")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_the_source_checkout_is_recognised_by_its_pyproject(tmp_path: Path) -> None:
    assert config.is_checkout(CHECKOUT)
    assert config.is_checkout(make_checkout(tmp_path / "mine"))
    assert not config.is_checkout(make_checkout(tmp_path / "other", name="other-project"))
    assert not config.is_checkout(tmp_path / "nothing-here")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "pyproject.toml").write_text("[project\nname = ", encoding="utf-8")
    assert not config.is_checkout(tmp_path / "broken")


def test_in_a_checkout_the_store_is_var_in_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    work = make_checkout(tmp_path / "checkout")
    monkeypatch.chdir(work)
    assert config.default_db() == str(work / "var" / "workbench.db")
    assert config.Settings().db == str(work / "var" / "workbench.db")


def test_run_elsewhere_from_a_checkout_the_store_is_the_checkouts_var(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert config.default_db() == str(CHECKOUT / "var" / "workbench.db")


def test_installed_the_store_is_in_the_users_data_folder(installed: Path, monkeypatch) -> None:
    assert config.checkout_root() is None
    assert config.default_db() == str(installed / "esg-workbench" / "workbench.db")
    monkeypatch.setenv("ESG_WORKBENCH_DB", "postgresql+psycopg://db/esg")
    assert config.Settings().db == "postgresql+psycopg://db/esg"


def test_installed_the_store_goes_to_a_checkout_worked_in(installed: Path, tmp_path: Path, monkeypatch) -> None:
    work = make_checkout(tmp_path / "checkout")
    monkeypatch.chdir(work)
    assert config.default_db() == str(work / "var" / "workbench.db")


def test_in_a_checkout_frameworks_and_samples_are_the_top_level_folders() -> None:
    settings = config.Settings()
    assert settings.frameworks_dir == CHECKOUT / "frameworks"
    assert settings.sample_dir == CHECKOUT / "sample_data"


def test_installed_frameworks_and_samples_are_read_from_the_package(installed: Path, monkeypatch) -> None:
    settings = config.Settings()
    assert settings.frameworks_dir == PACKAGE / "_data" / "frameworks"
    assert settings.sample_dir == PACKAGE / "_data" / "sample_data"
    monkeypatch.setenv("ESG_WORKBENCH_FRAMEWORKS_DIR", str(installed / "mine"))
    assert config.Settings().frameworks_dir == installed / "mine"


def test_help_says_where_the_default_store_is(installed: Path) -> None:
    for command in ([], ["app"]):
        result = CliRunner().invoke(cli, [*command, "--help"], terminal_width=400)
        assert result.exit_code == 0, result.output
        text = " ".join(result.output.split())
        assert "var/workbench.db in the checkout when run from one" in text
        assert "otherwise workbench.db in the user's data folder" in text
        assert f"[default here: {installed / 'esg-workbench' / 'workbench.db'}]" in text
