"""Coverage matrix and gaps, the landscape diagram, completeness per step and translated problem texts,
checked on the samples and on small hand-made cases."""

from __future__ import annotations

import pytest

from esg_workbench.app.completeness import all_checks, share_done
from esg_workbench.app.coverage import NOT_ASSESSED, dr_status, gaps, material_drs, matrix, status_counts
from esg_workbench.app.editing import Issue
from esg_workbench.app.landscape import dot_string, landscape_dot
from esg_workbench.app.problem_text import issue_text, message_text
from esg_workbench.assessment_files import load_assessment
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.domain.assessment import Coverage
from esg_workbench.frameworks import load_framework
from esg_workbench.new_assessment import new_assessment


@pytest.fixture(scope="module")
def fw():
    return load_framework()


@pytest.fixture(scope="module")
def sample():
    return load_assessment(PROJECT_ROOT / "sample_data" / "municipality.json")


def test_esrs2_is_always_material(fw) -> None:
    empty = new_assessment(fw, organisation_name="X")
    assert {d.standard for d in material_drs(empty, fw)} == {"ESRS 2"}
    assert set(dr_status(empty, fw).values()) == {NOT_ASSESSED}


def test_dr_status_aggregates_items_per_datapoint(fw) -> None:
    a = new_assessment(fw, organisation_name="X")
    a = a.model_copy(
        update={
            "coverage": [
                Coverage(id="c1", disclosure_requirement="BP-1", datapoint_id="BP-1_01", status="automated"),
                Coverage(id="c2", disclosure_requirement="BP-1", datapoint_id="BP-1_02", status="gap"),
                Coverage(id="c3", disclosure_requirement="BP-2", status="manual"),
            ]
        }
    )
    status = dr_status(a, fw)
    assert (status["BP-1"], status["BP-2"]) == ("partial", "manual")
    assert [g.code for g in gaps(a, fw)][:1] != ["BP-2"]
    assert "BP-2" not in {g.code for g in gaps(a, fw)}


def test_matrix_and_counts_on_the_sample(sample, fw) -> None:
    m = matrix(sample, fw)
    assert m.sources and m.cells
    assert all(sid in {s.id for s in sample.data_sources} for _, sid in m.cells)
    counts = status_counts(sample, fw)
    assert sum(sum(c.values()) for c in counts.values()) == len(material_drs(sample, fw))


def test_landscape_draws_systems_sources_flows_and_the_report(sample) -> None:
    dot = landscape_dot(sample)
    assert dot.startswith("digraph") and dot.count("subgraph cluster_") >= len(sample.systems)
    assert dot.count("->") == len(sample.data_flows)
    assert "Sustainability report" in dot


def test_user_text_cannot_break_out_of_a_dot_string() -> None:
    assert dot_string('ERP "x"]; evil [label="') == '"ERP \\"x\\"]; evil [label=\\""'
    assert dot_string("a\\b\nc") == '"a\\\\b c"'


def test_landscape_filter_keeps_only_the_chosen_systems(sample) -> None:
    first = sample.systems[0]
    dot = landscape_dot(sample, systems=[first.id])
    assert dot.count("subgraph cluster_") == 1


def test_completeness_of_a_new_assessment_points_at_the_gaps(fw) -> None:
    checks = all_checks(new_assessment(fw, organisation_name="X"), fw)
    open_as_is = {c.id for c in checks["as_is"] if not c.done}
    assert {"sources", "systems", "roles", "materiality"} <= open_as_is
    assert all(c.page == "as_is" for c in checks["as_is"])
    assert share_done(checks["as_is"]) < 0.5


def test_the_samples_are_almost_complete(sample, fw) -> None:
    checks = all_checks(sample, fw)
    assert share_done(checks["scenarios"]) == 1.0


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("unknown system 'sys-9'", "henviser til et system 'sys-9', som ikke findes"),
        ("score 7 is outside the scale 0-5", "scoren 7 ligger uden for skalaen 0–5"),
        ("end 2026-06-01 is before start 2026-09-01", "slutdatoen 2026-06-01 ligger før startdatoen 2026-09-01"),
        ("Input should be greater than or equal to 0 (got -1)", "skal være mindst 0 (fik -1)"),
        ("something the app does not know", "something the app does not know"),
    ],
)
def test_core_messages_are_worded_in_danish(message: str, expected: str) -> None:
    assert message_text(message, "da") == expected
    assert message_text(message, "en") == message


def test_pydantic_issues_get_friendly_words_in_both_languages() -> None:
    issue = Issue(
        "country",
        "String should match pattern '^[A-Z]{2}$'",
        "pydantic.string_pattern_mismatch",
        {"pattern": "^[A-Z]{2}$"},
    )
    assert issue_text(issue, "en") == "use two capital letters, e.g. DK"
    assert issue_text(issue, "da") == "brug to store bogstaver, fx DK"
    ge = Issue("weight", "Input should be greater than or equal to 0", "pydantic.greater_than_equal", {"ge": 0.0})
    assert issue_text(ge, "en") == "must be at least 0"


def test_user_text_is_inert_in_markdown() -> None:
    from esg_workbench.app.literal import md, shown

    text = "**b** $x$ :red[r] <i>h</i> [l](http://x) # h"
    escaped = md(text)
    assert shown(escaped) == text  # read on screen as typed (the literal module's own tests go further)
    assert all(f"\\{c}" in escaped for c in "*$:[]<>()#")
