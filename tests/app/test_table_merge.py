"""The pure part of saving a table edit: the table as shown is compared cell by cell with the rows built
from the assessment as stored now, and only the cells that differ are written back (tables.shown_rows,
the adapters' apply). No Streamlit run here."""

from __future__ import annotations

from typing import Any

import pytest

from esg_workbench.app.fixed_tables import MaterialityGrid, MaturityGrid, MustHaveGrid, ScoreGrid, SurveyGrid
from esg_workbench.app.table_columns import (
    COVERAGE,
    CRITERIA,
    DATA_FLOWS,
    DATA_SOURCES,
    GOALS,
    OPTIONS,
    PROCESSES,
    REQUIREMENTS,
    ROADMAP,
    ROLES,
    SYSTEMS,
    cost_lines,
    risks,
)
from esg_workbench.app.table_editor import (
    Col,
    Ctx,
    EditorState,
    ListAdapter,
    RowValues,
    _frame,
    rows_as_stored,
    shown_rows,
)
from esg_workbench.app.weights import PAIRWISE
from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.domain.assessment import Assessment, Criterion
from esg_workbench.domain.diff import diff_assessments
from esg_workbench.frameworks import load_framework

SAMPLES = ("municipality", "manufacturer")
EMPTY = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


def _sample(name: str) -> Assessment:
    return load_assessment(PROJECT_ROOT / "sample_data" / f"{name}.json")


def _adapters(a: Assessment) -> list[Any]:
    option = a.options[0].id
    return [
        DATA_SOURCES,
        SYSTEMS,
        DATA_FLOWS,
        ROLES,
        PROCESSES,
        COVERAGE,
        GOALS,
        REQUIREMENTS,
        CRITERIA,
        OPTIONS,
        ROADMAP,
        PAIRWISE,
        cost_lines(a, option),
        risks(a, option),
        MaturityGrid(),
        SurveyGrid(),
        MaterialityGrid(),
        ScoreGrid(option),
        MustHaveGrid(),
    ]


def _editor(adapter: Any, ctx: Ctx) -> EditorState:
    """The editor's state as the table is first built from ``ctx.assessment``."""
    rows, source = adapter.rows(ctx)
    columns = adapter.cols(ctx)
    return EditorState((), 0, _frame(rows, columns), source, 1, "", "w")


def _save(adapter: Any, ctx: Ctx, es: EditorState, delta: dict) -> tuple[Assessment, list]:
    """The assessment after applying ``delta`` over ``ctx.assessment`` (as stored now), and the rows."""
    columns = adapter.cols(ctx)
    rows = shown_rows(es, delta, columns, rows_as_stored(adapter, ctx, es, columns))
    candidate, issues, _ = adapter.apply(ctx, es.source, rows, set(), es.memory)
    assert not issues
    return candidate, rows


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_table_unchanged_writes_back_nothing(sample: str, lang: str) -> None:
    """What a table shows in another form (a label, a rounded number, an unticked unknown) is never
    taken for a change: every row of every table compares equal and the assessment stays as stored."""
    a = _sample(sample)
    ctx = Ctx(a, load_framework(), lang)
    for adapter in _adapters(a):
        es = _editor(adapter, ctx)
        candidate, rows = _save(adapter, ctx, es, EMPTY)
        assert [sorted(values.changed) for _, values in rows] == [[] for _ in rows], adapter.name
        assert diff_assessments(a, candidate) == [], adapter.name


@pytest.mark.parametrize(("sample", "lang"), [("municipality", "en"), ("manufacturer", "da")])
def test_one_weight_edit_changes_that_weight_only(sample: str, lang: str) -> None:
    a = _sample(sample)
    ctx = Ctx(a, load_framework(), lang)
    es = _editor(CRITERIA, ctx)
    candidate, rows = _save(CRITERIA, ctx, es, {**EMPTY, "edited_rows": {"0": {"weight": 1.5}}})
    assert rows[0][1].changed == {"weight"}
    assert [str(c) for c in diff_assessments(a, candidate)] == [
        f"criteria[{a.criteria[0].id}].weight: {a.criteria[0].weight} -> 1.5"
    ]


