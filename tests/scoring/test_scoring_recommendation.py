"""The recommendation: top eligible option, robustness, drivers, what it leaves uncovered, the roadmap, and
its English and Danish texts."""

from __future__ import annotations

import pytest
from scoring_builders import build, option, sample, scale, stub_framework

from esg_workbench.domain.assessment import (
    Coverage,
    Decision,
    MaterialTopic,
    MaturityRating,
    MustHaveCheck,
    Requirement,
    ToBe,
)
from esg_workbench.formats import format_number, format_percent
from esg_workbench.scoring import score
from esg_workbench.scoring.recommendation import dr_standard, robustness


def case(**kw):
    """Quality weighs 2, fit 1. ESG (5, 3) = 100 x 13/15 = 86.7; BI (3, 5) = 73.3; XLS (2, 2) = 40.
    ESG leads BI on quality by 100 x 2/3 x 0.4 = 26.7 points and trails it on fit by 100 x 1/3 x 0.4 = 13.3."""
    options = [
        option("esg", "dedicated_esg", name="ESG suite", time_to_first_report_months=9),
        option("bi", "bi_extension", name="BI extension", time_to_first_report_months=6),
        option("xls", "spreadsheet_interim", name="Excel", time_to_first_report_months=1),
    ]
    return build(
        [scale("quality", 2), scale("fit", 1)],
        options,
        {"esg": [5, 3], "bi": [3, 5], "xls": [2, 2]},
        musts={"R1": [True, True, False]},
        **kw,
    )


def test_top_eligible_option_with_runner_up_and_drivers() -> None:
    rec = score(case(), samples=0).recommendation
    assert (rec.option_id, rec.runner_up_id) == ("esg", "bi")
    assert rec.total == pytest.approx(260 / 3)
    assert [(d.criterion_id, round(d.advantage, 2)) for d in rec.drivers] == [("quality", 26.67)]
    assert [(d.criterion_id, round(d.advantage, 2)) for d in rec.trade_offs] == [("fit", -13.33)]
    assert rec.ineligible == {"xls": ["R1"]}
    assert (rec.probability_first, rec.robustness) == (None, "not_assessed")


def test_roadmap_bridges_with_the_interim_archetype_without_a_framework() -> None:
    rec = score(case(), samples=0).recommendation
    assert rec.interim_option_id == "xls"
    assert [(s.phase, s.option_id, s.months) for s in rec.roadmap] == [("interim", "xls", 1), ("target", "esg", 9)]
    interim = rec.roadmap[0].texts["en"]
    assert "Excel" in interim and "does not meet 1 must-have requirement," in interim
    assert "brug den kun som bro" in rec.roadmap[0].texts["da"]


def test_no_interim_step_when_the_interim_is_not_faster() -> None:
    a = case()
    a.options[2].time_to_first_report_months = 12
    assert [s.phase for s in score(a, samples=0).recommendation.roadmap] == ["target"]


def test_framework_interim_flags_and_labels_are_used() -> None:
    a = case()
    a.options[2].archetype = "bridge_tool"
    fw = stub_framework(interim=("bridge_tool",), dedicated_esg=("Dedicated ESG software", "Dedikeret ESG-software"))
    rec = score(a, samples=0, framework=fw).recommendation
    assert rec.interim_option_id == "xls"
    assert "(Dedikeret ESG-software)" in rec.text("da") and "(Dedicated ESG software)" in rec.text("en")
    assert score(a, samples=0).recommendation.interim_option_id is None  # no framework: bridge_tool is not known


def test_when_the_top_option_is_the_interim_the_target_is_the_best_other_archetype() -> None:
    a = case()
    a.scores[4].value, a.scores[5].value = 5, 5  # xls now totals 100
    a.must_have_checks[2].met = True
    rec = score(a, samples=0).recommendation
    assert rec.option_id == "xls" and rec.interim_option_id == "xls"
    assert [(s.phase, s.option_id) for s in rec.roadmap] == [("interim", "xls"), ("target", "esg")]


def test_conflicting_checks_fail_the_gate() -> None:
    a = case()
    a.must_have_checks.append(MustHaveCheck(option_id="esg", requirement_id="R1", met=False, note="pilot failed"))
    result = score(a, samples=0)
    [failure] = result.explanations["esg"].failed_must_haves
    assert (failure.status, failure.note) == ("not_met", "pilot failed")
    assert result.recommendation.option_id == "bi"


def test_no_eligible_option() -> None:
    a = case()
    a.must_have_checks = []  # no checks: every must-have is "not assessed"
    result = score(a, samples=200)
    rec = result.recommendation
    assert rec.option_id is None and rec.roadmap == []
    assert rec.ineligible == {"esg": ["R1"], "bi": ["R1"], "xls": ["R1"]}
    assert "No option meets every must-have requirement" in rec.text("en")
    assert "ESG suite is not eligible: not yet checked against “Requirement R1”" in rec.text("en")
    assert rec.unchecked_must_haves == {"esg": ["R1"], "bi": ["R1"], "xls": ["R1"]}
    assert "Ingen løsning opfylder alle skal-krav" in rec.text("da")
    assert result.sensitivity.top == "esg"  # tipping points then compare all options


