"""import_workbook(export_workbook(a)) == a for every user-entered field, in both languages and for
generated assessments full of hostile text; rows added, edited or deleted in a spreadsheet program come
back as such."""

from __future__ import annotations

from collections.abc import Callable

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import assessments
from workbook_helpers import edit, find_row, put

from esg_workbench.domain import Assessment
from esg_workbench.domain.framework import Framework
from esg_workbench.frameworks import load_framework
from esg_workbench.workbook import export_workbook, export_workbook_bytes, import_workbook


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("name", ["municipality", "manufacturer"])
def test_samples_come_back_unchanged(name: str, lang: str, sample: Callable, exported: Callable) -> None:
    assert import_workbook(exported(name, lang)) == sample(name)


def test_a_path_round_trip_writes_the_file_atomically(tmp_path, sample: Callable) -> None:
    target = tmp_path / "out.xlsx"
    export_workbook(sample("manufacturer"), target, "da", samples=50)
    assert import_workbook(target) == sample("manufacturer")
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]  # no temporary file left behind


def test_an_assessment_without_decision_or_lists_round_trips(sample: Callable) -> None:
    bare = sample("municipality").model_copy(
        update={"decision": None, "roadmap": [], "to_be": sample("municipality").to_be.model_copy(update={"goals": []})}
    )
    assert import_workbook(export_workbook_bytes(bare, samples=0)) == bare


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=assessments(load_framework("esg-architecture")))
def test_generated_assessments_round_trip_exactly(data: Assessment) -> None:
    """Hostile text (=, +, -, @, tab, CRLF, #N/A, _xHHHH_, <r>...</r>), 17-digit floats, dates before
    1900, time zones: all come back exactly."""
    assert import_workbook(export_workbook_bytes(data, "en", samples=0)) == data


# --- edits made in a spreadsheet program -----------------------------------------------------------


def test_an_edited_cell_comes_back_edited(exported: Callable, sample: Callable) -> None:
    original = sample("municipality")
    role = original.roles[2]

    def rename(wb: openpyxl.Workbook) -> None:
        ws = wb["Roles"]
        ws.cell(find_row(ws, 1, role.id), 2).value = "Renamed in Excel"

    imported = import_workbook(edit(exported("municipality", "en"), rename))
    assert imported.roles[2].name == "Renamed in Excel"
    assert imported.model_copy(update={"roles": original.roles}) == original


def test_a_row_added_below_the_table_comes_back_as_a_new_item(exported: Callable, sample: Callable) -> None:
    original = sample("municipality")

    def add(wb: openpyxl.Workbook) -> None:
        ws = wb["Roles"]
        row = find_row(ws, 1, original.roles[-1].id) + 3  # blank rows in between are skipped
        put(ws, row, {"id": "rolle-ny", "name": "Ny rolle", "role_type": "functional", "responsibilities": "Ansvar"})

    imported = import_workbook(edit(exported("municipality", "en"), add))
    assert imported.roles[:-1] == original.roles
    new = imported.roles[-1]
    assert (new.id, new.name, new.role_type, new.holder) == ("rolle-ny", "Ny rolle", "functional", "")


def test_a_deleted_row_comes_back_deleted(exported: Callable, sample: Callable) -> None:
    original = sample("municipality")
    goal = original.to_be.goals[1]

    def delete(wb: openpyxl.Workbook) -> None:
        ws = wb["Goals"]
        ws.delete_rows(find_row(ws, 1, goal.id))

    imported = import_workbook(edit(exported("municipality", "en"), delete))
    assert [g.id for g in imported.to_be.goals] == [g.id for g in original.to_be.goals if g.id != goal.id]


def test_cost_lines_and_risks_go_back_into_their_options(exported: Callable, sample: Callable) -> None:
    original = sample("manufacturer")
    option = original.options[1]

    def add_line(wb: openpyxl.Workbook) -> None:
        ws = wb["Cost"]
        put(
            ws,
            ws.max_row + 1,
            {"option_id": option.id, "label": "Extra licence", "kind": "yearly", "amount": 1000, "start_year": 2},
        )

    imported = import_workbook(edit(exported("manufacturer", "en"), add_line))
    lines = imported.options[1].cost_lines
    assert lines[:-1] == option.cost_lines
    assert (lines[-1].label, lines[-1].kind, lines[-1].amount, lines[-1].start_year, lines[-1].years) == (
        "Extra licence",
        "yearly",
        1000,
        2,
        None,
    )


def test_a_danish_workbook_maps_back_by_field_ids(exported: Callable, sample: Callable) -> None:
    def change_weight(wb: openpyxl.Workbook) -> None:
        ws = wb["Kriterier og vægte"]
        put(ws, find_row(ws, 1, sample("manufacturer").criteria[0].id), {"weight": 12.5})

    imported = import_workbook(edit(exported("manufacturer", "da"), change_weight))
    assert imported.criteria[0].weight == 12.5
    assert imported.criteria[1:] == sample("manufacturer").criteria[1:]


def test_a_workbook_saved_by_another_program_still_imports(exported: Callable, sample: Callable) -> None:
    """openpyxl rewrites every part (shared strings, styles, formulas without values): the content stays."""
    assert import_workbook(edit(exported("municipality", "da"), lambda wb: None)) == sample("municipality")


def test_the_framework_fixture_is_the_installed_one(framework: Framework) -> None:
    assert (framework.id, framework.version) == ("esg-architecture", "1.0")
