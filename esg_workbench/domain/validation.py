"""Validation of an assessment: every problem at once, each with the path of the value it concerns.

Checks run on the plain data (a dict as read from JSON or a workbook), not on a parsed model, so that a
file with a type error *and* a dangling reference reports both. References and vocabularies are found
by walking the model's field markers (``Ref``, ``Vocab``, ``EsrsCode``), so a new field with a marker is
checked without touching this module.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple, Union

from pydantic import BaseModel, ValidationError

from .assessment import ID_COLLECTIONS, SCORE_SCALE_MAX, Assessment
from .fields import CriterionKind, EsrsCode, Ref, Vocab
from .framework import Framework

_SINGULAR = {
    "roles": "role",
    "systems": "system",
    "data_sources": "data source",
    "data_flows": "data flow",
    "processes": "process",
    "coverage": "coverage item",
    "requirements": "requirement",
    "criteria": "criterion",
    "options": "option",
    "roadmap": "roadmap item",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an assessment. ``path`` is like ``data_sources[3].system_id``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class AssessmentInvalid(ValueError):
    """Raised where an invalid assessment must not go further (loading, saving, importing)."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        head = f"{source}: " if source else ""
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{head}{len(problems)} problem(s)\n{lines}")


# --- walking the model's field markers ------------------------------------------------------------


@dataclass(frozen=True)
class _FieldPlan:
    name: str
    is_list: bool
    submodel: type[BaseModel] | None
    markers: tuple[object, ...]


class Unwrapped(NamedTuple):
    base: Any
    markers: tuple[object, ...]
    is_list: bool
    optional: bool


def unwrap_annotation(tp: Any) -> Unwrapped:
    """Strip Optional, list and Annotated from a field type, keeping the markers found on the way."""
    markers: list[object] = []
    is_list = optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp, *meta = typing.get_args(tp)
            markers.extend(meta)
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(tp))
            if len(args) != 1:
                return Unwrapped(tp, tuple(markers), is_list, optional)
            tp = args[0]
        elif origin is list:
            is_list = True
            tp = typing.get_args(tp)[0]
        else:
            return Unwrapped(tp, tuple(markers), is_list, optional)


@cache
def _plan(model: type[BaseModel]) -> tuple[_FieldPlan, ...]:
    plans = []
    for name, info in model.model_fields.items():
        base, markers, is_list, _ = unwrap_annotation(info.annotation)
        markers = tuple(info.metadata) + markers
        sub = base if isinstance(base, type) and issubclass(base, BaseModel) else None
        interesting = tuple(m for m in markers if isinstance(m, Ref | Vocab | EsrsCode))
        if sub is not None or interesting:
            plans.append(_FieldPlan(name, is_list, sub, interesting))
    return tuple(plans)


def _marked_values(model: type[BaseModel], data: Any, path: str) -> Iterator[tuple[object, Any, str]]:
    """Yield (marker, value, path) for every marked value inside ``data`` shaped like ``model``."""
    if not isinstance(data, dict):
        return
    for fp in _plan(model):
        value = data.get(fp.name)
        if value is None:
            continue
        field_path = f"{path}.{fp.name}" if path else fp.name
        if fp.is_list:
            if not isinstance(value, list):
                continue
            items = [(f"{field_path}[{i}]", v) for i, v in enumerate(value)]
        else:
            items = [(field_path, value)]
        for item_path, item in items:
            if fp.submodel is not None:
                yield from _marked_values(fp.submodel, item, item_path)
            elif item is not None:
                for marker in fp.markers:
                    yield marker, item, item_path


# --- the checks -----------------------------------------------------------------------------------


def _items(data: dict, collection: str) -> list[tuple[int, dict]]:
    value = data.get(collection)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _pydantic_problems(data: Any) -> list[Problem]:
    try:
        Assessment.model_validate(data)
    except ValidationError as exc:
        return [_from_pydantic(err) for err in exc.errors(include_url=False)]
    return []


