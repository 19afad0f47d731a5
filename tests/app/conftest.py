"""Fixtures for the Streamlit app tests: a fresh SQLite store per test holding both sample assessments and
an empty new one; and for team mode, the sign-in settings, a store with assessments shared between
three people, and the whole app run as one of them (a mocked ``st.user``: no identity provider is
ever contacted)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_helpers import EMPTY_ID, MAIN, PAGES, SAMPLES, Seeded, assert_clean
from streamlit.testing.v1 import AppTest
from team_helpers import AUTH, EDITOR, OWNER, VIEWER, Team

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import settings
from esg_workbench.frameworks import load_framework
from esg_workbench.new_assessment import new_assessment
from esg_workbench.samples import seed_samples
from esg_workbench.store import SecuredStore, Store, User


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


# --- team mode ------------------------------------------------------------------------------------


@pytest.fixture
def team_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Team mode on a fresh SQLite file (sign-in only from firm.dk, no administrators); the file."""
    db = tmp_path / "team.db"
    monkeypatch.setenv("ESG_WORKBENCH_DB", str(db))
    monkeypatch.setenv("ESG_WORKBENCH_MODE", "team")
    monkeypatch.setenv("ESG_WORKBENCH_ALLOWED_DOMAINS", "firm.dk")
    monkeypatch.delenv("ESG_WORKBENCH_ADMINS", raising=False)
    settings.cache_clear()
    yield db
    settings.cache_clear()


@pytest.fixture
def team_db(team_env: Path) -> Team:
    team = Team(team_env)
    fw = load_framework()
    sample = load_assessment(SAMPLES / "municipality.json")
    sample = sample.model_copy(
        update={
            "id": team.sample,
            "decision": None,
            "roadmap": [],
            "weighting": sample.weighting.model_copy(update={"method": "moscow_rank"}),  # shows a proposal
        }
    )
    with Store(str(team_env)) as store:
        anna, bo = SecuredStore(store, User(OWNER)), SecuredStore(store, User("bo@firm.dk"))
        anna.create(new_assessment(fw, organisation_name="anna A/S", title=team.shared, assessment_id=team.shared))
        bo.create(new_assessment(fw, organisation_name="bo A/S", title=team.private, assessment_id=team.private))
        anna.create(sample)
        for aid in (team.shared, team.sample):
            anna.share(aid, VIEWER, "viewer")
            anna.share(aid, EDITOR, "editor")
    return team


@pytest.fixture
def run_as(team_env: Path) -> Callable[..., AppTest]:
    """``run_as(email, page=..., assessment_id=...)``: the whole app signed in as ``email`` with the
    assessment open (from the URL, as after a refresh), switched to ``page``."""

    def run(email: str, *, page: str, assessment_id: str | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(MAIN), default_timeout=60)
        at.user = {"is_logged_in": True, "email": email, "name": email.split("@")[0].title(), "email_verified": True}
        at.secrets["auth"] = AUTH
        at.query_params["lang"] = lang
        if assessment_id:
            at.query_params["a"] = assessment_id
        at.run()
        if page != "assessments":
            at.switch_page(PAGES[page])
            at.run()
        assert_clean(at)
        return at

    return run
