"""Field types and markers shared by the domain models.

Reference and vocabulary markers are attached to fields as metadata, so the validator can find every
id reference and every vocabulary-coded field by walking the models instead of keeping a second list
that drifts out of date. The markers also land in the JSON Schema (``x-ref`` / ``x-vocabulary``).

Every text and number field of the assessment takes its type from here, so what a value may hold is
decided in one place: text without control characters (and without line breaks where it is one line),
numbers finite and within bounds that keep the engine's sums, ratios and discounting far from overflow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from ..messages import translate

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"
TEXT_MAX = 32_767  # what one Excel cell holds, so anything we accept can leave as a workbook

# --- text -----------------------------------------------------------------------------------------
# C0 controls, DEL, C1 controls and the noncharacters U+FFFE/U+FFFF: invisible or misleading on screen
# (a CR alone overprints a terminal line, BEL rings, NUL ends a C string), refused by PostgreSQL (NUL)
# or by the XML of a workbook. pydantic already refuses unpaired surrogates (``string_unicode``).
# Multi-line text keeps tab, line feed and the CR of a CRLF pair (text pasted from Windows or written
# by a spreadsheet comes with CRLF line ends); nothing is normalised, what was typed is kept.
# Two string tests in C decide most text; the rest takes one compiled search.
_NOT_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_NOT_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")  # \r is found, then allowed in \r\n
_LINE_BREAKS = "\n\r"


def character_problem(text: str, *, multiline: bool) -> tuple[str, str, str] | None:
    """(error type, message, character as U+XXXX) for the first character ``text`` may not hold, or None.

    The model's text types and the workbook import both ask this, so they refuse the same characters
    with the same words."""
    if text.isprintable() and text.isascii():  # ASCII without C0 and DEL: most text, decided in C
        return None
    pattern = _NOT_IN_TEXT if multiline else _NOT_IN_LINE
    found = pattern.search(text)
    while found is not None and multiline and text.startswith("\r\n", found.start()):
        found = pattern.search(text, found.start() + 2)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS and not multiline:
        kind = "line_break"
    elif char in "\ufffe\uffff":
        kind = "noncharacter"
    else:
        kind = "control_character"
    return kind, translate(f"problem.{kind}", "en", character=code), code


def _checker(*, multiline: bool, blank: bool):  # noqa: ANN202 - a pydantic after-validator
    # Runs for every text value of an assessment (tens of thousands in a large one): one compiled
    # search decides nearly all of them; only a value it stops at takes the full check.
    search = (_NOT_IN_TEXT if multiline else _NOT_IN_LINE).search

    def check(value: str) -> str:
        if search(value) is None and (blank or not value.isspace()):
            return value
        problem = character_problem(value, multiline=multiline)
        if problem is not None:
            kind, message, code = problem
            raise PydanticCustomError(kind, message.replace(code, "{character}"), {"character": code})
        if not blank and value.isspace():
            raise PydanticCustomError("blank_text", translate("problem.blank", "en"))
        return value  # a CRLF line end, which the search stops at

    return check


_ONE_LINE = AfterValidator(_checker(multiline=False, blank=False))
_LINES = AfterValidator(_checker(multiline=True, blank=True))
_LINES_NOT_BLANK = AfterValidator(_checker(multiline=True, blank=False))

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""An identifier chosen by the user or generated: letters, digits, ``_ . -``, at most 64 characters."""

Text = Annotated[str, StringConstraints(max_length=TEXT_MAX), _LINES]
"""Free text, may be empty, may hold tabs and line breaks."""

RequiredText = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX), _LINES_NOT_BLANK]
"""Free text that must say something: not empty, not only spaces (a goal, a requirement, a risk)."""

Name = Annotated[str, StringConstraints(min_length=1, max_length=500), _ONE_LINE]
"""A name or title: one line, not empty, not only spaces."""

# Codes are checked by pydantic's own regex engine instead: a large assessment holds thousands (every
# vocabulary value), and a wrong one is named by the vocabulary check as well. domain.validation words
# this pattern's failure as character_problem does, so the user reads the same message.
CODE_PATTERN = "^[^\\x00-\\x1f\\x7f-\\x9f\\ufffe\\uffff]*$"

Code = Annotated[str, StringConstraints(max_length=200, pattern=CODE_PATTERN)]
"""A short code: a vocabulary value, an ESRS code, a version; checked against its list elsewhere."""

DatapointId = Annotated[str, StringConstraints(max_length=64, pattern=CODE_PATTERN)]
"""The id of a datapoint in EFRAG's list (IG 3), e.g. ``E1-6_01``."""

Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]  # ISO 3166-1 alpha-2
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]  # ISO 4217

