"""A missing value in a table (a data source outside any system, a system without an owner) is an empty
cell, not the word "None" that Streamlit's grid shows for a missing value by default; result tables show
a dash for a number that does not exist."""

from __future__ import annotations

import math

import pytest
from app_helpers import assert_clean, run_app

AS_IS_TABLES = ["data_sources", "systems", "data_flows", "roles", "processes", "coverage"]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def test_a_source_outside_any_system_shows_an_empty_system_cell(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="as_is", state={"view.as_is": "data_sources"})
    assert_clean(at)
    editor = next(e for e in at.data_editor if e.key and e.key.startswith("as_is.data_sources."))
    systems = list(editor.value["system_id"])
    assert any(_missing(v) for v in systems), "the sample has sources outside any system"
    assert "None" not in systems  # missing, not the text "None"
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""


@pytest.mark.parametrize("view", AS_IS_TABLES)
def test_every_as_is_table_shows_missing_values_as_empty_cells(seeded, view: str) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="as_is", state={"view.as_is": view})
    assert_clean(at)
    assert at.data_editor, view
    for editor in at.data_editor:
        assert editor.proto.HasField("placeholder") and editor.proto.placeholder == "", editor.key


def test_the_ranking_and_the_costs_show_a_dash_for_a_missing_number(seeded) -> None:
    for view in ("ranking", "costs"):
        at = run_app(assessment_id=seeded.ids["manufacturer"], page="scenarios", state={"view.scenarios": view})
        assert_clean(at)
        results = [frame for frame in at.dataframe if frame.editing_mode == "read_only"]
        assert results, view
        assert results[0].proto.placeholder == "—", view
