"""What the domain model says about each field, in one place for every surface that shows fields.

The app's tables and the workbook's sheets take a field's kind, bounds, values, vocabulary,
references and length from here, read off the pydantic models (their types from ``domain.fields``
and the ``Ref`` / ``Vocab`` / ``EsrsCode`` markers), so a surface cannot state a second, drifting
copy of them; it adds only its own presentation (order, label, width, help).
"""

from __future__ import annotations

import re._parser as regex_parser  # the stdlib's own parser measures a pattern's longest match
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.types import StringConstraints
from pydantic_core import PydanticUndefined

from .fields import _ONE_LINE, ID_PATTERN, EsrsCode, Ref, Vocab
from .validation import unwrap_annotation


class FieldKind(StrEnum):
    """What one value of a field is (of each item, for a list field)."""

    ID = "id"  # the item's own identifier (``Id`` without a reference marker)
    NAME = "name"  # one line of text that must say something (``Name``)
    TEXT = "text"  # free text, or a code checked by its pattern (``Text``, ``Code``, ``Country``...)
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"  # a fixed set of values defined by the model (a StrEnum or a Literal)
    VOCABULARY = "vocabulary"  # a framework vocabulary's term id (``Vocab``)
    REFERENCE = "reference"  # the id of an item of the assessment (``Ref``)
    ESRS = "esrs"  # an ESRS code at a level (``EsrsCode``)
    MODEL = "model"  # a nested model (or a list of them)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model as the model declares it."""

    name: str
    kind: FieldKind
    is_list: bool = False
    required: bool = False  # no default: a new item must give it
    optional: bool = False  # may be None
    default: Any = None  # the model's default when it has one (None otherwise)
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    values: tuple[str, ...] = ()  # ENUM
    vocabulary: str | None = None  # VOCABULARY
    refs: tuple[str, ...] = ()  # REFERENCE: the collections referred to
    extra: tuple[str, ...] = ()  # REFERENCE: literal values accepted besides the ids
    esrs_level: str | None = None  # ESRS: "standard" or "dr"
    model: type[BaseModel] | None = None  # MODEL


@cache
def model_fields(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """Every field of ``model`` by name, in declaration order."""
    return {name: _spec(model, name) for name in model.model_fields}


def field_spec(model: type[BaseModel], name: str) -> FieldSpec:
    """One field of ``model``; a KeyError names the model when it has no such field."""
    try:
        return model_fields(model)[name]
    except KeyError:
        raise KeyError(f"{model.__name__} has no field {name!r}") from None


def field_at(model: type[BaseModel], path: str) -> FieldSpec:
    """The field at a dotted path through nested models (``organisation.sector``, ``to_be.goals``)."""
    head, _, rest = path.partition(".")
    spec = field_spec(model, head)
    if not rest:
        return spec
    if spec.model is None:
        raise KeyError(f"{model.__name__}.{head} holds no fields ({path!r})")
    return field_at(spec.model, rest)


def _spec(model: type[BaseModel], name: str) -> FieldSpec:
    info = model.model_fields[name]
    base, markers, is_list, optional = unwrap_annotation(info.annotation)
    markers = (*info.metadata, *markers)
    default = None if info.is_required() or info.default is PydanticUndefined else info.default
    if isinstance(default, Enum):
        default = default.value
    common: dict[str, Any] = {
        "name": name,
        "is_list": is_list,
        "required": info.is_required(),
        "optional": optional,
        "default": default,
        **_bounds(markers),
    }
    ref = _first(markers, Ref)
    vocab = _first(markers, Vocab)
    esrs = _first(markers, EsrsCode)
    if ref is not None:
        return FieldSpec(kind=FieldKind.REFERENCE, refs=ref.collections, extra=ref.extra, **common)
    if vocab is not None:
        return FieldSpec(kind=FieldKind.VOCABULARY, vocabulary=vocab.name, **common)
    if esrs is not None:
        return FieldSpec(kind=FieldKind.ESRS, esrs_level=esrs.level, **common)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return FieldSpec(kind=FieldKind.MODEL, model=base, **common)
    if isinstance(base, type) and issubclass(base, StrEnum):
        return FieldSpec(kind=FieldKind.ENUM, values=tuple(v.value for v in base), **common)
    if get_origin(base) is Literal:
        return FieldSpec(kind=FieldKind.ENUM, values=tuple(str(v) for v in get_args(base)), **common)
    return FieldSpec(kind=_plain_kind(base, markers), **common)


def _plain_kind(base: Any, markers: tuple[object, ...]) -> FieldKind:
    if base is bool:  # before int: bool is an int
        return FieldKind.BOOL
    if base is int:
        return FieldKind.INT
    if base is float:
        return FieldKind.FLOAT
    if base is datetime:  # before date: a datetime is a date
        return FieldKind.DATETIME
    if base is date:
        return FieldKind.DATE
    if base is str:
        if any(isinstance(m, StringConstraints) and m.pattern == ID_PATTERN for m in markers):
            return FieldKind.ID
        if any(m is _ONE_LINE for m in markers):
            return FieldKind.NAME
        return FieldKind.TEXT
    raise TypeError(f"no field kind for the type {base!r}")


def _bounds(markers: tuple[object, ...]) -> dict[str, Any]:
    """ge/le (as the model writes them: an int field's bounds stay ints), lengths and a pattern's
    longest match, as found in the field's metadata."""
    out: dict[str, Any] = {}
    for m in markers:
        if isinstance(m, Ge | Gt):
            out["minimum"] = m.ge if isinstance(m, Ge) else m.gt
        elif isinstance(m, Le | Lt):
            out["maximum"] = m.le if isinstance(m, Le) else m.lt
        elif isinstance(m, MinLen):
            out["min_length"] = m.min_length
        elif isinstance(m, MaxLen):
            out["max_length"] = m.max_length
        elif isinstance(m, StringConstraints):
            if m.min_length is not None:
                out["min_length"] = m.min_length
            if m.max_length is not None:
                out["max_length"] = m.max_length
            elif m.pattern is not None:
                longest = _longest_match(str(m.pattern))
                if longest is not None:
                    out["max_length"] = longest
        elif hasattr(m, "metadata"):  # a FieldInfo (``Field(ge=..., le=...)``) inside Annotated
            out.update(_bounds(tuple(m.metadata)))
    return out


def _longest_match(pattern: str) -> int | None:
    """The most characters ``pattern`` can match (``^[A-Z]{2}$`` -> 2), None when unbounded."""
    longest = regex_parser.parse(pattern).getwidth()[1]
    return longest if longest < regex_parser.MAXREPEAT else None


def _first(markers: tuple[object, ...], kind: type) -> Any:
    return next((m for m in markers if isinstance(m, kind)), None)
