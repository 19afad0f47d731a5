"""The report's coverage section ends with the chain's flags: their sentence and a table of the flagged
rows, the chain's own rows (``esg_workbench.chain``) in the report's language."""

from __future__ import annotations

from report_helpers import read, visible_text

import esg_workbench as ew
from esg_workbench.chain import chain_of
from esg_workbench.frameworks import framework_for_assessment
from esg_workbench.report import report_html


def test_the_flagged_rows_are_the_chains(municipality: ew.Assessment) -> None:
    """Fjordby: 24 flagged rows (the 7 in retiring systems and the manual-only DRs' rows; S1-7 is both)."""
    framework = framework_for_assessment(municipality)
    chain = chain_of(municipality, framework)
    flagged = [r for r in chain.rows if r.flags]
    assert len(flagged) == 24
    html = report_html(municipality, "en")
    tables = read(html).sections["coverage"]
    head, *rows = tables[-1]
    assert head == ["DR", "Data source", "System", "Owner role", "Status", "Flags"]
    assert [r[0] for r in rows] == [r.disclosure_requirement for r in flagged]
    kreditor = next(r for r in rows if r[0] == "E1-6" and r[1].startswith("Indkøb fordelt"))
    assert kreditor[2:] == [
        "Økonomisystem (Opus) (Migrate)",
        "Systemejer for økonomisystem",
        "Partial",
        "System to eliminate or migrate",
    ]
    assert chain.sentence("en") in visible_text(html)


def test_in_danish_with_the_item_under_review(manufacturer: ew.Assessment) -> None:
    framework = framework_for_assessment(manufacturer)
    chain = chain_of(manufacturer, framework)
    html = report_html(manufacturer, "da")
    head, *rows = read(html).sections["coverage"][-1]
    assert head[0] == "Krav" and head[-1] == "Markeringer"
    assert [r[-1] for r in rows][-2:] == ["Til gennemgang", "Til gennemgang"]
    assert len(rows) == sum(1 for r in chain.rows if r.flags)
    assert chain.sentence("da") in visible_text(html)
