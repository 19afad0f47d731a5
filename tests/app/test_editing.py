"""The pure helpers behind every edit: fresh ids, table cells to model values, clearing references to
deleted items, and applying one session's change on top of another's."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from esg_workbench.app.editing import all_ids, clean_cell, clean_references, merge_change, new_id
from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT

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


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "text", None),
        (float("nan"), "float", None),
        ("  ", "text", None),
        (3.0, "int", 3),
        (3.5, "int", 3.5),  # left to the model, which reports it
        ("2026-05-01", "date", date(2026, 5, 1)),
        (pd.Timestamp("2026-05-01 12:00"), "date", date(2026, 5, 1)),
        (datetime(2026, 5, 1, 8), "date", date(2026, 5, 1)),
        (["E1", "E2"], "multiselect", ["E1", "E2"]),
        ("E1, E2", "multiselect", ["E1", "E2"]),
        (None, "multiselect", []),
        (1, "bool", True),
    ],
)
def test_clean_cell(value, kind: str, expected) -> None:
    assert clean_cell(value, kind) == expected


def test_clean_cell_turns_numpy_scalars_into_python_values() -> None:
    import numpy as np

    value = clean_cell(np.float64(2.5), "float")
    assert type(value) is float and math.isclose(value, 2.5)


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


def test_all_ids_covers_every_collection_and_goals(sample) -> None:
    ids = all_ids(sample)
    assert sample.data_sources[0].id in ids and sample.to_be.goals[0].id in ids


def test_merge_applies_my_change_and_keeps_theirs(sample) -> None:
    base = sample
    mine = base.model_copy(update={"organisation": base.organisation.model_copy(update={"description": "mine"})})
    theirs = base.model_copy(
        update={"title": "theirs", "organisation": base.organisation.model_copy(update={"employees": 1})}
    )
    merged = merge_change(base, mine, theirs)
    assert (merged.title, merged.organisation.description, merged.organisation.employees) == ("theirs", "mine", 1)
