"""Validation messages in the user's language.

The core words its problems in English (they also go to the CLI and log files). The app recognises
the core's message templates and the pydantic error types and words them from the locale files; a
message it does not recognise is shown as it is, so nothing is ever hidden.
"""

from __future__ import annotations

import re

from ..domain import Problem
from ..domain.fields import CODE_PATTERN, ID_PATTERN
from .editing import Issue
from .i18n import has, translate

# Core message templates (esg_workbench.domain.validation) -> locale key under "problems."
_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"^duplicate id '(?P<value>.*)' \(also at (?P<other>.*)\)$", "duplicate_id"),
        (r"^duplicate (?P<what>.+) '(?P<value>.*)' \(also at (?P<other>.*)\)$", "duplicate"),
        (r"^unknown ESRS standard '(?P<value>.*)' in (?P<catalogue>.*)$", "unknown_standard"),
        (r"^unknown ESRS disclosure requirement '(?P<value>.*)' in (?P<catalogue>.*)$", "unknown_dr"),
        (r"^unknown (?P<what>[a-z ]+) '(?P<value>.*)' \(allowed: (?P<allowed>.*)\)$", "unknown_vocab"),
        (r"^unknown (?P<what>[a-z ]+) '(?P<value>.*)'$", "unknown_ref"),
        (r"^all criterion weights are zero", "weights_zero"),
        (r"^score (?P<value>\S+) is outside the scale 0-5$", "score_range"),
        (r"^low (?P<low>\S+) is above the value (?P<value>\S+)$", "low_above"),
        (r"^high (?P<high>\S+) is below the value (?P<value>\S+)$", "high_below"),
        (r"^end (?P<end>\S+) is before start (?P<start>\S+)$", "end_before_start"),
        (r"^the interim option must differ", "interim_same"),
        (r"^'(?P<value>.*)' needs a quantitative criterion$", "needs_quantitative"),
        (r"^a quantitative criterion needs best and worst", "needs_anchors"),
        (r"^best and worst are both (?P<value>\S+); they must differ$", "anchors_equal"),
        (r"^direction does not match best (?P<best>\S+) and worst (?P<worst>\S+)$", "direction_mismatch"),
        (r"^unknown field$", "unknown_field"),
        (r"^the workbook is for assessment '(?P<value>.*)', not '(?P<other>.*)'", "other_workbook"),
        (r"^Field required$", "required"),
        (r"^Input should be greater than or equal to (?P<ge>\S+)", "ge"),
        (r"^Input should be less than or equal to (?P<le>\S+)", "le"),
        (r"^String should have at least 1 character", "required"),
        (r"^String should have at most (?P<max_length>\d+) character", "too_long"),
        (r"^String should match pattern", "pattern"),
        (r"^Input should be a valid (integer|number)", "number"),
        (r"^Input should be a valid date", "date"),
        # domain.fields and json_text: the offending value last, so each is one stable pattern
        (r"^control character not allowed: (?P<character>U\+[0-9A-F]{4,6})$", "core_input.control_character"),
        (r"^line break not allowed: (?P<character>U\+[0-9A-F]{4,6})$", "core_input.line_break"),
        (r"^character not allowed: (?P<character>U\+[0-9A-F]{4,6})$", "core_input.noncharacter"),
        (r"^must not be only spaces$", "core_input.blank"),
        (r"^Input should be a finite number", "core_input.finite"),
        (r"^Input should be a valid string, unable to parse raw data as a unicode string", "core_input.not_unicode"),
        (r"^key given twice$", "core_input.duplicate_key"),
        (r"^a number has more than 4,300 digits$", "core_input.long_number"),
        (r"^not valid JSON: (?P<value>.*)$", "core_input.not_json"),
    )
)

# Terms the core puts into its messages, worded per language under "problems.what.".
_WHAT_KEYS = {
    "data source or system": "source_or_system",
    "data source": "data_source",
    "system": "system",
    "role": "role",
    "criterion": "criterion",
    "option": "option",
    "requirement": "requirement",
    "roadmap item": "roadmap_item",
}

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


def problem_text(problem: Problem, lang: str) -> str:
    """A core problem message in ``lang`` (the English text when it is not recognised)."""
    return message_text(problem.message, lang)


def message_text(message: str, lang: str) -> str:
    if lang == "en":
        return message
    base, got = _split_got(message)
    for pattern, key in _TEMPLATES:
        match = pattern.match(base)
        if match:
            values = {k: v for k, v in match.groupdict().items() if v is not None}
            if "what" in values:
                values["what"] = _what(values["what"], lang)
            # The core writes its numbers in English; as numbers again, translate writes them in ``lang``.
            values = {k: _as_number(v) if k in _NUMBERS or (k == "value" and key in _NUMBER_VALUES) else v
                      for k, v in values.items()}  # fmt: skip
            text = translate(_locale_key(key), lang, **_defaults(values))
            return text + (translate("problems.got", lang, value=_as_number(got)) if got else "")
    return message


_NUMBERS = {"low", "high", "best", "worst", "ge", "le"}  # placeholders that always hold a number
_NUMBER_VALUES = {"score_range", "low_above", "high_below", "anchors_equal"}  # templates whose value is one
_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _as_number(text: str) -> str | int | float:
    """``text`` as a number if it is one written plainly (2.5, -1), else as it is (an id, 'a', inf)."""
    if not _PLAIN_NUMBER.match(text):
        return text
    return float(text) if "." in text else int(text)


def issue_text(issue: Issue, lang: str) -> str:
    """An edit issue (pydantic error or core problem) in ``lang``."""
    if not issue.code.startswith("pydantic."):
        return message_text(issue.message, lang)
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


def _split_got(message: str) -> tuple[str, str]:
    match = re.match(r"^(?P<base>.*) \(got (?P<got>.*)\)$", message)
    return (match["base"], match["got"]) if match else (message, "")


def _what(what: str, lang: str) -> str:
    key = _WHAT_KEYS.get(what)
    return translate(f"problems.what.{key}", lang) if key else what


def _defaults(values: dict[str, str]) -> dict[str, str]:
    """Every placeholder any template uses, so a template never fails on a missing value."""
    names = ("value", "other", "what", "catalogue", "allowed", "low", "high", "start", "end", "best", "worst")
    names += ("character",)
    return {**dict.fromkeys(names, ""), "ge": "", "le": "", "max_length": "", "input": "", **values}
