"""How framework-derived names are shown. A criterion's or option's name and description are the user's
data (given in the assessment's language when it was created from the framework): they are shown as
stored, in every language, so a screen in another language never re-words them and a save never
writes a re-worded name back. The catalogue's or archetype's own label can be shown beside them."""

from __future__ import annotations

from ..domain.assessment import Criterion, Option
from ..domain.framework import Framework


# The framework and language stay in the signatures below so that every screen asks for a name the same
# way whether or not the answer depends on them (the catalogue label does).
def criterion_name(criterion: Criterion, fw: Framework, lang: str) -> str:
    return criterion.name


def criterion_description(criterion: Criterion, fw: Framework, lang: str) -> str:
    return criterion.description


def option_name(option: Option, fw: Framework, lang: str) -> str:
    return option.name


def option_description(option: Option, fw: Framework, lang: str) -> str:
    return option.description


def catalogue_label(criterion: Criterion, fw: Framework, lang: str) -> str:
    """The criteria catalogue's name of the entry ``criterion`` came from, in ``lang`` ("" for none)."""
    entry = next((c for c in fw.criteria_catalogue if c.id == criterion.catalogue_id), None)
    return entry.name.get(lang) if entry else ""


def standard_label(code: str, fw: Framework, lang: str) -> str:
    entry = next((s for s in fw.esrs.standards if s.code == code), None)
    return f"{code} · {entry.name.get(lang)}" if entry else code


def dr_label(code: str, fw: Framework, lang: str = "en") -> str:
    """'E1-5 · Actions and resources ...': the code in the terms of the catalogue ``fw`` works against."""
    return fw.esrs.dr_label(code, lang)
