"""The wheel carries everything an installed workbench reads besides its modules: the frameworks and the
sample assessments (from the top-level folders), the app's pages, locales and static files, and the
database migrations; and no bytecode. (.ci/wheel-smoke.sh installs the wheel and runs it.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a build reads: the package, the folders setup.py copies in, and the files pyproject.toml names.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "requirements.txt")
BUILD_FOLDERS = ("esg_workbench", "frameworks", "sample_data")


def source_files(folder: str) -> set[str]:
    base = ROOT / folder
    return {
        path.relative_to(base).as_posix()
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".pyo"}
    }


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    # Built from a copy, so the checkout gets no build/ folder and an old build/ cannot leak into the wheel.
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        shutil.copy2(ROOT / name, source / name)
    for name in BUILD_FOLDERS:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("_data", "*.egg-info"))
    # The checkout's own bytecode goes along on purpose: the wheel must leave it out.
    (source / "esg_workbench" / "app" / "__pycache__").mkdir(exist_ok=True)
    (source / "esg_workbench" / "app" / "__pycache__" / "stale.cpython-311.pyc").write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp / "dist")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp / "dist").glob("esg_workbench-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def packaged(names: set[str], prefix: str) -> set[str]:
    return {name.removeprefix(prefix) for name in names if name.startswith(prefix)}


@pytest.mark.slow
def test_the_wheel_ships_the_frameworks_and_the_samples(wheel_names: set[str]) -> None:
    for folder in ("frameworks", "sample_data"):
        expected = source_files(folder)
        assert expected, folder
        assert packaged(wheel_names, f"esg_workbench/_data/{folder}/") == expected, folder


@pytest.mark.slow
def test_the_wheel_ships_the_app_and_the_migrations(wheel_names: set[str]) -> None:
    package = source_files("esg_workbench")
    for folder in ("app", "locales", "app/static", "app/app_pages", "store/migrations"):
        expected = {name for name in package if name.startswith(f"{folder}/")}
        assert expected, folder
        assert expected <= packaged(wheel_names, "esg_workbench/"), folder
    assert {"locales/en.yaml", "locales/da.yaml", "store/migrations/alembic.ini"} <= package
    assert any(name.startswith("store/migrations/versions/") for name in package)


@pytest.mark.slow
def test_the_wheel_holds_no_bytecode(wheel_names: set[str]) -> None:
    assert not [name for name in wheel_names if "__pycache__" in name or name.endswith((".pyc", ".pyo"))]
