"""The decision workbook seen from the app: whether the workbook module is installed, export to bytes,
and reading an uploaded workbook back into an assessment (with every problem named)."""

from __future__ import annotations

import io
from typing import Any

from ..domain import Assessment


def _module() -> Any:
    try:
        from .. import workbook
    except ImportError:
        return None
    return workbook if hasattr(workbook, "export_workbook") else None


def available() -> bool:
    return _module() is not None


def import_available() -> bool:
    module = _module()
    return module is not None and hasattr(module, "preview_import")


def export_bytes(assessment: Assessment, lang: str, *, result: Any = None, revision: int | None = None) -> bytes:
    """The decision workbook of ``assessment`` in ``lang`` as .xlsx bytes; ``result`` is the score
    result the app shows (so the workbook reports the same numbers), ``revision`` the stored revision."""
    buffer = io.BytesIO()
    _module().export_workbook(assessment, buffer, lang=lang, result=result, revision=revision)
    return buffer.getvalue()


def preview_upload(data: bytes, name: str, current: Assessment | None, max_bytes: int) -> Any:
    """An ``ImportPreview`` of an uploaded workbook against ``current`` (None for a new assessment):
    the assessment and its changes, or every problem with its sheet and cell."""
    return _module().preview_import(data, current, name=name, max_bytes=max_bytes)
