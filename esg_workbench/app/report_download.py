"""The decision report's downloads on the decision view: the steering-committee report as PDF and as
HTML, in a chosen language, with the numbers the screen shows (the app's score result, so the chosen
scoring method too). Made when a button is clicked, not on every rerun: a PDF takes a few seconds."""

from __future__ import annotations

import streamlit as st

from ..domain.results import ScoreResult
from ..ids import slug
from . import state
from .i18n import t, translate
from .table_editor import Ctx
from .widgets import language_choice

BUTTONS = (("pdf", ":material/picture_as_pdf:"), ("html", ":material/language:"))


def report_downloads(ctx: Ctx, outcome: ScoreResult | str) -> None:
    """A language choice and one download button per format (keys ``report.download.pdf`` / ``.html``)."""
    from ..report import MEDIA_TYPES

    st.subheader(t("report.download.title"))
    st.caption(t("report.download.intro"))
    lang = language_choice("report.download.language", key="report.download.lang")
    assessment, revision = ctx.assessment, state.revision()
    result = outcome if isinstance(outcome, ScoreResult) else None
    framework = ctx.framework
    cols = st.columns(len(BUTTONS))
    for col, (fmt, icon) in zip(cols, BUTTONS, strict=True):

        def produce(fmt: str = fmt) -> bytes:
            from ..report import report_bytes

            return report_bytes(assessment, fmt, lang, framework=framework, result=result, revision=revision)

        col.download_button(
            t(f"report.download.{fmt}"),
            state.guarded_download(assessment.id, produce),  # made, and access checked, at the click
            file_name=f"{slug(assessment.title)}-r{revision}-{translate('report.download.file', lang)}-{lang}.{fmt}",
            mime=MEDIA_TYPES[fmt],
            icon=icon,
            type="primary" if fmt == "pdf" else "secondary",
            key=f"report.download.{fmt}",
            on_click="rerun",  # a refused download then shows why (the rerun checks access and says so)
        )
