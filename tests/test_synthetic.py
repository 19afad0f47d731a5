"""The synthetic generator gives large, valid, reproducible assessments of the requested size."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from esg_workbench import synthetic
from esg_workbench.assessment_files import load_assessment
from esg_workbench.domain import Assessment, Framework, validate_assessment
from esg_workbench.frameworks import FrameworkNotFound, load_framework
from esg_workbench.synthetic import generate_assessment, main

SMALL = {"data_sources": 30, "systems": 8, "criteria": 20, "options": 6, "requirements": 25}


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("esg-architecture")


@pytest.fixture(scope="module")
def big(framework: Framework) -> Assessment:
    return generate_assessment(seed=0, framework=framework)


def test_default_size_is_what_benchmarks_expect(big: Assessment) -> None:
    sizes = (len(big.data_sources), len(big.systems), len(big.criteria), len(big.options), len(big.requirements))
    assert sizes == (500, 150, 80, 10, 120)


def test_generated_assessment_is_valid(big: Assessment, framework: Framework) -> None:
    assert [str(p) for p in validate_assessment(big, framework)] == []


def test_generated_assessment_matches_the_json_schema(big: Assessment) -> None:
    jsonschema.validate(big.model_dump(mode="json"), Assessment.model_json_schema())


def test_same_seed_same_assessment_other_seed_other_assessment(framework: Framework) -> None:
    first = generate_assessment(seed=7, framework=framework, **SMALL).model_dump_json()
    again = generate_assessment(seed=7, framework=framework, **SMALL).model_dump_json()
    other = generate_assessment(seed=8, framework=framework, **SMALL).model_dump_json()
    assert first == again
    assert first != other


def test_default_framework_is_the_installed_one(framework: Framework) -> None:
    assert (
        generate_assessment(seed=1, **SMALL).model_dump_json()
        == generate_assessment(seed=1, framework=framework, **SMALL).model_dump_json()
    )


def test_every_option_is_scored_with_a_range_on_every_scored_criterion(big: Assessment) -> None:
    scored = {c.id for c in big.criteria if c.value_source == "score"}
    assert {(s.option_id, s.criterion_id) for s in big.scores} == {(o.id, c) for o in big.options for c in scored}
    assert all(s.low is not None and s.high is not None and s.low <= s.value <= s.high for s in big.scores)


def test_quantitative_cost_and_time_criteria_are_present(big: Assessment) -> None:
    by_source = {c.value_source: c for c in big.criteria}
    assert by_source["tco"].unit == "DKK" and by_source["tco"].best < by_source["tco"].worst
    assert by_source["time_to_first_report"].best < by_source["time_to_first_report"].worst
    assert any(c.kind == "quantitative" and c.value_source == "score" for c in big.criteria)


def test_every_option_is_checked_against_every_must(big: Assessment) -> None:
    musts = {r.id for r in big.requirements if r.priority == "must"}
    assert musts
    assert {(c.option_id, c.requirement_id) for c in big.must_have_checks} == {
        (o.id, r) for o in big.options for r in musts
    }


def test_all_steps_are_filled(big: Assessment, framework: Framework) -> None:
    assert {o.archetype for o in big.options} == framework.vocabulary_ids("archetype")
    assert {r.role_type for r in big.roles} == framework.vocabulary_ids("role_type")
    assert {p.stage for p in big.processes} == framework.vocabulary_ids("process_stage")
    assert {m.dimension for m in big.to_be.maturity} == framework.vocabulary_ids("maturity_dimension")
    assert {s.question for s in big.to_be.survey} == framework.vocabulary_ids("survey_question")
    assert {i.phase for i in big.roadmap} == framework.vocabulary_ids("roadmap_phase")
    assert big.coverage and big.data_flows and big.decision is not None
    assert any(f.to_id == "report" for f in big.data_flows)


def test_decision_picks_an_option_that_passes_every_must(big: Assessment) -> None:
    failed = {c.option_id for c in big.must_have_checks if not c.met}
    assert big.decision.option_id not in failed
    assert big.decision.interim_option_id != big.decision.option_id


def test_smallest_assessment_is_still_valid(framework: Framework) -> None:
    tiny = generate_assessment(data_sources=0, systems=1, criteria=1, options=1, requirements=0, framework=framework)
    assert validate_assessment(tiny, framework) == []
    assert (len(tiny.criteria), len(tiny.options), tiny.decision.interim_option_id) == (1, 1, None)


@pytest.mark.parametrize(("name", "value"), [("systems", 0), ("options", 0), ("criteria", 0), ("data_sources", -1)])
def test_impossible_sizes_are_refused_naming_the_argument(name: str, value: int, framework: Framework) -> None:
    with pytest.raises(ValueError, match=name):
        generate_assessment(framework=framework, **{**SMALL, name: value})


def test_main_writes_a_loadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "big.json"
    args = ["-o", str(out), "--seed", "3", "--data-sources", "40", "--systems", "9", "--criteria", "18"]
    assert main([*args, "--options", "5", "--requirements", "22"]) == 0
    loaded = load_assessment(out)
    assert loaded == generate_assessment(seed=3, data_sources=40, systems=9, criteria=18, options=5, requirements=22)
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "synthetic-3"
    assert "40 data sources" in capsys.readouterr().out


def test_main_reports_a_bad_size_as_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["-o", str(tmp_path / "x.json"), "--options", "0"])
    assert exit_info.value.code == 2
    assert "options must be an integer of at least 1" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_main_reports_a_missing_framework(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(*_args: object, **_kwargs: object) -> Framework:
        raise FrameworkNotFound("unknown framework 'esg-architecture' in /nowhere (available: none)")

    monkeypatch.setattr(synthetic, "load_framework", missing)
    assert main(["-o", str(tmp_path / "x.json")]) == 2
    assert "unknown framework 'esg-architecture'" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()
