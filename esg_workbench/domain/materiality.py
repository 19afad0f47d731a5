"""The double materiality rule: a topic is material when it is impact-material OR financially material
(ESRS 1 §§ 28-29: "a sustainability matter is material when it meets the criteria defined for impact
materiality or financial materiality or both"). One function every surface asks.

``MaterialTopic.material`` records the outcome where the two flags do not decide it (files written
before the flags existed, or a flag left unanswered). Where the flags decide, they win; a recorded
outcome that says otherwise is reported by the validator (:func:`contradiction`), never silently kept.
"""

from __future__ import annotations

from typing import Any, Literal

from .problem_codes import Code

Outcome = Literal["material", "not_material", "not_assessed"]
MATERIAL, NOT_MATERIAL, NOT_ASSESSED = "material", "not_material", "not_assessed"


def from_flags(impact: bool | None, financial: bool | None) -> bool | None:
    """True if either flag is true, False if both are false, None while the flags leave it open."""
    if impact is True or financial is True:
        return True
    if impact is False and financial is False:
        return False
    return None


def outcome(material: bool | None, impact: bool | None, financial: bool | None) -> Outcome:
    """The outcome of the double materiality assessment of one topic."""
    decided = from_flags(impact, financial)
    if decided is None:
        decided = material
    if decided is None:
        return NOT_ASSESSED
    return MATERIAL if decided else NOT_MATERIAL


def topic_outcome(topic: Any) -> Outcome:
    """:func:`outcome` of a ``MaterialTopic`` (or anything with the same three attributes)."""
    return outcome(topic.material, topic.impact_material, topic.financial_material)


def is_material(topic: Any) -> bool:
    return topic_outcome(topic) == MATERIAL


def contradiction(material: Any, impact: Any, financial: Any) -> tuple[Code, dict[str, str]] | None:
    """Why a recorded outcome disagrees with the flags (a problem code and its parameters), or None
    when it does not."""
    if not isinstance(material, bool):
        return None
    decided = from_flags(
        impact if isinstance(impact, bool) else None, financial if isinstance(financial, bool) else None
    )
    if decided is None or decided == material:
        return None
    if decided:
        flag = "impact_material" if impact is True else "financial_material"
        return Code.NOT_MATERIAL_BUT_FLAG, {"flag": flag}
    return Code.MATERIAL_BUT_NO_FLAG, {}
