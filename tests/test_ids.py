"""Ids for new items: made from the name, never one already used anywhere in the assessment."""

from __future__ import annotations

import pytest

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.ids import all_ids, new_id

MUNICIPALITY = PROJECT_ROOT / "sample_data" / "municipality.json"


@pytest.fixture(scope="module")
def sample():
    return load_assessment(MUNICIPALITY)


def test_new_id_from_a_name_avoids_every_taken_id() -> None:
    taken = {"sap-s-4hana", "sap-s-4hana-2"}
    assert new_id("SAP S/4HANA", taken) == "sap-s-4hana-3"
    assert "sap-s-4hana-3" in taken
    assert new_id("Økonomi og løn", set()) == "okonomi-og-lon"


def test_new_id_without_a_name_numbers_the_prefix() -> None:
    taken = {"flow-1"}
    assert [new_id("", taken, prefix="flow") for _ in range(2)] == ["flow-2", "flow-3"]


def test_all_ids_covers_every_collection_and_goals(sample) -> None:
    ids = all_ids(sample)
    assert sample.data_sources[0].id in ids and sample.to_be.goals[0].id in ids
