"""The decision workbook: export an assessment to a live, professional .xlsx and import it back.

Public API: :func:`export_workbook`, :func:`export_workbook_bytes`, :func:`import_workbook`,
:func:`preview_import` / :class:`ImportPreview`, :class:`WorkbookInvalid`, :func:`text_problem`.
"""

from __future__ import annotations

from .export import export_workbook, export_workbook_bytes
from .import_ import WorkbookInvalid, import_workbook
from .preview import ImportPreview, preview_import
from .text_safety import text_problem

__all__ = [
    "ImportPreview",
    "WorkbookInvalid",
    "export_workbook",
    "export_workbook_bytes",
    "import_workbook",
    "preview_import",
    "text_problem",
]