def test_uncovered_coverage_maturity_and_unmet_requirements() -> None:
    coverage = [
        Coverage(id="c1", disclosure_requirement="E1-6", status="gap"),
        Coverage(id="c2", disclosure_requirement="GOV-1", status="partial"),
        Coverage(id="c3", disclosure_requirement="E4-5", status="gap"),  # E4 not material: left out
        Coverage(id="c4", disclosure_requirement="S1-6", status="automated"),
        Coverage(id="c5", disclosure_requirement="X-1", status="gap"),  # the stub framework puts X-1 under E2
    ]
    topics = [
        MaterialTopic(esrs="E1", material=True),
        MaterialTopic(esrs="E4", material=False),
        MaterialTopic(esrs="E2", material=False),
    ]
    maturity = [
        MaturityRating(dimension="governance", current=1, target_short=2, target_long=4),
        MaturityRating(dimension="integration", current=3, target_short=3, target_long=3),
        MaturityRating(dimension="data_foundation", current=2, target_short=3, target_long=5),
    ]
    should = Requirement(id="S1", text="Nice to have", priority="should")
    a = case(coverage=coverage, material_topics=topics, to_be=ToBe(maturity=maturity), requirements=[should])
    a.must_have_checks.append(MustHaveCheck(option_id="esg", requirement_id="S1", met=False, note="roadmap item"))
    rec = score(a, samples=0, framework=stub_framework()).recommendation
    assert [(g.disclosure_requirement, g.standard, g.status) for g in rec.coverage_gaps] == [
        ("E1-6", "E1", "gap"),
        ("GOV-1", "ESRS 2", "partial"),
    ]
    assert [(m.dimension, m.gap) for m in rec.maturity_gaps] == [("governance", 3), ("data_foundation", 3)]
    assert [(u.requirement_id, u.note) for u in rec.unmet_requirements] == [("S1", "roadmap item")]
    # Singular where there is one (before: "1 material disclosure requirements"), requirement text not id.
    assert (
        "Coverage of ESRS: 1 material disclosure requirement has a data gap (E1-6) and 1 material disclosure "
        "requirement is only partly covered (GOV-1)."
    ) in rec.text("en")
    assert "It does not meet “Nice to have” (should)." in rec.text("en")
    foundation = rec.roadmap[1].texts
    assert foundation["en"].startswith(
        "Foundation: close the data gaps in 1 material disclosure requirement and "
        "complete the coverage of 1 material disclosure requirement that is only "
        "partly covered; raise Governance from 1 to 2"
    )
    assert foundation["da"].startswith(
        "Fundament: luk datamanglerne i 1 væsentligt oplysningskrav og gør dækningen "
        "færdig for 1 væsentligt oplysningskrav, der kun er delvist dækket; løft "
        "Styring fra 1 til 2"
    )
    assert "Styring fra 1 til 4" in rec.text("da")  # dimension label from the framework
    assert [s.phase for s in rec.roadmap] == ["interim", "foundation", "target", "improve"]


def test_decision_agreement() -> None:
    agree = score(case(decision=Decision(option_id="esg")), samples=0).recommendation
    differ = score(case(decision=Decision(option_id="bi")), samples=0).recommendation
    assert (agree.agrees_with_decision, differ.agrees_with_decision) == (True, False)
    assert "the recorded decision, BI extension, differs" in differ.text("en")


def test_robust_recommendation_text_in_both_languages() -> None:
    result = score(sample("municipality"), samples=2000, seed=3)
    rec = result.recommendation
    assert rec.option_id == "opt-hybrid" and rec.robustness == "robust"
    en, da = rec.text("en"), rec.text("da")
    assert "77.8 out of 100 (weighted sum)" in en and "77,8 af 100 (vægtet sum)" in da
    assert "first in 100% of 2,000 simulations" in en and "nr. 1 i 100 % af 2.000 simuleringer" in da
    assert "seed" not in en and "seed" not in da  # a technical detail, not for the steering committee
    assert "Suggested roadmap:\n1. Interim:" in en and "Forslag til køreplan:\n1. Midlertidigt:" in da
    with pytest.raises(ValueError, match="language"):
        rec.text("de")


def test_topsis_text_and_helpers() -> None:
    rec = score(case(), "topsis", samples=0).recommendation
    assert "closeness to the ideal (TOPSIS" in rec.text("en") and "nærhed til idealet" in rec.text("da")
    assert (
        format_number(12345.67, "en", 1),
        format_number(12345.67, "da", 1),
        format_percent(0.825, "en"),
        format_percent(0.825, "da"),
    ) == ("12,345.7", "12.345,7", "82%", "82 %")
    assert [robustness(p) for p in (None, 0.9, 0.75, 0.6, 0.2)] == [
        "not_assessed",
        "robust",
        "robust",
        "moderate",
        "fragile",
    ]
    assert [dr_standard(c, None) for c in ("E1-6", "E1.IRO-1", "S4-3", "BP-1", "MDR-P", "G1-1")] == [
        "E1",
        "E1",
        "S4",
        "ESRS 2",
        "ESRS 2",
        "G1",
    ]
