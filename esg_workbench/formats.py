"""Numbers as people read them in English or Danish: 1,250,000 / 1.250.000, 77.8 / 77,8, 4.0% / 4,0 %.

One module for every text the tool writes (the recommendation, the app's values and charts, the CLI),
so a Danish screen never shows an English decimal point. The signs themselves (decimal and thousands
characters, what follows a percentage) are the message catalogue's ``number`` section. Core code: no UI
imports.
"""

from __future__ import annotations

import math
from functools import cache

from .messages import LANGUAGES, translate

MISSING = "—"  # a value that was not entered or cannot be computed


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")


@cache
def _signs(lang: str) -> dict[int, int]:
    """Python's "," (thousands) and "." (decimal) as ``lang`` writes them, as a ``str.translate`` table."""
    return str.maketrans(",.", translate("number.group", lang) + translate("number.decimal", lang))


def format_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """12,345.6 in English, 12.345,6 in Danish; a missing or non-finite value as MISSING."""
    _check(lang)
    if value is None or not math.isfinite(value):
        return MISSING
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # -0.0 after rounding reads as 0
    return text.translate(_signs(lang))


def format_money(value: float | None, lang: str, currency: str = "") -> str:
    """A whole amount with its currency after it: 1,250,000 DKK / 1.250.000 DKK."""
    text = format_number(value, lang, 0)
    return f"{text} {currency}" if currency and text != MISSING else text


def format_percent(share: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.04) as a percentage: 4% in English, 4 % in Danish (Danish puts a space before %)."""
    if share is None:
        return format_number(None, lang)
    text = format_number(share * 100, lang, decimals)
    if text == MISSING:
        return text
    return text + percent_suffix(lang)


def format_count(n: int, lang: str) -> str:
    """A whole number: 10,000 / 10.000."""
    return format_number(n, lang, 0)


def format_decimal(value: float | None, lang: str, max_decimals: int = 3) -> str:
    """A value with the decimals it has, up to ``max_decimals``: 3 / 3,5 / 0,125 in Danish (for scores,
    levels and ratios whose precision is the user's, not the screen's)."""
    if value is None or not math.isfinite(value):
        return format_number(None, lang)
    decimals = len(f"{value:.{max_decimals}f}".rstrip("0").partition(".")[2])
    return format_number(value, lang, decimals)


def percent_suffix(lang: str) -> str:
    """What follows a percentage's number: "%" in English, " %" in Danish (for chart ticks and labels)."""
    _check(lang)
    return translate("number.percent_suffix", lang)


def plotly_separators(lang: str) -> str:
    """Plotly's ``separators`` layout property: the decimal then the thousands character."""
    _check(lang)
    return translate("number.decimal", lang) + translate("number.group", lang)
