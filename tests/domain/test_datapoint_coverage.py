"""Coverage at datapoint level against an imported datapoint list (the project's IG 3 fixture, ESRS Set 1):
finding datapoints, the bulk changes per DR, the datapoint check with paths, and out-of-scope datapoints
never counted."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.coverage import coverage_summary, roll_up
from esg_workbench.datapoint_coverage import (
    DatapointFilter,
    datapoint_problems,
    item_status,
    map_to_source,
    mark_voluntary_out_of_scope,
    select,
    take_status_down,
)
from esg_workbench.domain.assessment import Coverage
from esg_workbench.esrs_import.workbook import import_ig3_workbook
from esg_workbench.frameworks import load_esrs_catalogue, load_framework

SET1 = PROJECT_ROOT / "tests" / "fixtures" / "assessments" / "manufacturer_set1.json"


def _make_ig3():  # noqa: ANN202 - the fixture generator module
    spec = importlib.util.spec_from_file_location(
        "make_ig3", PROJECT_ROOT / "tests" / "fixtures" / "ig3" / "make_ig3.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ig3():  # noqa: ANN201
    data = _make_ig3().build_ig3_workbook()
    return import_ig3_workbook(data, filename="ig3.xlsx", standard=load_esrs_catalogue("esrs-set1", "2023")).catalogue


def test_finding_datapoints_by_standard_dr_text_type_and_flags(ig3) -> None:
    assert [p.id for p in select(ig3, DatapointFilter(dr="E1-6"))] == ["E1-6_01", "E1-6_02"]
    assert [p.id for p in select(ig3, DatapointFilter(standard="E1", voluntary=True))] == ["E1-6_02"]
    assert [p.id for p in select(ig3, DatapointFilter(text="scope 1"))] == ["E1-6_01"]
    assert [p.id for p in select(ig3, DatapointFilter(data_type="table"))] == ["SBM-1_01"]
    assert {p.id for p in select(ig3, DatapointFilter(conditional=True))} == {"BP-1_02", "MDR-P_07", "E1-6_02"}
    assert {p.id for p in select(ig3, DatapointFilter(standard="S2", phase_in=True))} == {"S2-1_01", "S2-1_02"}


def test_linking_every_datapoint_of_a_dr_keeps_what_was_entered(ig3) -> None:
    a = load_assessment(SET1)
    source = a.data_sources[0].id
    a.coverage.append(Coverage(id="cov-dp1", disclosure_requirement="E1-6", datapoint_id="E1-6_01", status="manual"))
    moved = map_to_source(a, ig3, "E1-6", source)
    items = {c.datapoint_id: c for c in moved.coverage if c.datapoint_id}
    assert (items["E1-6_01"].id, items["E1-6_01"].status, items["E1-6_01"].data_source_ids) == (
        "cov-dp1",
        "manual",
        [source],
    )
    assert (items["E1-6_02"].status, items["E1-6_02"].data_source_ids) == ("not_assessed", [source])
    assert len(moved.coverage) == len(a.coverage) + 1 and len(a.coverage) == len(moved.coverage) - 1
    with pytest.raises(KeyError, match="unknown data source 'nope'"):
        map_to_source(a, ig3, "E1-6", "nope")


def test_voluntary_datapoints_out_of_scope_are_never_counted(ig3) -> None:
    a = load_assessment(SET1)
    fw = load_framework()
    before = coverage_summary(a, fw)
    out = mark_voluntary_out_of_scope(a, ig3, "E1-6")
    assert item_status(out) == {"E1-6_02": "out_of_scope"}
    after = coverage_summary(out, fw)
    e1_6 = next(d for d in after.drs if d.code == "E1-6")
    assert e1_6.status == next(d for d in before.drs if d.code == "E1-6").status  # unchanged by the item
    assert after.counts == before.counts
    assert roll_up(["out_of_scope"]) == "not_assessed" and roll_up(["automated", "out_of_scope"]) == "automated"


def test_the_drs_status_goes_down_to_its_datapoints_but_not_to_those_out_of_scope(ig3) -> None:
    a = load_assessment(SET1)
    a.coverage.append(Coverage(id="cov-e16", disclosure_requirement="E1-6", status="partial", data_source_ids=[]))
    a = mark_voluntary_out_of_scope(a, ig3, "E1-6")
    down = take_status_down(a, ig3, "E1-6")
    assert item_status(down) == {"E1-6_01": "partial", "E1-6_02": "out_of_scope"}
    with pytest.raises(KeyError, match="S4-1 has no coverage item of its own"):
        take_status_down(a, ig3, "S4-1")


def test_an_unknown_datapoint_or_one_of_another_dr_is_a_problem_with_its_path(ig3) -> None:
    a = load_assessment(SET1)
    a.coverage += [
        Coverage(id="x1", disclosure_requirement="E1-6", datapoint_id="E1-6_99", status="gap"),
        Coverage(id="x2", disclosure_requirement="E1-5", datapoint_id="E1-6_01", status="gap"),
        Coverage(id="x3", disclosure_requirement="E1-6", datapoint_id="E1-6_01", status="gap"),
    ]
    n = len(a.coverage)
    problems = {p.path: p.message for p in datapoint_problems(a, ig3)}
    assert problems == {
        f"coverage[{n - 3}].datapoint_id": f"datapoint 'E1-6_99' is not in the datapoint list {ig3.id} {ig3.version}",
        f"coverage[{n - 2}].datapoint_id": "datapoint 'E1-6_01' belongs to E1-6, not to E1-5",
    }


def test_a_dr_left_open_with_a_note_is_counted_apart_and_still_not_assessed() -> None:
    """The municipality leaves E1-9, E4-1, E4-6 and E5-6 open, each with a note: 4 not assessed, 4 of them
    left open, said in the headline in both languages. Without its note, E1-9 is simply not assessed; a
    note on an assessed DR changes nothing."""
    from esg_workbench.assessment_files import load_assessment
    from esg_workbench.coverage import coverage_summary
    from esg_workbench.frameworks import framework_for_assessment

    a = load_assessment("sample_data/municipality.json")
    fw = framework_for_assessment(a)
    summary = coverage_summary(a, fw)
    assert (summary.not_assessed, summary.left_open) == (4, 4)
    assert "not yet assessed (4 left open with a reason noted);" in summary.sentence("en")
    assert "er endnu ikke vurderet (4 holdt åbne med en begrundelse);" in summary.sentence("da")
    silent = [c.model_copy(update={"notes": ""}) if c.id == "cov-e1-9" else c for c in a.coverage]
    summary = coverage_summary(a.model_copy(update={"coverage": silent}), fw)
    assert (summary.not_assessed, summary.left_open) == (4, 3)
    quiet = [c.model_copy(update={"notes": ""}) for c in a.coverage if c.status == "not_assessed"]
    summary = coverage_summary(a.model_copy(update={"coverage": quiet}), fw)
    assert summary.left_open == 0 and "left open" not in summary.sentence("en")
