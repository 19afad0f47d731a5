"""UI strings in English and Danish: ``t(key, **values)`` returns the text in the session's language.

The strings live in ``locales/<lang>.yaml`` as nested mappings; a key is the dotted path
(``assessments.new.title``). The language is kept in session state and mirrored in the URL, so a
refresh keeps it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

from ..formats import format_count, format_decimal

LANGUAGES: tuple[str, ...] = ("en", "da")
LANGUAGE_NAMES = {"en": "English", "da": "Dansk"}
LOCALES_DIR = Path(__file__).with_name("locales")
LANG_KEY = "ui.lang"


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        dotted = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted))
        else:
            flat[dotted] = str(value)
    return flat


@cache
def strings(lang: str) -> dict[str, str]:
    """All strings of one language as a flat ``{dotted.key: text}`` mapping."""
    path = LOCALES_DIR / f"{lang}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the top level must be a mapping of keys to strings")
    return _flatten(data)


def current_language() -> str:
    lang = st.session_state.get(LANG_KEY, "en")
    return lang if lang in LANGUAGES else "en"


def set_language(lang: str) -> None:
    if lang in LANGUAGES:
        st.session_state[LANG_KEY] = lang


def translate(key: str, lang: str, **values: Any) -> str:
    """The text for ``key`` in ``lang``; English when a translation is missing, the key when both are.
    A number among ``values`` is written in the language's format (1.250 and 0,5 in Danish); pass an
    identifier that looks like a number (a revision) as text."""
    text = strings(lang).get(key) or strings("en").get(key)
    if text is None:
        return key
    return text.format(**{k: _number(v, lang) for k, v in values.items()}) if values else text


def _number(value: Any, lang: str) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format_count(value, lang) if isinstance(value, int) else format_decimal(value, lang)


def t(key: str, **values: Any) -> str:
    """The text for ``key`` in the session's language, with ``{placeholders}`` filled from ``values``."""
    return translate(key, current_language(), **values)


def has(key: str) -> bool:
    return key in strings("en")
