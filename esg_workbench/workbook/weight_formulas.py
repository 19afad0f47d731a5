"""The criterion weights the live sheets score with, as formulas that follow the criteria's groups: the
entered weight while the workbook has no criterion group, else the group's share of all groups' weights
times the criterion's share of its group's weights (the engine's ``scoring.weights.global_weights``).
A criterion in no group, or in an unknown one, weighs 0 there; the engine refuses to score that case
and says which criterion, so the workbook shows its reasons on the scoring sheets instead."""

from __future__ import annotations

from .book import Book
from .layout import ids_name


def global_weight_formula(book: Book, index: int) -> str:
    """The formula (without "=") of criterion ``index``'s weight as the engine scores it."""
    crits, groups = book.tables["criteria"], book.tables["criterion_groups"]
    weight, group = crits.cell("weight", index), crits.cell("group_id", index)
    group_ids, group_weights = ids_name("criterion_groups"), groups.live_range("weight")
    local_total = f"SUMIF({crits.live_range('group_id')},{group},{crits.live_range('weight')})"
    return (
        f"IF(COUNTA({group_ids})=0,{weight},IFERROR(INDEX({group_weights},MATCH({group},{group_ids},0))"
        f"/SUM({group_weights})*{weight}/{local_total},0))"
    )
