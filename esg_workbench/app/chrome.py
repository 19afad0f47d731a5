"""The frame around every page: the navigation entries, the sidebar (open assessment, save status,
progress per step, language), the conflict panel, and the guard that turns a crash into a message."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

import streamlit as st

from ..completeness import STEPS, share_done
from ..formats import format_percent
from . import auth, state
from .assessment_panels import changes_frame
from .i18n import LANG_KEY, LANGUAGE_NAMES, LANGUAGES, current_language, set_language, t
from .literal import md
from .navigation import PAGES, goto
from .widgets import locked

log = logging.getLogger("esg_workbench.app")
STATIC = Path(__file__).with_name("static")
CRASH = "app.crashed"
VIEW_PAGES = {"as-is", "to-be", "requirements", "scenarios"}


def navigation_pages() -> dict[str, list[st.Page]]:
    """The pages in the order of the method, titled in the session's language."""
    made = {
        p.id: st.Page(p.path, title=t(p.title), icon=p.icon, url_path=p.url_path, default=p.id == "assessments")
        for p in PAGES
    }
    return {
        t("nav.section_workbench"): [made["assessments"]],
        t("nav.section_method"): [made[p.id] for p in PAGES if p.needs_assessment],
    }


def _on_language() -> None:
    set_language(st.session_state["ui.lang.w"])


def sidebar() -> None:
    st.logo(str(STATIC / "logo.svg"), icon_image=str(STATIC / "icon.svg"), size="large")
    with st.sidebar:
        _open_assessment()
        st.divider()
        if st.session_state.get("ui.lang.w") != current_language():
            st.session_state["ui.lang.w"] = current_language()
        st.segmented_control(
            t("sidebar.language"),
            LANGUAGES,
            format_func=LANGUAGE_NAMES.__getitem__,
            key="ui.lang.w",
            on_change=_on_language,
            selection_mode="single",
        )
        if not auth.team_mode():  # signed in, the author is the user's e-mail
            with st.expander(t("sidebar.you")):
                st.text_input(t("sidebar.author"), key=state.AUTHOR, help=t("sidebar.author_help"), max_chars=120)
                st.caption(md(t("integrity.you_are", author=state.author())))
    auth.sign_out_control()
    st.session_state.setdefault(LANG_KEY, current_language())


def _open_assessment() -> None:
    assessment = state.current()
    if assessment is None:
        st.caption(t("sidebar.none_open"))
        return
    st.markdown(f"**{md(assessment.title)}**")
    st.caption(md(assessment.organisation.name))
    saved = st.session_state.get(state.SAVED)
    if saved:
        when, who = saved
        st.caption(md(t("sidebar.saved", revision=str(state.revision()), when=when.strftime("%H:%M"), author=who)))
    checks = state.memo("completeness", lambda: _checks(assessment))
    for step in STEPS:
        share = share_done(checks[step])
        st.progress(share, text=t(f"steps.{step}") + " · " + format_percent(share, current_language()))


def _checks(assessment):  # noqa: ANN001, ANN202 - thin wrapper so the import stays lazy
    from ..completeness import all_checks

    return all_checks(assessment, state.framework_of(assessment))


def conflict_panel() -> None:
    """The assessment changed in another session since this screen was built: say so and let the user
    choose; nothing is overwritten silently."""
    pending = state.conflict()
    if pending is None:
        return
    st.title(t("conflict.title"))
    st.error(
        md(
            t(
                "conflict.message",
                author=pending.theirs_author,
                revision=str(pending.theirs_revision),  # identifiers, not amounts: no separators
                base=str(pending.base_revision),
            )
        ),
        icon=":material/sync_problem:",
    )
    st.caption(md(_who_saved(pending)))
    reload_col, diff_col, keep_col = st.columns(3)
    reload_col.button(
        t("conflict.reload"),
        type="primary",
        key="conflict.reload",
        icon=":material/refresh:",
        on_click=state.resolve_reload_theirs,
        width="stretch",
    )
    if diff_col.button(t("conflict.show_diff"), key="conflict.diff", icon=":material/difference:", width="stretch"):
        st.session_state["conflict.diff.open"] = True
    keep_col.button(
        t("conflict.keep"),
        key="conflict.keep",
        icon=":material/save_as:",
        on_click=state.resolve_keep_mine,
        disabled=locked(),  # a viewer's refused edit can never be applied
        width="stretch",
        help=t("conflict.keep_help"),
    )
    if st.session_state.get("conflict.diff.open"):
        theirs, mine = state.conflict_changes()
        st.subheader(md(t("conflict.theirs", author=pending.theirs_author)), anchor=False)
        st.dataframe(changes_frame(theirs), hide_index=True, width="stretch")
        st.subheader(t("conflict.mine"))
        st.dataframe(changes_frame(mine), hide_index=True, width="stretch")


def _who_saved(pending: state.Conflict) -> str:
    """Whether the other revision came from another session or from this user elsewhere, and when."""
    when = pending.theirs_at.strftime("%H:%M") if pending.theirs_at else "?"
    you = state.author()
    if pending.theirs_author == you:
        return t("integrity.conflict_you", author=you, when=when)
    return t("integrity.conflict_other", author=pending.theirs_author, when=when, you=you)


def run_page(page: st.Page) -> None:
    """Run the page; an unexpected error becomes a short message (the traceback goes to the log)."""
    if state.conflict() is not None:
        conflict_panel()
        return
    st.session_state.pop("conflict.diff.open", None)
    if "view" in st.query_params and page.url_path not in VIEW_PAGES:
        del st.query_params["view"]  # only pages with sub-views keep one in the URL
    try:
        page.run()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: users never see a traceback
        log.error("page %s failed:\n%s", page.title, traceback.format_exc())
        st.session_state[CRASH] = f"{type(exc).__name__}: {exc}"
        st.error(t("app.crash"), icon=":material/error:")
        if st.button(t("app.crash_back"), key="app.crash.back"):
            goto("assessments")
