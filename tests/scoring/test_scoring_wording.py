"""The shared wording: plurals, lists, shortened requirement texts, the must-have gate of every option and
the values never entered, in English and Danish."""

from __future__ import annotations

from scoring_builders import build, option, quantitative, scale

from esg_workbench.domain.assessment import ScenarioSettings
from esg_workbench.domain.results import GateFailure, OptionGate
from esg_workbench.scoring import score
from esg_workbench.scoring.gates import option_gates
from esg_workbench.scoring.wording import count, gate_line, gate_lines, listing, short


def test_singular_and_plural_in_both_languages() -> None:
    assert [count(n, "option", "en") for n in (0, 1, 2)] == ["0 options", "1 option", "2 options"]
    assert [count(n, "option", "da") for n in (1, 2)] == ["1 løsning", "2 løsninger"]
    assert count(1, "material_dr", "en") == "1 material disclosure requirement"
    assert count(1, "material_dr", "da") == "1 væsentligt oplysningskrav"
    assert count(3, "material_dr", "da") == "3 væsentlige oplysningskrav"
    assert count(10_000, "simulation", "da") == "10.000 simuleringer"
    assert count(1, "month", "da") == "1 måned"


def test_lists_and_short_texts() -> None:
    assert listing(["a", "b", "c"], "en") == "a, b and c"
    assert listing(["a", "b"], "da") == "a og b"
    assert listing(["a"], "da") == "a"
    text = "Audit trail from every disclosed value to source records and the calculation that produced it"
    assert short(text, 40) == "Audit trail from every disclosed value…"
    assert short("Line one\nline two") == "Line one line two"


def _five_unchecked():
    """Five options, one must-have requirement, no checks at all: every option is unchecked."""
    options = [option(k, name=f"Option {k}") for k in "ABCDE"]
    return build([scale("quality", 1)], options, {k: [3] for k in "ABCDE"}, musts={"R1": [None] * 5})


def test_all_checks_open_means_no_option_is_eligible_everywhere() -> None:
    """Before: the must-have view counted only 'not met' checks and said every option met every must-have
    while the ranking showed all five ineligible."""
    a = _five_unchecked()
    gates = option_gates(a)
    result = score(a, samples=0)
    assert gates == result.gates
    assert {o: g.status for o, g in gates.items()} == dict.fromkeys("ABCDE", "unchecked")
    assert not any(result.eligible.values())
    names = {o.id: o.name for o in a.options}
    summary, *lines = gate_lines(gates, names, "en")
    assert summary == "5 of 5 options are not eligible."
    assert len(lines) == 5 and all("not yet checked against “Requirement R1”" in line for line in lines)
    assert gate_lines(gates, names, "da")[0] == "5 af 5 løsninger er ikke valgbare."


def test_every_ineligible_option_is_named() -> None:
    """Before: one option was named where two were ineligible (only 'not met' counted)."""
    options = [option(k, name=f"Option {k}") for k in "ABC"]
    a = build([scale("quality", 1)], options, {k: [3] for k in "ABC"}, musts={"R1": [True, False, None]})
    gates = option_gates(a)
    summary, *lines = gate_lines(gates, {o.id: o.name for o in a.options}, "en")
    assert summary == "2 of 3 options are not eligible."
    assert lines == [
        "Option B is not eligible: does not meet “Requirement R1”.",
        "Option C is not eligible: not yet checked against “Requirement R1”.",
    ]
    assert [g.status for g in gates.values()] == ["eligible", "fails", "unchecked"]


def test_a_gate_with_both_failed_and_unchecked_requirements() -> None:
    gate = OptionGate(
        option_id="x",
        not_met=[GateFailure(requirement_id="r1", text="Audit trail", status="not_met")],
        unchecked=[
            GateFailure(requirement_id="r2", text="Approval", status="not_assessed"),
            GateFailure(requirement_id="r3", text="Lock", status="not_assessed"),
        ],
    )
    assert gate_line(gate, "Excel", "da") == (
        "Excel er ikke valgbar: opfylder ikke “Audit trail”; endnu ikke tjekket mod “Approval” og “Lock”."
    )
    assert gate.status == "fails"


def test_a_missing_cost_is_said_in_the_recommendation_with_names() -> None:
    criteria = [scale("quality", 1), quantitative("tco", 1, best=1e6, worst=5e6, source="tco", name="Cost")]
    options = [
        option("A", name="Alpha", cost_lines=[{"label": "b", "kind": "one_off", "amount": 2e6}]),
        option("B", name="Beta"),
    ]
    result = score(
        build(criteria, options, {"A": [4], "B": [4]}, settings=ScenarioSettings(horizon_years=3)), samples=0
    )
    rec = result.recommendation
    assert rec.missing_costs == ["B"] and rec.missing_values == {}
    assert "No cost entered for Beta, so it gets 0 points on Cost until a cost is entered." in rec.text("en")
    assert "Ingen omkostninger indtastet for Beta, så den får 0 point på Cost" in rec.text("da")
    assert "'B'" not in rec.text("en")
