"""How framework-derived names are shown: an item still carrying the catalogue's name (in either
language) is shown in the session's language; a name the user changed is shown as written."""

from __future__ import annotations

from ..domain.assessment import Criterion, Option
from ..domain.framework import Framework, Localized


def _localized(name: str, source: Localized | None, lang: str) -> str:
    if source is not None and name in (source.en, source.da):
        return source.get(lang)
    return name


def criterion_name(criterion: Criterion, fw: Framework, lang: str) -> str:
    entry = next((c for c in fw.criteria_catalogue if c.id == criterion.catalogue_id), None)
    return _localized(criterion.name, entry.name if entry else None, lang)


def criterion_description(criterion: Criterion, fw: Framework, lang: str) -> str:
    entry = next((c for c in fw.criteria_catalogue if c.id == criterion.catalogue_id), None)
    return _localized(criterion.description, entry.description if entry else None, lang)


def option_name(option: Option, fw: Framework, lang: str) -> str:
    entry = next((a for a in fw.archetypes if a.id == option.archetype), None)
    return _localized(option.name, entry.name if entry else None, lang)


def option_description(option: Option, fw: Framework, lang: str) -> str:
    entry = next((a for a in fw.archetypes if a.id == option.archetype), None)
    return _localized(option.description, entry.description if entry else None, lang)


def standard_label(code: str, fw: Framework, lang: str) -> str:
    entry = next((s for s in fw.esrs.standards if s.code == code), None)
    return f"{code} · {entry.name.get(lang)}" if entry else code


def dr_label(code: str, fw: Framework) -> str:
    entry = next((d for d in fw.esrs.disclosure_requirements if d.code == code), None)
    return f"{code} · {entry.title}" if entry else code
