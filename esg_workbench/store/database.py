"""Opening the database: engine settings per backend, write transactions that cannot interleave, and
schema migration to the newest version when a store opens. A store that cannot be used (a damaged
SQLite file, a schema from a newer workbench, a server that does not answer) is refused with a
:class:`StoreUnavailable` that says what is wrong and what to do, before anything is written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from .errors import StoreDamaged, StoreError, StoreTooNew, StoreUnavailable

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000
_WRITE = "esg_workbench_write"  # execution option marking a write transaction
# Any constant works: it only has to be the same in every process that migrates this database.
_MIGRATION_LOCK_KEY = 0x45534757  # "ESGW"
# SQLite's result codes for a file that is not a database or whose pages do not add up.
_DAMAGED_CODES = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
_QUICK_CHECK_ROWS = 3  # the first problems say enough; a damaged file can list thousands
_DAMAGED_HINT = (
    "Nothing was written to it. Restore the file from a backup, or use another file (--db or "
    "ESG_WORKBENCH_DB); the sqlite3 tool's .recover command may rescue some of its content."
)
_TOO_NEW_HINT = (
    "Upgrade the workbench to use it; it was left as it is (this version neither downgrades nor re-stamps it)."
)
_UNREACHABLE_HINT = (
    "Check that the database server is running and reachable from here, and the URL given with --db or "
    "ESG_WORKBENCH_DB (host, port, database name, user and password)."
)


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL or SQLite path: {url!r} ({exc})") from None


def describe_url(url: URL) -> str:
    """The URL as safe to show: without its password."""
    return url.render_as_string(hide_password=True)


def _where(url: URL) -> str:
    """The database as a user named it: a SQLite file's path, or the URL without its password."""
    return url.database or describe_url(url) if url.get_backend_name() == "sqlite" else describe_url(url)


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
        check_sqlite_file(database)
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


def check_sqlite_file(path: str | Path) -> None:
    """Refuse a SQLite file that is not a database or fails ``PRAGMA quick_check``, before any
    connection that might write to it (switching to WAL, migrating) is made: the check opens the file
    read-only, so a damaged file keeps its bytes for whoever tries to rescue it. ``quick_check`` reads
    every page once (linear in the file's size, a fraction of a second for a workbench database) but
    skips the index-content comparison that makes ``integrity_check`` much slower on big files."""
    file = Path(path)
    if not file.is_file() or file.stat().st_size == 0:
        return  # a new (or empty) file becomes a new database
    uri = f"file:{quote(str(file.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = [row[0] for row in conn.execute(f"PRAGMA quick_check({_QUICK_CHECK_ROWS})")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") not in _DAMAGED_CODES:
            message, reason = f"cannot open the SQLite file {file}: {exc}", str(exc)
            raise StoreUnavailable(message, where=str(file), reason=reason) from None
        rows = [str(exc)]
    if rows != ["ok"]:
        raise _damaged(str(file), "; ".join(rows))


def _damaged(where: str, reason: str) -> StoreDamaged:
    return StoreDamaged(
        f"{where} is damaged or is not a workbench database ({reason}).", where=where, reason=reason, hint=_DAMAGED_HINT
    )


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
    except DBAPIError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        where = _where(engine.url)
        if getattr(exc.orig, "sqlite_errorname", "") in _DAMAGED_CODES:
            # Damage quick_check did not see at open, or that happened since: stop before writing more.
            raise _damaged(where, reason) from exc
        if not isinstance(exc, OperationalError):
            raise  # integrity errors and the like: the caller decides
        # A lost server, refused login or a lock held past the busy timeout: not a bug, say which.
        hint = _UNREACHABLE_HINT if engine.dialect.name != "sqlite" else ""
        raise StoreUnavailable(f"database {where}: {reason}.", where=where, reason=reason, hint=hint) from exc


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
        _refuse_newer_schema(conn)  # before Alembic, which would fail with "Can't locate revision"
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _script():  # noqa: ANN202 - alembic.script.ScriptDirectory, imported lazily
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def _head_revision() -> str | None:
    return _script().get_current_head()


def _refuse_newer_schema(conn: Connection) -> None:
    """StoreTooNew when the database is at a schema revision this version's migrations do not contain:
    a newer workbench migrated it, and this one can neither read it safely nor go back."""
    from alembic.migration import MigrationContext

    found = MigrationContext.configure(conn).get_current_heads()
    known = {script.revision for script in _script().walk_revisions()}
    unknown = [revision for revision in found if revision not in known]
    if unknown:
        where = _where(conn.engine.url)
        raise StoreTooNew(
            f"database {where} was written by a newer version of the workbench (schema revision "
            f"{', '.join(unknown)}; this version knows up to {_head_revision()}).",
            where=where,
            reason=", ".join(unknown),
            hint=_TOO_NEW_HINT,
        )


def schema_revision(engine: Engine) -> str | None:
    """The migration the database is at; None for an empty database."""
    from alembic.migration import MigrationContext

    with read_transaction(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_schema(engine: Engine) -> None:
    """Refuse a database whose schema is not at the newest migration (used when the app must not
    migrate: with several replicas, ``esg-workbench db migrate`` runs once, before they start)."""
    with read_transaction(engine) as conn:
        _refuse_newer_schema(conn)
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
