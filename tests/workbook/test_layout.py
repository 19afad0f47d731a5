"""The layout covers every field of the assessment exactly once, and every text it shows exists in both
languages, so nothing a user enters can be dropped by the workbook."""

from __future__ import annotations

import types
import typing

import pytest
from pydantic import BaseModel

from esg_workbench.domain import Assessment
from esg_workbench.domain.field_registry import field_at
from esg_workbench.domain.framework import Framework
from esg_workbench.workbook.book import table_fields
from esg_workbench.workbook.layout import Column, FormSheet, Kind, TableSheet, col_letter
from esg_workbench.workbook.lists_sheet import vocab_terms
from esg_workbench.workbook.sheet_columns import FORMS, INPUT_SHEETS, SHEET_ORDER, TABLES, cell_kind
from esg_workbench.workbook.texts import CALC_HEADERS, HEADER_OVERRIDES, HEADERS, SHEET_HINTS, SHEET_NAMES

# Fields of the assessment without a cell, and why.
NOT_IN_WORKBOOK = {"schema_version": "written to the lists sheet's format header instead"}


def _leaves(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every leaf field path of a model, lists of models marked with []."""
    paths = set()
    for name, info in model.model_fields.items():
        inner = info.annotation
        if typing.get_origin(inner) in (typing.Union, types.UnionType):  # Optional[X] -> X
            inner = next(a for a in typing.get_args(inner) if a is not type(None))
        is_list = typing.get_origin(inner) is list
        if is_list:
            inner = typing.get_args(inner)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            paths |= _leaves(inner, f"{prefix}{name}{'[]' if is_list else ''}.")
        else:
            paths.add(f"{prefix}{name}")
    return paths


def _table_prefix(spec: TableSheet) -> str:
    if spec.parent:
        return f"{spec.parent[0]}[].{spec.path}[]."
    return f"{spec.path}[]."


def _covered() -> list[str]:
    covered = [c.field for form in FORMS for c in form.columns]
    for spec in TABLES:
        reference = spec.parent[1] if spec.parent else None
        covered += [_table_prefix(spec) + c.field for c in spec.columns if c.field != reference]
    return covered


def test_every_field_of_the_assessment_has_exactly_one_cell() -> None:
    covered = _covered()
    assert len(covered) == len(set(covered)), "a field is written twice"
    assert set(covered) == _leaves(Assessment) - set(NOT_IN_WORKBOOK)


def _item_model(sheet: TableSheet | FormSheet) -> type[BaseModel]:
    if isinstance(sheet, FormSheet):
        return Assessment
    holder = field_at(Assessment, sheet.parent[0]).model if sheet.parent else Assessment
    return field_at(holder, sheet.path).model


def _disagreements(sheet: TableSheet | FormSheet) -> list[str]:
    """Where a column of a model field states other rules than the model (domain.field_registry)."""
    out = []
    model = _item_model(sheet)
    for column in sheet.columns:
        if isinstance(sheet, TableSheet) and sheet.parent and column.field == sheet.parent[1]:
            continue  # the reference to the parent item, the sheet's own
        spec = field_at(model, column.field)
        kind = (Kind.LIST, cell_kind(spec)) if spec.is_list else (cell_kind(spec), None)
        said = {
            "kind": (column.kind, column.item),
            "range": (column.minimum, column.maximum),
            "values": column.values,
            "vocab": column.vocab,
            "refs": (column.refs, column.extra),
        }
        model_says = {
            "kind": kind,
            "range": (None, None) if spec.is_list else (spec.minimum, spec.maximum),
            "values": () if spec.is_list else spec.values,
            "vocab": spec.vocabulary,
            "refs": (spec.refs, () if spec.is_list else spec.extra),
        }
        out += [f"{sheet.key}.{column.field}: {k}" for k in said if said[k] != model_says[k]]
    return out


def test_every_column_states_the_models_kind_range_values_and_references() -> None:
    assert [d for sheet in INPUT_SHEETS.values() for d in _disagreements(sheet)] == []


def test_a_column_restating_the_model_differently_is_found() -> None:
    stale = TableSheet(
        "goals",
        "to_be.goals",
        (
            Column("target_year", Kind.INT, minimum=2024, maximum=2050),
            Column("horizon", Kind.ENUM, values=("short", "medium")),
            Column("kpi", Kind.NUMBER),
        ),
        step=2,
    )
    assert _disagreements(stale) == ["goals.target_year: range", "goals.horizon: values", "goals.kpi: kind"]


def test_sheet_names_are_valid_and_unique_in_both_languages() -> None:
    for lang in (0, 1):
        names = [SHEET_NAMES[key][lang] for key in SHEET_ORDER]
        assert len(set(names)) == len(names)
        for name in names:
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\'"), name
    assert set(SHEET_ORDER) == set(SHEET_NAMES)
    assert set(INPUT_SHEETS) < set(SHEET_ORDER)


def test_every_column_has_a_header_in_both_languages() -> None:
    for key, sheet in INPUT_SHEETS.items():
        for column in sheet.columns:
            assert (key, column.field) in HEADER_OVERRIDES or column.field in HEADERS, (key, column.field)
        for computed in getattr(sheet, "computed", ()):
            assert f"{key}:{computed}" in CALC_HEADERS
        assert key in SHEET_HINTS


def test_field_ids_are_unique_per_table_and_fit_the_column_limit() -> None:
    for spec in TABLES:
        fields = table_fields(spec)
        assert len(fields) == len(set(fields))
        assert len(fields) <= 64


def test_every_vocabulary_column_names_a_vocabulary_of_the_framework(framework: Framework) -> None:
    for sheet in INPUT_SHEETS.values():
        for column in sheet.columns:
            if column.kind == Kind.VOCAB or (column.kind == Kind.LIST and column.item == Kind.VOCAB):
                assert framework.vocabulary_ids(column.vocab), column.field
                assert len(vocab_terms(framework, column.vocab, "da")) == len(framework.vocabulary_ids(column.vocab))


def test_every_reference_column_points_at_a_table_with_ids() -> None:
    with_ids = {spec.key for spec in TABLES if any(c.field == "id" for c in spec.columns)}
    for sheet in INPUT_SHEETS.values():
        for column in sheet.columns:
            assert set(column.refs) <= with_ids, column.field


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert col_letter(index) == letters


@pytest.mark.parametrize("lang", ["en", "da"])
def test_table_headers_are_unique_as_excel_requires(lang: str) -> None:
    from esg_workbench.workbook.write_inputs import _header

    class _Book:  # the header function only needs the language
        pass

    book = _Book()
    book.lang = lang
    for spec in TABLES:
        headers = [_header(book, spec, f).casefold() for f in table_fields(spec)]
        assert len(headers) == len(set(headers)), (spec.key, headers)
        assert all(0 < len(h) <= 255 for h in headers)
