"""Opening the database: engine settings per backend, write transactions that cannot interleave, and
schema migration to the newest version when a store opens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, OperationalError

from .errors import StoreError, StoreUnavailable

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000
_WRITE = "esg_workbench_write"  # execution option marking a write transaction
# Any constant works: it only has to be the same in every process that migrates this database.
_MIGRATION_LOCK_KEY = 0x45534757  # "ESGW"


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or SQLite path: {url!r} ({exc})") from None


def describe_url(url: URL) -> str:
    """The URL as safe to show: without its password."""
    return url.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get their directory created and the settings below."""
    sa_url = parse_url(url)
    if sa_url.get_backend_name() == "sqlite":
        database = sa_url.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            raise StoreError("the store needs a SQLite file path, not an in-memory database")
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the folder for {database}: {exc.strerror or exc}") from None
        engine = create_engine(sa_url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    if sa_url.drivername == "postgresql":
        # SQLAlchemy's default PostgreSQL driver is psycopg2; the workbench ships psycopg 3.
        sa_url = sa_url.set(drivername="postgresql+psycopg")
    try:
        return create_engine(sa_url, pool_pre_ping=True)
    except Exception as exc:  # noqa: BLE001 - unknown dialect or missing driver: say which URL
        raise StoreError(f"cannot use the database {describe_url(sa_url)}: {exc}") from None


def _configure_sqlite(engine: Engine) -> None:
    """Settings every SQLite connection needs.

    pysqlite starts transactions lazily, at the first write, so two writers can both read revision n
    and both decide to write n + 1. Taking the write lock at BEGIN (``BEGIN IMMEDIATE``) makes the
    second writer wait and then read the first writer's result. This is the recipe from SQLAlchemy's
    pysqlite documentation ("Serializable isolation / Savepoints / Transactional DDL").
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API connection
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # WAL lets readers go on while one writer writes; it is a property of the file.
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that may write: on SQLite it holds the write lock from its first statement."""
    with _unavailable_as_store_error(engine), engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction: one consistent snapshot for everything read inside it."""
    with _unavailable_as_store_error(engine), engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def _unavailable_as_store_error(engine: Engine) -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        # A lost server, refused login or a lock held past the busy timeout: not a bug, say which.
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise StoreUnavailable(f"database {describe_url(engine.url)}: {reason}") from exc


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (Alembic ``upgrade head``); a no-op when it is there.

    Runs in one write transaction, so two processes opening a new database at once do not both create
    the tables: SQLite's write lock, or an advisory lock on PostgreSQL, makes the second one wait.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})")
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _head_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at; None for an empty database."""
    from alembic.migration import MigrationContext

    with read_transaction(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is not at the newest migration (used when the app must not
    migrate: with several replicas, ``esg-workbench db migrate`` runs once, before they start)."""
    found, head = schema_revision(engine), _head_revision()
    if found != head:
        state = "has no workbench schema yet" if found is None else f"is at schema revision {found}"
        raise StoreUnavailable(
            f"database {describe_url(engine.url)} {state}; this version needs revision {head}. "
            "Run `esg-workbench db migrate` once (automatic migration is off: ESG_WORKBENCH_AUTO_MIGRATE=false)"
        )


def migrate_reporting(engine: Engine) -> tuple[str | None, str | None]:
    """Migrate and say from which schema revision to which."""
    before = schema_revision(engine)
    migrate(engine)
    return before, schema_revision(engine)
