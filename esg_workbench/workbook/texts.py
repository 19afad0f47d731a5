"""The workbook's words in English and Danish: sheet names, hints, column headers, enum labels and cell
help, read from the message catalogue (``esg_workbench.messages``, section ``workbook``).

The tables below are the catalogue's texts as (English, Danish) pairs by key, so the workbook can name
a sheet in both languages (an upload in either is read). Enum values the app labels too (priorities,
coverage statuses, directions, ...) take the app's label, so a value reads the same on screen and in Excel.
Only display text lives here; nothing is read back from it (import maps columns by hidden field ids).
"""

from __future__ import annotations

from ..messages import LANGUAGES, strings, translate

T = tuple[str, str]  # (en, da)
KEY = "workbook"  # the catalogue section of the workbook's words


def _pair(key: str) -> T:
    en, da = (translate(key, lang) for lang in LANGUAGES)
    return en, da


def _pairs(section: str) -> dict[str, T]:
    """Every text of ``workbook.<section>`` as an (English, Danish) pair, by its key in the section."""
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

_HELP = _pairs("help")
FORM_HEADERS: T = _HELP["form_headers"]
TRUE_FALSE_HELP: T = _HELP["true_false"]
LIST_HELP: T = _HELP["list"]
DATE_HELP: T = _HELP["date"]
DATETIME_HELP: T = _HELP["datetime"]
ID_HELP: T = _HELP["id"]


def pick(text: T, lang: str) -> str:
    return text[1] if lang == "da" else text[0]


def sheet_name(key: str, lang: str) -> str:
    return pick(SHEET_NAMES[key], lang)


def header(sheet_key: str, field: str, lang: str) -> str:
    text = HEADER_OVERRIDES.get((sheet_key, field)) or HEADERS.get(field)
    if text is None:  # a field without a translation still gets a readable header
        return field.rsplit(".", 1)[-1].replace("_", " ").capitalize()
    return pick(text, lang)


def enum_label(value: str, lang: str) -> str:
    text = ENUM_LABELS.get(value)
    return pick(text, lang) if text else value
