"""One rule for every command that writes a file: an existing file is refused unless --force, and a
write that fails (a full disk) says which file and why, exits 2 and leaves no partial file behind."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from esg_workbench.assessment_files import load_assessment
from esg_workbench.cli import cli
from esg_workbench.store import Store
from esg_workbench.workbook import export_workbook_bytes

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "assessments" / "minimal.json"
OLD = b"the user's old file\n"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with a store holding minimal.json and a workbook exported from it."""
    folder = tmp_path / "in"
    folder.mkdir()
    assessment = load_assessment(MINIMAL)
    with Store(str(folder / "s.db")) as store:
        store.create(assessment)
    (folder / "minimal.xlsx").write_bytes(export_workbook_bytes(assessment, "en", samples=0))
    return folder


# Each command that writes a file, as (its arguments for an output path, the suffix it needs).
COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "schema": lambda _i, out: ["schema", "-o", str(out)],
    "new": lambda _i, out: ["new", str(out), "--name", "Acme A/S"],
    "export": lambda _i, out: ["export", str(MINIMAL), "-o", str(out)],
    "import": lambda i, out: ["import", str(i / "minimal.xlsx"), "-o", str(out)],
    "db load": lambda i, out: ["--db", str(i / "s.db"), "db", "load", "minimal", "-o", str(out)],
    "db audit": lambda i, out: ["--db", str(i / "s.db"), "db", "audit", "minimal", "-o", str(out)],
    "report": lambda _i, out: ["report", str(MINIMAL), "-o", str(out)],
}
SUFFIXES = {"export": ".xlsx", "report": ".html"}


def _run(args: list[str]) -> Result:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def _out(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    return folder / f"result{SUFFIXES.get(name, '.json')}"


@pytest.mark.parametrize("name", COMMANDS)
def test_an_existing_file_is_kept_unless_force(tmp_path: Path, inputs: Path, name: str) -> None:
    out = _out(tmp_path, name)
    out.write_bytes(OLD)
    refused = _run(COMMANDS[name](inputs, out))
    assert refused.exit_code == 2, refused.output
    assert f"{out} exists; use --force to overwrite" in refused.stderr
    assert out.read_bytes() == OLD
    forced = _run([*COMMANDS[name](inputs, out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != OLD and out.stat().st_size > 0
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "overwrite"])
@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_names_the_file_and_leaves_no_partial_file(
    tmp_path: Path, inputs: Path, monkeypatch: pytest.MonkeyPatch, name: str, existing: bool
) -> None:
    out = _out(tmp_path, name)
    if existing:
        out.write_bytes(OLD)

    def disk_full(_fd: int) -> None:  # the bytes were handed to the OS; the disk cannot take them
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    result = _run([*COMMANDS[name](inputs, out), "--force"])
    assert result.exit_code == 2, result.output
    assert f"cannot write {out}: No space left on device" in result.stderr
    assert ("was left as it was" if existing else "no file was written") in result.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ([out.name] if existing else [])
    if existing:
        assert out.read_bytes() == OLD


def test_an_error_number_alone_is_explained_not_printed_as_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bare ``OSError(28)`` printed "Error: 28"."""
    import esg_workbench.cli.files as files

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC)

    monkeypatch.setattr(files, "write_output", full)
    result = _run(["schema", "-o", "unused.json"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: No space left on device"