def test_a_cell_shown_in_another_form_is_not_written_back() -> None:
    """Even a table that shows a stored value transformed (here: a name in capitals, a weight rounded)
    writes back only the cell the user changed."""
    adapter = ListAdapter(
        "criteria",
        Criterion,
        (Col("name", "col.name", required=True), Col("weight", "col.weight", "float"), Col("unit", "col.unit")),
        "criteria",
        lambda a: a.criteria,
        lambda a, items: a.model_copy(update={"criteria": items}),
        to_row=lambda ctx, c: {"name": c.name.upper(), "weight": round(c.weight), "unit": c.unit},
    )
    a = _sample("municipality")
    a = a.model_copy(update={"criteria": [a.criteria[0].model_copy(update={"weight": 7.25}), *a.criteria[1:]]})
    ctx = Ctx(a, load_framework(), "en")
    es = _editor(adapter, ctx)
    candidate, _ = _save(adapter, ctx, es, {**EMPTY, "edited_rows": {"0": {"unit": "points"}}})
    assert [str(c) for c in diff_assessments(a, candidate)] == [f"criteria[{a.criteria[0].id}].unit: '' -> 'points'"]


def test_a_cell_set_back_to_its_first_value_is_compared_with_the_stored_value() -> None:
    """The editor drops an edit back to the first-rendered value from its report; against the store
    (which holds the previous edit) that is a change, and it is written."""
    a = _sample("municipality")
    ctx = Ctx(a, load_framework(), "en")
    es = _editor(MaturityGrid(), ctx)
    first = a.to_be.maturity[0].current
    after_one, _ = _save(MaturityGrid(), ctx, es, {**EMPTY, "edited_rows": {"0": {"current": first + 1}}})
    now = Ctx(after_one, ctx.framework, "en")  # stored; the editor still shows its first table
    back, rows = _save(MaturityGrid(), now, es, EMPTY)
    assert rows[0][1].changed == {"current"}
    assert back.to_be.maturity[0].current == first
    assert diff_assessments(a, back) == []


def test_a_list_row_merges_into_the_item_as_stored_now() -> None:
    """A second edit of the same row keeps the first (saved) one: the row is merged into the item the
    editor stored last, not into the item the table was built from."""
    a = _sample("municipality")
    ctx = Ctx(a, load_framework(), "en")
    es = _editor(CRITERIA, ctx)
    first, _ = _save(CRITERIA, ctx, es, {**EMPTY, "edited_rows": {"0": {"weight": 2.0}}})
    es.memory.setdefault("saved", {}).update(es.memory.pop("pending"))  # as after a stored save
    now = Ctx(first, ctx.framework, "en")
    second, _ = _save(CRITERIA, now, es, {**EMPTY, "edited_rows": {"0": {"weight": 2.0, "unit": "pts"}}})
    assert [str(c) for c in diff_assessments(a, second)] == [
        "criteria[esrs_coverage].weight: 10.0 -> 2.0",
        "criteria[esrs_coverage].unit: '' -> 'pts'",
    ]


def test_an_unknown_materiality_flag_stays_unknown_when_the_rationale_changes() -> None:
    a = _sample("municipality")
    topic = a.material_topics[0].model_copy(update={"impact_material": None, "financial_material": True})
    a = a.model_copy(update={"material_topics": [topic, *a.material_topics[1:]]})
    ctx = Ctx(a, load_framework(), "en")
    grid = MaterialityGrid()
    es = _editor(grid, ctx)
    row = es.source.index(topic.esrs)
    candidate, _ = _save(grid, ctx, es, {**EMPTY, "edited_rows": {str(row): {"rationale": "Checked again."}}})
    assert [(c.path, c.new) for c in diff_assessments(a, candidate)] == [
        (f"material_topics[{topic.esrs}].rationale", "Checked again.")
    ]


def test_row_values_say_which_cells_changed() -> None:
    values = RowValues({"a": 1, "b": 2}, {"b"})
    assert dict(values) == {"a": 1, "b": 2} and values.changed == {"b"}
