"""The page shown instead of the app when its store cannot be used (a damaged SQLite file, a database
from a newer workbench, an unreachable server): what is wrong and what to do, in the user's language,
rather than Streamlit's generic error box. Nothing else runs, so nothing is written to that store."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from ..store import Store, StoreDamaged, StoreTooNew, StoreUnavailable
from .i18n import t
from .literal import md

log = logging.getLogger(__name__)


def open_or_stop(open_store: Callable[[], Store]) -> Store:
    """``open_store()``; if the store cannot be used, show why and stop this run. ``st.cache_resource``
    does not keep a failure, so the next run (a refresh, or "Try again") opens it anew."""
    try:
        return open_store()
    except StoreUnavailable as exc:
        log.warning("store cannot be used: %s", exc)
        show(exc)
        st.stop()
        raise  # st.stop() raises; this line only tells type checkers the function never returns here


def show(exc: StoreUnavailable) -> None:
    kind = "damaged" if isinstance(exc, StoreDamaged) else "too_new" if isinstance(exc, StoreTooNew) else "unavailable"
    where = exc.where or "?"
    st.title(t("ops.store.title"))
    # Paths and URLs may hold markdown characters (_ * [): shown as written, never as formatting.
    st.error(md(t(f"ops.store.{kind}", where=where)), icon=":material/database:")
    st.text(t(f"ops.store.{kind}_todo"))
    if exc.reason:
        st.text(t("ops.store.detail", reason=exc.reason))
    st.button(t("ops.store.retry"), key="ops.store.retry", icon=":material/refresh:")
