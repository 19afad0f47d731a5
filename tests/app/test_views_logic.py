"""Coverage matrix and gaps, the landscape diagram, completeness per step and translated problem texts,
checked on the samples and on small hand-made cases."""

from __future__ import annotations

import pytest

from esg_workbench.app.editing import Issue
from esg_workbench.app.problem_text import issue_text
from esg_workbench.assessment_files import load_assessment
from esg_workbench.completeness import all_checks, scenario_checks, share_done
from esg_workbench.config import PROJECT_ROOT
from esg_workbench.coverage import NOT_ASSESSED, coverage_summary, matrix
from esg_workbench.domain import Problem
from esg_workbench.domain.assessment import Coverage, Score
from esg_workbench.domain.problem_codes import Code
from esg_workbench.frameworks import load_framework
from esg_workbench.landscape import (
    MAX_SOURCES_LISTED,
    METHOD_COLOURS,
    LandscapeWords,
    dot_string,
    html_text,
    landscape_dot,
    legend_dot,
)
from esg_workbench.messages import Number, Term
from esg_workbench.new_assessment import new_assessment


@pytest.fixture(scope="module")
def fw():
    return load_framework()


@pytest.fixture(scope="module")
def sample():
    return load_assessment(PROJECT_ROOT / "sample_data" / "municipality.json")


def test_esrs2_is_always_material(fw) -> None:
    empty = new_assessment(fw, organisation_name="X")
    summary = coverage_summary(empty, fw)
    assert {d.standard for d in summary.drs} == {"ESRS 2"}
    assert {d.status for d in summary.drs} == {NOT_ASSESSED}


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
    summary = coverage_summary(a, fw)
    status = {d.code: d.status for d in summary.drs}
    assert (status["BP-1"], status["BP-2"]) == ("partial", "manual")
    assert [g.code for g in summary.gaps][:1] != ["BP-2"]
    assert "BP-2" not in {g.code for g in summary.gaps}


def test_matrix_and_counts_on_the_sample(sample, fw) -> None:
    summary = coverage_summary(sample, fw)
    m = matrix(sample, summary)
    assert m.sources and m.cells
    assert all(sid in {s.id for s in sample.data_sources} for _, sid in m.cells)
    assert sum(sum(s.counts.values()) for s in summary.by_standard) == summary.material_drs == len(summary.drs)


def test_landscape_draws_systems_grouped_by_category_with_their_sources_and_flows(sample) -> None:
    dot = landscape_dot(sample)
    assert dot.startswith("digraph")
    assert dot.count("subgraph cluster_") == len({s.category for s in sample.systems})
    assert dot.count("<B>") == len(sample.systems) + 1  # a header row per system and one for unhosted sources
    assert dot.count("->") == len(sample.data_flows)
    assert "Sustainability report" in dot
    for source in sample.data_sources:
        assert html_text(source.name) in dot


def test_user_text_cannot_break_out_of_a_dot_string() -> None:
    assert dot_string('ERP "x"]; evil [label="') == '"ERP \\"x\\"]; evil [label=\\""'
    assert dot_string("a\\b\nc") == '"a\\\\b c"'


def test_user_text_in_a_landscape_box_is_shown_as_written(sample) -> None:
    hostile = '<B>big</B> & <TABLE> "x" > ]; evil'
    a = sample.model_copy(deep=True)
    a.systems[0].name = hostile
    dot = landscape_dot(a)
    assert "&lt;B&gt;big&lt;/B&gt; &amp; &lt;TABLE&gt; &quot;x&quot; &gt; ]; evil" in dot
    assert hostile not in dot
    assert html_text("a\x00b\nc" + "x" * 100).startswith("a b c") and len(html_text("x" * 100)) == 60


def test_a_system_box_lists_at_most_a_few_sources_and_counts_the_rest(sample) -> None:
    a = sample.model_copy(deep=True)
    home = a.systems[0].id
    for source in a.data_sources:
        source.system_id = home
    dot = landscape_dot(a, words=LandscapeWords(more="+ {n} more"))
    assert f"+ {len(a.data_sources) - MAX_SOURCES_LISTED} more" in dot
    assert dot.count("->") == len(a.data_flows)  # flows from unlisted sources start at the count row


