"""The sample assessments the report tests report on, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

import esg_workbench as ew

SAMPLES = Path(__file__).parents[2] / "sample_data"


@pytest.fixture(scope="session")
def manufacturer() -> ew.Assessment:
    return ew.load_assessment(SAMPLES / "manufacturer.json")


@pytest.fixture(scope="session")
def municipality() -> ew.Assessment:
    return ew.load_assessment(SAMPLES / "municipality.json")