def _from_pydantic(err: dict) -> Problem:
    path = ""
    for part in err["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    message = err["msg"]
    if err["type"] not in ("missing", "extra_forbidden") and "input" in err:
        shown = repr(err["input"])
        message += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
    if err["type"] == "extra_forbidden":
        message = "unknown field"
    return Problem(path, message)


def _id_problems(data: dict) -> tuple[list[Problem], dict[str, set[str]]]:
    problems: list[Problem] = []
    ids: dict[str, set[str]] = {}
    first_seen: dict[str, str] = {}
    for collection in ID_COLLECTIONS:
        ids[collection] = set()
        for i, item in _items(data, collection):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            path = f"{collection}[{i}].id"
            if item_id in first_seen:
                problems.append(Problem(path, f"duplicate id '{item_id}' (also at {first_seen[item_id]})"))
            else:
                first_seen[item_id] = path
            ids[collection].add(item_id)
    goals = (data.get("to_be") or {}).get("goals") if isinstance(data.get("to_be"), dict) else None
    problems += _duplicates("to_be.goals", goals, lambda g: g.get("id"), "id")
    return problems, ids


def _duplicates(path: str, items: Any, key: Callable[[dict], Any], what: str) -> list[Problem]:
    if not isinstance(items, list):
        return []
    seen: dict[Any, int] = {}
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        k = key(item)
        if k is None or (isinstance(k, tuple) and None in k) or not _hashable(k):
            continue  # missing, or a list / object where an id belongs: reported by pydantic
        if k in seen:
            shown = " / ".join(map(str, k)) if isinstance(k, tuple) else k
            problems.append(Problem(f"{path}[{i}]", f"duplicate {what} '{shown}' (also at {path}[{seen[k]}])"))
        else:
            seen[k] = i
    return problems


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _reference_problems(data: dict, ids: dict[str, set[str]], framework: Framework | None) -> list[Problem]:
    problems = []
    for marker, value, path in _marked_values(Assessment, data, ""):
        if not isinstance(value, str):
            continue  # a type error, already reported by pydantic
        if isinstance(marker, Ref):
            if value in marker.extra or any(value in ids.get(c, ()) for c in marker.collections):
                continue
            what = " or ".join(_SINGULAR[c] for c in marker.collections)
            problems.append(Problem(path, f"unknown {what} '{value}'"))
        elif framework is None:
            continue
        elif isinstance(marker, Vocab):
            allowed = framework.vocabulary_ids(marker.name)
            if value not in allowed:
                problems.append(
                    Problem(path, f"unknown {marker.name.replace('_', ' ')} '{value}' (allowed: {_shortlist(allowed)})")
                )
        elif isinstance(marker, EsrsCode):
            known = framework.esrs.standard_codes if marker.level == "standard" else framework.esrs.dr_codes
            if value not in known:
                what = "ESRS standard" if marker.level == "standard" else "ESRS disclosure requirement"
                problems.append(Problem(path, f"unknown {what} '{value}' in {framework.esrs.id} {framework.esrs.version}"))
    return problems


def _shortlist(values: frozenset[str], limit: int = 12) -> str:
    ordered = sorted(values)
    shown = ", ".join(ordered[:limit])
    return shown + (f", ... ({len(ordered)} in all)" if len(ordered) > limit else "")


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _scenario_problems(data: dict) -> list[Problem]:
    problems: list[Problem] = []
    criteria = {c.get("id"): c for _, c in _items(data, "criteria") if _hashable(c.get("id"))}

    weights = [_number(c.get("weight")) for c in criteria.values()]
    if criteria and all(w is not None and w >= 0 for w in weights) and sum(weights) == 0:
        problems.append(Problem("criteria", "all criterion weights are zero; at least one must be positive"))

    for i, criterion in _items(data, "criteria"):
        problems += _criterion_problems(f"criteria[{i}]", criterion)

    for i, score in _items(data, "scores"):
        path = f"scores[{i}]"
        value, low, high = (_number(score.get(k)) for k in ("value", "low", "high"))
        criterion_id = score.get("criterion_id")
        criterion = criteria.get(criterion_id) if _hashable(criterion_id) else None
        kind = (criterion or {}).get("kind", CriterionKind.SCALE.value)
        if kind == CriterionKind.SCALE.value:
            for key, v in (("value", value), ("low", low), ("high", high)):
                if v is not None and not 0 <= v <= SCORE_SCALE_MAX:
                    problems.append(Problem(f"{path}.{key}", f"score {v:g} is outside the scale 0-5"))
        if value is not None and low is not None and low > value:
            problems.append(Problem(f"{path}.low", f"low {low:g} is above the value {value:g}"))
        if value is not None and high is not None and high < value:
            problems.append(Problem(f"{path}.high", f"high {high:g} is below the value {value:g}"))

    problems += _duplicates(
        "scores", data.get("scores"), lambda s: (s.get("option_id"), s.get("criterion_id")), "score for option / criterion"
    )
    problems += _duplicates(
        "must_have_checks",
        data.get("must_have_checks"),
        lambda s: (s.get("option_id"), s.get("requirement_id")),
        "check for option / requirement",
    )
    for i, item in _items(data, "roadmap"):
        start, end = item.get("start"), item.get("end")
        if isinstance(start, str) and isinstance(end, str) and end < start:  # ISO dates sort as text
            problems.append(Problem(f"roadmap[{i}].end", f"end {end} is before start {start}"))
    decision = data.get("decision")
    if isinstance(decision, dict) and decision.get("option_id") and decision.get("option_id") == decision.get(
        "interim_option_id"
    ):
        problems.append(Problem("decision.interim_option_id", "the interim option must differ from the chosen option"))
    return problems


def _criterion_problems(path: str, criterion: dict) -> list[Problem]:
    kind = criterion.get("kind", CriterionKind.SCALE.value)
    best, worst = _number(criterion.get("best")), _number(criterion.get("worst"))
    source = criterion.get("value_source", "score")
    if kind != CriterionKind.QUANTITATIVE.value:
        if source != "score":
            return [Problem(f"{path}.value_source", f"'{source}' needs a quantitative criterion")]
        return []
    problems = []
    for key, value in (("best", best), ("worst", worst)):
        if value is None and criterion.get(key) is None:
            problems.append(Problem(f"{path}.{key}", "a quantitative criterion needs best and worst values"))
    if best is not None and worst is not None:
        if best == worst:
            problems.append(Problem(f"{path}.best", f"best and worst are both {best:g}; they must differ"))
        elif (criterion.get("direction") == "lower_is_better") != (best < worst):
            problems.append(
                Problem(f"{path}.direction", f"direction does not match best {best:g} and worst {worst:g}")
            )
    return problems


def _other_duplicates(data: dict) -> list[Problem]:
    to_be = data.get("to_be") if isinstance(data.get("to_be"), dict) else {}
    return (
        _duplicates("material_topics", data.get("material_topics"), lambda t: t.get("esrs"), "ESRS standard")
        + _duplicates("to_be.maturity", to_be.get("maturity"), lambda m: m.get("dimension"), "dimension")
        + _duplicates("to_be.survey", to_be.get("survey"), lambda s: s.get("question"), "question")
    )


def validate_data(data: Any, framework: Framework | None = None) -> list[Problem]:
    """All problems of an assessment given as plain data; an empty list means valid.

    Without ``framework`` only the structure, ids, references and value ranges are checked; with it,
    vocabulary values and ESRS codes too.
    """
    if not isinstance(data, dict):
        return [Problem("", f"an assessment must be a JSON object, not {type(data).__name__}")]
    problems = _pydantic_problems(data)
    id_problems, ids = _id_problems(data)
    problems += id_problems
    problems += _reference_problems(data, ids, framework)
    problems += _scenario_problems(data)
    problems += _other_duplicates(data)
    # One message per place: pydantic and our own checks can both notice e.g. a bad score.
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=_path_sort_key)


def validate_assessment(assessment: Assessment, framework: Framework | None = None) -> list[Problem]:
    """All problems of a parsed assessment (references, vocabularies, ranges across fields)."""
    return validate_data(assessment.model_dump(mode="json"), framework)


def _path_sort_key(problem: Problem) -> tuple:
    # Sort "data_sources[10]" after "data_sources[9]": split indices out as numbers.
    parts: list[Any] = []
    for chunk in problem.path.replace("]", "").split("["):
        for piece in chunk.split("."):
            parts.append((0, int(piece), "") if piece.isdecimal() else (1, 0, piece))  # "¹".isdigit()
    return (parts, problem.message)
