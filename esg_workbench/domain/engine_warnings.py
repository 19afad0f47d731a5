"""The decision engine's warnings, and its reasons for not deriving weights, as codes with parameters,
worded in English or Danish from the message catalogue's ``engine_warning`` section.

A warning keeps its code, its parameters (plain JSON: names, ids, numbers, lists of names) and its
English ``message`` (the CLI's ``--json``, logs); every surface renders ``text(lang)``, which formats the
numbers for the language (``formats``) and lists the names the language's way (``scoring.wording``).
Criterion and group names are the user's text and are said as typed, in quotes. The enums are the
registry the catalogue test checks against, as ``problem_codes.Code`` is for validation problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..formats import format_number, format_percent
from ..messages import LANGUAGES, Term, translate

SECTION = "engine_warning"


class WarningCode(StrEnum):
    POINTS_TOTAL = "points_total"  # the points do not add up to the budget
    UNLINKED_LAST = "unlinked_last"  # MoSCoW: criteria linked to no must/should/could requirement
    AHP_MISSING = "ahp_missing"  # comparisons missing: Harker's method, approximate consistency ratio
    AHP_INCONSISTENT = "ahp_inconsistent"  # consistency ratio above Saaty's limit
    NOT_DERIVED = "not_derived"  # the weighting aid refused: ``reason`` says why
    WEIGHTS_DIFFER = "weights_differ"  # entered and derived weights differ; the entered are scored
    WEIGHTS_DIFFER_GROUP = "weights_differ_group"  # the same, and the stakeholders' group weights are scored
    SCORES_IGNORED = "scores_ignored"  # scores of a criterion whose value comes from the option itself


class Reason(StrEnum):
    """Why a weighting aid could not derive weights (``engine_warning.reason.<reason>``)."""

    WEIGHTS_NOT_NUMBERS = "weights_not_numbers"
    WEIGHTS_SUM_ZERO = "weights_sum_zero"
    NO_CRITERIA = "no_criteria"
    RANK_MISSING = "rank_missing"
    PAIRWISE_UNKNOWN = "pairwise_unknown"
    PAIRWISE_SCALE = "pairwise_scale"
    PAIRWISE_SELF = "pairwise_self"
    PAIRWISE_TWICE = "pairwise_twice"
    NOT_CONNECTED = "not_connected"
    ACROSS_GROUPS = "across_groups"
    GROUP_NO_CRITERIA = "group_no_criteria"
    UNGROUPED = "ungrouped"
    # the same refusals for the judgements between criterion groups
    GROUP_PAIRWISE_UNKNOWN = "group_pairwise_unknown"
    GROUP_PAIRWISE_SELF = "group_pairwise_self"
    GROUPS_NOT_CONNECTED = "groups_not_connected"


# How a parameter is said: a share as a percentage with one decimal, the consistency ratio with three
# decimals and its limit with two (as the weights page shows them), a catalogue word, a name in quotes,
# a list of names in quotes joined the language's way. Other numbers by ``messages`` (7,5 in Danish).
PERCENTS = frozenset({"entered", "derived"})
DECIMALS = {"ratio": 3, "limit": 2}
TERMS = {"method": "method", "source": "source"}  # parameter -> catalogue subsection of its words
NAMES = frozenset({"criterion", "group", "a", "b", "in_group"})
# The wrapper around a warning about one level of a criteria hierarchy (AHP at both levels).
IN_GROUP, BETWEEN_GROUPS = "in_group", "between_groups"


def _quoted(name: str) -> str:
    """A name in quotes, whole (a requirement's long text is cut, a name never is: two long names could
    read alike)."""
    return f"“{name}”"


def _shown(name: str, value: Any, lang: str) -> Any:
    from ..scoring.wording import listing  # the result wording; it imports the result models

    if name in PERCENTS:
        return format_percent(value, lang, 1)
    if name in DECIMALS:
        return format_number(value, lang, DECIMALS[name])
    if name in TERMS:
        return Term(f"{SECTION}.{TERMS[name]}.{value}")
    if name in NAMES:
        return _quoted(str(value))
    if isinstance(value, list):
        return listing([_quoted(str(v)) for v in value], lang)
    return value


def render(key: str, lang: str, params: dict[str, Any]) -> str:
    """The catalogue text ``engine_warning.<key>`` in ``lang`` with ``params`` said in that language; a
    ``reason`` parameter is itself a reason's text, with the same parameters. A warning about one level of
    a criteria hierarchy says which."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    values = {k: _shown(k, v, lang) for k, v in params.items()}
    if "reason" in params:
        values["reason"] = translate(f"{SECTION}.reason.{Reason(params['reason'])}", lang, **values)
    text = translate(f"{SECTION}.{key}", lang, **values)
    if params.get(IN_GROUP):
        return translate(f"{SECTION}.{IN_GROUP}", lang, group=values[IN_GROUP], text=text)
    if params.get(BETWEEN_GROUPS):
        return translate(f"{SECTION}.{BETWEEN_GROUPS}", lang, text=text)
    return text


class EngineWarning(BaseModel):
    """One warning of a scoring run or a weighting aid: ``code`` and ``params`` word it in any language,
    ``message`` is its English text. Make one with :meth:`of`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: WarningCode
    params: dict[str, Any] = {}
    message: str

    @classmethod
    def of(cls, code: WarningCode, **params: Any) -> EngineWarning:
        """The warning ``code``, its English message rendered from the catalogue."""
        code = WarningCode(code)
        return cls(code=code, params=params, message=render(code, "en", params))

    def text(self, lang: str = "en") -> str:
        return render(self.code, lang, self.params)

    def within(self, group: str | None = None, group_id: str | None = None) -> EngineWarning:
        """This warning said of one criterion group's comparisons (``group``: its name), or of the
        comparisons between the groups (no group)."""
        scope = {IN_GROUP: group, "in_group_id": group_id} if group is not None else {BETWEEN_GROUPS: True}
        return EngineWarning.of(self.code, **self.params, **scope)

    def __str__(self) -> str:
        return self.message


class WeightsNotDerived(ValueError):
    """A weighting aid's refusal: ``reason`` and ``params`` word it in any language; ``str()`` is the
    English text (a ValueError, as before, for callers that only need to know that it failed)."""

    def __init__(self, reason: Reason, **params: Any) -> None:
        self.reason = Reason(reason)
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        return render(f"reason.{self.reason}", lang, self.params)

    def named(self, names: Mapping[str, str]) -> WeightsNotDerived:
        """The same refusal with criteria or groups by name (``names``: id -> name) instead of id."""
        return WeightsNotDerived(self.reason, **named(self.params, names))

    def warning(self, method: str) -> EngineWarning:
        """The scoring run's warning that the ``method`` weights could not be derived, and why."""
        return EngineWarning.of(WarningCode.NOT_DERIVED, method=method, reason=str(self.reason), **self.params)


# A parameter that names criteria or groups -> the parameter that keeps their ids once names replace them.
NAMED = {
    "criterion": "criterion_id",
    "a": "a_id",
    "b": "b_id",
    "group": "group_id",
    "criteria": "criterion_ids",
    "groups": "group_ids",
}


def named(params: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """``params`` with the ids in its naming parameters replaced by ``names`` (the ids kept beside them);
    parameters already named are left as they are."""
    out = dict(params)
    for key, id_key in NAMED.items():
        if key in params and id_key not in params:
            value = params[key]
            out[id_key] = value
            out[key] = [names.get(v, v) for v in value] if isinstance(value, list) else names.get(value, value)
    return out
