"""A new assessment started from a framework: its criteria catalogue with default weights, one option per
archetype with the archetype's prior scores. Maturity is left unrated: a level the user never entered
would otherwise show up as a maturity gap in the recommendation (the app lists every dimension to rate)."""

from __future__ import annotations

import uuid

from .domain.assessment import (
    Assessment,
    CatalogueRef,
    Criterion,
    FrameworkRef,
    Option,
    Organisation,
    Score,
)
from .domain.fields import CriterionKind, Direction
from .domain.framework import CatalogueCriterion, Framework
from .ids import slug

# Anchors for the quantitative catalogue criteria when a new assessment starts. They are a neutral
# starting point the architect is expected to replace with the organisation's own budget and deadline.
_DEFAULT_ANCHORS: dict[str, tuple[float, float]] = {  # value_source -> (best, worst)
    "tco": (1_000_000.0, 10_000_000.0),
    "time_to_first_report": (3.0, 24.0),
}


def _criterion(entry: CatalogueCriterion, lang: str) -> Criterion:
    if entry.kind == CriterionKind.QUANTITATIVE:
        source = entry.id if entry.id in _DEFAULT_ANCHORS else "score"
        best, worst = _DEFAULT_ANCHORS.get(source, (0.0, 100.0))
        if entry.direction == Direction.HIGHER_IS_BETTER and best < worst:
            best, worst = worst, best
        return Criterion(
            id=entry.id,
            name=entry.name.get(lang),
            description=entry.description.get(lang),
            weight=entry.default_weight,
            kind=entry.kind,
            unit=entry.unit,
            direction=entry.direction,
            best=best,
            worst=worst,
            value_source=source,
            catalogue_id=entry.id,
        )
    return Criterion(
        id=entry.id,
        name=entry.name.get(lang),
        description=entry.description.get(lang),
        weight=entry.default_weight,
        catalogue_id=entry.id,
    )


def new_assessment(
    framework: Framework,
    *,
    organisation_name: str,
    sector: str = "private_enterprise",
    title: str | None = None,
    language: str = "en",
    assessment_id: str | None = None,
    catalogue: tuple[str, str] | None = None,
) -> Assessment:
    """Start an assessment from ``framework`` in ``language`` (names of criteria and options), working
    against ``catalogue`` (id, version; default: the framework's default, the amended ESRS). KeyError
    when the framework does not offer the catalogue."""
    chosen = framework.catalogue(catalogue) if catalogue else framework.catalogue(framework.default_catalogue)
    if chosen is None:
        offered = framework.catalogues_offered
        raise KeyError(f"unknown catalogue '{catalogue[0]} {catalogue[1]}' (this framework offers: {offered})")
    criteria = [_criterion(c, language) for c in framework.criteria_catalogue]
    options = [
        Option(
            id=archetype.id,
            name=archetype.name.get(language),
            archetype=archetype.id,
            description=archetype.description.get(language),
            time_to_first_report_months=archetype.typical_time_to_first_report_months,
        )
        for archetype in framework.archetypes
    ]
    scored = {c.id for c in criteria if c.value_source == "score"}
    scores = [
        Score(option_id=archetype.id, criterion_id=criterion_id, value=value)
        for archetype in framework.archetypes
        for criterion_id, value in archetype.prior_scores.items()
        if criterion_id in scored
    ]
    return Assessment(
        id=assessment_id or f"{slug(organisation_name)}-{uuid.uuid4().hex[:6]}",
        title=title or organisation_name,
        framework=FrameworkRef(id=framework.id, version=framework.version),
        catalogue=CatalogueRef(id=chosen.id, version=chosen.version),
        organisation=Organisation(name=organisation_name, sector=sector, language=language),
        criteria=criteria,
        options=options,
        scores=scores,
    )
