"""Field types and markers shared by the domain models.

Reference and vocabulary markers are attached to fields as metadata, so the validator can find every
id reference and every vocabulary-coded field by walking the models instead of keeping a second list
that drifts out of date. The markers also land in the JSON Schema (``x-ref`` / ``x-vocabulary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""An identifier chosen by the user or generated: letters, digits, ``_ . -``, at most 64 characters."""

Text = Annotated[str, StringConstraints(max_length=32_767)]
"""Free text. 32,767 is what one Excel cell holds, so anything we accept can leave as a workbook."""

Name = Annotated[str, StringConstraints(min_length=1, max_length=500)]


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
    the data sources feeding it are known, how well they cover it is not (yet)."""

    AUTOMATED = "automated"
    MANUAL = "manual"
    PARTIAL = "partial"
    GAP = "gap"
    NOT_ASSESSED = "not_assessed"


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


MaturityLevel = Annotated[int, Field(ge=1, le=5)]
Percent = Annotated[float, Field(ge=0, le=100)]
NonNegative = Annotated[float, Field(ge=0)]
