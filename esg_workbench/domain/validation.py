"""Validation of an assessment: every problem at once, each with the path of the value it concerns.

Checks run on the plain data (a dict as read from JSON or a workbook), not on a parsed model, so that a
file with a type error *and* a dangling reference reports both. References and vocabularies are found
by walking the model's field markers (``Ref``, ``Vocab``, ``EsrsCode``), so a new field with a marker is
checked without touching this module.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, NamedTuple, Union

from pydantic import BaseModel, ValidationError

from ..messages import Number, Term, translate
from .assessment import ID_COLLECTIONS, KEEPS_OLD_CODE, SCORE_SCALE_MAX, Assessment
from .fields import CODE_PATTERN, CriterionKind, EsrsCode, Ref, Vocab, character_problem
from .framework import Framework
from .materiality import contradiction
from .migrations import migrate
from .problem_codes import COLLECTION_TERMS, PYDANTIC_CODES, Code


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an assessment. ``path`` is like ``data_sources[3].system_id``.

    ``code`` (a :class:`Code`) and ``params`` word it in any language (catalogue key ``problem.<code>``);
    ``message`` is the English text. A ``got`` parameter (the value found) is said after the message.
    Make one with :meth:`of`; problems compare by path and message."""

    path: str
    message: str
    code: str = field(default="", compare=False)
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, path: str, code: Code, **params: Any) -> Problem:
        """The problem ``code`` at ``path``, its English message rendered from the catalogue."""
        return cls(path, render(Code(code), "en", params), code, params)

    def text(self, lang: str) -> str:
        """The message in ``lang`` (the English message when the problem has no code)."""
        return render(self.code, lang, self.params) if self.code else self.message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    """A problem code's message in ``lang``, with the value found (``got``) said after it."""
    values = {k: v for k, v in params.items() if k != "got"}
    text = translate(f"problem.{code}", lang, **values)
    return text + translate("problem.got", lang, value=params["got"]) if "got" in params else text


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
class FieldPlan:
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
def field_plans(model: type[BaseModel]) -> tuple[FieldPlan, ...]:
    plans = []
    for name, info in model.model_fields.items():
        base, markers, is_list, _ = unwrap_annotation(info.annotation)
        markers = tuple(info.metadata) + markers
        sub = base if isinstance(base, type) and issubclass(base, BaseModel) else None
        interesting = tuple(m for m in markers if isinstance(m, Ref | Vocab | EsrsCode))
        if sub is not None or interesting:
            plans.append(FieldPlan(name, is_list, sub, interesting))
    return tuple(plans)


# Where a value sits, as nested tuples built while walking: (where its item is, field name, list index
# or None). The path text is only made for the few values that have a problem; a large assessment
# holds tens of thousands that do not.
_Where = tuple[Any, str, int | None]


@dataclass(frozen=True)
class Twice:
    """Found in place of a marker: the value is listed again in the same list (first at ``index``)."""

    index: int


# A model's marked fields with the values each marker accepts: (name, is_list, submodel, checks).
_Rules = list[tuple[str, bool, "type[BaseModel] | None", tuple[tuple[object, frozenset[str]], ...]]]


def _unknown_values(
    fields: _Rules, data: dict, rules: Callable[[type[BaseModel]], _Rules], found: list, where: Any = None
) -> None:
    """Append (marker, value, where) to ``found`` for every marked string inside ``data`` that its
    marker does not accept; ``fields`` are the rules of ``data``'s model, ``rules`` gives a submodel's."""
    for name, is_list, submodel, checks in fields:
        value = data.get(name)
        if value is None:
            continue
        if submodel is not None:
            inner = rules(submodel)
            if not is_list:
                if isinstance(value, dict):
                    _unknown_values(inner, value, rules, found, (where, name, None))
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        _unknown_values(inner, item, rules, found, (where, name, i))
        elif not is_list:
            if isinstance(value, str):  # anything else is a type error, reported by pydantic
                for marker, known in checks:
                    if value not in known:
                        found.append((marker, value, (where, name, None)))
        elif isinstance(value, list):
            first: dict[str, int] = {}
            for i, item in enumerate(value):
                if isinstance(item, str):
                    for marker, known in checks:
                        if item not in known:
                            found.append((marker, item, (where, name, i)))
                    # A reference listed twice (a data source twice in one coverage item) is a slip that
                    # would count twice in the chain; every list of references is a set.
                    if item in first and any(isinstance(marker, Ref) for marker, _ in checks):
                        found.append((Twice(first[item]), item, (where, name, i)))
                    first.setdefault(item, i)


