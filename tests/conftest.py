"""Shared fixtures. Databases: ``db_url`` runs a test once on SQLite and once on PostgreSQL (a fresh
schema per test, dropped afterwards); ``store`` is an open Store on it.

PostgreSQL comes from ESG_WORKBENCH_TEST_PG_URL (``.ci/start-postgres.sh`` prints it). Without it, or
with the server down, PostgreSQL tests are skipped locally and fail in CI (CI=true).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, make_url, text

PG_URL_ENV = "ESG_WORKBENCH_TEST_PG_URL"

# Property and fuzz tests draw the same examples on every machine and every run ("ci", the default), so
# a red test is red for everyone and a green one stays green; a test sets its own number of examples.
# "fuzz-long" draws new random examples, many more of them, and keeps failures in .hypothesis/ to replay:
# HYPOTHESIS_PROFILE=fuzz-long pytest tests/test_fuzz_importers.py. A failure found that way becomes an
# explicit @example or test case, so the deterministic run covers it from then on.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("fuzz-long", derandomize=False, max_examples=2_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """The PostgreSQL server URL for tests, after checking the server answers."""
    url = os.environ.get(PG_URL_ENV, "").strip()
    if not url:
        _unavailable(f'PostgreSQL tests need {PG_URL_ENV}; run: eval "$(.ci/start-postgres.sh)"')
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        shown = make_url(url).render_as_string(hide_password=True)
        _unavailable(f"PostgreSQL at {shown} is unreachable: {str(exc).splitlines()[0]}")
    finally:
        engine.dispose()
    return url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A URL whose connections work in a new, empty schema of their own; dropped after the test."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(pg_server_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(pg_server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL (or SQLite path) for a store, once per backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str):
    """An open, empty Store on each backend."""
    from esg_workbench.store import Store

    with Store(db_url) as opened:
        yield opened


# The slow tests, by module: left out of ``make test-fast`` (the inner loop), run by ``make test`` and CI.
# Browser tests are marked ``browser`` in their modules, PostgreSQL ones ``postgres`` by the db fixtures.
SLOW_MODULES = {
    "e2e",  # every browser test, marked or not: each starts a server and Chromium
    "workbook/test_libreoffice.py",  # LibreOffice recalculation
    "workbook/test_live_formulas.py",  # the formulas package recalculates whole workbooks
    "workbook/test_business_case_sheet.py",  # the formulas package and LibreOffice recalculate workbooks
    "workbook/test_group_formulas.py",  # the formulas package and LibreOffice recalculate workbooks
    "workbook/test_round_trip.py",  # property tests over whole workbooks
    "workbook/test_import_errors.py",
    "workbook/test_workshop_sheets.py",  # whole workbooks exported and imported
    "store/test_store_concurrency.py",  # threads and processes racing on one store
    "store/test_two_processes.py",
    "store/test_crash_consistency.py",  # kills a writer mid-save
    "test_wheel.py",  # builds the wheel
    "test_fuzz_importers.py",  # fuzzing
    "interchange/test_interchange_fuzz.py",  # fuzzing the EA and requirement imports
    "scoring/test_scoring_benchmark.py",  # runs the benchmark script
    "scoring/test_finite_results.py",  # property test over extreme assessments
    "report/test_report_pdf.py",  # lays out whole reports as PDF and renders their pages
}
# A test that renders the app under AppTest is slow however small: it needs the app's store fixtures.
APP_FIXTURES = {"app_db", "seeded", "team_env", "team_db", "run_as"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(__file__).parent
    for item in items:
        where = Path(str(item.fspath)).relative_to(root).as_posix()
        fixtures = set(getattr(item, "fixturenames", ()))
        if any(where == module or where.startswith(f"{module}/") for module in SLOW_MODULES) or fixtures & APP_FIXTURES:
            item.add_marker(pytest.mark.slow)
        if fixtures & {"pg_url", "pg_server_url"}:
            item.add_marker(pytest.mark.postgres)
