"""The audit trail as files: CSV (one row per change, safe to open in a spreadsheet) and JSON.

CSV follows OWASP's advice on CSV injection: every field is quoted, and a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single quote, so a spreadsheet
shows it as text instead of running it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from .. import json_text
from ..domain.diff import Change
from .records import AuditEntry

CSV_COLUMNS = ("assessment_id", "at", "actor", "action", "revision", "message", "subject", "role", "change")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _rows(entries: Iterable[AuditEntry]) -> Iterable[list[object]]:
    for entry in entries:
        head = [
            entry.assessment_id,
            entry.at.isoformat(),
            entry.actor,
            entry.action,
            entry.revision,
            entry.message,
            entry.subject,
            entry.role,
        ]
        # One row per change keeps each row self-contained for filtering; an entry without field-level
        # changes (creation, an event) still gets its row, with its summary as the change.
        for line in entry.lines() or [""]:
            yield [*head, line]


def audit_csv(entries: Sequence[AuditEntry]) -> str:
    """The entries as CSV text with a header row (UTF-8 when written; every field quoted)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in _rows(entries):
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def _change(change: Change) -> dict[str, Any]:
    return {"path": change.path, "kind": change.kind, "old": change.old, "new": change.new, "text": change.describe()}


def audit_json(entries: Sequence[AuditEntry], *, assessment_id: str, now: datetime | None = None) -> str:
    """The entries as a JSON document with the export time; changes keep their old and new values."""
    document = {
        "assessment_id": assessment_id,
        "exported_at": (now or datetime.now(UTC)).isoformat(),
        "entries": [
            {
                "at": e.at.isoformat(),
                "actor": e.actor,
                "action": e.action,
                "revision": e.revision,
                "message": e.message,
                "summary": e.summary,
                "subject": e.subject,
                "role": e.role,
                "changes": [_change(c) for c in e.changes],
            }
            for e in entries
        ],
    }
    # Revisions stored before numbers had to be finite may hold NaN: written as text, never as non-JSON.
    return json_text.dumps(json_text.finite(document), ensure_ascii=False, indent=2) + "\n"
