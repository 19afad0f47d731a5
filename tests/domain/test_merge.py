"""Applying one session's change on top of another's (three-way, per field)."""

from __future__ import annotations

import pytest

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.domain.merge import merge_change

MUNICIPALITY = PROJECT_ROOT / "sample_data" / "municipality.json"


@pytest.fixture(scope="module")
def sample():
    return load_assessment(MUNICIPALITY)


def test_merge_applies_my_change_and_keeps_theirs(sample) -> None:
    base = sample
    mine = base.model_copy(update={"organisation": base.organisation.model_copy(update={"description": "mine"})})
    theirs = base.model_copy(
        update={"title": "theirs", "organisation": base.organisation.model_copy(update={"employees": 1})}
    )
    merged = merge_change(base, mine, theirs)
    assert (merged.title, merged.organisation.description, merged.organisation.employees) == ("theirs", "mine", 1)