def test_landscape_filter_keeps_only_the_chosen_systems(sample) -> None:
    first = sample.systems[0]
    dot = landscape_dot(sample, systems=[first.id])
    assert dot.count("subgraph cluster_") == 1
    assert dot.count("<B>") == 1


def test_the_legend_has_one_arrow_per_method_in_its_colour() -> None:
    dot = legend_dot(["api", "manual_entry", "api"])
    assert dot.count("->") == 2 and METHOD_COLOURS["api"] in dot and METHOD_COLOURS["manual_entry"] in dot


def test_completeness_of_a_new_assessment_points_at_the_gaps(fw) -> None:
    checks = all_checks(new_assessment(fw, organisation_name="X"), fw)
    open_as_is = {c.id for c in checks["as_is"] if not c.done}
    assert {"sources", "systems", "roles", "materiality"} <= open_as_is
    assert all(c.page == "as_is" for c in checks["as_is"])
    assert share_done(checks["as_is"]) < 0.5


def test_the_samples_are_almost_complete(sample, fw) -> None:
    checks = all_checks(sample, fw)
    assert share_done(checks["scenarios"]) == 1.0


def test_a_dr_left_open_with_a_note_is_not_missing(sample, fw) -> None:
    """The municipality's 4 not-assessed DRs each say why they are open: coverage is complete. Without
    E1-9's note, 1 of 84 is missing."""
    coverage = next(c for c in all_checks(sample, fw)["as_is"] if c.id == "coverage")
    assert coverage.done
    silent = [c.model_copy(update={"notes": ""}) if c.id == "cov-e1-9" else c for c in sample.coverage]
    checks = all_checks(sample.model_copy(update={"coverage": silent}), fw)
    coverage = next(c for c in checks["as_is"] if c.id == "coverage")
    assert (coverage.done, coverage.params) == (False, {"n": 1, "total": 84})


@pytest.mark.parametrize(
    ("problem", "message", "expected"),
    [
        (
            Problem.of("", Code.UNKNOWN_REF, what=Term("problem_terms.ref.system"), value="sys-9"),
            "unknown system 'sys-9'",
            "henviser til et system 'sys-9', som ikke findes",
        ),
        (
            Problem.of("", Code.SCORE_RANGE, value="7"),
            "score 7 is outside the scale 0-5",
            "scoren 7 ligger uden for skalaen 0–5",
        ),
        (
            Problem.of("", Code.END_BEFORE_START, end="2026-06-01", start="2026-09-01"),
            "end 2026-06-01 is before start 2026-09-01",
            "slutdatoen 2026-06-01 ligger før startdatoen 2026-09-01",
        ),
        (
            Problem.of("", Code.AT_LEAST, ge="0", got="-1"),
            "Input should be greater than or equal to 0 (got -1)",
            "skal være mindst 0 (fik -1)",
        ),
        (
            Problem("", "something the app does not know"),
            "something the app does not know",
            "something the app does not know",
        ),
        (
            Problem.of("", Code.SCORE_RANGE, value=Number(7.5, "7.5")),
            "score 7.5 is outside the scale 0-5",
            "scoren 7,5 ligger uden for skalaen 0–5",
        ),
        (
            Problem.of("", Code.UNKNOWN_REF, what=Term("problem_terms.ref.system"), value="2.5"),
            "unknown system '2.5'",
            "henviser til et system '2.5', som ikke findes",  # an id stays as typed
        ),
    ],
)
def test_core_messages_are_worded_in_danish(problem: Problem, message: str, expected: str) -> None:
    assert problem.message == message
    assert problem.text("da") == expected
    assert problem.text("en") == message


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


def test_entering_a_first_score_never_lowers_the_scenarios_completeness(fw) -> None:
    unscored = new_assessment(fw, organisation_name="X").model_copy(update={"scores": []})
    before = share_done(scenario_checks(unscored, fw))
    option, criterion = unscored.options[0], next(c for c in unscored.criteria if c.value_source == "score")
    first = Score(option_id=option.id, criterion_id=criterion.id, value=1.0)  # not the prior, no rationale
    assert share_done(scenario_checks(unscored.model_copy(update={"scores": [first]}), fw)) >= before