def _path(where: _Where | None) -> str:
    """The text of a place: ``data_sources[3].system_id``, ``to_be.goals[0].id``."""
    if where is None:
        return ""
    parent, name, index = where
    head = _path(parent)
    text = f"{head}.{name}" if head else name
    return text if index is None else f"{text}[{index}]"


# --- the checks -----------------------------------------------------------------------------------


def _items(data: dict, collection: str) -> Iterator[tuple[int, dict]]:
    value = data.get(collection)
    if isinstance(value, list):
        yield from ((i, item) for i, item in enumerate(value) if isinstance(item, dict))


def _pydantic_check(data: Any) -> tuple[Assessment | None, list[Problem]]:
    try:
        return Assessment.model_validate(data), []
    except ValidationError as exc:
        return None, [_from_pydantic(err) for err in exc.errors(include_url=False)]


def _from_pydantic(err: dict) -> Problem:
    path = ""
    for part in err["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    kind, params = err["type"], {k: _shown_bound(v) for k, v in (err.get("ctx") or {}).items()}
    if kind == "string_pattern_mismatch" and params.get("pattern") == CODE_PATTERN:
        # A code holds a control character: said as for any other text (domain.fields).
        found = character_problem(err["input"], multiline=False) if isinstance(err["input"], str) else None
        if found:
            kind, params = found[0], {"character": found[2]}
    code = PYDANTIC_CODES.get(kind)
    if kind in ("string_too_short", "string_too_long"):
        params = {"count": int(params.pop("min_length" if kind == "string_too_short" else "max_length"))}
    if code is not None and kind != "extra_forbidden" and render(code, "en", params) != err["msg"]:
        code = None  # pydantic words this case otherwise (e.g. a number's form): its words are kept
    if code is None:
        code, params = Code.INVALID, {"detail": err["msg"]}
    if kind not in ("missing", "extra_forbidden") and "input" in err:
        shown = repr(err["input"])
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        found = err["input"]
        numeric = isinstance(found, int | float) and not isinstance(found, bool) and math.isfinite(found)
        params["got"] = Number(found, shown) if numeric else shown
    return Problem.of(path, code, **params)


def _shown_bound(value: Any) -> Any:
    """A value of a pydantic error's context as pydantic words it (a whole float without ``.0``); a
    number stays a number for other languages' formats."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return Number(value, str(int(value)))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Number(value, str(value))
    return str(value)


def _shown_number(value: float) -> Number:
    """A number for a problem's message, written in English as ``:g`` writes it."""
    return Number(value, f"{value:g}")


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
                problems.append(Problem.of(path, Code.DUPLICATE_ID, value=item_id, other=first_seen[item_id]))
            else:
                first_seen[item_id] = path
            ids[collection].add(item_id)
    goals = (data.get("to_be") or {}).get("goals") if isinstance(data.get("to_be"), dict) else None
    problems += _duplicates("to_be.goals", goals, lambda g: g.get("id"), None)
    return problems, ids


def _duplicates(path: str, items: Any, key: Callable[[dict], Any], what: str | None) -> list[Problem]:
    """Items of a list that share ``key``; ``what`` is the term for the key (None: an id)."""
    if not isinstance(items, list):
        return []
    seen: dict[Any, int] = {}
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        k = key(item)
        if k is None or (isinstance(k, tuple) and None in k):
            continue  # missing: reported by pydantic
        try:
            first = seen.setdefault(k, i)
        except TypeError:
            continue  # a list or an object where an id belongs: reported by pydantic
        if first != i:
            shown = " / ".join(map(str, k)) if isinstance(k, tuple) else k
            where, other = f"{path}[{i}]", f"{path}[{first}]"
            if what is None:
                problems.append(Problem.of(where, Code.DUPLICATE_ID, value=shown, other=other))
            else:
                term = Term(f"problem_terms.duplicate.{what}")
                problems.append(Problem.of(where, Code.DUPLICATE, what=term, value=shown, other=other))
    return problems


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _reference_problems(data: dict, ids: dict[str, set[str]], framework: Framework | None) -> list[Problem]:
    known: dict[object, frozenset[str] | None] = {}
    compiled: dict[type[BaseModel], _Rules] = {}

    def rules(model: type[BaseModel]) -> _Rules:
        # Once per model and marker, not once per value: the allowed sets are built up front.
        if model not in compiled:
            compiled[model] = []
            for fp in field_plans(model):
                for marker in fp.markers:
                    if marker not in known:
                        known[marker] = _allowed(marker, ids, framework)
                checks = tuple((m, known[m]) for m in fp.markers if known[m] is not None)
                if fp.submodel is not None or checks:
                    compiled[model].append((fp.name, fp.is_list, fp.submodel, checks))
        return compiled[model]

    found: list[tuple[object, str, Any]] = []
    _unknown_values(rules(Assessment), data, rules, found)
    problems = []
    for marker, value, where in found:
        path = _path(where)
        if isinstance(marker, Twice):
            parent, name, _ = where
            other = _path((parent, name, marker.index))
            problems.append(Problem.of(path, Code.DUPLICATE_REF, value=value, other=other))
        elif isinstance(marker, Ref):
            what = Term("problem_terms.ref." + "_or_".join(COLLECTION_TERMS[c] for c in marker.collections))
            problems.append(Problem.of(path, Code.UNKNOWN_REF, what=what, value=value))
        elif isinstance(marker, Vocab):
            vocabulary = Term(f"problem_terms.vocabulary.{marker.name}")
            allowed = _shortlist(known[marker])
            problems.append(Problem.of(path, Code.UNKNOWN_VOCAB, vocabulary=vocabulary, value=value, allowed=allowed))
        elif isinstance(marker, EsrsCode) and framework is not None:
            code = Code.UNKNOWN_STANDARD if marker.level == "standard" else Code.UNKNOWN_DR
            catalogue = f"{framework.esrs.id} {framework.esrs.version}"
            problems.append(Problem.of(path, code, value=value, catalogue=catalogue))
    return problems


def _allowed(marker: object, ids: dict[str, set[str]], framework: Framework | None) -> frozenset[str] | None:
    """The values a marked field accepts; None when it cannot be checked (no framework given)."""
    if isinstance(marker, Ref):
        return frozenset(marker.extra).union(*(ids.get(c, ()) for c in marker.collections))
    if framework is None:
        return None
    if isinstance(marker, Vocab):
        return framework.vocabulary_ids(marker.name)
    if isinstance(marker, EsrsCode):
        return framework.esrs.standard_codes if marker.level == "standard" else framework.esrs.dr_codes
    return None


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
        problems.append(Problem.of("criteria", Code.WEIGHTS_ZERO))

    for i, criterion in _items(data, "criteria"):
        problems += _criterion_problems(f"criteria[{i}]", criterion)

    for i, score in _items(data, "scores"):
        problems += _score_problems(f"scores[{i}]", score, criteria)

    problems += _duplicates(
        "scores",
        data.get("scores"),
        lambda s: (s.get("option_id"), s.get("criterion_id")),
        "score_pair",
    )
    problems += _duplicates(
        "must_have_checks",
        data.get("must_have_checks"),
        lambda s: (s.get("option_id"), s.get("requirement_id")),
        "check_pair",
    )
    problems += _duplicates(
        "stakeholder_weights",
        data.get("stakeholder_weights"),
        lambda w: (w.get("stakeholder_id"), w.get("criterion_id")),
        "stakeholder_weight_pair",
    )
    # a pair judged twice by one stakeholder, in either order (a vs b, b vs a)
    problems += _duplicates(
        "stakeholder_judgements",
        data.get("stakeholder_judgements"),
        lambda j: (
            (j.get("stakeholder_id"), *sorted(map(str, (j.get("a"), j.get("b")))))
            if None not in (j.get("a"), j.get("b"))
            else None
        ),
        "stakeholder_judgement_pair",
    )
    for i, item in _items(data, "roadmap"):
        start, end = item.get("start"), item.get("end")
        if isinstance(start, str) and isinstance(end, str) and end < start:  # ISO dates sort as text
            problems.append(Problem.of(f"roadmap[{i}].end", Code.END_BEFORE_START, end=end, start=start))
    decision = data.get("decision")
    if (
        isinstance(decision, dict)
        and decision.get("option_id")
        and decision.get("option_id") == decision.get("interim_option_id")
    ):
        problems.append(Problem.of("decision.interim_option_id", Code.INTERIM_SAME))
    return problems


_SCALE = CriterionKind.SCALE.value


def _score_problems(path: str, score: dict, criteria: dict[Any, dict]) -> list[Problem]:
    value, low, high = _number(score.get("value")), _number(score.get("low")), _number(score.get("high"))
    criterion_id = score.get("criterion_id")
    criterion = criteria.get(criterion_id) if isinstance(criterion_id, str) or _hashable(criterion_id) else None
    problems = []
    if (criterion or {}).get("kind", _SCALE) == _SCALE:
        for key, v in (("value", value), ("low", low), ("high", high)):
            if v is not None and not 0 <= v <= SCORE_SCALE_MAX:
                problems.append(Problem.of(f"{path}.{key}", Code.SCORE_RANGE, value=_shown_number(v)))
    if value is not None and low is not None and low > value:
        problems.append(Problem.of(f"{path}.low", Code.LOW_ABOVE, low=_shown_number(low), value=_shown_number(value)))
    if value is not None and high is not None and high < value:
        problems.append(
            Problem.of(f"{path}.high", Code.HIGH_BELOW, high=_shown_number(high), value=_shown_number(value))
        )
    return problems


def _criterion_problems(path: str, criterion: dict) -> list[Problem]:
    kind = criterion.get("kind", CriterionKind.SCALE.value)
    best, worst = _number(criterion.get("best")), _number(criterion.get("worst"))
    source = criterion.get("value_source", "score")
    if kind != CriterionKind.QUANTITATIVE.value:
        if source != "score":
            return [Problem.of(f"{path}.value_source", Code.NEEDS_QUANTITATIVE, value=source)]
        return []
    problems = []
    for key, value in (("best", best), ("worst", worst)):
        if value is None and criterion.get(key) is None:
            problems.append(Problem.of(f"{path}.{key}", Code.NEEDS_ANCHORS))
    if best is not None and worst is not None:
        if best == worst:
            problems.append(Problem.of(f"{path}.best", Code.ANCHORS_EQUAL, value=_shown_number(best)))
        elif (criterion.get("direction") == "lower_is_better") != (best < worst):
            problems.append(
                Problem.of(
                    f"{path}.direction", Code.DIRECTION_MISMATCH, best=_shown_number(best), worst=_shown_number(worst)
                )
            )
    return problems


def _other_duplicates(data: dict) -> list[Problem]:
    to_be = data.get("to_be") if isinstance(data.get("to_be"), dict) else {}
    return (
        _duplicates("material_topics", data.get("material_topics"), lambda t: t.get("esrs"), "esrs_standard")
        + _duplicates("to_be.maturity", to_be.get("maturity"), lambda m: m.get("dimension"), "dimension")
        + _duplicates("to_be.survey", to_be.get("survey"), lambda s: s.get("question"), "question")
    )


def _in_catalogue_terms(data: dict, framework: Framework | None) -> tuple[Framework | None, list[Problem]]:
    """The framework working against the catalogue the data names, so ESRS codes are checked in that
    version's terms; an unknown catalogue is a problem, and then no code can be checked."""
    ref = data.get("catalogue")
    if framework is None or not isinstance(ref, dict):
        return framework, []  # no framework to check against, or a malformed ref pydantic reports
    key = (ref.get("id"), ref.get("version"))
    if not all(isinstance(k, str) for k in key):
        return framework, []
    if framework.catalogue(key) is None:
        value = f"{key[0]} {key[1]}"
        return None, [
            Problem.of("catalogue", Code.UNKNOWN_CATALOGUE, value=value, allowed=framework.catalogues_offered)
        ]
    return framework.with_catalogue(key), []


def _review_problems(data: dict, framework: Framework | None, problems: list[Problem]) -> list[Problem]:
    """A coverage item a catalogue move could not place (review ``split``, ``dropped``, ``unmapped``) keeps
    its old code: that code is checked against the catalogue it came from (``moved_from``), its candidates
    against the current one."""
    kept_old: dict[int, str] = {}
    for i, item in _items(data, "coverage"):
        if item.get("review") in KEEPS_OLD_CODE and isinstance(item.get("moved_from"), str):
            kept_old[i] = item["moved_from"]
    kept = [
        p
        for p in problems
        if not (p.code == Code.UNKNOWN_DR and any(p.path == f"coverage[{i}].disclosure_requirement" for i in kept_old))
    ]
    if framework is None:
        return kept
    offered = framework.catalogues_offered
    for i, moved_from in kept_old.items():
        parts = moved_from.split(" ")
        old = framework.catalogue((parts[0], parts[1])) if len(parts) == 3 else None
        if old is None:
            kept.append(
                Problem.of(f"coverage[{i}].moved_from", Code.UNKNOWN_CATALOGUE, value=moved_from, allowed=offered)
            )
            continue
        code = data["coverage"][i].get("disclosure_requirement")
        if isinstance(code, str) and code not in old.dr_codes:
            kept.append(
                Problem.of(f"coverage[{i}].disclosure_requirement", Code.UNKNOWN_DR, value=code, catalogue=str(old.ref))
            )
    for i, item in _items(data, "coverage"):
        candidates = item.get("review_candidates")
        for j, candidate in enumerate(candidates if isinstance(candidates, list) else []):
            if isinstance(candidate, str) and candidate not in framework.esrs.dr_codes:
                path = f"coverage[{i}].review_candidates[{j}]"
                kept.append(Problem.of(path, Code.REVIEW_CANDIDATE, value=candidate, catalogue=str(framework.esrs.ref)))
    return kept


def _materiality_problems(data: dict) -> list[Problem]:
    """A recorded outcome that the impact/financial flags contradict (the flags decide)."""
    found = []
    for i, topic in _items(data, "material_topics"):
        why = contradiction(topic.get("material"), topic.get("impact_material"), topic.get("financial_material"))
        if why:
            code, params = why
            found.append(Problem.of(f"material_topics[{i}].material", code, **params))
    return found


def validate_data(data: Any, framework: Framework | None = None) -> list[Problem]:
    """All problems of an assessment given as plain data; an empty list means valid.

    Without ``framework`` only the structure, ids, references and value ranges are checked; with it,
    vocabulary values and ESRS codes too.
    """
    return validate_and_parse(data, framework)[1]


def validate_and_parse(data: Any, framework: Framework | None = None) -> tuple[Assessment | None, list[Problem]]:
    """Like :func:`validate_data`, and also the Assessment when there is no problem (else None), so a
    caller that needs the model does not have pydantic validate the data a second time."""
    if not isinstance(data, dict):
        return None, [Problem.of("", Code.NOT_OBJECT, type=type(data).__name__)]
    data, moved = migrate(data)
    model, problems = _pydantic_check(data)
    id_problems, ids = _id_problems(data)
    problems += id_problems
    framework, catalogue_problems = _in_catalogue_terms(data, framework)
    problems += catalogue_problems
    problems += _review_problems(data, framework, _reference_problems(data, ids, framework))
    problems += _scenario_problems(data)
    problems += _other_duplicates(data)
    problems += _materiality_problems(data)
    # One message per place: pydantic and our own checks can both notice e.g. a bad score.
    # A value an upgrade moved is reported where the user wrote it.
    problems = [replace(p, path=moved[p.path]) if p.path in moved else p for p in problems]
    unique = sorted(dict.fromkeys(problems), key=_path_sort_key)
    return (None if unique else model), unique


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
