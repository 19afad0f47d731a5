"""The store refuses, before the database sees it, an assessment holding what the model does not allow
(a NUL that PostgreSQL would refuse with a raw DataError, a weight of infinity, a blank name), even one
built without validation (``model_copy``); nothing is written."""

from __future__ import annotations

import math

import pytest

from esg_workbench.domain import AssessmentInvalid
from esg_workbench.store import Store


def _problems(caught: pytest.ExceptionInfo[AssessmentInvalid]) -> list[str]:
    return [str(p) for p in caught.value.problems]


def test_a_nul_in_a_name_is_refused_cleanly_on_create(store: Store, build) -> None:
    acme = build()
    bad = acme.model_copy(update={"organisation": acme.organisation.model_copy(update={"name": "Evil\x00Org\x07"})})
    with pytest.raises(AssessmentInvalid) as caught:
        store.create(bad)
    assert _problems(caught) == ["organisation.name: control character not allowed: U+0000 (got 'Evil\\x00Org\\x07')"]
    assert store.list_assessments() == []


def test_bad_values_are_refused_on_save_and_the_stored_revision_stays(store: Store, build) -> None:
    acme = build(criteria=[{"id": "cost", "name": "Cost", "weight": 1}], title="Acme")
    store.create(acme)
    criteria = [acme.criteria[0].model_copy(update={"weight": math.inf})]
    bad = acme.model_copy(update={"title": "Evil\x00 title", "criteria": criteria})
    with pytest.raises(AssessmentInvalid) as caught:
        store.save(bad, base_revision=1)
    assert _problems(caught) == [
        "criteria[0].weight: Input should be a finite number (got inf)",
        "title: control character not allowed: U+0000 (got 'Evil\\x00 title')",
    ]
    stored = store.load("acme")
    assert (stored.revision, stored.assessment) == (1, acme)


def test_a_blank_title_is_refused(store: Store, build) -> None:
    acme = build()
    with pytest.raises(AssessmentInvalid) as caught:
        store.create(acme.model_copy(update={"title": "   "}))
    assert _problems(caught) == ["title: must not be only spaces (got '   ')"]
