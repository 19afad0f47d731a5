"""Fixtures for the decision workbook tests: the samples, their exported workbooks (built once per
session), and helpers that edit a workbook the way a user in Excel would, or tamper with its file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from esg_workbench.assessment_files import load_assessment
from esg_workbench.domain import Assessment
from esg_workbench.domain.framework import Framework
from esg_workbench.frameworks import load_framework
from esg_workbench.scoring import score
from esg_workbench.workbook import export_workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ("municipality", "manufacturer")
SAMPLES_FOR_TESTS = 500  # Monte Carlo draws: enough for the sheets, fast for the suite


@pytest.fixture(scope="session")
def framework() -> Framework:
    return load_framework("esg-architecture")


@pytest.fixture(scope="session")
def sample() -> Callable[[str], Assessment]:
    cache: dict[str, Assessment] = {}

    def get(name: str) -> Assessment:
        if name not in cache:
            cache[name] = load_assessment(ROOT / "sample_data" / f"{name}.json")
        return cache[name]

    return get


@pytest.fixture(scope="session")
def exported(sample: Callable[[str], Assessment]) -> Callable[[str, str], bytes]:
    """exported(sample name, language) -> the workbook's bytes, built once."""
    cache: dict[tuple[str, str], bytes] = {}

    def get(name: str, lang: str = "en") -> bytes:
        if (name, lang) not in cache:
            cache[(name, lang)] = export_workbook_bytes(sample(name), lang, samples=SAMPLES_FOR_TESTS)
        return cache[(name, lang)]

    return get


@pytest.fixture(scope="session")
def municipality_result(sample: Callable[[str], Assessment], framework: Framework):
    return score(sample("municipality"), framework=framework, samples=SAMPLES_FOR_TESTS)
