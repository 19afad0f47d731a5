"""A store that cannot be used is refused when it opens, with a typed error that says what is wrong and
what to do, and nothing is written to it: a damaged SQLite file, a schema from a newer workbench (with
automatic migration on and off), an unreachable PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from unusable_stores import (
    CLOSED_PORT_URL,
    FUTURE_REVISION,
    future_db,
    random_bytes_db,
    stored_revision,
    truncated_db,
)

from esg_workbench.config import database_url
from esg_workbench.store import Store, StoreDamaged, StoreTooNew, StoreUnavailable
from esg_workbench.store.database import make_engine, migrate_reporting


@pytest.mark.parametrize("make", [random_bytes_db, truncated_db], ids=["random-bytes", "truncated"])
@pytest.mark.parametrize("auto_migrate", [True, False])
def test_a_damaged_file_is_refused_and_left_byte_for_byte(
    tmp_path: Path, make: Callable[[Path], Path], auto_migrate: bool
) -> None:
    path = make(tmp_path / "damaged.db")
    before = path.read_bytes()
    with pytest.raises(StoreDamaged) as caught:
        Store(str(path), migrate=auto_migrate)
    assert str(path) in str(caught.value) and "damaged" in str(caught.value)
    assert caught.value.hint.startswith("Nothing was written to it. Restore the file from a backup")
    assert path.read_bytes() == before


def test_migrating_a_damaged_file_is_refused_too(tmp_path: Path) -> None:
    path = random_bytes_db(tmp_path / "damaged.db")
    before = path.read_bytes()
    with pytest.raises(StoreDamaged):
        migrate_reporting(make_engine(database_url(str(path))))
    assert path.read_bytes() == before


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    (tmp_path / "empty.db").write_bytes(b"")
    with Store(str(tmp_path / "empty.db"), migrate=True) as store:
        assert store.list_assessments() == []


@pytest.mark.parametrize("auto_migrate", [True, False])
def test_a_schema_from_a_newer_workbench_is_refused_not_downgraded(tmp_path: Path, auto_migrate: bool) -> None:
    path = future_db(tmp_path / "newer.db")
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="written by a newer version of the workbench") as caught:
        Store(str(path), migrate=auto_migrate)
    assert FUTURE_REVISION in str(caught.value) and "Upgrade the workbench" in str(caught.value)
    assert stored_revision(path) == FUTURE_REVISION  # neither stamped nor downgraded
    assert path.read_bytes() == before


@pytest.mark.postgres
@pytest.mark.parametrize("auto_migrate", [True, False])
def test_a_newer_postgresql_schema_is_refused(pg_url: str, auto_migrate: bool) -> None:
    Store(pg_url, migrate=True).close()
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": FUTURE_REVISION})
    try:
        with pytest.raises(StoreTooNew, match="newer version"):
            Store(pg_url, migrate=auto_migrate)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == FUTURE_REVISION
    finally:
        engine.dispose()


def test_an_unreachable_server_names_host_and_port_and_what_to_check_not_the_password() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        Store(CLOSED_PORT_URL)
    message = str(caught.value)
    assert "127.0.0.1:1" in message and "s3cret-pw" not in message
    assert "Check that the database server is running" in message
    assert caught.value.where == "postgresql+psycopg://esg:***@127.0.0.1:1/esg?connect_timeout=2"
