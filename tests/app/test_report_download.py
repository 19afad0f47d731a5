"""The decision view offers the decision report as PDF and HTML, in the screen's language by default,
reporting the numbers the screen shows (the app's own score result)."""

from __future__ import annotations

from app_helpers import assert_clean, run_app

from esg_workbench.report import report_html

VIEW = {"view.scenarios": "decision"}


def test_the_decision_view_offers_the_report_as_pdf_and_html(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["manufacturer"], page="scenarios", state=VIEW)
    assert_clean(at)
    pdf, html = at.download_button(key="report.download.pdf"), at.download_button(key="report.download.html")
    assert (pdf.label, html.label) == ("Download the report (PDF)", "Download the report (HTML)")
    assert at.radio(key="report.download.lang").value == "en"
    # The report is made from the result the screen shows: its ranking's totals are the screen's.
    _, shown = at.session_state["a.cache"]["score"]
    assessment = seeded.store().load(seeded.ids["manufacturer"]).assessment
    text = report_html(assessment, "en", result=shown)
    for option_id in shown.ranking:
        assert f"{shown.totals[option_id]:.1f}" in text


def test_a_danish_screen_offers_the_report_in_danish(seeded) -> None:
    at = run_app(assessment_id=seeded.ids["municipality"], lang="da", page="scenarios", state=VIEW)
    assert_clean(at)
    assert at.download_button(key="report.download.pdf").label == "Hent rapporten (PDF)"
    assert at.radio(key="report.download.lang").value == "da"
