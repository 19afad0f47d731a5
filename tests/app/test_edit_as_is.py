"""Step 1 page: table edits (add, change, delete rows) and the quick-add form reach the store; a row that
cannot be saved keeps its message next to it; deleting a referenced item clears the references."""

from __future__ import annotations

from app_helpers import assert_clean, edit_table, run_app, stored, texts

from esg_workbench.app.fixed_tables import MaterialityGrid
from esg_workbench.app.table_editor import Ctx
from esg_workbench.frameworks import load_framework

VIEW = "view.as_is"


def test_added_system_row_reaches_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "systems"})
    edit_table(at, "as_is.systems", added=[{"name": "SAP S/4HANA", "category": "erp", "vendor": "SAP"}])
    assert_clean(at)
    systems = stored(seeded.db, aid).assessment.systems
    assert [(s.id, s.name, s.category, s.vendor) for s in systems] == [("sap-s-4hana", "SAP S/4HANA", "erp", "SAP")]


def test_cell_edit_of_a_data_source_reaches_the_store(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid).assessment.data_sources
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "data_sources"})
    edit_table(at, "as_is.data_sources", edited={"1": {"quality": "low", "manual_effort_hours_per_year": 120.0}})
    assert_clean(at)
    after = stored(seeded.db, aid).assessment.data_sources
    assert (after[1].quality, after[1].manual_effort_hours_per_year) == ("low", 120.0)
    assert after[0] == before[0] and after[2:] == before[2:]


def test_incomplete_row_shows_its_problem_and_is_not_stored(seeded) -> None:
    aid = seeded.ids["empty"]
    before = stored(seeded.db, aid).revision
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "systems"})
    edit_table(at, "as_is.systems", added=[{"name": "Excel workbook"}])  # no category
    assert_clean(at)
    assert texts(at) and "could not be saved" in texts(at)[0]
    problems = at.dataframe[-1].value
    assert problems.iloc[0].tolist() == [1, "Category", "fill this in"]
    assert stored(seeded.db, aid).revision == before


def test_valid_rows_are_stored_while_an_invalid_one_waits(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "roles"})
    edit_table(at, "as_is.roles", added=[{"name": "CFO", "role_type": "governance"}, {"name": "Energy manager"}])
    assert [r.name for r in stored(seeded.db, aid).assessment.roles] == ["CFO"]
    # the waiting row is completed: now both are stored, the first keeps its id
    edit_table(
        at,
        "as_is.roles",
        added=[{"name": "CFO", "role_type": "governance"}, {"name": "Energy manager", "role_type": "functional"}],
    )
    roles = stored(seeded.db, aid).assessment.roles
    assert [(r.id, r.name) for r in roles] == [("cfo", "CFO"), ("energy-manager", "Energy manager")]


def test_deleting_a_system_clears_the_references_to_it(seeded) -> None:
    aid = seeded.ids["municipality"]
    before = stored(seeded.db, aid).assessment
    target = before.systems[0].id
    users = [s.id for s in before.data_sources if s.system_id == target]
    assert users, "the sample has data sources in its first system"
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "systems"})
    edit_table(at, "as_is.systems", deleted=[0])
    assert_clean(at)
    after = stored(seeded.db, aid).assessment
    assert target not in {s.id for s in after.systems}
    assert all(s.system_id is None for s in after.data_sources if s.id in users)
    assert not [f for f in after.data_flows if target in (f.from_id, f.to_id)]


def test_quick_add_form_adds_a_data_source(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "data_sources"})
    at.text_input(key="quick.ds.name").input("Electricity invoices")
    at.selectbox(key="quick.ds.type").set_value("invoice")
    at.button(key="quick.data_sources.submit").click().run()
    assert_clean(at)
    sources = stored(seeded.db, aid).assessment.data_sources
    assert [(s.name, s.source_type) for s in sources] == [("Electricity invoices", "invoice")]


def test_materiality_and_coverage_reach_the_store(seeded) -> None:
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "coverage"})
    # The outcome column is read-only now: it follows from the flags (it used to be the only input).
    edit_table(at, "as_is.materiality", edited={"0": {"impact_material": "yes", "rationale": "Energy-heavy"}})
    assert_clean(at)
    topics = stored(seeded.db, aid).assessment.material_topics
    assert [(t.esrs, t.material, t.rationale) for t in topics] == [("E1", True, "Energy-heavy")]
    edit_table(at, "as_is.coverage", added=[{"disclosure_requirement": "E1-6", "status": "gap"}])
    coverage = stored(seeded.db, aid).assessment.coverage
    assert [(c.disclosure_requirement, c.status) for c in coverage] == [("E1-6", "gap")]


def test_landscape_is_drawn_as_a_diagram(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], page="as_is", state={VIEW: "landscape"})
    assert_clean(at)
    charts = at.get("graphviz_chart")
    assert charts and "digraph" in charts[0].proto.spec


def test_materiality_outcome_follows_the_impact_and_financial_flags(seeded) -> None:
    """Ticking financial materiality alone makes a topic material; two No's make it not material; a flag
    left open keeps an outcome recorded before the flags existed; the grid shows the outcome read-only."""
    aid = seeded.ids["empty"]
    at = run_app(assessment_id=aid, page="as_is", state={VIEW: "coverage"})
    edit_table(
        at,
        "as_is.materiality",
        edited={
            "0": {"impact_material": "no", "financial_material": "yes"},
            "1": {"impact_material": "no", "financial_material": "no"},
            "2": {"impact_material": "no"},
        },
    )
    assert_clean(at)
    topics = stored(seeded.db, aid).assessment.material_topics
    assert [(t.esrs, t.material, t.impact_material, t.financial_material) for t in topics] == [
        ("E1", True, False, True),
        ("E2", False, False, False),
        ("E3", None, False, None),
    ]
    stored_now = stored(seeded.db, aid).assessment
    rows, _ = MaterialityGrid().rows(Ctx(stored_now, load_framework(), "en"))
    assert [r["outcome"] for r in rows[:4]] == ["material", "not_material", "not_assessed", "not_assessed"]
    assert next(
        c for c in MaterialityGrid().cols(Ctx(stored_now, load_framework(), "en")) if c.field == "outcome"
    ).disabled
