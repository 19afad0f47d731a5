"""Computed help columns of the input tables: live formulas with the value they have at export.

They are never read back; the import ignores every ``calc:`` column.
"""

from __future__ import annotations

from typing import Any

from ..scoring.weights import global_weights
from .book import Book
from .layout import CALC_PREFIX, ids_name
from .weight_formulas import global_weight_formula
from .write_inputs import Computed


def _local(book: Book, key: str, field_id: str, index: int) -> str:
    return book.tables[key].local(field_id, index)


def coverage(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    dr = _local(book, "coverage", "disclosure_requirement", index)
    value = book.dr_standard.get(item.get("disclosure_requirement"), "")
    return {f"{CALC_PREFIX}standard": (f'=IFERROR(VLOOKUP({dr},lbl_dr_standard,2,FALSE),"")', value, "calc")}


def maturity(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    current, target = _local(book, "maturity", "current", index), _local(book, "maturity", "target_long", index)
    value = item["target_long"] - item["current"]
    return {f"{CALC_PREFIX}gap": (f'=IF(OR({current}="",{target}=""),"",{target}-{current})', value, "calc_number")}


def survey(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    question = _local(book, "survey", "question", index)
    high, low = book.survey_bench.get(item.get("question"), ("", ""))
    return {
        f"{CALC_PREFIX}high_pct": (f'=IFERROR(VLOOKUP({question},survey_bench,2,FALSE),"")', high, "calc_number"),
        f"{CALC_PREFIX}low_pct": (f'=IFERROR(VLOOKUP({question},survey_bench,3,FALSE),"")', low, "calc_number"),
    }


def criteria(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    """The criterion's share of the total weight; with criterion groups its global share (group share x
    share within the group), as the scoring sheet weighs it."""
    a = book.assessment
    weights = book.tables["criteria"].live_range("weight")
    if not a.criterion_groups:
        weight = _local(book, "criteria", "weight", index)
        total = sum(c.weight for c in a.criteria)
        share = item["weight"] / total if total else 0
        return {
            f"{CALC_PREFIX}weight_share": (f"=IF(SUM({weights})=0,0,{weight}/SUM({weights}))", share, "calc_percent")
        }
    scored = global_weights(a)
    share = scored[index] / sum(scored) if sum(scored) else 0
    return {f"{CALC_PREFIX}weight_share": (f"={global_weight_formula(book, index)}", share, "calc_percent")}


def criterion_groups(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    """The group's share of all groups' weights."""
    weight = _local(book, "criterion_groups", "weight", index)
    weights = book.tables["criterion_groups"].live_range("weight")
    total = sum(g.weight for g in book.assessment.criterion_groups)
    share = item["weight"] / total if total else 0
    return {f"{CALC_PREFIX}group_share": (f"=IF(SUM({weights})=0,0,{weight}/SUM({weights}))", share, "calc_percent")}


def options(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    from .tco_sheet import tco_cell

    return {f"{CALC_PREFIX}tco": (f"={tco_cell(book, index)}", book.live.npv(item["id"]), "calc_money")}


def cost_lines(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    """Present value of one line over the horizon: sum of amount / (1+r)^t over the years it runs."""
    kind, amount = _local(book, "cost_lines", "kind", index), _local(book, "cost_lines", "amount", index)
    start, years = _local(book, "cost_lines", "start_year", index), _local(book, "cost_lines", "years", index)
    end = f'MIN(horizon_years,IF({kind}="one_off",{start}+1,IF({years}="",horizon_years,{start}+{years})))'
    n = f"MAX(0,{end}-{start})"
    # The geometric sum of amount / (1+r)^t for t = start .. start+n-1, in closed form.
    text = (
        f'=IF({amount}="","",IF({n}=0,0,IF(discount_rate=0,{amount}*{n},'
        f"{amount}*((1+discount_rate)^(-{start})-(1+discount_rate)^(-({start}+{n})))/(1-1/(1+discount_rate)))))"
    )
    return {f"{CALC_PREFIX}present_value": (text, book.live.line_values[index], "calc_money")}


def risks(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    likelihood, impact = _local(book, "risks", "likelihood", index), _local(book, "risks", "impact", index)
    value = item["likelihood"] * item["impact"]
    return {
        f"{CALC_PREFIX}exposure": (
            f'=IF(OR({likelihood}="",{impact}=""),"",{likelihood}*{impact})',
            value,
            "calc_number",
        )
    }


def must_have_checks(book: Book, index: int, item: dict) -> dict[str, tuple[str, Any, str]]:
    requirement = _local(book, "must_have_checks", "requirement_id", index)
    priorities = book.tables["requirements"].live_range("priority")
    value = next((str(r.priority) for r in book.assessment.requirements if r.id == item.get("requirement_id")), "")
    return {
        f"{CALC_PREFIX}priority": (
            f'=IFERROR(INDEX({priorities},MATCH({requirement},{ids_name("requirements")},0)),"")',
            value,
            "calc",
        )
    }


COMPUTED: dict[str, Computed] = {
    "coverage": coverage,
    "maturity": maturity,
    "survey": survey,
    "criteria": criteria,
    "criterion_groups": criterion_groups,
    "options": options,
    "cost_lines": cost_lines,
    "risks": risks,
    "must_have_checks": must_have_checks,
}
