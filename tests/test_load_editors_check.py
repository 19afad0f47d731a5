"""The load script's checker really finds lost updates (it is not vacuous), and the script refuses any
database host that is not loopback."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from esg_workbench.store import Store

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "load_editors.py"


@pytest.fixture(scope="module")
def load_editors():
    spec = importlib.util.spec_from_file_location("load_editors", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_honest_saves_verify_clean(load_editors, tmp_path: Path) -> None:
    url = str(tmp_path / "s.db")
    plan = load_editors._plan(20, 2)
    load_editors._setup(url, plan)
    with Store(url) as store:
        results = [load_editors._edit(store, e, a, 2, deadline=float("inf")) for e, a in plan[:4]]
    assert load_editors._verify(url, results) == (0, [])


def test_an_overwritten_edit_counts_as_lost(load_editors, tmp_path: Path) -> None:
    url = str(tmp_path / "s.db")
    plan = load_editors._plan(20, 1)
    load_editors._setup(url, plan)
    first, second = load_editors.EditorResult("ed00", "load-0"), load_editors.EditorResult("ed01", "load-0")
    with Store(url) as store:
        stale = store.load("load-0")
        mine = load_editors._with_value(stale.assessment, "ed00", "ed00 edit 0")
        first.saved.append((store.save(mine, base_revision=1, author="ed00"), "ed00 edit 0"))
        # A broken store would let this through: an edit built on revision 1 saved over revision 2.
        theirs = load_editors._with_value(stale.assessment, "ed01", "ed01 edit 0")
        second.saved.append((store.save(theirs, base_revision=2, author="ed01"), "ed01 edit 0"))
    lost, problems = load_editors._verify(url, [first, second])
    assert lost == 2, problems  # revision 3 undid ed00's edit, and the final state lacks it
    assert any("ed00's last save is not in the final state" in p for p in problems)


@pytest.mark.parametrize("host", ["10.0.0.5", "192.168.1.2", "db.example.org", "8.8.8.8"])
def test_only_loopback_hosts_are_accepted(load_editors, host: str) -> None:
    with pytest.raises(SystemExit, match="only runs against loopback"):
        load_editors._loopback_only(f"postgresql+psycopg://u:p@{host}/db")
    for ok in ("127.0.0.1", "localhost", "[::1]", "127.0.0.2"):
        load_editors._loopback_only(f"postgresql+psycopg://u:p@{ok}/db")


def test_a_hundred_editors_are_accepted_and_the_cap_still_holds(load_editors, monkeypatch: pytest.MonkeyPatch) -> None:
    """The deployment notes quote the 100-editor figure; the script refused more than 64."""
    monkeypatch.setattr(
        sys, "argv", ["load_editors.py", "--url", "postgresql+psycopg://u:p@127.0.0.1/db", "--editors", "100"]
    )
    assert load_editors._arguments().editors == 100
    monkeypatch.setattr(sys, "argv", ["load_editors.py", "--editors", str(load_editors.MAX_EDITORS + 1)])
    with pytest.raises(SystemExit):
        load_editors._arguments()
