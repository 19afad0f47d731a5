"""The CSRD scope check against the rules in frameworks/scope: in scope (and from when), outside scope
with the voluntary route, public bodies, non-EU groups, and unknown inputs said as such."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.domain.assessment import Organisation
from esg_workbench.frameworks import FrameworkError, load_scope_rules
from esg_workbench.scope import check_scope

RULES = load_scope_rules()
DKK_PER_EUR = RULES.dkk_per_eur


def org(**kw: object) -> Organisation:
    return Organisation(name="X", **{"sector": "private_enterprise", "country": "DK", **kw})


def mdkk(eur_m: float) -> float:
    return eur_m * DKK_PER_EUR


def test_a_danish_municipality_is_not_in_scope_and_reports_voluntarily_with_the_reason() -> None:
    a = load_assessment(PROJECT_ROOT / "sample_data" / "municipality.json")
    result = check_scope(a.organisation, RULES)
    assert (result.outcome, result.route) == ("not_in_scope", "vsme_or_esrs")
    assert result.headline("en") == "Not in CSRD scope; voluntary reporting (VSME, or the ESRS used voluntarily)."
    assert result.headline("da").startswith("Ikke omfattet af CSRD; frivillig rapportering")
    assert "not undertakings" in result.explanation("en")[0]
    assert result.as_of_line("en") == "Rules as of 2026-03-18 (csrd-scope 2026-03)."


def test_above_both_thresholds_is_in_scope_from_2027_or_2024_for_a_listed_company() -> None:
    big = org(employees=1001, annual_revenue_mdkk=mdkk(451))
    result = check_scope(big, RULES)
    assert (result.outcome, result.first_financial_year, result.suggested_catalogue) == (
        "in_scope",
        2027,
        ("esrs-amended", "2026"),
    )
    assert "from financial year 2027" in result.headline("en")
    assert any("listed is not recorded" in line for line in result.explanation("en"))  # unknown, said
    assert (
        check_scope(org(employees=1001, annual_revenue_mdkk=mdkk(451), listed=True), RULES).first_financial_year == 2024
    )
    bank = org(employees=5000, annual_revenue_mdkk=mdkk(900), sector="financial_institution", listed=False)
    assert check_scope(bank, RULES).first_financial_year == 2024


@pytest.mark.parametrize(
    ("employees", "eur_m", "route"),
    [(1000, 451, "vsme"), (1001, 450, "esrs_voluntary"), (200, 30, "vsme"), (5000, 100, "esrs_voluntary")],
)
def test_at_or_below_a_threshold_is_outside_scope_with_the_route_that_fits(
    employees: int, eur_m: float, route: str
) -> None:
    result = check_scope(org(employees=employees, annual_revenue_mdkk=mdkk(eur_m)), RULES)
    assert (result.outcome, result.route, result.first_financial_year) == ("not_in_scope", route, None)


def test_the_manufacturer_sample_fell_out_of_scope_with_omnibus_on_turnover() -> None:
    a = load_assessment(PROJECT_ROOT / "sample_data" / "manufacturer.json")
    result = check_scope(a.organisation, RULES)
    assert (result.outcome, result.route) == ("not_in_scope", "esrs_voluntary")
    assert "net turnover of about EUR 349 m is not more than EUR 450 m" in " ".join(result.explanation("en"))
    assert "349 mio. EUR" in " ".join(result.explanation("da"))


def test_unknown_inputs_are_said_never_assumed() -> None:
    result = check_scope(org(employees=None, annual_revenue_mdkk=None), RULES)
    assert result.outcome == "cannot_tell" and result.first_financial_year is None
    assert result.missing == ["organisation.employees", "organisation.annual_revenue_mdkk"]
    assert result.explanation("en") == [
        "The check needs the number of employees.",
        "The check needs the net turnover (annual revenue).",
    ]


def test_a_company_outside_the_eu_is_pointed_to_the_non_eu_group_rules() -> None:
    result = check_scope(org(country="NO", employees=5000, annual_revenue_mdkk=mdkk(900)), RULES)
    assert result.outcome == "third_country" and "EUR 450 m net turnover in the EU" in result.explanation("en")[0]


def test_broken_scope_rules_name_the_file_and_field(tmp_path: Path) -> None:
    root = tmp_path / "frameworks"
    (root / "scope").mkdir(parents=True)
    data = yaml.safe_load((PROJECT_ROOT / "frameworks" / "scope" / "csrd-scope.yaml").read_text(encoding="utf-8"))
    data["dkk_per_eur"] = 0
    (root / "scope" / "rules.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"rules.yaml: dkk_per_eur: Input should be greater than 0"):
        load_scope_rules(frameworks_dir=root)
