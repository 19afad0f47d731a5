"""The case of benchmarks/datapoint_coverage.py: a synthetic datapoint list in the shape of EFRAG's IG 3
(used when the real list is absent) and the large synthetic assessment with one coverage item per
datapoint, which must be a valid assessment whose every datapoint id is in the list. No timing here."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from esg_workbench.datapoint_coverage import datapoint_problems
from esg_workbench.domain import validate_assessment
from esg_workbench.esrs_import import IG3_SHEETS
from esg_workbench.frameworks import framework_for_assessment, load_framework
from esg_workbench.synthetic import SET1, generate_assessment, generate_datapoint_catalogue, with_datapoint_coverage

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "datapoint_coverage.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("datapoint_coverage_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def set1():
    return load_framework("esg-architecture").with_catalogue(SET1).esrs


def test_synthetic_list_has_ig3s_shape(set1) -> None:
    catalogue = generate_datapoint_catalogue(set1, seed=3)
    points = catalogue.datapoints
    per_dr = Counter(p.disclosure_requirement for p in points)
    # As many per DR as the catalogue counts in IG 3 (1,126 in all; a DR IG 3 lists none of has none).
    assert dict(per_dr) == {d.code: d.datapoint_count for d in set1.disclosure_requirements if d.datapoint_count}
    assert len(points) == sum(d.datapoint_count for d in set1.disclosure_requirements) == 1126
    assert len({p.id for p in points}) == len(points)
    assert all(re.fullmatch(rf"{re.escape(p.disclosure_requirement)}_\d\d", p.id) for p in points)
    assert {p.source_sheet for p in points} == set(IG3_SHEETS)
    assert {p.esrs for p in points} == set(set1.standard_codes)
    assert (catalogue.standard_id, catalogue.standard_version) == SET1
    rows = [(p.source_sheet, p.source_row) for p in points]
    assert len(set(rows)) == len(rows)
    # IG 3's mix: about a quarter voluntary or conditional, about half with a phase-in, mostly narrative.
    assert 0.15 < sum(p.may_voluntary for p in points) / len(points) < 0.35
    assert 0.15 < sum(bool(p.conditional_or_alternative) for p in points) / len(points) < 0.35
    assert 0.35 < sum(bool(p.phase_in) for p in points) / len(points) < 0.65
    assert Counter(p.data_type for p in points).most_common(1)[0][0] == "narrative"


def test_synthetic_list_size_and_seed(set1) -> None:
    assert len(generate_datapoint_catalogue(set1, count=1150).datapoints) == 1150
    assert generate_datapoint_catalogue(set1, seed=1) == generate_datapoint_catalogue(set1, seed=1)
    assert generate_datapoint_catalogue(set1, seed=1) != generate_datapoint_catalogue(set1, seed=2)
    with pytest.raises(ValueError, match="at least the 104 DRs"):
        generate_datapoint_catalogue(set1, count=50)


def test_benchmark_case_is_valid_with_one_item_per_datapoint(bench) -> None:
    catalogue, kind = bench.datapoint_list(None)
    plain, case = bench.build_case(catalogue)
    assert kind == "synthetic"
    datapoint_items = [c for c in case.coverage if c.datapoint_id]
    assert sorted(c.datapoint_id for c in datapoint_items) == sorted(p.id for p in catalogue.datapoints)
    assert case.coverage[: len(plain.coverage)] == plain.coverage  # the DR-level items are kept
    assert len(case.coverage) == len(plain.coverage) + len(catalogue.datapoints)
    assert (case.catalogue.id, case.catalogue.version) == SET1
    assert all(t.material for t in case.material_topics)
    assert [str(p) for p in validate_assessment(case, framework_for_assessment(case))] == []
    assert datapoint_problems(case, catalogue) == []
    statuses = Counter(str(c.status) for c in datapoint_items)
    assert set(statuses) == {"automated", "manual", "partial", "gap", "not_assessed", "out_of_scope"}
    voluntary = {p.id for p in catalogue.datapoints if p.may_voluntary}
    assert all(c.datapoint_id in voluntary for c in datapoint_items if c.status == "out_of_scope")


def test_a_list_of_another_catalogue_is_refused(set1) -> None:
    amended = generate_assessment(data_sources=20, systems=5, criteria=5, options=2, requirements=5, seed=1)
    with pytest.raises(ValueError, match="belongs to esrs-set1 2023"):
        with_datapoint_coverage(amended, generate_datapoint_catalogue(set1))
