"""The organisation being assessed and the assessment's own details; every field is stored when it
changes."""

from __future__ import annotations

import streamlit as st

from esg_workbench.app import state
from esg_workbench.app.catalogue_panels import catalogue_panel, move_panel, scope_panel
from esg_workbench.app.guidance import organisation_header
from esg_workbench.app.i18n import LANGUAGE_NAMES, LANGUAGES, current_language, t
from esg_workbench.app.literal import md
from esg_workbench.app.widgets import number_field, require_assessment, select_field, text_field


def render() -> None:
    assessment = require_assessment()
    if assessment is None:
        return
    fw = state.framework_of(assessment)
    lang = current_language()
    organisation_header()
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("organisation.who"))
        text_field("organisation.name", "organisation.name")
        select_field(
            "organisation.sector",
            "organisation.sector",
            [s.id for s in fw.vocabularies["sector"]],
            lambda s: fw.label("sector", s, lang),
        )
        size_a, size_b = st.columns(2)
        with size_a:
            number_field("organisation.employees", "organisation.employees", min_value=0, integer=True)
        with size_b:
            number_field(
                "organisation.annual_revenue_mdkk", "organisation.revenue", min_value=0.0, step=10.0, fmt="%.1f"
            )
        country, first_year = st.columns(2)
        with country:
            text_field("organisation.country", "organisation.country", help="organisation.country_help")
        with first_year:
            number_field(
                "organisation.first_reporting_year",
                "organisation.first_year",
                min_value=2024,
                max_value=2040,
                integer=True,
                help="organisation.first_year_help",
            )
        select_field(
            "organisation.listed",
            "organisation.listed",
            [True, False],
            lambda v: t("organisation.listed_yes") if v else t("organisation.listed_no"),
            allow_none=True,
            help="organisation.listed_help",
        )
        text_field("organisation.description", "organisation.description", area=True, height=140)
    with right:
        st.subheader(t("organisation.assessment"))
        text_field("title", "organisation.assessment_title")
        select_field(
            "organisation.language",
            "organisation.content_language",
            list(LANGUAGES),
            LANGUAGE_NAMES.__getitem__,
            help="organisation.content_language_help",
        )
        st.caption(md(t("organisation.framework", framework=fw.title.get(lang), version=fw.version)))
        st.caption(t("organisation.created", when=assessment.created_at.strftime("%Y-%m-%d")))
        catalogue_panel(assessment, fw)
        scope_panel(assessment, fw)
    move_panel(assessment, fw)


render()
