"""Imports from the architect's other tools, each shown as a dry run before anything is applied.

- A landscape (systems, data sources, data flows) from an EA tool: the ArchiMate exchange format
  (``archimate``), a LeanIX inventory export (``leanix``) or an Ardoq export (``ardoq``).
- A requirement list from a spreadsheet (CSV or .xlsx) or a requirement tool (ReqIF 1.2), and the
  requirements out again as ReqIF or CSV.

Every import returns an :class:`ImportPlan` (the assessment after it, the diff, what was added,
changed, unchanged, the conflicts and notices), or the problems that stop it, each naming the file and
its row, column or element id. Nothing here stores anything: the CLI writes the plan's assessment only
when asked, the app only when the user confirms. Core: no streamlit.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..config import settings
from ..domain import Assessment, Problem
from ..domain.problem_codes import Code
from ..xlsx_safety import MiB
from .landscape import merge
from .plan import Conflict, ImportPlan, ImportRefused, Notice, refused
from .requirements import merge_requirements, read_requirement_table, requirement_rows
from .tables import parse_mapping, read_source

LANDSCAPE_FORMATS = ("archimate", "leanix", "ardoq")
REQUIREMENT_FORMATS = ("csv", "xlsx", "reqif")
REQUIREMENT_EXPORTS = ("reqif", "csv")

__all__ = [
    "LANDSCAPE_FORMATS",
    "REQUIREMENT_EXPORTS",
    "REQUIREMENT_FORMATS",
    "Conflict",
    "ImportPlan",
    "ImportRefused",
    "Notice",
    "columns_of",
    "export_requirements",
    "mapping_fields",
    "parse_mapping",
    "plan_landscape_import",
    "plan_requirements_import",
    "requirements_format",
]


def _limit(max_bytes: int | None) -> int:
    return max_bytes if max_bytes is not None else settings().max_upload_mb * MiB


def plan_landscape_import(
    current: Assessment,
    source: bytes | str | Path,
    *,
    format: str,  # noqa: A002 - the CLI's word
    name: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    framework: Any = None,
    max_bytes: int | None = None,
) -> ImportPlan:
    """What importing the landscape in ``source`` (a path or the file's bytes) would do to ``current``.
    ``mapping`` is field -> column for the tabular formats (for Ardoq's references sheet, prefix the
    field with ``reference.``). Never raises for bad input: the problems are in the plan."""
    label = name or (Path(source).name if isinstance(source, str | Path) else format)
    try:
        data, label = read_source(source, name=label, max_bytes=_limit(max_bytes))
        elements, notices = _read_landscape(data, label, format, mapping or {}, sheet, _limit(max_bytes))
    except ImportRefused as exc:
        return refused(exc.source or label, _labelled(exc, label))
    return merge(current, elements, tool=format, source=label, framework=framework, notices=notices)


def _read_landscape(data: bytes, label: str, fmt: str, mapping: dict[str, str], sheet: str | None, limit: int):  # noqa: ANN202
    from .archimate import read_archimate
    from .inventory import read_ardoq, read_leanix

    if fmt == "archimate":
        return read_archimate(data, label)
    if fmt == "leanix":
        return read_leanix(data, label, mapping=mapping, sheet=sheet, max_bytes=limit)
    if fmt == "ardoq":
        components = {k: v for k, v in mapping.items() if not k.startswith("reference.")}
        references = {k.removeprefix("reference."): v for k, v in mapping.items() if k.startswith("reference.")}
        return read_ardoq(data, label, mapping=components, references_mapping=references or None, max_bytes=limit)
    raise ValueError(f"unknown landscape format {fmt!r}; one of {', '.join(LANDSCAPE_FORMATS)}")


def requirements_format(name: str, data: bytes = b"") -> str | None:
    """The requirement file's format from its name, else its first bytes; None when neither tells."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in REQUIREMENT_FORMATS:
        return suffix
    if suffix in ("txt", "tsv"):
        return "csv"
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if b"<REQ-IF" in data[:4096]:
        return "reqif"
    return None


def plan_requirements_import(
    current: Assessment,
    source: bytes | str | Path,
    *,
    name: str | None = None,
    format: str | None = None,  # noqa: A002 - the CLI's word
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
    framework: Any = None,
    max_bytes: int | None = None,
) -> ImportPlan:
    """What importing the requirement list in ``source`` would do to ``current``; the format (csv,
    xlsx, reqif) from ``format`` or the file. Never raises for bad input."""
    from .reqif import read_reqif

    label = name or (Path(source).name if isinstance(source, str | Path) else "requirements")
    try:
        data, label = read_source(source, name=label, max_bytes=_limit(max_bytes))
        fmt = format or requirements_format(label, data)
        if fmt == "reqif":
            incoming, notices = read_reqif(data, label, mapping=mapping), []
        elif fmt in ("csv", "xlsx"):
            incoming, notices = read_requirement_table(
                data, label, mapping=mapping, sheet=sheet, max_bytes=_limit(max_bytes)
            )
        else:
            problem = Problem.of("", Code.IMPORT_FILE_TYPE, expected=".csv, .xlsx or .reqif")
            raise ImportRefused([problem], label)
    except ImportRefused as exc:
        return refused(exc.source or label, _labelled(exc, label))
    return merge_requirements(current, incoming, source=label, framework=framework, notices=notices)


def _labelled(exc: ImportRefused, label: str) -> list[Problem]:
    """Each problem's place with the file's label in front where the place does not name it yet."""
    head = exc.source or label
    return [
        p if p.path.startswith(label) else type(p)(f"{head}: {p.path}" if p.path else head, p.message, p.code, p.params)
        for p in exc.problems
    ]


def export_requirements(assessment: Assessment, format: str = "reqif") -> bytes:  # noqa: A002
    """The assessment's requirements as ReqIF 1.2 or as CSV (UTF-8 with a byte order mark, so Excel
    reads it; the columns the CSV import reads)."""
    if format == "reqif":
        from .reqif import export_reqif

        return export_reqif(assessment)
    if format != "csv":
        raise ValueError(f"unknown requirements format {format!r}; one of {', '.join(REQUIREMENT_EXPORTS)}")
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=["id", "text", "priority", "category", "criteria", "source", "notes"])
    writer.writeheader()
    writer.writerows(requirement_rows(assessment))
    return buffer.getvalue().encode("utf-8-sig")


