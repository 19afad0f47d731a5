"""What every section of the decision report reads: the assessment, its framework, the one score result
(``scoring.pipeline.score``) and coverage summary (``coverage.coverage_summary``) the app and the
workbook show, the language, and the report's words (the catalogue's ``report`` section)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..coverage import CoverageSummary
from ..domain.assessment import Assessment
from ..domain.framework import Framework
from ..domain.results import ScoreResult
from ..formats import format_decimal, format_money, format_number, format_percent
from ..messages import translate

KEY = "report"  # the catalogue section of the report's words


def say(key: str, lang: str, **values: object) -> str:
    """A text of the report's catalogue section in ``lang``."""
    return translate(f"{KEY}.{key}", lang, **values)


@dataclass(frozen=True)
class ReportContext:
    assessment: Assessment
    framework: Framework
    lang: str
    result: ScoreResult | None  # None when the assessment cannot be scored yet (``unscored`` says why)
    coverage: CoverageSummary
    unscored: list[str] = field(default_factory=list)
    revision: int | None = None
    generated: date = field(default_factory=date.today)

    def say(self, key: str, **values: object) -> str:
        """A text of the report section in the report's language."""
        return say(key, self.lang, **values)

    def label(self, vocabulary: str, term: str | None) -> str:
        return "" if term is None else self.framework.label(vocabulary, term, self.lang)

    def option(self, option_id: str | None) -> str:
        """An option's name as the user entered it (the result's names; the assessment's as a fallback)."""
        if option_id is None:
            return ""
        if self.result is not None and option_id in self.result.option_names:
            return self.result.option_names[option_id]
        return next((o.name for o in self.assessment.options if o.id == option_id), option_id)

    def criterion(self, criterion_id: str) -> str:
        if self.result is not None and criterion_id in self.result.criterion_names:
            return self.result.criterion_names[criterion_id]
        return next((c.name for c in self.assessment.criteria if c.id == criterion_id), criterion_id)

    def dimension(self, dimension_id: str) -> str:
        found = next((d for d in self.framework.maturity_model.dimensions if d.id == dimension_id), None)
        return found.name.get(self.lang) if found else dimension_id

    def standard(self, code: str) -> str:
        found = next((s for s in self.framework.esrs.standards if s.code == code), None)
        return f"{code} · {found.name.get(self.lang)}" if found else code

    # numbers, in the report's language

    def number(self, value: float | None, decimals: int = 0) -> str:
        return format_number(value, self.lang, decimals)

    def decimal(self, value: float | None) -> str:
        return format_decimal(value, self.lang)

    def percent(self, share: float | None, decimals: int = 0) -> str:
        return format_percent(share, self.lang, decimals)

    def money(self, value: float | None) -> str:
        return format_money(value, self.lang, self.assessment.settings.currency)

    def total(self, value: float | None) -> str:
        """A total as the app and the workbook show it: 1 decimal (0-100), 3 for TOPSIS (0-1)."""
        method = self.result.method if self.result is not None else "weighted-sum"
        return format_number(value, self.lang, 3 if method == "topsis" else 1)
