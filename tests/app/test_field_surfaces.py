"""Every field of a model the app shows as a table is a column or deliberately hidden with a reason,
and every column of a model field uses the model's own kind, drop-down values, bounds and required
flag (domain.field_registry), so the app cannot offer or refuse what the model does not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from esg_workbench.app import table_columns
from esg_workbench.app.table_editor import Col, Ctx, ListAdapter
from esg_workbench.app.weights import PAIRWISE
from esg_workbench.assessment_files import load_assessment
from esg_workbench.domain.field_registry import FieldKind, FieldSpec, field_spec, model_fields
from esg_workbench.frameworks import load_framework

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
# Columns beside the model's fields, computed for reading only.
READ_ONLY = {("data_sources", "linked_drs"), ("criteria", "catalogue")}


@pytest.fixture(scope="module")
def ctx() -> Ctx:
    assessment = load_assessment(next(p for p in sorted(SAMPLES.glob("*.json"))))
    return Ctx(assessment, load_framework(), "en")


def _adapters(ctx: Ctx) -> Iterator[ListAdapter]:
    yield from (v for v in vars(table_columns).values() if isinstance(v, ListAdapter))
    yield PAIRWISE
    option = ctx.assessment.options[0].id
    yield table_columns.cost_lines(ctx.assessment, option)
    yield table_columns.risks(ctx.assessment, option)


def test_every_field_is_a_column_or_hidden_with_a_reason(ctx: Ctx) -> None:
    for adapter in _adapters(ctx):
        shown = {c.field for c in adapter.columns}
        hidden = table_columns.HIDDEN_FIELDS.get(adapter.model, {})
        assert all(reason.strip() for reason in hidden.values())
        for name in model_fields(adapter.model):
            if name == adapter.id_field:
                assert name not in shown, f"{adapter.name}: the id is made, never typed"
                continue
            assert (name in shown) != (name in hidden), f"{adapter.name}.{name}: a column, or hidden with a reason"
        for column in adapter.columns:
            if column.field not in adapter.model.model_fields:
                assert (adapter.name, column.field) in READ_ONLY and column.disabled, (adapter.name, column.field)


def _model_options(spec: FieldSpec, ctx: Ctx) -> set[str]:
    fw, a = ctx.framework, ctx.assessment
    if spec.kind == FieldKind.VOCABULARY:
        return set(fw.vocabulary_ids(spec.vocabulary))
    if spec.kind == FieldKind.REFERENCE:
        return {item.id for c in spec.refs for item in getattr(a, c)} | set(spec.extra)
    if spec.kind == FieldKind.ESRS:
        codes = fw.esrs.disclosure_requirements if spec.esrs_level == "dr" else fw.esrs.standards
        return {c.code for c in codes}
    return set(spec.values)


_EDITOR_KIND = {FieldKind.INT: "int", FieldKind.FLOAT: "float", FieldKind.BOOL: "bool", FieldKind.DATE: "date"}
_CHOICE = (FieldKind.ENUM, FieldKind.VOCABULARY, FieldKind.REFERENCE, FieldKind.ESRS)


def _expected_kind(spec: FieldSpec) -> str:
    if spec.kind in _CHOICE:
        return "multiselect" if spec.is_list else "select"
    return _EDITOR_KIND.get(spec.kind, "text")


def _disagreements(adapter: ListAdapter, ctx: Ctx) -> list[str]:
    """Where a column of a model field differs from the model (kind, bounds, required, values)."""
    out = []
    for column in adapter.columns:
        if column.field not in adapter.model.model_fields:
            continue
        spec = field_spec(adapter.model, column.field)
        where = f"{adapter.name}.{column.field}"
        if column.kind != _expected_kind(spec):
            out.append(f"{where}: kind {column.kind}")
        if (column.min, column.max) != (spec.minimum, spec.maximum):
            out.append(f"{where}: range {column.min}..{column.max}, the model {spec.minimum}..{spec.maximum}")
        if column.required != spec.required:
            out.append(f"{where}: required {column.required}")
        if spec.kind in _CHOICE and set(column.options(ctx) if column.options else ()) != _model_options(spec, ctx):
            out.append(f"{where}: other values than the model's")
    return out


def test_every_column_uses_the_models_kind_values_bounds_and_required_flag(ctx: Ctx) -> None:
    adapters = list(_adapters(ctx))
    assert sum(len(a.columns) for a in adapters) > 60
    assert [d for adapter in adapters for d in _disagreements(adapter, ctx)] == []


def test_a_column_restating_the_model_differently_is_found(ctx: Ctx) -> None:
    stale = ListAdapter(
        "goals",
        table_columns.Goal,
        (
            Col("target_year", "col.target_year", "int", min=2024, max=2050),
            Col("horizon", "col.horizon", "select", required=True, options=lambda ctx: ["short", "medium"]),
        ),
        "to_be.goals",
        lambda a: a.to_be.goals,
        lambda a, items: a,
    )
    assert _disagreements(stale, ctx) == [
        "goals.target_year: range 2024..2050, the model 2024..2060",
        "goals.horizon: other values than the model's",
    ]


def test_the_maturity_grid_takes_its_level_bounds_from_the_model(ctx: Ctx) -> None:
    from esg_workbench.app.fixed_tables import MaturityGrid
    from esg_workbench.domain.assessment import MaturityRating

    columns = {c.field: c for c in MaturityGrid().cols(ctx)}
    for name in ("current", "target_short", "target_long"):
        spec = field_spec(MaturityRating, name)
        assert (columns[name].min, columns[name].max) == (spec.minimum, spec.maximum), name