def mapping_fields(format: str) -> dict[str, tuple[str, ...]]:  # noqa: A002
    """The fields a column mapping may name for a tabular ``format`` and the headers looked for by default
    (for Ardoq's references sheet the fields are ``reference.<field>``); empty for XML formats."""
    from .inventory import ARDOQ_COMPONENTS, ARDOQ_REFERENCES, LEANIX
    from .requirements import fields

    if format == "leanix":
        return dict(LEANIX.fields)
    if format == "ardoq":
        return {**ARDOQ_COMPONENTS.fields, **{f"reference.{k}": v for k, v in ARDOQ_REFERENCES.fields.items()}}
    if format in ("csv", "xlsx"):
        return fields()
    return {}


def columns_of(source: bytes, *, name: str, format: str, max_bytes: int | None = None) -> dict[str, list[str]]:  # noqa: A002
    """The column headers of a tabular import, for a mapping screen: ``""`` -> the (first) table's, and for
    Ardoq ``"reference"`` -> the references sheet's. Raises ImportRefused for a file that cannot be read."""
    from .inventory import ARDOQ_SHEETS
    from .tables import Sheets, csv_table, is_xlsx

    data, label = read_source(source, name=name, max_bytes=_limit(max_bytes))
    if not is_xlsx(data):
        return {"": csv_table(data, label).header}
    with Sheets(data, label, _limit(max_bytes)) as book:
        if format == "ardoq":
            components, references = (book.table(name, else_index=i) for i, name in enumerate(ARDOQ_SHEETS))
            return {"": components.header, "reference": references.header}
        return {"": book.table().header}
