"""The one message catalogue: every user-facing text in English and Danish, rendered by ``translate``.

The texts live in ``locales/<lang>.yaml`` as nested mappings; a key is the dotted path
(``assessments.new.title``). The app's UI strings, the core's problem messages (``problem.<code>``),
the workbook's texts and the recommendation wording all come from here, so each exists once per language.

Plurals are explicit: a key whose entry is a mapping with ``one`` and ``other`` is a plural key; the
``count`` parameter picks ``one`` when it is 1 and ``other`` otherwise. A parameter given as a
:class:`Term` is itself a catalogue key, rendered in the same language (a word put into a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES: tuple[str, ...] = ("en", "da")
LOCALES_DIR = Path(__file__).with_name("locales")
PLURAL_FORMS = ("one", "other")


@dataclass(frozen=True)
class Term:
    """A catalogue key put into another message as a parameter, worded in that message's language."""

    key: str


@dataclass(frozen=True)
class Number:
    """A number put into a message: in English as the core has always written it (``english``, so the
    CLI's messages stay as they were), in another language in that language's format (7,5; 1.000.000)."""

    value: float
    english: str

    def __str__(self) -> str:
        return self.english


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
    """All texts of one language as a flat ``{dotted.key: text}`` mapping (plural forms as ``key.one``)."""
    path = LOCALES_DIR / f"{lang}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the top level must be a mapping of keys to strings")
    return _flatten(data)


def has(key: str) -> bool:
    """Whether ``key`` is a text (or a plural key) of the catalogue."""
    en = strings("en")
    return key in en or f"{key}.other" in en


def _template(key: str, lang: str, params: dict[str, Any]) -> str | None:
    table = strings(lang)
    if key in table:
        return table[key]
    if f"{key}.other" in table:
        form = "one" if params.get("count") == 1 else "other"
        return table.get(f"{key}.{form}")
    return None


def translate(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``{placeholders}`` filled from ``params``; English when a
    translation is missing, the key itself when both are."""
    text = _template(key, lang, params) or _template(key, "en", params)
    if text is None:
        return key
    if not params:
        return text
    return text.format(**{k: _param(v, lang) for k, v in params.items()})


def _param(value: Any, lang: str) -> Any:
    """A parameter as the message in ``lang`` says it: a term in that language, a number in its format
    (pass an identifier that looks like a number, such as a revision, as text)."""
    from .formats import format_count, format_decimal  # formats reads its signs from this catalogue

    if isinstance(value, Term):
        return translate(value.key, lang)
    if isinstance(value, Number):
        return value.english if lang == "en" else format_decimal(value.value, lang)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return format_count(value, lang) if isinstance(value, int) else format_decimal(value, lang)
