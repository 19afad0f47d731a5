"""The field registry reads what the domain model says about each field: kinds, bounds, values,
vocabularies, references, ESRS levels and lengths, from the types in ``domain.fields`` and the markers."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from esg_workbench.domain import assessment as model
from esg_workbench.domain.field_registry import FieldKind, field_at, field_spec, model_fields
from esg_workbench.domain.fields import MAX_AMOUNT, MAX_MEASURE, CoverageStatus


def _models(root: type[BaseModel] = model.Assessment) -> set[type[BaseModel]]:
    found = {root}
    for spec in model_fields(root).values():
        if spec.model is not None and spec.model not in found:
            found |= _models(spec.model)
    return found


def test_bounds_come_from_the_annotated_number_types() -> None:
    year = field_spec(model.Goal, "target_year")
    assert (year.kind, year.minimum, year.maximum, year.optional, year.required) == (
        FieldKind.INT,
        2024,
        2060,
        True,
        False,
    )
    amount = field_spec(model.CostLine, "amount")
    assert (amount.kind, amount.minimum, amount.maximum, amount.required) == (FieldKind.FLOAT, 0, MAX_AMOUNT, True)
    value = field_spec(model.Score, "value")
    assert (value.minimum, value.maximum) == (-MAX_MEASURE, MAX_MEASURE)
    assert field_spec(model.Risk, "likelihood").default == 3


def test_enums_and_literals_give_their_values() -> None:
    assert field_spec(model.Coverage, "status").values == tuple(s.value for s in CoverageStatus)
    assert field_spec(model.Criterion, "value_source").values == ("score", "tco", "time_to_first_report")
    assert field_spec(model.Criterion, "kind").default == "scale"  # the enum member's value
    assert field_at(model.Assessment, "weighting.method").values == ("direct", "points", "moscow_rank", "ahp", "rank")


def test_markers_give_vocabularies_references_and_esrs_levels() -> None:
    options = field_spec(model.System, "integration_options")
    assert (options.kind, options.is_list, options.vocabulary) == (FieldKind.VOCABULARY, True, "integration_method")
    to = field_spec(model.DataFlow, "to_id")
    assert (to.kind, to.refs, to.extra) == (FieldKind.REFERENCE, ("data_sources", "systems"), ("report",))
    assert field_spec(model.Coverage, "disclosure_requirement").esrs_level == "dr"
    assert field_spec(model.DataSource, "esrs_standards").esrs_level == "standard"
    assert field_at(model.Assessment, "organisation.sector").vocabulary == "sector"


def test_text_kinds_and_lengths() -> None:
    assert field_spec(model.Role, "id").kind == FieldKind.ID
    assert field_spec(model.Role, "id").max_length == 64  # the id pattern's longest match
    name = field_spec(model.Role, "name")
    assert (name.kind, name.min_length, name.max_length) == (FieldKind.NAME, 1, 500)
    assert field_spec(model.Goal, "text").kind == FieldKind.TEXT
    assert field_at(model.Assessment, "organisation.country").max_length == 2
    assert field_at(model.Assessment, "settings.currency").max_length == 3
    assert field_spec(model.Coverage, "datapoint_id").max_length == 64


def test_every_field_of_every_model_of_the_assessment_has_a_kind() -> None:
    for cls in _models():
        for name, spec in model_fields(cls).items():
            assert spec.name == name
            assert isinstance(spec.kind, FieldKind), (cls.__name__, name)


def test_an_unknown_field_is_named_with_its_model() -> None:
    with pytest.raises(KeyError, match="Goal has no field 'year'"):
        field_spec(model.Goal, "year")
    with pytest.raises(KeyError, match="holds no fields"):
        field_at(model.Assessment, "title.x")
