"""The app on a store it cannot use shows what is wrong and what to do, in the user's language, instead
of the generic error box; it writes nothing to a damaged file and opens the store once it is fixed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_helpers import MAIN, assert_clean
from streamlit.testing.v1 import AppTest
from unusable_stores import CLOSED_PORT_URL, FUTURE_REVISION, future_db, random_bytes_db, stored_revision, truncated_db

from esg_workbench.app.literal import shown
from esg_workbench.config import settings


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def use(db: str) -> None:
        monkeypatch.setenv("ESG_WORKBENCH_DB", db)
        settings.cache_clear()

    yield use
    settings.cache_clear()


def _run(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


def _page(at: AppTest) -> str:
    # What a person reads: markdown escapes and the word joiners that keep links from forming resolved.
    return shown("\n".join([*(e.value for e in at.title), *(e.value for e in at.error), *(e.value for e in at.text)]))


@pytest.mark.parametrize("make", [random_bytes_db, truncated_db], ids=["random-bytes", "truncated"])
def test_a_damaged_file_gets_a_page_saying_so_and_keeps_its_bytes(
    tmp_path: Path, use_db: Callable[[str], None], make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path / "app.db")
    before = path.read_bytes()
    use_db(str(path))
    at = _run()
    assert_clean(at)
    page = _page(at).replace("\\", "")  # the message is shown markdown-escaped
    assert "The workbench cannot open its database" in page
    assert f"The database file {path} is damaged or is not a workbench database" in page
    assert "Restore the file from a backup" in page
    assert [b.key for b in at.button] == ["ops.store.retry"]  # no navigation, no page code ran
    assert path.read_bytes() == before


def test_a_newer_schema_is_explained_in_danish(tmp_path: Path, use_db: Callable[[str], None]) -> None:
    path = future_db(tmp_path / "app.db")
    use_db(str(path))
    at = _run("da")
    assert_clean(at)
    page = _page(at).replace("\\", "")
    assert "Workbenchen kan ikke åbne sin database" in page
    assert "er skrevet af en nyere version af workbenchen" in page and "Opgrader workbenchen" in page
    assert stored_revision(path) == FUTURE_REVISION


def test_an_unreachable_server_names_it_without_the_password(use_db: Callable[[str], None]) -> None:
    use_db(CLOSED_PORT_URL)
    at = _run()
    assert_clean(at)
    page = _page(at).replace("\\", "")
    assert "The workbench cannot reach its database" in page and "127.0.0.1:1" in page
    assert "Check that the database server is running" in page
    assert "s3cret-pw" not in page


def test_try_again_opens_the_store_once_it_is_fixed(tmp_path: Path, use_db: Callable[[str], None]) -> None:
    path = random_bytes_db(tmp_path / "app.db")
    use_db(str(path))
    at = _run()
    assert at.button(key="ops.store.retry")
    path.unlink()  # the operator restores the file (here: starts afresh)
    at.button(key="ops.store.retry").click().run()
    assert_clean(at)
    assert "ops.store.retry" not in [b.key for b in at.button]
    assert not at.error
