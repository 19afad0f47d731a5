"""Alembic environment for the store. Migrations normally run from ``Store`` (``engine.migrate``), which
passes its own connection; run by hand they use ``sqlalchemy.url`` or ESG_WORKBENCH_DB."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from esg_workbench.config import database_url
from esg_workbench.store.tables import metadata

config = context.config


def _run(connection) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or database_url()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
