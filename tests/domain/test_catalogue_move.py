"""Moving an assessment from ESRS Set 1 (2023) to the amended ESRS (2026): the dry run, what it maps,
what needs review and what is dropped, that applying keeps every coverage item, and the refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from esg_workbench.assessment_files import load_assessment
from esg_workbench.catalogue_move import MoveRefused, apply_move, plan_move
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.coverage import coverage_summary
from esg_workbench.domain.assessment import Assessment, Coverage
from esg_workbench.domain.framework import CatalogueMapping
from esg_workbench.domain.validation import validate_assessment
from esg_workbench.frameworks import FrameworkError, catalogue_mappings, load_catalogue_mapping, load_framework

SET1_FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "assessments" / "manufacturer_set1.json"
MAPPING = PROJECT_ROOT / "frameworks" / "esrs" / "mappings" / "esrs-set1-2023--esrs-amended-2026.yaml"
AMENDED = ("esrs-amended", "2026")


@pytest.fixture(scope="module")
def fw():  # noqa: ANN201
    return load_framework()


@pytest.fixture
def set1() -> Assessment:
    return load_assessment(SET1_FIXTURE)


def _mapping(**changes: dict) -> CatalogueMapping:
    """The shipped mapping with rows changed by code: {code: {"kind": ..., "to": [...]}} or None to drop it."""
    data = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    rows = []
    for row in data["rows"]:
        change = changes.get(row["from"].replace("-", "_").replace(".", "_"), {})
        if change is None:
            continue
        rows.append({**row, **change})
    return CatalogueMapping.model_validate({**data, "rows": rows})


def test_the_shipped_mapping_covers_every_set1_dr_and_names_only_codes_of_both_versions(fw) -> None:
    (mapping,) = catalogue_mappings()
    set1 = fw.catalogue(("esrs-set1", "2023"))
    assert [r.from_code for r in mapping.rows] == [d.code for d in set1.disclosure_requirements]
    assert mapping.by_code["E1-5"].to == ["E1-7"] and mapping.by_code["E1-5"].kind == "renamed"
    assert mapping.by_code["MDR-P"].to == ["GDR-P"]
    assert mapping.by_code["E2-6"].kind == "moved_to_esrs2" and mapping.by_code["E2-6"].to == ["SBM-3"]
    assert mapping.by_code["G1-2"].kind == "split" and len(mapping.by_code["G1-2"].to) == 2


def test_the_dry_run_lists_what_maps_and_what_needs_review_and_changes_nothing(set1: Assessment, fw) -> None:
    before = set1.model_dump(mode="json")
    plan = plan_move(set1, fw, AMENDED)
    assert plan.counts == {"maps": 29, "needs_review": 2, "dropped": 0, "unchanged": 0}
    by_id = {m.item_id: m for m in plan.items}
    energy = next(m for m in plan.items if m.old_code == "E1-5")
    assert (energy.new_code, energy.kind, energy.outcome) == ("E1-7", "renamed", "maps")
    assert (by_id["cov-g1-2"].outcome, by_id["cov-g1-2"].candidates) == ("needs_review", ("G1-1", "G1-2"))
    assert set1.model_dump(mode="json") == before


def test_applying_keeps_every_item_records_its_origin_and_counts_the_ones_to_review(set1: Assessment, fw) -> None:
    moved = apply_move(set1, fw, plan_move(set1, fw, AMENDED))
    assert (moved.catalogue.id, moved.catalogue.version) == AMENDED
    assert [c.id for c in moved.coverage] == [c.id for c in set1.coverage]
    energy = next(c for c in moved.coverage if c.moved_from == "esrs-set1 2023 E1-5")
    assert energy.disclosure_requirement == "E1-7" and energy.review is None
    split = next(c for c in moved.coverage if c.id == "cov-g1-2")
    assert (split.disclosure_requirement, split.review, split.review_candidates) == ("G1-2", "split", ["G1-1", "G1-2"])
    assert validate_assessment(moved, fw) == []
    summary = coverage_summary(moved, fw)
    assert [r.item_id for r in summary.needs_review] == ["cov-g1-2", "cov-g1-3"]
    assert summary.catalogue == "ESRS 2026"
    assert "2 coverage items need review after the move" in summary.sentence("en")
    # under review: not counted as covering anything (G1-3's item was automated under Set 1)
    assert all("cov-g1-3" not in d.item_ids for d in summary.drs)


def test_dropped_unmapped_and_datapoint_items_are_kept_for_review(set1: Assessment, fw) -> None:
    set1.coverage.append(
        Coverage(id="cov-dp", disclosure_requirement="E1-6", datapoint_id="E1-6_01", status="automated")
    )
    mapping = _mapping(E1_9={"kind": "dropped", "to": []}, E1_8=None)
    set1.coverage += [
        Coverage(id="cov-e1-9", disclosure_requirement="E1-9", status="manual"),
        Coverage(id="cov-e1-8", disclosure_requirement="E1-8", status="gap"),
    ]
    plan = plan_move(set1, fw, AMENDED, mapping=mapping)
    by_id = {m.item_id: m for m in plan.items}
    assert (by_id["cov-e1-9"].outcome, by_id["cov-e1-9"].review) == ("dropped", "dropped")
    assert (by_id["cov-e1-8"].outcome, by_id["cov-e1-8"].review) == ("needs_review", "unmapped")
    assert (by_id["cov-dp"].new_code, by_id["cov-dp"].review) == ("E1-8", "datapoint_list")
    moved = apply_move(set1, fw, plan)
    kept = {c.id: c for c in moved.coverage}
    assert kept["cov-e1-9"].disclosure_requirement == "E1-9" and kept["cov-e1-9"].moved_from == "esrs-set1 2023 E1-9"
    assert validate_assessment(moved, fw) == []
    assert len(coverage_summary(moved, fw).needs_review) == 2 + 3


def test_a_move_without_a_mapping_or_to_the_same_version_is_refused(set1: Assessment, fw) -> None:
    with pytest.raises(MoveRefused, match="no mapping from esrs-set1 2023 to vsme 2025"):
        plan_move(set1, fw, ("vsme", "2025"))
    with pytest.raises(MoveRefused, match="already works against esrs-set1 2023"):
        plan_move(set1, fw, ("esrs-set1", "2023"))
    with pytest.raises(MoveRefused, match="unknown catalogue 'esrs-amended 2031'"):
        plan_move(set1, fw, ("esrs-amended", "2031"))


def test_a_plan_made_before_the_coverage_changed_is_not_applied(set1: Assessment, fw) -> None:
    plan = plan_move(set1, fw, AMENDED)
    set1.coverage.append(Coverage(id="cov-new", disclosure_requirement="E1-1", status="gap"))
    before = set1.model_dump(mode="json")
    with pytest.raises(MoveRefused, match="coverage changed since the move was planned"):
        apply_move(set1, fw, plan)
    assert set1.model_dump(mode="json") == before


def test_a_reviewed_item_with_an_unknown_old_code_is_a_problem_with_its_path(fw) -> None:
    data = load_assessment(SET1_FIXTURE).model_dump(mode="json")
    data["catalogue"] = {"id": "esrs-amended", "version": "2026"}
    data["coverage"] = [
        {
            "id": "a",
            "disclosure_requirement": "X-9",
            "status": "gap",
            "review": "split",
            "moved_from": "esrs-set1 2023 X-9",
        },
        {"id": "b", "disclosure_requirement": "G1-2", "status": "gap", "review": "split", "moved_from": "nope 1 G1-2"},
        {"id": "c", "disclosure_requirement": "E1-6", "status": "gap", "review_candidates": ["E1-99"]},
        {"id": "d", "disclosure_requirement": "S1-17", "status": "gap"},
    ]
    problems = {p.path: p.message for p in validate_assessment(Assessment.model_validate(data), fw)}
    assert problems["coverage[0].disclosure_requirement"].startswith(
        "unknown ESRS disclosure requirement 'X-9' in esrs-set1 2023"
    )
    assert problems["coverage[1].moved_from"].startswith("unknown disclosure-requirement catalogue 'nope 1 G1-2'")
    assert (
        "'E1-99' is not a disclosure requirement of esrs-amended 2026" in problems["coverage[2].review_candidates[0]"]
    )
    assert (
        "unknown ESRS disclosure requirement 'S1-17' in esrs-amended 2026"
        in problems["coverage[3].disclosure_requirement"]
    )


def test_an_unknown_catalogue_is_a_problem_at_its_path(fw) -> None:
    data = load_assessment(SET1_FIXTURE).model_dump(mode="json")
    data["catalogue"] = {"id": "esrs-set1", "version": "1999"}
    (problem,) = validate_assessment(Assessment.model_validate(data), fw)
    assert problem.path == "catalogue"
    assert "unknown disclosure-requirement catalogue 'esrs-set1 1999'" in problem.message
    assert "esrs-amended 2026, esrs-set1 2023, vsme 2025" in problem.message


def test_a_mapping_file_with_codes_missing_on_either_side_names_file_and_row(tmp_path: Path) -> None:
    root = tmp_path / "frameworks"
    shutil.copytree(PROJECT_ROOT / "frameworks", root)
    data = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    data["rows"][0]["from"] = "BP-9"
    data["rows"][1]["to"] = ["BP-1", "XX-1"]
    data["rows"][2]["kind"] = "split"
    path = root / "esrs" / "mappings" / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FrameworkError) as raised:
        load_catalogue_mapping(path, frameworks_dir=root)
    lines = str(raised.value).splitlines()
    assert any(
        line.endswith("rows[0].from: 'BP-9' is not a disclosure requirement of esrs-set1 2023") for line in lines
    )
    assert any(
        line.endswith("rows[1].to[1]: 'XX-1' is not a disclosure requirement of esrs-amended 2026") for line in lines
    )
    assert any(line.endswith("rows[2].to: a row of kind 'split' names two or more targets, not 1") for line in lines)
    assert all("broken.yaml" in line for line in lines)
