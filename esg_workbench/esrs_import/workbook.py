"""Read a whole IG 3 workbook into a DatapointCatalogue: safety checks first, then every standard sheet,
then the checks across sheets (expected sheets present, IDs unique)."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from ..config import settings
from ..domain.datapoints import Datapoint, DatapointCatalogue
from ..domain.framework import EsrsCatalogue
from ..xlsx_safety import bounded_rows, open_xlsx, read_xlsx_source
from .layout import IG3_SHEETS, find_header, sheet_standard
from .problems import CellProblem, DatapointListInvalid, ImportNote
from .rows import read_sheet

#: Rows read per standard sheet; IG 3's longest sheet has 220.
MAX_ROWS_PER_SHEET = 5_000
#: Columns read per sheet; IG 3 uses 12 (A-L).
MAX_COLUMNS = 40
_ID_RULE = "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
_TITLE_SEARCH = 10
_CORE_PART = "docProps/core.xml"
_CORE_PART_MAX_BYTES = 1024 * 1024
_DCTERMS = "http://purl.org/dc/terms/"  # rows and columns of the Index sheet searched for the list's title

Source = bytes | bytearray | memoryview | str | os.PathLike[str]


@dataclass(frozen=True)
class Ig3Import:
    """An imported catalogue and the values the import adjusted (see ImportNote)."""

    catalogue: DatapointCatalogue
    notes: tuple[ImportNote, ...]


def read_ig3_workbook(
    path_or_bytes: Source, *, catalogue_id: str = "efrag-ig3", version: str | None = None, filename: str | None = None
) -> DatapointCatalogue:
    """The datapoint catalogue in an EFRAG "IG 3 List of ESRS Data Points" workbook (or a later list in
    the same layout). See import_ig3_workbook."""
    return import_ig3_workbook(path_or_bytes, catalogue_id=catalogue_id, version=version, filename=filename).catalogue


def import_ig3_workbook(
    path_or_bytes: Source,
    *,
    catalogue_id: str = "efrag-ig3",
    version: str | None = None,
    filename: str | None = None,
    max_bytes: int | None = None,
    standard: EsrsCatalogue | None = None,
) -> Ig3Import:
    """Import a workbook in the IG 3 layout, with the notes of what was adjusted.

    ``version`` defaults to the date the workbook was last saved (the modified date in its document
    properties, else the created date, as YYYY-MM-DD; EFRAG's IG 3 file gives 2024-06-05), else
    ``sha-`` and the first 12 hex digits of the file's SHA-256.
    ``filename`` names the source (default: the path's file name). ``max_bytes`` defaults to the
    configured upload limit (ESG_WORKBENCH_MAX_UPLOAD_MB). ``standard`` is the disclosure-requirement
    catalogue the list belongs to (default: ESRS Set 1, whose list IG 3 is); every datapoint's DR must be
    one of its codes.

    Raises UnsafeWorkbook when the file is refused by the safety checks, DatapointListInvalid listing
    every problem (sheet, row, column) when it is not a valid list, ValueError for a bad id or version,
    OSError when the path cannot be read."""
    check_catalogue_ref(catalogue_id, version)
    label = filename or (Path(path_or_bytes).name if isinstance(path_or_bytes, str | os.PathLike) else "workbook.xlsx")
    limit = max_bytes or settings().max_upload_mb * 1024 * 1024
    data = read_xlsx_source(path_or_bytes, max_bytes=limit, name=label)
    digest = hashlib.sha256(data).hexdigest()
    with open_xlsx(data, name=label, max_bytes=limit) as workbook:
        datapoints, notes = _read_sheets(workbook, label)
        version = version or _version_of(data, digest)
        title = _title_of(workbook, label)
    if standard is not None:
        _check_drs(datapoints, standard, label)
    catalogue = DatapointCatalogue(
        id=catalogue_id,
        version=version,
        title=title,
        source_filename=label,
        source_sha256=digest,
        imported_at=datetime.now(UTC),
        **({"standard_id": standard.id, "standard_version": standard.version} if standard is not None else {}),
        datapoints=datapoints,
    )
    return Ig3Import(catalogue, tuple(notes))


def _check_drs(datapoints: list[Datapoint], standard: EsrsCatalogue, label: str) -> None:
    """Every datapoint's DR must exist in the catalogue the list is imported for: a list of another
    version (E1-5 means something else in 2026) is refused, with the rows named."""
    problems = [
        CellProblem(
            p.source_sheet,
            p.source_row,
            message=f"disclosure requirement '{p.disclosure_requirement}' is not in {standard.id} {standard.version}; "
            "import the list for the catalogue version it belongs to",
            column_name="DR",
        )
        for p in datapoints
        if p.disclosure_requirement not in standard.dr_codes
    ]
    if problems:
        raise DatapointListInvalid(problems, label)


def check_catalogue_ref(catalogue_id: str, version: str | None = None) -> None:
    """Raise ValueError unless ``catalogue_id`` (and ``version``, if given) are valid for a catalogue."""
    for name, value in (("id", catalogue_id), ("version", version)):
        if value is None:
            continue
        field = DatapointCatalogue.model_fields[name]
        try:
            TypeAdapter(Annotated[field.annotation, *field.metadata]).validate_python(value)
        except ValidationError as exc:
            error = exc.errors()[0]
            reason = _ID_RULE if error["type"] == "string_pattern_mismatch" else error["msg"]
            raise ValueError(f"catalogue {name} {value!r}: {reason}") from None


def _read_sheets(workbook: Any, label: str) -> tuple[list[Datapoint], list[ImportNote]]:
    standards = {name: code for name in workbook.sheetnames if (code := sheet_standard(name))}
    problems = _sheet_problems(workbook.sheetnames, standards)
    datapoints: list[Datapoint] = []
    notes: list[ImportNote] = []
    for sheet, standard in standards.items() if not problems else ():
        rows = list(bounded_rows(workbook[sheet], MAX_ROWS_PER_SHEET, MAX_COLUMNS))
        header, header_problems = find_header(sheet, rows)
        problems += header_problems
        if header is None:
            continue
        result = read_sheet(sheet, standard, rows, header)
        datapoints += result.datapoints
        notes += result.notes
        problems += result.problems
    problems += _duplicate_problems(datapoints)
    if problems:
        raise DatapointListInvalid(problems, label)
    return datapoints, notes


def _sheet_problems(sheetnames: list[str], standards: dict[str, str]) -> list[CellProblem]:
    if not standards:
        found = ", ".join(f"'{name}'" for name in sheetnames)
        return [
            CellProblem(
                message="not an IG 3 list of ESRS datapoints: no sheet per standard such as 'ESRS 2' or "
                f"'ESRS E1' (sheets: {found})"
            )
        ]
    present = {name.casefold() for name in standards}
    return [CellProblem(message=f"no sheet '{name}'") for name in IG3_SHEETS if name.casefold() not in present]


def _duplicate_problems(datapoints: list[Datapoint]) -> list[CellProblem]:
    first: dict[str, Datapoint] = {}
    problems = []
    for datapoint in datapoints:
        earlier = first.setdefault(datapoint.id, datapoint)
        if earlier is not datapoint:
            problems.append(
                CellProblem(
                    datapoint.source_sheet,
                    datapoint.source_row,
                    message=f"duplicate ID '{datapoint.id}' (also in sheet '{earlier.source_sheet}' row "
                    f"{earlier.source_row})",
                )
            )
    return problems


def _version_of(data: bytes, digest: str) -> str:
    saved = _saved_date(data)
    return saved.isoformat() if saved else f"sha-{digest[:12]}"


def _saved_date(data: bytes) -> date | None:
    """The modified (else created) date in docProps/core.xml. Read here rather than from openpyxl,
    which reports "now" for a date the file does not have."""
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(_CORE_PART)
            if info.file_size > _CORE_PART_MAX_BYTES:
                return None
            root = fromstring(archive.read(info))
    except (KeyError, ValueError, SyntaxError, zipfile.BadZipFile):
        return None
    for tag in ("modified", "created"):
        text = (root.findtext(f"{{{_DCTERMS}}}{tag}") or "").strip()
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            continue
    return None


def _title_of(workbook: Any, label: str) -> str:
    """The document title, else the first text on the Index sheet (IG 3 puts it in B3), else the file."""
    title = (getattr(workbook.properties, "title", None) or "").strip()
    if title:
        return title
    if "Index" in workbook.sheetnames:
        cells = workbook["Index"].iter_rows(min_row=1, max_row=_TITLE_SEARCH, max_col=_TITLE_SEARCH, values_only=True)
        for row in cells:
            for value in row:
                # IG 3's B1 holds a broken formula's cached "#VALUE!"; error values are not titles.
                if isinstance(value, str) and value.strip() and not value.startswith("#"):
                    return " ".join(value.split())[:200]
    return f"Datapoint list from {label}"
