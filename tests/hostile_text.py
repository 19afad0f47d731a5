"""Hostile user text for the tests that check it is shown literally (tests/app/test_literal*.py and
tests/e2e/test_literal_browser.py): strings that markdown, Streamlit's plugins or plotly would turn into
an image, a link, an icon, a style, a formula or formatting, and an assessment whose names are all such
strings. A plain module (not a conftest), so the unit, app and browser tests share it."""

from __future__ import annotations

import re

from esg_workbench.domain import Assessment
from esg_workbench.domain.assessment import CostLine, CriterionGroup, Variant, WeightOverride

# Each is also a test id; what it would become if rendered, in the comment.
HOSTILE = (
    "M ![p](http://attacker.invalid/x.png)",  # a remote image fetched by every viewer
    "[click](http://attacker.invalid/l)",  # a link
    "<a href='http://attacker.invalid/a'>aa</a>",  # a link in plotly (HTML)
    '<span style="font-size:60px">BIG</span>',  # a style in plotly (HTML)
    "<img src=http://attacker.invalid/i.png>",  # an image in HTML
    ":material/home: homely",  # a Material icon
    "visit www.example.com",  # a bare-domain autolink
    "see http://x.invalid/p",  # a bare-URL autolink
    "mail me@example.com",  # an e-mail autolink
    "cost $x^2$",  # LaTeX
    "**bold** _it_",  # formatting
    ":red[red] :smile: :streamlit:",  # a colour, an emoji and a logo shortcode
    "%{x} &amp; &lt;b&gt;",  # a plotly template and entities
)
# What Streamlit's markdown plugins turn into a link or an icon in the text *after* escapes are resolved.
AUTOLINK_OR_SHORTCODE = re.compile(r"(?i)\b(?:https?|ftp)://|\b(?:mailto|xmpp):\w|\bwww\.|\w@\w|:[\w+\-/]+:")


def resolved(markdown: str) -> str:
    """The text Streamlit's plugins search for autolinks and shortcodes: backslash escapes resolved."""
    return re.sub(r"\\(.)", r"\1", markdown)


def markdown_problems(value: str) -> list[str]:
    """Why ``value`` (the body or label of a markdown-rendered element) would not show user text literally:
    a hostile string in it unescaped, or an autolink or shortcode left after its escapes."""
    problems = [f"unescaped {h!r}" for h in HOSTILE if h in value]
    problems += [f"becomes a link or icon: {m.group(0)!r}" for m in AUTOLINK_OR_SHORTCODE.finditer(resolved(value))]
    return problems


def hostile_names(base: Assessment, *, assessment_id: str) -> Assessment:
    """``base`` with its title, organisation name and the names of its data sources, systems, options,
    criteria, requirements and roadmap items replaced by hostile strings (numbered, so each is unique)."""

    def name(i: int) -> str:
        return f"{HOSTILE[i % len(HOSTILE)]} #{i}"

    def renamed(items: list, field: str, offset: int) -> list:
        return [item.model_copy(update={field: name(offset + i)}) for i, item in enumerate(items)]

    # Criterion groups, a benefit line and a variant, named like the rest, so the screens of the business
    # case, the groups and the variants are walked with hostile names too.
    groups = [
        CriterionGroup(id="grp-hostile-a", name=name(7), weight=2),
        CriterionGroup(id="grp-hostile-b", name=name(8), weight=1),
    ]
    criteria = [
        c.model_copy(update={"group_id": groups[k % 2].id}) for k, c in enumerate(renamed(base.criteria, "name", 2))
    ]
    options = renamed(base.options, "name", 1)
    options[0] = options[0].model_copy(
        update={"benefit_lines": [CostLine(label=name(9), kind="yearly", amount=10_000, start_year=1)]}
    )
    variant = Variant(
        id="var-hostile",
        name=name(10),
        excluded_option_ids=[options[-1].id],
        weights=[WeightOverride(target_id=groups[1].id, weight=3)],
    )
    return base.model_copy(
        update={
            "id": assessment_id,
            "title": HOSTILE[0],
            "organisation": base.organisation.model_copy(update={"name": HOSTILE[5]}),
            "data_sources": renamed(base.data_sources, "name", 0),
            "systems": renamed(base.systems, "name", 3),
            "options": options,
            "criterion_groups": groups,
            "criteria": criteria,
            "requirements": renamed(base.requirements, "text", 4),
            "roadmap": renamed(base.roadmap, "title", 6),
            "variants": [variant],
        }
    )
