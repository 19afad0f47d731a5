"""Turn the rows of one IG 3 standard sheet into datapoints: clean each cell, skip section headings,
fill the blank DR of MDR "not adopted" rows from their sibling, and record every adjustment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from ..domain.datapoints import Datapoint
from .layout import Header, clean_code, clean_text, column_label
from .problems import CellProblem, ImportNote

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
# MDR reference rows in topical sheets, e.g. "E1.MDR-P_01-06" and its "not adopted" sibling
# "E1.MDR-P_07-08"; IG 3 gives the latter ESRS "ESRS 2" and no DR, because its paragraph is ESRS 2's.
_MDR_REFERENCE = re.compile(r"^(?P<standard>[A-Z]\d{1,2})\.(?P<mdr>MDR-[PAT])_", re.IGNORECASE)
_TOPICAL_CODE = re.compile(r"^(?:ESRS\s+)?(?P<code>[ESG]\d{1,2})$", re.IGNORECASE)


@dataclass
class SheetResult:
    datapoints: list[Datapoint] = field(default_factory=list)
    notes: list[ImportNote] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    values: dict[str, object]
    id: str
    dr: str


def read_sheet(sheet: str, standard: str, rows: Sequence[Sequence[object]], header: Header) -> SheetResult:
    """Datapoints of one sheet, in row order. ``rows`` are all rows from row 1; ``standard`` is the
    sheet's standard ("E1", "ESRS 2")."""
    result = SheetResult()
    candidates = [
        row
        for number, values in enumerate(rows[header.row :], start=header.row + 1)
        if (row := _candidate(sheet, number, values, header, result.problems))
    ]
    sibling_drs = {_mdr_key(row.id): row.dr for row in candidates if row.dr and _mdr_key(row.id)}
    for row in candidates:
        if not row.dr:
            _fill_dr(sheet, row, header, sibling_drs, result)
        datapoint = _datapoint(sheet, standard, row, header, result)
        if datapoint:
            result.datapoints.append(datapoint)
    return result


def _candidate(
    sheet: str, number: int, values: Sequence[object], header: Header, problems: list[CellProblem]
) -> _Row | None:
    """A row that carries a datapoint ID, or None for a blank or section-heading row."""
    cells = {name: values[index] for name, index in header.columns.items()}
    raw_id = clean_text(cells["id"])
    if not raw_id:
        return None
    dr = clean_code(cells["dr"])
    if not _ID.match(raw_id) or len(raw_id) > 64:
        if not (dr or clean_text(cells["name"]) or clean_text(cells["esrs"])):
            return None  # a section heading written in the ID column
        problems.append(_problem(sheet, number, header, "id", f"'{raw_id}' is not a datapoint ID"))
        return None
    return _Row(number, cells, raw_id, dr)


def _mdr_key(datapoint_id: str) -> tuple[str, str] | None:
    match = _MDR_REFERENCE.match(datapoint_id)
    return (match["standard"].upper(), match["mdr"].upper()) if match else None


def _fill_dr(sheet: str, row: _Row, header: Header, sibling_drs: dict, result: SheetResult) -> None:
    key = _mdr_key(row.id)
    if key and key in sibling_drs:
        row.dr = sibling_drs[key]
        result.notes.append(
            _note(
                "filled",
                sheet,
                row,
                header,
                "dr",
                f"DR blank in source; set to {row.dr}, the DR of the sibling {key[1]} row",
            )  # fmt: skip
        )
    else:
        result.problems.append(_problem(sheet, row.number, header, "dr", f"ID '{row.id}' has no DR"))


def _datapoint(sheet: str, standard: str, row: _Row, header: Header, result: SheetResult) -> Datapoint | None:
    cells = row.values
    name = clean_text(cells["name"])
    if not name:
        result.problems.append(_problem(sheet, row.number, header, "name", f"ID '{row.id}' has no Name"))
        return None
    may = clean_code(cells.get("may"))
    if may.upper() not in ("", "V"):
        result.problems.append(_problem(sheet, row.number, header, "may", f"'{may}' is neither 'V' nor blank"))
        return None
    _check_standard(sheet, standard, row, header, result)
    try:
        return Datapoint(
            id=row.id,
            esrs=standard,
            disclosure_requirement=row.dr,
            paragraph=clean_code(cells["paragraph"]),
            related_ar=clean_code(cells.get("related_ar")),
            name=name,
            data_type=clean_code(cells["data_type"]),
            conditional_or_alternative=clean_code(cells.get("conditional")),
            may_voluntary=may.upper() == "V",
            appendix_b=clean_code(cells.get("appendix_b")),
            phase_in=_phase_in(cells),
            source_sheet=sheet,
            source_row=row.number,
        )
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            result.problems.append(CellProblem(sheet, row.number, message=f"ID '{row.id}': {where}: {error['msg']}"))
        return None


def _check_standard(sheet: str, standard: str, row: _Row, header: Header, result: SheetResult) -> None:
    """The sheet decides the standard; a different ESRS cell is a source error, recorded as corrected.
    MDR reference rows saying "ESRS 2" are IG 3's layout, not an error."""
    text = clean_code(row.values["esrs"])
    match = _TOPICAL_CODE.match(text)
    stated = match["code"].upper() if match else text
    if not stated or stated == standard or (stated == "ESRS 2" and _mdr_key(row.id)):
        return
    result.notes.append(
        _note(
            "corrected",
            sheet,
            row,
            header,
            "esrs",
            f"source says ESRS '{text}'; set to {standard}, the standard of the sheet",
        )  # fmt: skip
    )


def _phase_in(cells: dict[str, object]) -> str:
    """Both IG 3 phase-in columns as one text, e.g. "<750 employees: 1 year; all undertakings: 1 year"."""
    parts = []
    if less_than_750 := clean_code(cells.get("phase_in_lt750")):
        parts.append(f"<750 employees: {less_than_750}")
    if all_undertakings := clean_code(cells.get("phase_in_all")):
        parts.append(f"all undertakings: {all_undertakings}")
    return "; ".join(parts)


def _problem(sheet: str, row: int, header: Header, column: str, message: str) -> CellProblem:
    return CellProblem(sheet, row, header.columns.get(column), message, column_label(column))


def _note(kind, sheet: str, row: _Row, header: Header, column: str, message: str) -> ImportNote:
    return ImportNote(kind, row.id, sheet, row.number, header.columns[column], column_label(column), message)
