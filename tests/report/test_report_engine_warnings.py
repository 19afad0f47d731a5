"""The decision report's notes from the computation are the engine's warnings in the report's language:
a Danish report says an AHP consistency ratio above the limit in Danish, an English one in English."""

from __future__ import annotations

from report_helpers import visible_text

import esg_workbench as ew
from esg_workbench.domain.assessment import PairwiseJudgement
from esg_workbench.report import report_html


def _inconsistent(assessment: ew.Assessment) -> ew.Assessment:
    """AHP judgements with the first three criteria in a cycle, each 9 times the next, the others as
    important as the first: a consistency ratio far above 0.10."""
    ids = [c.id for c in assessment.criteria]
    first, second, third = ids[:3]
    cycle = [(first, second), (second, third), (third, first)]
    pairwise = [PairwiseJudgement(a=a, b=b, ratio=9) for a, b in cycle]
    pairwise += [PairwiseJudgement(a=c, b=first, ratio=1) for c in ids[3:]]
    weighting = assessment.weighting.model_copy(update={"method": "ahp", "pairwise": pairwise})
    return assessment.model_copy(update={"weighting": weighting})


def test_the_reports_notes_are_the_engines_warnings_in_its_language(municipality: ew.Assessment) -> None:
    assessment = _inconsistent(municipality)
    danish = " ".join(visible_text(report_html(assessment, "da")).split())
    assert "Bemærkninger fra beregningen" in danish
    assert "er over 0,10: gennemgå de parvise vurderinger." in danish
    assert "Kriteriernes vægte afviger fra vægtene efter AHP" in danish
    assert "review the pairwise judgements" not in danish and "differ from the" not in danish
    english = " ".join(visible_text(report_html(assessment, "en")).split())
    assert "is above 0.10: review the pairwise judgements." in english