# --- numbers --------------------------------------------------------------------------------------
# Every number is finite (JSON has no NaN or Infinity, and one NaN turns every total it touches into
# NaN) and bounded so that no computation on bounded inputs can overflow a float (about 1.8e308) or
# lose the units digit of an amount (2**53, about 9e15): the largest TCO is 30 years x 1e13 per cost
# line, 3e14 per line; TOPSIS squares values (1e13 squared is 1e26, summed over the options); weights
# are normalised by their sum; utilities are clipped to [0, 1]. The bounds are far beyond any real
# assessment, so only a typo or a hostile file meets them. tests/scoring/test_finite_results.py draws
# assessments across these whole ranges and checks every number of the result is finite.
MAX_WEIGHT = 1e6  # relative weights; points allocations use 100
MAX_AMOUNT = 1e13  # money in the assessment's currency: 10 trillion DKK per cost line and year
MAX_MEASURE = 1e13  # a quantitative criterion's anchors and scores (DKK, months, percent...), either sign
MAX_HOURS = 1e7  # manual effort per data source and year: some 6,000 full-time staff
MAX_MONTHS = 1_200  # time to first report: a century
MAX_REVENUE_MDKK = 1e7  # annual revenue in million DKK: 10 trillion DKK
MAX_EMPLOYEES = 100_000_000


def _finite(low: float, high: float) -> FieldInfo:
    return Field(ge=low, le=high, allow_inf_nan=False)


Weight = Annotated[float, _finite(0, MAX_WEIGHT)]
Amount = Annotated[float, _finite(0, MAX_AMOUNT)]
Measure = Annotated[float, _finite(-MAX_MEASURE, MAX_MEASURE)]
Hours = Annotated[float, _finite(0, MAX_HOURS)]
Months = Annotated[float, _finite(0, MAX_MONTHS)]
RevenueMDKK = Annotated[float, _finite(0, MAX_REVENUE_MDKK)]
Percent = Annotated[float, _finite(0, 100)]
Rate = Annotated[float, _finite(0, 0.5)]  # a yearly discount rate
Factor = Annotated[float, _finite(0, 100)]  # a multiplier of amounts (1.2 = 20 % more)
PairwiseRatio = Annotated[float, _finite(1 / 9 - 1e-9, 9)]  # Saaty's scale 1/9..9
Count = Annotated[int, Field(ge=0, le=MAX_EMPLOYEES)]
MaturityLevel = Annotated[int, Field(ge=1, le=5)]
Rating = Annotated[int, Field(ge=1, le=5)]  # likelihood and impact of a risk
ReportingYear = Annotated[int, Field(ge=2024, le=2040)]
TargetYear = Annotated[int, Field(ge=2024, le=2060)]
YearOffset = Annotated[int, Field(ge=0, le=50)]  # years after the decision
YearCount = Annotated[int, Field(ge=1, le=50)]
HorizonYears = Annotated[int, Field(ge=1, le=30)]
CriterionRank = Annotated[int, Field(ge=1, le=10_000)]  # 1 = most important; equal ranks share weight
Spread = Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)]  # Monte Carlo weight spread, +-fraction


@dataclass(frozen=True)
class Ref:
    """Marks a field (or list field) whose values are ids of items in ``collections``.

    ``collections`` names top-level lists of the assessment; ``extra`` lists literal values that are
    also accepted (e.g. ``"report"`` as the end point of a data flow).
    """

    collections: tuple[str, ...]
    extra: tuple[str, ...] = ()

    def __get_pydantic_json_schema__(self, schema, handler):  # noqa: ANN001 - pydantic hook
        json_schema = handler(schema)
        json_schema["x-ref"] = list(self.collections)
        return json_schema


@dataclass(frozen=True)
class Vocab:
    """Marks a field (or list field) whose values come from a framework vocabulary."""

    name: str

    def __get_pydantic_json_schema__(self, schema, handler):  # noqa: ANN001 - pydantic hook
        json_schema = handler(schema)
        json_schema["x-vocabulary"] = self.name
        return json_schema


@dataclass(frozen=True)
class EsrsCode:
    """Marks a field whose values are ESRS codes of the given level (``standard`` or ``dr``)."""

    level: str

    def __get_pydantic_json_schema__(self, schema, handler):  # noqa: ANN001 - pydantic hook
        json_schema = handler(schema)
        json_schema["x-esrs"] = self.level
        return json_schema


def ref(*collections: str, extra: tuple[str, ...] = ()) -> Ref:
    return Ref(tuple(collections), extra)


def vocab(name: str) -> Vocab:
    return Vocab(name)


class Priority(StrEnum):
    """MoSCoW priority of a requirement; ``must`` makes it a gate in step 4."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class CoverageStatus(StrEnum):
    """How a material disclosure requirement or datapoint is covered by today's data. ``not_assessed``:
    the data sources feeding it are known, how well they cover it is not (yet). ``out_of_scope``: a
    datapoint the organisation decided not to report (a voluntary "may" datapoint); it is never counted,
    neither as covered nor as a gap."""

    AUTOMATED = "automated"
    MANUAL = "manual"
    PARTIAL = "partial"
    GAP = "gap"
    NOT_ASSESSED = "not_assessed"
    OUT_OF_SCOPE = "out_of_scope"


class CriterionKind(StrEnum):
    SCALE = "scale"  # scored 0-5, 5 best
    QUANTITATIVE = "quantitative"  # a measured value with a unit and a direction


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class Horizon(StrEnum):
    SHORT = "short"
    LONG = "long"


class CostKind(StrEnum):
    ONE_OFF = "one_off"
    YEARLY = "yearly"


class Language(StrEnum):
    EN = "en"
    DA = "da"
