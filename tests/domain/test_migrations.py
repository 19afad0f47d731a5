"""Schema 1 -> 2: data sources link disclosure requirements only through coverage items. Every link a
schema-1 file held on its data sources survives (in a file, a store revision or plain data), no
assessed status changes, and the upgrade is explicit (schema_version) and idempotent."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from sqlalchemy import text

from esg_workbench.assessment_files import load_assessment, parse_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.coverage import coverage_summary
from esg_workbench.domain import SCHEMA_VERSION, Assessment
from esg_workbench.domain.migrations import migrate
from esg_workbench.domain.validation import validate_data
from esg_workbench.frameworks import load_framework
from esg_workbench.store import Store
from esg_workbench.workbook import import_workbook

V1 = PROJECT_ROOT / "tests" / "fixtures" / "assessments" / "municipality_v1.json"


def _v1() -> dict:
    return json.loads(V1.read_text(encoding="utf-8"))


def _links_v1(data: dict) -> set[tuple[str, str]]:
    links = {(s["id"], code) for s in data["data_sources"] for code in s.get("disclosure_requirements", [])}
    links |= {(sid, c["disclosure_requirement"]) for c in data["coverage"] for sid in c.get("data_source_ids", [])}
    return links


def test_every_link_of_a_schema_1_file_survives() -> None:
    data = _v1()
    a = parse_assessment(data)
    assert a.schema_version == SCHEMA_VERSION == 3
    after = {(sid, code) for sid, codes in a.source_drs().items() for code in codes}
    assert after == _links_v1(data)
    statuses = {c["id"]: c["status"] for c in data["coverage"]}
    kept = {c.id: str(c.status) for c in a.coverage if c.id in statuses}
    assert kept == statuses  # no assessed status changes
    new = [c for c in a.coverage if c.id not in statuses]
    assert new and {str(c.status) for c in new} == {"not_assessed"}
    assert ("ds-vand", "E3-4") in after  # a link into a non-material standard is kept too


def test_the_upgrade_changes_no_coverage_number_and_reports_outside_links() -> None:
    """The schema 1 municipality said 62 of 84 material DRs not assessed, 5 automated, 8 manual, 6 partial
    and 3 gaps (the figures the "Trust first" issue recorded); upgraded, it says the same."""
    after = coverage_summary(parse_assessment(_v1()), load_framework())
    assert after.counts == {"not_assessed": 62, "gap": 3, "partial": 6, "manual": 8, "automated": 5}
    assert (after.not_assessed, after.material_drs) == (62, 84)
    assert [o.disclosure_requirement for o in after.outside] == ["E3-4"]


def test_links_join_the_dr_level_item_else_the_first_else_a_new_one() -> None:
    data = {
        "schema_version": 1,
        "data_sources": [
            {"id": "s1", "disclosure_requirements": ["E1-5", "E1-6", "E1-7"]},
            {"id": "s2", "disclosure_requirements": ["E1-7"]},
        ],
        "coverage": [
            {"id": "c1", "disclosure_requirement": "E1-5", "datapoint_id": "dp1", "status": "gap"},
            {"id": "c2", "disclosure_requirement": "E1-5", "status": "manual"},
            {"id": "c3", "disclosure_requirement": "E1-6", "datapoint_id": "dp2", "status": "partial"},
        ],
    }
    original = copy.deepcopy(data)
    out, moved = migrate(data)
    assert data == original  # the input is not changed
    assert [(c["id"], c.get("data_source_ids")) for c in out["coverage"]] == [
        ("c1", None),
        ("c2", ["s1"]),
        ("c3", ["s1"]),
        ("cov-e1-7", ["s1", "s2"]),
    ]
    assert out["coverage"][3]["status"] == "not_assessed"
    assert moved == {"coverage[3].disclosure_requirement": "data_sources[0].disclosure_requirements[2]"}
    assert out["schema_version"] == 3 and "disclosure_requirements" not in out["data_sources"][0]
    assert migrate(out) == (out, {})  # idempotent: current data comes back as it is


def test_a_schema_1_revision_in_the_store_opens_with_its_links(tmp_path: Path) -> None:
    data = _v1()
    with Store(str(tmp_path / "s.db")) as store:
        current = parse_assessment(data)
        store.create(current, author="test")
        with store.engine.begin() as conn:  # as a store written by the previous version holds it
            conn.execute(text("UPDATE revisions SET content = :c"), {"c": json.dumps(data)})
        loaded = store.load(current.id).assessment
    assert isinstance(loaded, Assessment) and loaded.schema_version == 3
    assert {(s, c) for s, codes in loaded.source_drs().items() for c in codes} == _links_v1(data)


def test_a_schema_1_workbook_imports_with_its_links() -> None:
    """A workbook exported before schema 2 has a 'Disclosure requirements' column on its Data sources
    sheet; it used to be refused as an unknown column, so the links could only come back by deleting them."""
    fixtures = PROJECT_ROOT / "tests" / "fixtures" / "assessments"
    a = import_workbook(fixtures / "minimal_v1.xlsx")
    assert a.schema_version == 3
    assert a.source_drs() == {"energy": ["E1-5"]}
    assert [(c.disclosure_requirement, str(c.status)) for c in a.coverage] == [("E1-5", "not_assessed")]
    assert a == load_assessment(fixtures / "minimal.json").model_copy(
        update={"created_at": a.created_at, "updated_at": a.updated_at}
    )


# --- schema 3: the assessment names its catalogue ---------------------------------------------------


def test_a_schema_2_file_is_moved_to_esrs_set1_explicitly_never_to_the_new_default() -> None:
    data = json.loads((PROJECT_ROOT / "sample_data" / "municipality.json").read_text(encoding="utf-8"))
    data["schema_version"] = 2
    del data["catalogue"]
    out, moved = migrate(data)
    assert out["catalogue"] == {"id": "esrs-set1", "version": "2023"} and out["schema_version"] == 3
    assert moved == {} and "catalogue" not in data  # the input is not changed
    assessment = Assessment.model_validate(data)
    assert (assessment.catalogue.id, assessment.catalogue.version) == ("esrs-set1", "2023")
    assert validate_data(data, load_framework()) == []  # its codes are read in Set 1's terms (S1-17, MDR-P)


def test_a_new_assessment_works_against_the_amended_esrs() -> None:
    a = Assessment(id="x", title="X", organisation={"name": "X"})
    assert (a.catalogue.id, a.catalogue.version) == ("esrs-amended", "2026")
