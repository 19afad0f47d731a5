"""Reading and writing an assessment as a JSON file, with validation that names every problem."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import json_text
from .domain import Assessment, AssessmentInvalid, Problem, validate_and_parse
from .domain.framework import Framework
from .domain.problem_codes import Code

MAX_FILE_BYTES = 50 * 1024 * 1024


def read_assessment_data(path: str | Path) -> Any:
    """Parse a JSON file into plain data; an unreadable or non-JSON file raises AssessmentInvalid."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise AssessmentInvalid([Problem.of("", Code.FILE_TOO_LARGE, mb=MAX_FILE_BYTES // 2**20)], str(path))
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AssessmentInvalid(
            [Problem.of("", Code.NOT_UTF8, reason=exc.reason, start=exc.start)], str(path)
        ) from None
    return assessment_data_from_text(text, str(path))


def assessment_data_from_text(text: str, source: str = "") -> Any:
    """Parse JSON text from a user (a file, an upload) into plain data, or raise AssessmentInvalid: text
    that is not JSON, a key given twice in one object (with its path), a number too long to read."""
    try:
        return json_text.loads(text)
    except json.JSONDecodeError as exc:
        raise AssessmentInvalid(
            [Problem.of("", Code.NOT_JSON, reason=exc.msg, line=exc.lineno, column=exc.colno)], source
        ) from None
    except json_text.NotJson as exc:
        raise AssessmentInvalid([Problem.of(path, code) for path, code in exc.problems], source) from None
    except RecursionError:  # e.g. 100,000 nested brackets: no assessment is nested that deep
        raise AssessmentInvalid([Problem.of("", Code.TOO_DEEP)], source) from None


def parse_assessment(data: object, framework: Framework | None = None, source: str = "") -> Assessment:
    """Turn plain data into an Assessment, or raise AssessmentInvalid listing every problem.

    Without ``framework`` the one the data names is loaded, so vocabularies and ESRS codes are checked.
    """
    if framework is None:
        framework = framework_for(data, source)
    assessment, problems = validate_and_parse(data, framework)
    if assessment is None:
        raise AssessmentInvalid(problems, source)
    return assessment


def framework_for(data: object, source: str = "") -> Framework | None:
    """The framework an assessment's data names; None for data too broken to name one."""
    from .frameworks import FrameworkNotFound, load_framework

    if not isinstance(data, dict):
        return None
    ref = data.get("framework", {})
    if not isinstance(ref, dict):
        return None  # reported by the structural validation
    framework_id, version = ref.get("id", "esg-architecture"), ref.get("version")
    if not isinstance(framework_id, str) or not isinstance(version, str | None):
        return None  # a list or number where the id belongs: reported by the structural validation
    try:
        return load_framework(framework_id, version=version)
    except FrameworkNotFound as exc:
        raise AssessmentInvalid([Problem.of("framework", Code.FRAMEWORK, detail=str(exc))], source) from None


def load_assessment(path: str | Path, framework: Framework | None = None) -> Assessment:
    """Load and validate an assessment JSON file."""
    return parse_assessment(read_assessment_data(path), framework, source=str(path))


def dump_assessment(assessment: Assessment) -> str:
    """The assessment as strict JSON text (pydantic's own writer would turn a non-finite number, which only
    a model built without validation can hold, into ``null`` without a word; this refuses it)."""
    return json_text.dumps(assessment.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def save_assessment(assessment: Assessment, path: str | Path) -> None:
    """Write an assessment as JSON atomically: a crash leaves the old file or the new one, never half."""
    path = Path(path)
    text = dump_assessment(assessment)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
