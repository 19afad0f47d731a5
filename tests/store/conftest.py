"""Small assessments for the store tests, built in code so each test shows what it stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from esg_workbench.domain import Assessment

Build = Callable[..., Assessment]


def _build(assessment_id: str = "acme", *, title: str = "Acme ESG architecture", org: str = "Acme A/S", **fields: Any):
    return Assessment.model_validate({"id": assessment_id, "title": title, "organisation": {"name": org}, **fields})


def _changed(assessment: Assessment, **updates: Any) -> Assessment:
    """A copy with some top-level fields replaced, validated like a real edit."""
    return Assessment.model_validate({**assessment.model_dump(mode="json"), **updates})


def system(system_id: str, name: str, category: str = "erp") -> dict:
    return {"id": system_id, "name": name, "category": category}


@pytest.fixture
def build() -> Build:
    """``build("acme", title=..., systems=[...])`` -> a valid Assessment."""
    return _build


@pytest.fixture
def changed() -> Callable[..., Assessment]:
    """``changed(assessment, title="new")`` -> an edited copy."""
    return _changed


@pytest.fixture
def make_system() -> Callable[..., dict]:
    return system
