"""Must-have gates and the ranking rule.

Gate: an option is eligible only if it meets every requirement of priority ``must``. It fails one when
a MustHaveCheck(option, requirement) says met = false ("not met") or when no check exists for the pair
("not assessed": an unchecked must-have is not assumed to be met).

Ranking: eligible options first, by total, highest first; then the ineligible ones, by total. Totals
equal to 9 decimals are tied; a tie keeps the options' order in the assessment (a stable sort), and the
result lists each tied group.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..domain.assessment import Assessment
from ..domain.fields import Priority
from ..domain.results import GateFailure, OptionGate

TIE_DECIMALS = 9


def must_have_failures(assessment: Assessment) -> dict[str, list[GateFailure]]:
    """Option id -> the must-have requirements it fails, in the requirements' order."""
    checks: dict[tuple[str, str], list] = {}
    for check in assessment.must_have_checks:
        checks.setdefault((check.option_id, check.requirement_id), []).append(check)
    musts = [r for r in assessment.requirements if r.priority == Priority.MUST]
    failures: dict[str, list[GateFailure]] = {}
    for option in assessment.options:
        failed = []
        for requirement in musts:
            found = checks.get((option.id, requirement.id))
            if not found:
                failed.append(GateFailure(requirement_id=requirement.id, text=requirement.text, status="not_assessed"))
            elif not all(c.met for c in found):  # two conflicting checks: the failing one wins
                note = "; ".join(c.note for c in found if not c.met and c.note)
                failed.append(
                    GateFailure(requirement_id=requirement.id, text=requirement.text, status="not_met", note=note)
                )
        failures[option.id] = failed
    return failures


def option_gates(assessment: Assessment, failures: dict[str, list[GateFailure]] | None = None) -> dict[str, OptionGate]:
    """Option id -> its gate: eligible, the must-haves checked not met, the must-haves not checked yet.
    Every view that says whether an option is eligible reads this (or ``ScoreResult.gates``)."""
    failures = must_have_failures(assessment) if failures is None else failures
    return {
        option_id: OptionGate(
            option_id=option_id,
            not_met=[f for f in failed if f.status == "not_met"],
            unchecked=[f for f in failed if f.status == "not_assessed"],
        )
        for option_id, failed in failures.items()
    }


def rank_order(totals: np.ndarray, eligible: np.ndarray) -> list[int]:
    """Option indices best first: eligible before ineligible, then by total (rounded to TIE_DECIMALS),
    then by position in the assessment."""
    rounded = np.round(np.asarray(totals, dtype=float), TIE_DECIMALS)
    return sorted(range(len(rounded)), key=lambda i: (not eligible[i], -rounded[i], i))


def tied_groups(
    option_ids: Sequence[str], order: Sequence[int], totals: np.ndarray, eligible: np.ndarray
) -> list[list[str]]:
    """Groups of two or more options (in ranking order) that the tie rule separated."""
    rounded = np.round(np.asarray(totals, dtype=float), TIE_DECIMALS)
    groups: list[list[str]] = []
    current: list[int] = []
    for i in order:
        if current and (eligible[i], rounded[i]) == (eligible[current[0]], rounded[current[0]]):
            current.append(i)
            continue
        if len(current) > 1:
            groups.append([option_ids[k] for k in current])
        current = [i]
    if len(current) > 1:
        groups.append([option_ids[k] for k in current])
    return groups
