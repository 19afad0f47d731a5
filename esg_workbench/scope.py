"""The CSRD scope check: from the organisation's size, sector, country and listing, whether the CSRD applies
under the rules in force (``frameworks/scope``, data with its legal sources and an "as of" date), from
which financial year, and otherwise which voluntary route fits (VSME, or the ESRS used voluntarily).

One function, :func:`check_scope`; the app's organisation page, the CLI's ``scope`` command and the
workbook read its result. Unknown inputs are said (the result is then "cannot tell"), never assumed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .domain.assessment import Organisation
from .domain.framework import Localized
from .messages import Number, Term, translate

Outcome = Literal["in_scope", "not_in_scope", "third_country", "cannot_tell"]
Route = Literal["esrs", "vsme", "esrs_voluntary", "vsme_or_esrs"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalSource(_Frozen):
    id: str
    citation: str


class ScopeRules(_Frozen):
    """The rules as data (``frameworks/scope/*.yaml``)."""

    format: Literal["esg-workbench/scope-rules"]
    format_version: int
    id: str
    version: str
    as_of: date
    title: Localized
    sources: list[LegalSource]
    employees_more_than: Annotated[int, Field(ge=0)]
    net_turnover_eur_more_than: Annotated[float, Field(ge=0)]
    dkk_per_eur: Annotated[float, Field(gt=0)]
    first_year_public_interest: int
    first_year_others: int
    public_interest_sectors: list[str]
    public_body_sectors: list[str]
    vsme_up_to_employees: Annotated[int, Field(ge=0)]
    eu_countries: list[str]


class Reason(_Frozen):
    """One sentence of the result's reasoning: a catalogue key ``scope.reason.<key>`` and its values."""

    key: str
    params: dict[str, str | int | float] = {}


class ScopeResult(_Frozen):
    outcome: Outcome
    first_financial_year: int | None = None
    route: Route | None = None
    reasons: list[Reason]
    missing: list[str] = []  # organisation fields the check needs and does not have
    turnover_eur: float | None = None
    suggested_catalogue: tuple[str, str] | None = None  # (id, version)
    rules_id: str
    rules_version: str
    as_of: date
    sources: list[LegalSource]

    def headline(self, lang: str = "en") -> str:
        """'Not in CSRD scope; voluntary reporting (VSME, or the ESRS used voluntarily).'"""
        year = self.first_financial_year
        route = Term(f"scope.route.{self.route}") if self.route else ""
        return translate(f"scope.outcome.{self.outcome}", lang, year=str(year) if year is not None else "", route=route)

    def explanation(self, lang: str = "en") -> list[str]:
        """The reasons, one sentence each, in ``lang``."""
        return [translate(f"scope.reason.{r.key}", lang, **_shown(r.params)) for r in self.reasons]

    def as_of_line(self, lang: str = "en") -> str:
        return translate(
            "scope.as_of", lang, date=self.as_of.isoformat(), rules=f"{self.rules_id} {self.rules_version}"
        )


def _shown(params: dict[str, str | int | float]) -> dict[str, object]:
    """Counts and amounts in the language's number format; a year as it is written (2027, not 2,027)."""
    from .formats import format_number

    return {
        key: str(value)
        if key == "year" or not isinstance(value, int | float) or isinstance(value, bool)
        else Number(value, format_number(value, "en"))
        for key, value in params.items()
    }


def check_scope(organisation: Organisation, rules: ScopeRules) -> ScopeResult:
    """Whether the CSRD applies to ``organisation`` under ``rules`` (see the module docstring)."""
    base = {
        "rules_id": rules.id,
        "rules_version": rules.version,
        "as_of": rules.as_of,
        "sources": rules.sources,
    }
    country = organisation.country.upper()
    if organisation.sector in rules.public_body_sectors:
        return ScopeResult(
            outcome="not_in_scope",
            route="vsme_or_esrs",
            reasons=[Reason(key="public_body")],
            suggested_catalogue=("vsme", "2025"),
            **base,
        )
    if country not in rules.eu_countries:
        return ScopeResult(
            outcome="third_country",
            reasons=[Reason(key="third_country", params={"country": country})],
            **base,
        )
    missing = [
        name
        for name, value in (
            ("organisation.employees", organisation.employees),
            ("organisation.annual_revenue_mdkk", organisation.annual_revenue_mdkk),
        )
        if value is None
    ]
    if missing:
        return ScopeResult(
            outcome="cannot_tell",
            reasons=[Reason(key="missing_" + name.rsplit(".", 1)[1]) for name in missing],
            missing=missing,
            **base,
        )
    employees = organisation.employees or 0
    turnover_eur = (organisation.annual_revenue_mdkk or 0) * 1_000_000 / rules.dkk_per_eur
    limits = {
        "employees": employees,
        "employees_limit": rules.employees_more_than,
        "turnover_eur_m": round(turnover_eur / 1_000_000),
        "turnover_limit_eur_m": round(rules.net_turnover_eur_more_than / 1_000_000),
    }
    big = employees > rules.employees_more_than
    rich = turnover_eur > rules.net_turnover_eur_more_than
    if big and rich:
        public_interest = organisation.listed is True or organisation.sector in rules.public_interest_sectors
        year = rules.first_year_public_interest if public_interest else rules.first_year_others
        reasons = [Reason(key="above_both", params=limits)]
        reasons.append(Reason(key="public_interest" if public_interest else "first_year_others", params={"year": year}))
        if organisation.listed is None and organisation.sector not in rules.public_interest_sectors:
            reasons.append(Reason(key="listed_unknown"))
        return ScopeResult(
            outcome="in_scope",
            first_financial_year=year,
            route="esrs",
            reasons=reasons,
            turnover_eur=turnover_eur,
            suggested_catalogue=("esrs-amended", "2026"),
            **base,
        )
    reasons = []
    if not big:
        reasons.append(Reason(key="employees_below", params=limits))
    if not rich:
        reasons.append(Reason(key="turnover_below", params=limits))
    small = employees <= rules.vsme_up_to_employees
    reasons.append(Reason(key="vsme_route" if small else "esrs_route", params={"limit": rules.vsme_up_to_employees}))
    return ScopeResult(
        outcome="not_in_scope",
        route="vsme" if small else "esrs_voluntary",
        reasons=reasons,
        turnover_eur=turnover_eur,
        suggested_catalogue=("vsme", "2025") if small else ("esrs-amended", "2026"),
        **base,
    )
