"""Stores that cannot be used, built on disk for the tests of the store, the CLI and the app: a file
of random bytes, a real database cut in half, a database a newer workbench migrated, and a PostgreSQL
URL on a port nobody listens on."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from esg_workbench.domain import Assessment
from esg_workbench.store import Store

FUTURE_REVISION = "9999_from_a_newer_workbench"
# Port 1 (tcpmux) is closed on any machine that runs the tests; the password must never be shown.
CLOSED_PORT_URL = "postgresql+psycopg://esg:s3cret-pw@127.0.0.1:1/esg?connect_timeout=2"


def random_bytes_db(path: Path) -> Path:
    path.write_bytes(random.Random(5).randbytes(16_384))
    return path


def _real_db(path: Path) -> Path:
    with Store(str(path), migrate=True) as store:
        for n in range(20):  # enough pages that half the file leaves tables behind
            title = f"assessment {n} " + "x" * 400
            store.create(Assessment.model_validate({"id": f"a{n}", "title": title, "organisation": {"name": "O"}}))
    return path


def truncated_db(path: Path) -> Path:
    data = _real_db(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def future_db(path: Path) -> Path:
    _real_db(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (FUTURE_REVISION,))
    conn.close()
    return path


def stored_revision(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
