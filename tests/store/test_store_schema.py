"""The store's schema: Alembic migrations build exactly the table metadata; SQLite connection settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from esg_workbench.store import Store, StoreError
from esg_workbench.store.database import MIGRATIONS_DIR
from esg_workbench.store.tables import metadata


def test_migrated_schema_matches_the_table_metadata(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        assert compare_metadata(context, metadata) == []


def test_database_is_at_the_newest_migration(store: Store) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head


def test_opening_again_keeps_the_data(db_url: str) -> None:
    # Running the migrations on a migrated database must be a no-op, not a reset.
    with Store(db_url) as store, store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO datapoint_catalogues (id, version, title, source_filename, source_sha256, imported_at, "
                "datapoint_count) VALUES ('x', '1', 't', 'f', :h, :t, 0)"
            ),
            {"h": "a" * 64, "t": "2025-01-01 00:00:00"},
        )
    with Store(db_url) as store:
        assert [i.id for i in store.list_datapoint_catalogues()] == ["x"]


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    with Store(str(tmp_path / "s.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_sqlite_write_transactions_take_the_lock_at_begin(tmp_path: Path) -> None:
    from esg_workbench.store.database import write_transaction

    path = tmp_path / "s.db"
    with Store(str(path)) as store, write_transaction(store.engine) as conn:
        conn.exec_driver_sql("SELECT 1")  # nothing written yet, but the write lock must be held
        other = sqlite3.connect(path, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    with Store(str(tmp_path / "new" / "deeper" / "s.db")):
        pass
    assert (tmp_path / "new" / "deeper" / "s.db").is_file()


def test_in_memory_sqlite_and_bad_urls_are_refused() -> None:
    with pytest.raises(StoreError, match="SQLite file path"):
        Store("sqlite://")
    with pytest.raises(StoreError, match="cannot use the database"):
        Store("nosuchdialect://host/db")


def test_unreachable_server_is_a_store_error_without_password() -> None:
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://someone:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(caught.value) and "127.0.0.1" in str(caught.value)


@pytest.mark.postgres
def test_plain_postgresql_url_uses_psycopg_3(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with Store(plain) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert store.list_assessments() == []


def test_a_datapoint_list_stored_before_migration_0003_belongs_to_esrs_set1(tmp_path: Path) -> None:
    """A database at revision 0002 with an imported list: upgrading names ESRS Set 1 for it (IG 3 is
    Set 1's list), and nothing else changes."""
    from alembic import command
    from alembic.config import Config

    from esg_workbench.store.database import MIGRATIONS_DIR, make_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.execute(
            text("INSERT INTO datapoint_catalogues VALUES ('old', '1', 't', 'f', :h, '2025-01-01 00:00:00', 0)"),
            {"h": "b" * 64},
        )
    engine.dispose()
    with Store(str(tmp_path / "old.db")) as store:
        (info,) = store.list_datapoint_catalogues()
        assert (info.id, info.standard_id, info.standard_version) == ("old", "esrs-set1", "2023")
