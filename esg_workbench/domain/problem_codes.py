"""Every code a :class:`~esg_workbench.domain.validation.Problem` can carry, and how pydantic's error
types map to them.

A code's wording is the catalogue key ``problem.<code>`` (``esg_workbench/locales``), in English and
Danish; the English text is the problem's ``message`` (CLI, logs), the app renders the user's language
from the code and the parameters. The enum is the registry the catalogue test checks against.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # the file
    NOT_OBJECT = "not_object"
    FILE_TOO_LARGE = "file_too_large"
    NOT_UTF8 = "not_utf8"
    NOT_JSON = "not_json"
    TOO_DEEP = "too_deep"
    DUPLICATE_KEY = "duplicate_key"
    LONG_NUMBER = "long_number"
    FRAMEWORK = "framework"
    # values, as pydantic finds them (the type of a value, its range, its characters)
    REQUIRED = "required"
    UNKNOWN_FIELD = "unknown_field"
    AT_LEAST = "at_least"
    ABOVE = "above"
    AT_MOST = "at_most"
    BELOW = "below"
    FINITE = "finite"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    PATTERN = "pattern"
    EXPECTED = "expected"
    CONTROL_CHARACTER = "control_character"
    LINE_BREAK = "line_break"
    NONCHARACTER = "noncharacter"
    BLANK = "blank"
    NOT_UNICODE = "not_unicode"
    INVALID = "invalid"  # a pydantic error without words of its own here: pydantic's text as ``detail``
    # ids, references and vocabularies
    DUPLICATE_ID = "duplicate_id"
    DUPLICATE = "duplicate"
    DUPLICATE_REF = "duplicate_ref"  # a reference listed twice in one list
    UNKNOWN_REF = "unknown_ref"
    UNKNOWN_VOCAB = "unknown_vocab"
    UNKNOWN_STANDARD = "unknown_standard"
    UNKNOWN_DR = "unknown_dr"
    UNKNOWN_CATALOGUE = "unknown_catalogue"
    UNKNOWN_DATAPOINT = "unknown_datapoint"
    DATAPOINT_OF_OTHER_DR = "datapoint_of_other_dr"
    REVIEW_CANDIDATE = "review_candidate"
    # scenarios
    NO_CRITERIA = "no_criteria"
    WEIGHTS_ZERO = "weights_zero"
    GROUP_EMPTY = "group_empty"  # a criterion group no criterion belongs to
    CRITERION_UNGROUPED = "criterion_ungrouped"  # criteria are grouped, this one is in no group
    GROUP_WEIGHTS_ZERO = "group_weights_zero"  # a weighted group whose criteria all weigh 0
    VARIANT_UNKNOWN_OPTION = "variant_unknown_option"  # a variant names an option the base no longer has
    VARIANT_UNKNOWN_TARGET = "variant_unknown_target"  # a variant weighs what is neither criterion nor group
    VARIANT_NO_OPTIONS = "variant_no_options"  # a variant excludes every option
    SCORE_RANGE = "score_range"
    LOW_ABOVE = "low_above"
    HIGH_BELOW = "high_below"
    NOT_WITHIN = "not_within"
    END_BEFORE_START = "end_before_start"
    INTERIM_SAME = "interim_same"
    NEEDS_QUANTITATIVE = "needs_quantitative"
    NEEDS_ANCHORS = "needs_anchors"
    CRITERION_NEEDS_ANCHORS = "criterion_needs_anchors"
    ANCHORS_EQUAL = "anchors_equal"
    CRITERION_ANCHORS_EQUAL = "criterion_anchors_equal"
    DIRECTION_MISMATCH = "direction_mismatch"
    # group weighting (scoring.group)
    NO_STAKEHOLDERS = "no_stakeholders"
    STAKEHOLDER_NO_WEIGHTS = "stakeholder_no_weights"
    STAKEHOLDER_INCONSISTENT = "stakeholder_inconsistent"
    STAKEHOLDER_NOT_CONNECTED = "stakeholder_not_connected"
    JUDGEMENTS_NEED_AHP = "judgements_need_ahp"
    RANK_MISSING = "rank_missing"
    # materiality
    NOT_MATERIAL_BUT_FLAG = "not_material_but_flag"
    MATERIAL_BUT_NO_FLAG = "material_but_no_flag"
    # workbooks
    OTHER_WORKBOOK = "other_workbook"
    VALUE_REQUIRED_HERE = "value_required_here"
    # a workbook file refused before its cells are read (xlsx_safety); any other refusal is WORKBOOK_REFUSED
    WORKBOOK_EMPTY = "workbook_empty"
    WORKBOOK_TOO_LARGE = "workbook_too_large"
    WORKBOOK_NOT_ZIP = "workbook_not_zip"
    WORKBOOK_OLD_XLS = "workbook_old_xls"
    WORKBOOK_ENCRYPTED = "workbook_encrypted"
    WORKBOOK_MACROS_PART = "workbook_macros_part"
    WORKBOOK_MACROS_TYPE = "workbook_macros_type"
    WORKBOOK_NOT_EXCEL = "workbook_not_excel"
    WORKBOOK_REFUSED = "workbook_refused"
    # imports from EA tools and requirement tools (esg_workbench.interchange)
    IMPORT_UNREADABLE = "import_unreadable"
    IMPORT_NO_SHEET = "import_no_sheet"
    IMPORT_MAP_FIELD = "import_map_field"
    IMPORT_MAP_COLUMN = "import_map_column"
    IMPORT_NO_COLUMN = "import_no_column"
    IMPORT_DUPLICATE_ID = "import_duplicate_id"
    IMPORT_UNKNOWN_END = "import_unknown_end"
    IMPORT_VALUE_MISSING = "import_value_missing"
    IMPORT_TOO_MANY = "import_too_many"
    IMPORT_PRIORITY = "import_priority"
    IMPORT_FILE_TYPE = "import_file_type"
    XML_DTD = "xml_dtd"
    XML_MALFORMED = "xml_malformed"
    XML_NOT_FORMAT = "xml_not_format"


# pydantic error type -> code. The parameters are the error's context; the English template of each
# code is pydantic's own wording, so the message of a problem is pydantic's text (checked when a
# problem is made: a wording that differs falls back to INVALID with pydantic's text).
PYDANTIC_CODES: dict[str, Code] = {
    "missing": Code.REQUIRED,
    "extra_forbidden": Code.UNKNOWN_FIELD,
    "greater_than_equal": Code.AT_LEAST,
    "greater_than": Code.ABOVE,
    "less_than_equal": Code.AT_MOST,
    "less_than": Code.BELOW,
    "finite_number": Code.FINITE,
    "string_too_short": Code.TOO_SHORT,
    "string_too_long": Code.TOO_LONG,
    "string_pattern_mismatch": Code.PATTERN,
    "enum": Code.EXPECTED,
    "literal_error": Code.EXPECTED,
    "control_character": Code.CONTROL_CHARACTER,
    "line_break": Code.LINE_BREAK,
    "noncharacter": Code.NONCHARACTER,
    "blank_text": Code.BLANK,
    "string_unicode": Code.NOT_UNICODE,
}

# The words put into the DUPLICATE and UNKNOWN_REF messages (catalogue keys ``problem_terms.<term>``).
COLLECTION_TERMS = {
    "roles": "role",
    "systems": "system",
    "data_sources": "data_source",
    "data_flows": "data_flow",
    "processes": "process",
    "coverage": "coverage_item",
    "requirements": "requirement",
    "criteria": "criterion",
    "criterion_groups": "criterion_group",
    "options": "option",
    "roadmap": "roadmap_item",
    "variants": "variant",
    "stakeholders": "stakeholder",
}
