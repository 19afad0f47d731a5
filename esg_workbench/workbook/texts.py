"""The workbook's words in English and Danish: sheet names, hints, column headers, enum labels and cell
help, read from the message catalogue (``esg_workbench.messages``, section ``workbook``).

The tables below hold the catalogue's texts, one per language in the order of ``LANGUAGES``, by key, so
the workbook knows a sheet's name in every language (an upload in any is read); the sheets take their
words with ``say``. Enum values the app labels too (priorities, coverage statuses, directions, ...) take
the app's label, so a value reads the same on screen and in Excel.
Only display text lives here; nothing is read back from it (import maps columns by hidden field ids).
"""

from __future__ import annotations

from typing import Any

from ..messages import LANGUAGES, strings, translate

T = tuple[str, ...]  # one text per language, in the order of LANGUAGES
KEY = "workbook"  # the catalogue section of the workbook's words


def _pair(key: str) -> T:
    return tuple(translate(key, lang) for lang in LANGUAGES)


def _pairs(section: str) -> dict[str, T]:
    """Every text of ``workbook.<section>`` in every language, by its key in the section."""
    prefix = f"{KEY}.{section}."
    return {key.removeprefix(prefix): _pair(key) for key in strings("en") if key.startswith(prefix)}


SHEET_NAMES: dict[str, T] = _pairs("sheet_name")
SHEET_HINTS: dict[str, T] = _pairs("sheet_hint")
# Column headers by field id; ``HEADER_OVERRIDES`` wins for a (sheet, field) pair.
HEADERS: dict[str, T] = _pairs("header")
HEADER_OVERRIDES: dict[tuple[str, str], T] = {
    (sheet, field): text
    for (sheet, _, field), text in ((key.partition("."), text) for key, text in _pairs("header_override").items())
}
# Headers of computed columns: "<sheet>:<key>"; label columns use "label" plus the input header.
CALC_HEADERS: dict[str, T] = _pairs("calc_header")

# Model enum values the app labels in its own sections (framework vocabularies have their labels in the
# framework file); the rest are in ``workbook.enum``.
APP_ENUM_KEYS: dict[str, str] = {
    **{p: f"priority.{p}" for p in ("must", "should", "could", "wont")},
    **{s: f"status.{s}" for s in ("automated", "manual", "partial", "gap", "not_assessed")},
    "quantitative": "kind.quantitative",
    **{d: f"direction.{d}" for d in ("higher_is_better", "lower_is_better")},
    "score": "value_source.score",
    **{k: f"cost_kind.{k}" for k in ("one_off", "yearly")},
    **{h: f"horizon.{h}" for h in ("short", "long")},
}
ENUM_LABELS: dict[str, T] = {**{v: _pair(k) for v, k in APP_ENUM_KEYS.items()}, **_pairs("enum")}


def say(key: str, lang: str, **params: Any) -> str:
    """The workbook text ``workbook.<key>`` in ``lang``, ``params`` filled in as ``messages.translate`` does."""
    return translate(f"{KEY}.{key}", lang, **params)


def sheet_name(key: str, lang: str) -> str:
    return say(f"sheet_name.{key}", lang)


def sheet_hint(key: str, lang: str) -> str | None:
    """The line under a sheet's title, or None for a sheet without one."""
    return say(f"sheet_hint.{key}", lang) if key in SHEET_HINTS else None


def header(sheet_key: str, field: str, lang: str) -> str:
    if (sheet_key, field) in HEADER_OVERRIDES:
        return say(f"header_override.{sheet_key}.{field}", lang)
    if field in HEADERS:
        return say(f"header.{field}", lang)
    # a field without a translation still gets a readable header
    return field.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def enum_label(value: str, lang: str) -> str:
    if value in APP_ENUM_KEYS:
        return translate(APP_ENUM_KEYS[value], lang)
    return say(f"enum.{value}", lang) if value in ENUM_LABELS else value
