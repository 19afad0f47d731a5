"""Fixtures for the Streamlit app tests: a fresh SQLite store per test holding both sample assessments and
an empty new one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import EMPTY_ID, SAMPLES, Seeded

from esg_workbench.app.samples import seed_samples
from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import settings
from esg_workbench.frameworks import load_framework
from esg_workbench.new_assessment import new_assessment
from esg_workbench.store import Store


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    db = tmp_path / "app.db"
    monkeypatch.setenv("ESG_WORKBENCH_DB", str(db))
    settings.cache_clear()
    yield db
    settings.cache_clear()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """A store with both samples and an empty new assessment, built once; tests get a copy."""
    db = tmp_path_factory.mktemp("template") / "app.db"
    with Store(str(db)) as store:
        seed_samples(store, SAMPLES)
        empty = new_assessment(
            load_framework(), organisation_name="Empty ApS", title="Empty new assessment", assessment_id=EMPTY_ID
        )
        store.create(empty, author="test")
    ids = {path.stem: load_assessment(path).id for path in sorted(SAMPLES.glob("*.json"))}
    return Seeded(db, {**ids, "empty": EMPTY_ID})


@pytest.fixture
def seeded(app_db: Path, seeded_template: Seeded) -> Seeded:
    shutil.copyfile(seeded_template.db, app_db)
    return Seeded(app_db, seeded_template.ids)
