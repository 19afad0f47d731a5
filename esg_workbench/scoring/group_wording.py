"""How the group weighting is said, in English and Danish, for every surface (CLI, app, workbook and the
recommendation): which weights were scored, how the group's were formed, the consensus, and whose own
weights would put another option first. The words are the catalogue's ``workshop`` section.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..domain.results import GroupWeighting, Recommendation
from ..formats import format_percent
from ..messages import translate
from .wording import count, listing

KEY = "workshop"
# Goepel's word scale for the AHP consensus S* (bpmsg.com, "AHP consensus word scale"): below 50 % very
# low, then 50-62.5 % low, 62.5-75 % moderate, 75-87.5 % high, above very high.
CONSENSUS_WORDS = ((0.5, "very_low"), (0.625, "low"), (0.75, "moderate"), (0.875, "high"), (float("inf"), "very_high"))


def say(key: str, lang: str, **values: object) -> str:
    return translate(f"{KEY}.{key}", lang, **values)


def consensus_word(consensus: float, lang: str) -> str:
    word = next(name for limit, name in CONSENSUS_WORDS if consensus < limit)
    return say(f"consensus_word.{word}", lang)


def group_summary(group: GroupWeighting, lang: str) -> str:
    """One sentence: how many stakeholders, how their weights were combined, and which weights were
    scored."""
    people = count(len(group.stakeholders), "stakeholder", lang)
    how = say(f"aggregation.{group.aggregation}", lang)
    return say("summary_used" if group.used else "summary_beside", lang, people=people, how=how)


def consensus_sentence(group: GroupWeighting, lang: str) -> str:
    if group.consensus is None:
        return say("consensus_none", lang)
    return say(
        "consensus",
        lang,
        share=format_percent(group.consensus, lang, 1),
        word=consensus_word(group.consensus, lang),
    )


def dissent_sentence(group: GroupWeighting, option_names: Mapping[str, str], lang: str) -> str:
    """Whose own weights would put another option first than the group's weights do, or that nobody's
    would."""
    if not group.stakeholders:
        return ""
    if group.top is None:
        return say("no_top", lang)
    by_id = {p.stakeholder_id: p for p in group.stakeholders}
    if not group.dissenters:
        return say("nobody_dissents", lang, top=option_names.get(group.top, group.top))
    items = [
        say(
            "dissenter",
            lang,
            name=by_id[s].name,
            other=option_names.get(by_id[s].top, by_id[s].top) if by_id[s].top else say("none_eligible", lang),
        )
        for s in group.dissenters
    ]
    return say("dissent", lang, top=option_names.get(group.top, group.top), who=listing(items, lang))


def group_paragraph(group: GroupWeighting | None, option_names: Mapping[str, str], lang: str) -> str:
    """The recommendation's paragraph on the workshop's weights; empty without stakeholders."""
    if group is None or not group.stakeholders:
        return ""
    return " ".join(
        part
        for part in (
            group_summary(group, lang),
            consensus_sentence(group, lang),
            dissent_sentence(group, option_names, lang),
        )
        if part
    )


def with_group_paragraph(
    recommendation: Recommendation, group: GroupWeighting | None, option_names: Mapping[str, str]
) -> Recommendation:
    """The recommendation with the workshop paragraph after its headline paragraphs: whether a
    stakeholder's own weights would change the winner is part of the advice."""
    if group is None or not group.stakeholders:
        return recommendation
    texts = {}
    for lang, text in recommendation.texts.items():
        paragraph = group_paragraph(group, option_names, lang)
        parts = text.split("\n\n")
        texts[lang] = "\n\n".join([*parts[:2], paragraph, *parts[2:]])
    return recommendation.model_copy(update={"texts": texts})
