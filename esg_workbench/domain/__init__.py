"""Plain-Python models of an assessment and of a framework, and their validation."""

from .assessment import SCHEMA_VERSION, Assessment
from .framework import Framework
from .validation import AssessmentInvalid, Problem, validate_and_parse, validate_assessment, validate_data

__all__ = [
    "SCHEMA_VERSION",
    "Assessment",
    "AssessmentInvalid",
    "Framework",
    "Problem",
    "validate_and_parse",
    "validate_assessment",
    "validate_data",
]
