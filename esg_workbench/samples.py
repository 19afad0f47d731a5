"""The sample assessments and copying assessments: seeding an empty store, duplicating under a new id.
The app's assessments page and the CLI's ``app`` command both seed with it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from .assessment_files import load_assessment
from .domain import Assessment
from .ids import slug
from .store import Store


def sample_files(sample_dir: Path) -> list[Path]:
    return sorted(sample_dir.glob("*.json")) if sample_dir.is_dir() else []


def seed_samples(store: Store, sample_dir: Path, *, author: str = "samples") -> list[str]:
    """Store every sample assessment whose id is not taken yet; return the ids added."""
    added = []
    for path in sample_files(sample_dir):
        assessment = load_assessment(path)
        if not store.exists(assessment.id):
            store.create(assessment, author=author, message=f"sample {path.name}")
            added.append(assessment.id)
    return added


def fresh_id(title: str, store: Store) -> str:
    """An id made from ``title`` that no stored assessment (deleted ones included) uses."""
    base = slug(title)[:40]
    while True:
        candidate = f"{base}-{uuid.uuid4().hex[:6]}"
        if not store.exists(candidate):
            return candidate


def duplicate(assessment: Assessment, *, title: str, store: Store) -> Assessment:
    """A copy with a new id and title, ready to be created as revision 1 of a new assessment;
    ValidationError when the title is not allowed."""
    now = datetime.now(UTC).replace(microsecond=0)
    data = assessment.model_dump()
    data.update(id=fresh_id(title or assessment.title, store), title=title, created_at=now, updated_at=now)
    return Assessment.model_validate(data)
