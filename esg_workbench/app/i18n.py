"""UI strings in the session's language: ``t(key, **values)`` renders a key of the core's message
catalogue (:mod:`esg_workbench.messages`) in the language kept in session state.

The language is mirrored in the URL, so a refresh keeps it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..messages import LANGUAGES, has, strings, translate

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "current_language", "has", "set_language", "strings", "t", "translate"]

LANGUAGE_NAMES = {"en": "English", "da": "Dansk"}
LANG_KEY = "ui.lang"


def current_language() -> str:
    lang = st.session_state.get(LANG_KEY, "en")
    return lang if lang in LANGUAGES else "en"


def set_language(lang: str) -> None:
    if lang in LANGUAGES:
        st.session_state[LANG_KEY] = lang


def t(key: str, **values: Any) -> str:
    """The text for ``key`` in the session's language, with ``{placeholders}`` filled from ``values``."""
    return translate(key, current_language(), **values)
