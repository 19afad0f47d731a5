"""Tests of the shipped content: the ESG architecture framework 1.0 against the team's shared vocabulary
and the report's figures, and the ESRS catalogue against the DR table it is generated from."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from esg_workbench.config import settings
from esg_workbench.domain.fields import CriterionKind, Direction, Priority
from esg_workbench.domain.framework import EsrsCatalogue, Framework
from esg_workbench.frameworks import load_esrs_catalogue, load_framework

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
FIXTURES = Path(__file__).parent / "fixtures" / "frameworks"
BUILD_SCRIPT = settings().frameworks_dir / "esrs" / "build_catalogues.py"

VOCABULARIES = {
    "sector": [
        "municipality",
        "region",
        "state_agency",
        "education",
        "public_company",
        "utility",
        "private_enterprise",
        "financial_institution",
        "other",
    ],
    "role_type": ["job", "line_manager", "functional", "process", "governance"],
    "system_category": [
        "erp",
        "bi_analytics",
        "hr",
        "ehs",
        "energy_facility",
        "procurement",
        "data_platform",
        "spreadsheet",
        "dedicated_esg",
        "fleet_travel",
        "crm",
        "ot_scada",
        "document_management",
        "other",
    ],
    "hosting": ["saas", "private_cloud", "on_premises", "hybrid"],
    "integration_method": [
        "manual_entry",
        "file_export",
        "api",
        "database_connector",
        "etl_pipeline",
        "event_stream",
        "none",
    ],
    "disposition": ["tolerate", "invest", "migrate", "eliminate"],
    "data_source_type": [
        "system_extract",
        "manual_spreadsheet",
        "supplier_data",
        "meter_iot",
        "estimate",
        "survey",
        "invoice",
        "external_database",
        "document",
    ],
    "availability": ["readily_available", "on_request", "partial", "not_available"],
    "data_quality": ["high", "medium", "low", "unknown"],
    "aggregation": [
        "none",
        "sum",
        "average",
        "emission_factor",
        "consolidation",
        "extrapolation",
        "manual_compilation",
    ],
    "frequency": ["real_time", "daily", "weekly", "monthly", "quarterly", "semi_annual", "annual", "ad_hoc"],
    "process_stage": ["collect", "validate", "consolidate", "report", "assure"],
    "process_state": ["ad_hoc", "repeatable", "defined", "partly_automated", "automated"],
    "ambition_level": ["compliance", "operationalisation", "automation"],
    "survey_answer": ["high", "partly", "low", "dont_know"],
    "requirement_category": [
        "business",
        "data_management",
        "integration",
        "analytics",
        "user_interface",
        "automation",
        "security",
        "assurance",
        "governance",
        "scalability",
    ],
    "roadmap_phase": ["interim", "foundation", "target", "improve"],
    "coverage_review": ["split", "dropped", "datapoint_list", "unmapped"],
}
DIMENSIONS = [
    "data_foundation",
    "integration",
    "reporting_analytics",
    "governance",
    "process_automation",
    "assurance_controls",
    "competencies",
    "technology_platform",
]
ARCHETYPES = ["bi_extension", "erp_module", "dedicated_esg", "hybrid_platform", "spreadsheet_interim"]
SCALE_CRITERIA = [
    "esrs_coverage",
    "audit_trail",
    "data_quality_controls",
    "integration_fit",
    "automation",
    "analytics",
    "usability",
    "regulatory_adaptability",
    "scalability",
    "security_privacy",
    "vendor_viability",
    "internal_skills",
    "change_effort",
    "lock_in",
]
SURVEY_IDS = [
    "mgmt_attention",
    "co2_targets",
    "it_operations_contracts",
    "it_procurement",
    "data_overview",
    "documented_consumption",
    "digital_co2_tools",
    "energy_iot",
    "digital_reuse",
    "data_sharing",
]
# framework.md's survey figures ("to a high degree" %, "not at all or low degree" %), in its order; used
# when the shared reference folder is absent, and checked against it when it is present.
SURVEY_FIGURES = [(41, 22), (30, 43), (23, 36), (28, 26), (16, 43), (16, 45), (15, 51), (17, 50), (20, 43), (8, 47)]
STANDARDS = ["ESRS 2", "E1", "E2", "E3", "E4", "E5", "S1", "S2", "S3", "S4", "G1"]


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("esg-architecture", "1.0")


# --- steps and maturity model ---------------------------------------------------------------------


def test_four_steps_with_the_reports_danish_titles(framework: Framework) -> None:
    assert [(s.id, s.number) for s in framework.steps] == [
        ("as_is", 1),
        ("to_be", 2),
        ("requirements", 3),
        ("scenarios", 4),
    ]
    assert [s.title.da for s in framework.steps] == [
        "Analyser 'as-is' for ESG",
        "Vurder 'to-be' og ambitionsniveau",
        "Definer de overordnede forretningsmæssige og tekniske krav",
        "Fastlæg udfaldsscenarier og strategisk retning",
    ]
    for step in framework.steps:
        assert len(step.sections) >= 3 and all(len(s.questions) >= 2 for s in step.sections), step.id
        assert len(step.checklist) >= 4, step.id
    assert [s.id for s in framework.step("as_is").sections] == ["data_landscape", "it_architecture", "governance"]


def test_maturity_model_five_levels_through_three_stages_on_eight_dimensions(framework: Framework) -> None:
    model = framework.maturity_model
    stages = [level.stage for level in model.levels]
    assert [level.level for level in model.levels] == [1, 2, 3, 4, 5]
    assert stages[0] == "compliance" and stages[-1] == "automation" and "operationalisation" in stages
    assert [d.id for d in model.dimensions] == DIMENSIONS
    for dimension in model.dimensions:
        described = [level.en for level in dimension.levels]
        assert len(set(described)) == 5, dimension.id  # each level says something of its own


# --- vocabularies, criteria, archetypes -----------------------------------------------------------


def test_vocabularies_have_exactly_the_shared_ids(framework: Framework) -> None:
    assert {name: [t.id for t in terms] for name, terms in framework.vocabularies.items()} == VOCABULARIES
    assert framework.vocabulary_ids("maturity_dimension") == frozenset(DIMENSIONS)
    assert framework.vocabulary_ids("archetype") == frozenset(ARCHETYPES)
    assert framework.vocabulary_ids("survey_question") == frozenset(SURVEY_IDS)


def test_criteria_catalogue(framework: Framework) -> None:
    catalogue = {c.id: c for c in framework.criteria_catalogue}
    assert list(catalogue) == [*SCALE_CRITERIA, "tco", "time_to_first_report"]
    assert [c for c in SCALE_CRITERIA if catalogue[c].kind != CriterionKind.SCALE] == []
    for criterion_id, unit in (("tco", "DKK"), ("time_to_first_report", "months")):
        criterion = catalogue[criterion_id]
        assert (criterion.kind, criterion.unit, criterion.direction) == (
            CriterionKind.QUANTITATIVE,
            unit,
            Direction.LOWER_IS_BETTER,
        )
    assert all(c.default_weight > 0 and c.requirement_categories for c in catalogue.values())
    covered = {cat for c in catalogue.values() for cat in c.requirement_categories}
    assert covered == set(VOCABULARIES["requirement_category"])


def test_archetypes_are_scored_on_every_scale_criterion_and_differ(framework: Framework) -> None:
    assert [a.id for a in framework.archetypes] == ARCHETYPES
    assert [a.id for a in framework.archetypes if a.interim] == ["spreadsheet_interim"]
    profiles = set()
    for archetype in framework.archetypes:
        assert sorted(archetype.prior_scores) == sorted(SCALE_CRITERIA), archetype.id
        assert len(archetype.strengths) >= 3 and len(archetype.risks) >= 3, archetype.id
        assert archetype.typical_time_to_first_report_months, archetype.id
        profiles.add(tuple(archetype.prior_scores[c] for c in SCALE_CRITERIA))
    assert len(profiles) == len(ARCHETYPES)
    for criterion in SCALE_CRITERIA:  # every criterion separates at least two archetypes
        assert len({a.prior_scores[criterion] for a in framework.archetypes}) > 1, criterion


def test_archetype_profiles_follow_the_method(framework: Framework) -> None:
    score = {a.id: a.prior_scores for a in framework.archetypes}
    months = {a.id: a.typical_time_to_first_report_months for a in framework.archetypes}
    others = [a for a in ARCHETYPES if a != "spreadsheet_interim"]
    # BI extension: strong on analytics and skills, weak on audit trail.
    assert score["bi_extension"]["analytics"] == 5 and score["bi_extension"]["internal_skills"] == 5
    assert score["bi_extension"]["audit_trail"] < score["dedicated_esg"]["audit_trail"]
    # Dedicated ESG software: best ESRS coverage and audit trail, the most lock-in (lowest lock_in score).
    assert score["dedicated_esg"]["esrs_coverage"] == max(s["esrs_coverage"] for s in score.values())
    assert score["dedicated_esg"]["audit_trail"] == max(s["audit_trail"] for s in score.values())
    assert score["dedicated_esg"]["lock_in"] == min(s["lock_in"] for s in score.values())
    # Spreadsheets: quick and cheap to change to, poor on audit trail, automation and scalability.
    for criterion in ("audit_trail", "automation", "scalability"):
        assert all(score["spreadsheet_interim"][criterion] < score[o][criterion] for o in others), criterion
    assert score["spreadsheet_interim"]["change_effort"] == 5
    assert months["spreadsheet_interim"] == min(months.values())


def test_requirement_suggestions(framework: Framework) -> None:
    suggestions = framework.requirement_suggestions
    assert 25 <= len(suggestions) <= 40
    assert {s.category for s in suggestions} == set(VOCABULARIES["requirement_category"])
    assert {s.priority for s in suggestions} == set(Priority)
    assert all(s.criteria for s in suggestions)


# --- survey ---------------------------------------------------------------------------------------


def _figures_in_framework_md() -> list[tuple[int, int]]:
    path = REFERENCE / "framework.md"
    if not path.is_file():
        return SURVEY_FIGURES
    text = path.read_text(encoding="utf-8")
    survey = text[text.index("Survey figures") : text.index("Survey base")]
    figures = [(int(a), int(b)) for a, b in re.findall(r"(\d+)% / (\d+)%", survey)]
    assert figures == SURVEY_FIGURES  # the fallback copy is still true to the source
    return figures


def test_survey_figures_equal_the_report(framework: Framework) -> None:
    assert [q.id for q in framework.survey] == SURVEY_IDS
    assert [(q.high_pct, q.low_pct) for q in framework.survey] == _figures_in_framework_md()


# --- ESRS catalogue -------------------------------------------------------------------------------


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalogues", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_esrs_catalogue_has_the_standards_and_104_disclosure_requirements() -> None:
    catalogue = load_esrs_catalogue("esrs-set1", "2023")
    assert [s.code for s in catalogue.standards] == STANDARDS
    assert {s.code: s.pillar for s in catalogue.standards}["ESRS 2"] == "cross_cutting"
    assert {s.name.da for s in catalogue.standards} >= {"Klimaændringer", "Egen arbejdsstyrke", "Virksomhedsadfærd"}
    assert len(catalogue.disclosure_requirements) == 104
    assert {"BP-1", "GOV-1", "MDR-P", "E1-6", "E1.IRO-1", "S1-6", "G1.IRO-1"} <= catalogue.dr_codes
    assert {d.standard for d in catalogue.disclosure_requirements} == set(STANDARDS)


def test_the_framework_offers_the_three_catalogues_its_manifest_names() -> None:
    manifest = yaml.safe_load((settings().frameworks_dir / "esg-architecture" / "1.0" / "framework.yaml").read_text())
    assert manifest["esrs"]["default"] == {"id": "esrs-amended", "version": "2026"}
    framework = load_framework()
    assert [(c.id, c.version) for c in framework.catalogues] == [
        ("esrs-amended", "2026"),
        ("esrs-set1", "2023"),
        ("vsme", "2025"),
    ]
    assert framework.esrs is load_esrs_catalogue("esrs-amended", "2026")
    assert framework.with_catalogue(("esrs-set1", "2023")).esrs is load_esrs_catalogue("esrs-set1", "2023")


def test_a_new_assessment_and_the_manifest_default_to_the_same_catalogue() -> None:
    from esg_workbench.domain.assessment import DEFAULT_CATALOGUE

    assert (load_framework().default_catalogue.id, load_framework().default_catalogue.version) == DEFAULT_CATALOGUE


def test_e1_5_means_what_each_version_says() -> None:
    framework = load_framework()
    set1 = framework.catalogue(("esrs-set1", "2023"))
    amended = framework.catalogue(("esrs-amended", "2026"))
    assert set1.dr_label("E1-5") == "E1-5 · Energy consumption and mix"
    assert amended.dr_label("E1-5").startswith("E1-5 · Actions and resources")
    assert amended.dr_label("E1-7") == "E1-7 · Energy consumption and mix"
    assert set1.dr_title("E1-5", "da") != amended.dr_title("E1-5", "da")
    assert framework.catalogue(("vsme", "2025")).dr_label("B3") == "B3 · Energy and greenhouse gas emissions"


def test_the_amended_and_vsme_catalogues_have_every_reference_row_with_its_provenance() -> None:
    amended = load_esrs_catalogue("esrs-amended", "2026")
    assert len(amended.disclosure_requirements) == 79
    assert {"GDR-P", "E1-11", "S1-16", "G1-6"} <= amended.dr_codes
    assert {"MDR-P", "E2-6", "S1-17"}.isdisjoint(amended.dr_codes)
    assert all(d.datapoint_count is None for d in amended.disclosure_requirements)  # no datapoint list shipped
    assert amended.dr("BP-1").provenance.title_en.startswith("unconfirmed")
    assert amended.standard_name("E3") == "Water"
    vsme = load_esrs_catalogue("vsme", "2025")
    assert [d.code for d in vsme.disclosure_requirements] == [f"B{i}" for i in range(1, 12)] + [
        f"C{i}" for i in range(1, 10)
    ]
    assert vsme.always_reported == ["B"] and vsme.kind == "vsme"
    for catalogue in (amended, vsme, load_esrs_catalogue("esrs-set1", "2023")):
        assert catalogue.effective_from.year in (2024, 2025, 2027)
        assert all(d.title.da and d.title.en != d.title.da and d.provenance for d in catalogue.disclosure_requirements)


@pytest.mark.skipif(not (REFERENCE / "esrs_disclosure_requirements.csv").is_file(), reason="no shared reference")
def test_committed_catalogues_are_what_the_script_generates_from_the_reference_csvs() -> None:
    generated = _build_script().build_all(REFERENCE)
    assert sorted(generated) == ["esrs-amended.yaml", "esrs-set1.yaml", "vsme.yaml"]
    for name, text in generated.items():
        assert text == (settings().frameworks_dir / "esrs" / name).read_text(encoding="utf-8"), name


def _sample_spec(script: ModuleType):  # noqa: ANN202 - the script's own Spec type
    return next(s for s in script.SPECS if s.id == "esrs-set1")


def test_build_script_turns_a_dr_table_into_a_valid_catalogue() -> None:
    script = _build_script()
    rows = script.read_csv(FIXTURES / "esrs_disclosure_requirements_sample.csv")
    danish = {r["disclosure_requirement"]: (r["title"] + " (da)", "workbench translation") for r in rows}
    data = script.build_catalogue(_sample_spec(script), rows, danish)
    catalogue = EsrsCatalogue.model_validate(yaml.safe_load(script.render(_sample_spec(script), data)))
    assert [s.code for s in catalogue.standards] == STANDARDS
    assert [(d.code, d.standard, d.datapoint_count) for d in catalogue.disclosure_requirements][:2] == [
        ("BP-1", "ESRS 2", 6),
        ("E1-6", "E1", 35),
    ]
    assert catalogue.disclosure_requirements[0].title.da.endswith("(da)")


def test_build_script_names_the_line_of_a_bad_row_and_a_missing_danish_title() -> None:
    script = _build_script()
    rows = script.read_csv(FIXTURES / "esrs_disclosure_requirements_sample.csv")
    danish = {r["disclosure_requirement"]: (r["title"], "workbench translation") for r in rows}
    rows[2] = {**rows[2], "esrs": "E9"}
    with pytest.raises(
        script.CatalogueInputError, match="esrs_disclosure_requirements.csv line 4: unknown standard 'E9'"
    ):
        script.build_catalogue(_sample_spec(script), rows, danish)
    rows = script.read_csv(FIXTURES / "esrs_disclosure_requirements_sample.csv")
    del danish["E1-6"]
    with pytest.raises(script.CatalogueInputError, match="no Danish title for 'E1-6'"):
        script.build_catalogue(_sample_spec(script), rows, danish)
