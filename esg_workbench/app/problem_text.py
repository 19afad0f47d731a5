"""Validation messages in the user's language.

A core problem carries a code and parameters, worded from the message catalogue
(:meth:`esg_workbench.domain.Problem.text`). An edit issue that pydantic raised while a field was typed
gets the friendlier hint of the ``problems`` section (``use two capital letters, e.g. DK``); a message
without a code is shown as it is, so nothing is ever hidden.
"""

from __future__ import annotations

from ..domain import Problem
from ..domain.fields import CODE_PATTERN, ID_PATTERN
from ..domain.validation import render
from .editing import Issue
from .i18n import has, translate

# pydantic error type -> locale key under "problems."
_PYDANTIC = {
    "missing": "required",
    "string_too_short": "required",
    "string_too_long": "too_long",
    "greater_than_equal": "ge",
    "greater_than": "ge",
    "less_than_equal": "le",
    "less_than": "le",
    "int_parsing": "number",
    "int_from_float": "whole_number",
    "float_parsing": "number",
    "int_type": "number",
    "float_type": "number",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "enum": "choose",
    "literal_error": "choose",
    "string_pattern_mismatch": "pattern",
    "string_type": "text",
    "bool_parsing": "yes_no",
    "control_character": "core_input.control_character",
    "line_break": "core_input.line_break",
    "noncharacter": "core_input.noncharacter",
    "blank_text": "core_input.blank",
    "finite_number": "core_input.finite",
    "string_unicode": "core_input.not_unicode",
}

_PATTERN_HINTS = {
    ID_PATTERN: "pattern_id",
    r"^[A-Z]{2}$": "pattern_country",
    r"^[A-Z]{3}$": "pattern_currency",
    CODE_PATTERN: "core_input.pattern_code",
}

ISSUE_OF_PROBLEM = "problem."  # an Issue's code for a core problem: this prefix and the problem's code


def problem_text(problem: Problem, lang: str) -> str:
    """A core problem in ``lang``."""
    return problem.text(lang)


def issue_of(problem: Problem) -> Issue:
    """An edit issue for a core problem, worded from its code."""
    code = f"{ISSUE_OF_PROBLEM}{problem.code}" if problem.code else "problem"
    return Issue(problem.path, problem.message, code, dict(problem.params))


def issue_text(issue: Issue, lang: str) -> str:
    """An edit issue (pydantic error or core problem) in ``lang``."""
    if issue.code.startswith(ISSUE_OF_PROBLEM):
        return render(issue.code.removeprefix(ISSUE_OF_PROBLEM), lang, issue.params)
    if not issue.code.startswith("pydantic."):
        return issue.message
    key = _PYDANTIC.get(issue.code.removeprefix("pydantic."))
    # Numbers stay numbers, so translate writes them in the language (a bound of 0,5 in Danish).
    params = {
        k: v if isinstance(v, int | float) and not isinstance(v, bool) else str(v) for k, v in issue.params.items()
    }
    if key == "pattern":
        key = _PATTERN_HINTS.get(params.get("pattern", ""), "pattern")
    if key is None or not has(_locale_key(key)):
        return issue.message
    return translate(_locale_key(key), lang, **_defaults(params))


def _locale_key(key: str) -> str:
    """A key of the "problems" section, or a full key (``core_input.blank``) of another section."""
    return key if "." in key else f"problems.{key}"


def _defaults(values: dict[str, str]) -> dict[str, str]:
    """Every placeholder a hint uses, so a hint never fails on a missing value."""
    return {"character": "", "ge": "", "le": "", "max_length": "", "input": "", **values}
