"""How the decision's results are said in English and Danish, in one place: counted nouns with the right
singular or plural, lists, shortened requirement texts, the must-have gate of an option and the values
that were never entered. The recommendation text, the app, the CLI and the workbook all word these
through here, so every screen says the same thing the same way. The words themselves are the message
catalogue's ``wording`` section (``esg_workbench.messages``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..domain.results import LANGUAGES, CostBreakdown, OptionExplanation, OptionGate, ScoreResult
from ..formats import format_count
from ..messages import translate

SHORT_TEXT = 70  # characters of a requirement's text shown before it is cut with an ellipsis

KEY = "wording"  # the catalogue section (esg_workbench/locales) these words live in


def say(key: str, lang: str, **values: object) -> str:
    """The catalogue text ``wording.<key>`` in ``lang`` (a plural key picks its form by ``count``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return translate(f"{KEY}.{key}", lang, **values)


def noun(n: float, key: str, lang: str) -> str:
    """The noun's singular for exactly 1, its plural otherwise (0 options, 1 option, 2 options)."""
    return say(f"noun.{key}", lang, count=n)


def count(n: int, key: str, lang: str) -> str:
    """1 option / 2 options, 1 løsning / 10.000 simuleringer."""
    return f"{format_count(n, lang)} {noun(n, key, lang)}"


def listing(items: Sequence[str], lang: str) -> str:
    """a, b and c / a, b og c."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {say('and', lang)} {items[-1]}"


def short(text: str, limit: int = SHORT_TEXT) -> str:
    """The text on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def quoted(text: str) -> str:
    return f"“{short(text)}”"


# --- must-have gates ------------------------------------------------------------------------------


def gate_line(gate: OptionGate, option: str, lang: str) -> str:
    """One option's gate in a sentence: eligible, or what it does not meet and what is not checked yet."""
    if gate.eligible:
        return say("gate.eligible", lang, option=option)
    parts = []
    if gate.not_met:
        parts.append(say("gate.not_met", lang, requirements=listing([quoted(f.text) for f in gate.not_met], lang)))
    if gate.unchecked:
        parts.append(say("gate.unchecked", lang, requirements=listing([quoted(f.text) for f in gate.unchecked], lang)))
    return f"{say('gate.not_eligible', lang, option=option)} {'; '.join(parts)}."


def gate_lines(gates: Mapping[str, OptionGate], names: Mapping[str, str], lang: str) -> list[str]:
    """A summary line, then one line per ineligible option (all of them, by name, in ``gates`` order)."""
    out = [o for o, g in gates.items() if not g.eligible]
    if not out:
        return [say("gate.all_eligible", lang)]
    total = count(len(gates), "option", lang)
    summary = say("gate.summary", lang, count=len(out), total=total)
    return [summary, *(gate_line(gates[o], names.get(o, o), lang) for o in out)]


# --- values never entered -------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingValues:
    """What is counted as 0 points because it was never entered: options without a cost (for the cost
    criteria) and other options' criteria without a value."""

    no_cost: list[str]  # option ids, in the given order
    cost_criteria: list[str]  # criterion ids that take their value from the cost
    values: dict[str, list[str]]  # option id -> other criterion ids without a value


def missing_values(
    explanations: Mapping[str, OptionExplanation], costs: Mapping[str, CostBreakdown], cost_criteria: Sequence[str]
) -> MissingValues:
    no_cost, values = [], {}
    for option_id, ex in explanations.items():
        uncosted = costs[option_id].missing and any(c in ex.missing for c in cost_criteria)
        if uncosted:
            no_cost.append(option_id)
        others = [c for c in ex.missing if not (uncosted and c in cost_criteria)]
        if others:
            values[option_id] = others
    used = [c for c in cost_criteria if any(c in explanations[o].missing for o in no_cost)]
    return MissingValues(no_cost=no_cost, cost_criteria=used, values=values)


def missing_of(result: ScoreResult) -> MissingValues:
    """The missing values a scoring run's recommendation recorded (the cost criteria are what an uncosted
    option misses beyond its other missing values)."""
    rec = result.recommendation
    cost_criteria: list[str] = []
    for option_id in rec.missing_costs:
        others = rec.missing_values.get(option_id, [])
        cost_criteria += [
            c for c in result.explanations[option_id].missing if c not in others and c not in cost_criteria
        ]
    return MissingValues(no_cost=list(rec.missing_costs), cost_criteria=cost_criteria, values=dict(rec.missing_values))


def missing_lines(
    missing: MissingValues, options: Mapping[str, str], criteria: Mapping[str, str], lang: str
) -> list[str]:
    """The missing values in sentences, with option and criterion names."""
    lines = []
    if missing.no_cost:
        lines.append(
            say(
                "missing.cost",
                lang,
                count=len(missing.no_cost),
                options=listing([options.get(o, o) for o in missing.no_cost], lang),
                criteria=listing([criteria.get(c, c) for c in missing.cost_criteria], lang),
            )
        )
    for option_id, criterion_ids in missing.values.items():
        lines.append(
            say(
                "missing.values",
                lang,
                option=options.get(option_id, option_id),
                criteria=listing([criteria.get(c, c) for c in criterion_ids], lang),
            )
        )
    return lines
