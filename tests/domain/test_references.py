"""Clearing references to deleted items, and deleting the items that cannot exist without them."""

from __future__ import annotations

import pytest

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.domain.references import clean_references

MUNICIPALITY = PROJECT_ROOT / "sample_data" / "municipality.json"


@pytest.fixture(scope="module")
def sample():
    return load_assessment(MUNICIPALITY)


def test_deleting_an_option_removes_its_scores_checks_and_decision(sample) -> None:
    chosen = sample.decision.option_id
    after = sample.model_copy(update={"options": [o for o in sample.options if o.id != chosen]})
    cleaned, cleared = clean_references(sample, after)
    assert not [s for s in cleaned.scores if s.option_id == chosen]
    assert not [m for m in cleaned.must_have_checks if m.option_id == chosen]
    assert cleaned.decision is None
    assert all(r.option_id != chosen for r in cleaned.roadmap)
    assert {"scores", "must_have_checks", "decision"} <= set(cleared)


def test_deleting_a_role_clears_owner_references_but_keeps_the_items(sample) -> None:
    role = sample.systems[0].owner_role_id
    after = sample.model_copy(update={"roles": [r for r in sample.roles if r.id != role]})
    cleaned, _ = clean_references(sample, after)
    assert len(cleaned.systems) == len(sample.systems)
    assert all(s.owner_role_id != role for s in cleaned.systems)


def test_nothing_deleted_means_nothing_changed(sample) -> None:
    renamed = sample.model_copy(update={"title": "Other"})
    cleaned, cleared = clean_references(sample, renamed)
    assert cleaned is renamed and cleared == []
