"""An assessment on VSME (the voluntary standard for SMEs): its Basic module is always reported, the
Comprehensive module counts when the organisation reports it, and codes are VSME's (B3, not E1-6).
Figures checked by hand against the fixture: 11 Basic DRs, 6 assessed (B8 and B10 automated, B1 and B7
manual, B3 partial, B9 a gap), B2, B4, B5, B6 and B11 not assessed."""

from __future__ import annotations

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.coverage import coverage_summary
from esg_workbench.domain.assessment import MaterialTopic
from esg_workbench.domain.validation import validate_assessment
from esg_workbench.frameworks import load_framework, load_scope_rules
from esg_workbench.scope import check_scope

VSME = PROJECT_ROOT / "tests" / "fixtures" / "assessments" / "vsme_small.json"


def test_the_basic_module_is_always_reported_and_counted_in_vsme_terms() -> None:
    a, fw = load_assessment(VSME), load_framework()
    summary = coverage_summary(a, fw)
    assert summary.material_standards == ["B"] and summary.catalogue == "VSME"
    assert (summary.material_drs, summary.assessed, summary.not_assessed) == (11, 6, 5)
    assert summary.counts == {"not_assessed": 5, "gap": 1, "partial": 1, "manual": 2, "automated": 2}
    assert [g.label("en") for g in summary.gaps if g.status != "not_assessed"] == [
        "B9 · Workforce - Health and safety",
        "B3 · Energy and greenhouse gas emissions",
    ]
    assert summary.sentence("en").startswith("5 of 11 material disclosure requirements of VSME not yet assessed")


def test_reporting_the_comprehensive_module_adds_its_nine_requirements() -> None:
    a, fw = load_assessment(VSME), load_framework()
    a.material_topics = [MaterialTopic(esrs="C", impact_material=True, financial_material=False)]
    summary = coverage_summary(a, fw)
    assert summary.material_standards == ["B", "C"] and summary.material_drs == 20


def test_an_esrs_code_in_a_vsme_assessment_is_a_problem_with_its_path() -> None:
    a, fw = load_assessment(VSME), load_framework()
    data = a.model_dump(mode="json")
    data["coverage"][0]["disclosure_requirement"] = "E1-6"
    data["material_topics"][0]["esrs"] = "E1"
    problems = {p.path: p.message for p in validate_assessment(type(a).model_validate(data), fw)}
    assert problems["coverage[0].disclosure_requirement"] == "unknown ESRS disclosure requirement 'E1-6' in vsme 2025"
    assert problems["material_topics[0].esrs"].startswith("unknown ESRS standard 'E1' in vsme 2025")


def test_the_scope_check_points_the_small_company_to_vsme() -> None:
    result = check_scope(load_assessment(VSME).organisation, load_scope_rules())
    assert (result.outcome, result.route, result.suggested_catalogue) == ("not_in_scope", "vsme", ("vsme", "2025"))
