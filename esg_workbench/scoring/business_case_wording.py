"""The business case in words, English and Danish: one option's case in a sentence, the options that are
dominated on score and cost, and what is not known (automation share, hourly rate, manual hours, cost).
The recommendation text and the app say these through here, so they say them the same way. The words
are the message catalogue's ``workshop_b.case`` section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain.results import BusinessCase
from ..formats import format_money, format_number
from ..messages import translate
from .wording import count, listing

KEY = "workshop_b.case"


def say(key: str, lang: str, **values: object) -> str:
    return translate(f"{KEY}.{key}", lang, **values)


def money(value: float, currency: str, lang: str) -> str:
    return f"{format_money(value, lang)} {currency}"


def payback_text(case: BusinessCase, lang: str) -> str:
    """ "pays back in year 2" / "does not pay back within the 5-year horizon" / "" when unknown."""
    if not case.known:
        return ""
    if case.payback_year is None:
        return say("no_payback", lang, years=case.horizon_years)
    return say("payback", lang, year=case.payback_year)


def case_sentence(case: BusinessCase, name: str, lang: str) -> str:
    """One option's business case in sentences; what is unknown is said, never a 0."""
    parts = []
    if case.hours_removed_per_year is not None and case.hours_removed_per_year > 0:
        parts.append(say("hours", lang, name=name, hours=format_number(case.hours_removed_per_year, lang, 0)))
    if case.benefit_npv is None:
        parts.append(say("benefit_unknown", lang, name=name))
    elif case.net_npv is None:
        parts.append(say("benefit_only", lang, benefit=money(case.benefit_npv, case.currency, lang)))
    else:
        parts.append(
            say(
                "net",
                lang,
                years=case.horizon_years,
                benefit=money(case.benefit_npv, case.currency, lang),
                cost=money(case.cost_npv or 0.0, case.currency, lang),
                net=money(case.net_npv, case.currency, lang),
                payback=payback_text(case, lang),
            )
        )
    if case.cost_per_point is not None:
        parts.append(say("per_point", lang, cost=money(case.cost_per_point, case.currency, lang)))
    return " ".join(parts)


def dominated_lines(dominated: Mapping[str, Sequence[str]], names: Mapping[str, str], lang: str) -> list[str]:
    """One sentence per dominated option (option -> the options dominating it), naming the options that
    beat it on score and cost."""
    return [
        say("dominated", lang, count=len(by), name=names.get(o, o), others=listing([names.get(d, d) for d in by], lang))
        for o, by in dominated.items()
        if by
    ]


def gap_lines(
    cases: Mapping[str, BusinessCase],
    sources_without_hours: Sequence[str],
    names: Mapping[str, str],
    lang: str,
    *,
    data_sources: int,
) -> list[str]:
    """What the business case does not know yet, by option name (missing costs are said with the ranking's
    missing values, so not here)."""

    def lacking(gap: str) -> list[str]:
        return [names.get(o, o) for o, c in cases.items() if gap in c.missing]

    lines = []
    if share := lacking("automation_share"):
        lines.append(say("gap.automation_share", lang, count=len(share), options=listing(share, lang)))
    if rate := lacking("hourly_rate"):
        lines.append(say("gap.hourly_rate", lang, count=len(rate), options=listing(rate, lang)))
    if hours := lacking("manual_hours"):
        lines.append(say("gap.manual_hours", lang, count=len(hours), options=listing(hours, lang)))
    elif sources_without_hours and any(c.hours_removed_per_year for c in cases.values()):
        lines.append(
            say(
                "gap.some_hours",
                lang,
                count=len(sources_without_hours),
                what=count(data_sources, "data_source", lang),
            )
        )
    return lines
