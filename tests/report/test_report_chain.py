"""The report's coverage section ends with the chain's flags: their sentence and a table of the flagged
rows, the chain's own rows (``esg_workbench.chain``) in the report's language."""

from __future__ import annotations

from report_helpers import read, visible_text

import esg_workbench as ew
from esg_workbench.chain import chain_of
from esg_workbench.frameworks import framework_for_assessment
from esg_workbench.report import report_html


def test_the_flagged_rows_are_the_chains(municipality: ew.Assessment) -> None:
    """Fjordby: 117 flagged rows: the 50 with a source in a retiring system (2 of them manual-only too:
    MDR-M's and S1-7's) and 67 more rows of manual-only DRs. The report lists the 50 first, in the chain's
    order, then manual-only rows up to 40 in all, and counts the other 77."""
    framework = framework_for_assessment(municipality)
    chain = chain_of(municipality, framework)
    flagged = [r for r in chain.rows if r.flags]
    assert len(flagged) == 117
    retiring = [r for r in flagged if "retiring_system" in r.flags]
    assert len(retiring) == 50
    html = report_html(municipality, "en")
    tables = read(html).sections["coverage"]
    head, *rows = tables[-1]
    assert head == ["DR", "Data source", "System", "Owner role", "Status", "Flags"]
    assert [r[0] for r in rows] == [r.disclosure_requirement for r in retiring[:40]]
    assert "77 more flagged rows" in visible_text(html)
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
    # 48 flagged rows: the item under review's two come before the manual-only ones, within the 40 shown
    assert sum(1 for r in chain.rows if r.flags) == 48 and len(rows) == 40
    assert [r[-1] for r in rows].count("Til gennemgang") == 2
    assert chain.sentence("da") in visible_text(html)
