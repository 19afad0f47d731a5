"""What a cell can hold without Excel changing it, checked before a value is written.

User text is always written as a string cell (never a formula), and control characters are escaped
(``_xHHHH_``) by the writer, so ``=``, ``+``, ``-``, ``@``, tab, CR and ``#N/A``-like text come back as
they were. What cannot come back is refused with a message instead of being changed silently: text
over 32,767 UTF-16 code units (Excel's cell limit; characters outside the BMP count twice), characters
XML cannot carry (U+FFFE, U+FFFF, unpaired surrogates), non-finite numbers and integers beyond 2**53.
"""

from __future__ import annotations

import math
import re

from .layout import EXCEL_MAX_TEXT, LIST_SEPARATOR, MAX_EXACT_INT

_NOT_IN_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_ERROR_LIKE = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!")
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def excel_length(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored in a cell exactly, or None when it can.

    The app and the import use it to refuse such text when it is entered."""
    if len(text) <= EXCEL_MAX_TEXT // 2 and text.isascii():
        return None  # the common case, decided without a search or an encoding
    bad = _NOT_IN_XML.search(text)
    if bad:
        return (
            f"contains the character U+{ord(bad.group()):04X} at position {bad.start() + 1}, "
            "which an Excel file cannot hold"
        )
    length = excel_length(text)
    if length > EXCEL_MAX_TEXT:
        return f"is {length:,} characters long (as Excel counts them); a cell holds at most {EXCEL_MAX_TEXT:,}"
    return None


def list_item_problem(item: str) -> str | None:
    """Why a value cannot be one item of a comma-separated list cell, or None."""
    if not item:
        return "an empty value cannot be listed"
    if "," in item:
        return f"'{item}' contains a comma, which separates the values of a list cell"
    if item != item.strip():
        return f"'{item}' starts or ends with a space, which a list cell does not keep"
    return None


def join_list(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


def split_list(text: str) -> list[str]:
    """Split a list cell; blanks between commas are ignored, spaces around values are not part of them."""
    return [part.strip() for part in text.split(",") if part.strip()]


def number_problem(value: float | int) -> str | None:
    """Why a number cannot be stored exactly in a cell, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > MAX_EXACT_INT:
            return f"{value} is too large for a spreadsheet number (at most {MAX_EXACT_INT:,} exactly)"
        return None
    if not math.isfinite(value):
        return f"{value} is not a finite number"
    return None


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would take as a formula if typed (or read from CSV) as is."""
    return text.startswith(_FORMULA_TRIGGERS)


def looks_like_error(text: str) -> bool:
    """True for text a spreadsheet would turn into an error value if typed as is."""
    return text.strip().upper() in _ERROR_LIKE
