"""The workshop's tables in a real browser, checked in the store: a stakeholder's voting weight and one of
their weights typed into the data editors are stored as exactly those edits, and the group's result on
the page follows."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from e2e_harness import ROOT, free_port, serve_app, wait_idle
from test_table_integrity_browser import (
    MUNICIPALITY,
    _cell_shows,
    _changes,
    _open,
    _revisions,
    _set_cell,
    _stored,
    _wait_for_revision,
    page,  # noqa: F401 - the fixture
)

from esg_workbench.domain.assessment import Stakeholder, StakeholderWeight
from esg_workbench.samples import seed_samples
from esg_workbench.store import Store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on a store holding both samples, the municipality with a CFO and a CIO who weight
    directly; (its URL, the store's URL)."""
    folder = tmp_path_factory.mktemp("workshop")
    db = str(folder / "e2e.db")
    with Store(db) as store:
        seed_samples(store, ROOT / "sample_data")
        stored = store.load(MUNICIPALITY)
        criteria = [c.id for c in stored.assessment.criteria]
        workshop = stored.assessment.model_copy(
            update={
                "stakeholders": [
                    Stakeholder(id="sh-cfo", name="CFO", role="Finance", voting_weight=2),
                    Stakeholder(id="sh-cio", name="CIO", role="IT"),
                ],
                "stakeholder_weights": [
                    StakeholderWeight(stakeholder_id=s, criterion_id=c, value=1 + i % 3)
                    for s in ("sh-cfo", "sh-cio")
                    for i, c in enumerate(criteria)
                ],
            }
        )
        store.save(workshop, base_revision=stored.revision, author="test")
    env = {**os.environ, "ESG_WORKBENCH_DB": db}
    with serve_app(env, free_port(), folder / "server.log") as url:
        yield url, db


def test_a_voting_weight_and_a_stakeholder_weight_typed_in_the_browser_are_stored(served, page) -> None:  # noqa: F811
    url, db = served
    browser = page()
    first = _revisions(db, MUNICIPALITY)[-1]
    _open(browser, url, "requirements", MUNICIPALITY, "workshop")
    _set_cell(browser, "workshop.stakeholders", row=0, column=2, text="3")
    _wait_for_revision(browser, first + 1)
    assert _changes(db, MUNICIPALITY, first, first + 1) == ["stakeholders[sh-cfo].voting_weight: 2.0 -> 3.0"]
    _set_cell(browser, "workshop.weights", row=0, column=2, text="7")
    _wait_for_revision(browser, first + 2)
    [changed] = _changes(db, MUNICIPALITY, first + 1, first + 2)
    assert changed.startswith("stakeholder_weights[") and changed.endswith("value: 1.0 -> 7.0")
    stored = _stored(db, MUNICIPALITY).assessment
    assert stored.stakeholders[0].voting_weight == 3 and stored.stakeholder_weights[0].value == 7
    browser.reload()
    wait_idle(browser)
    _cell_shows(browser, "workshop.stakeholders", 0, "3")
    browser.get_by_text("Consensus").first.wait_for()
