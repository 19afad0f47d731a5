"""Numbers written in the other language's format: 77.8 or 1,250,000 in Danish text; 77,8, 1.250.000 or
"4 %" in English text. Codes such as "E1-5", dates, times and version numbers are not numbers to format."""

from __future__ import annotations

import re

# A number as a reader sees it: digits with . or , between digit groups, not glued to a word (E1, r3, 1565c0).
_TOKEN = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_DA_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")  # 1.250.000 / 1.250,5
_EN_GROUPED = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$")  # 1,250,000 / 1,250.5
_EN_MILLIONS = re.compile(r"^[1-9]\d{0,2}(?:,\d{3}){2,}$")  # 1,250,000 (a lone 1,250 may be Danish 1,25)
_VERSION = re.compile(r"^\d+(?:\.\d+){2,}$")  # 1.2.3 (a Danish 1.250.000 is caught before this)
_VERSION_WORD = re.compile(r"(?i)\b(?:version|v)\s?$")  # "version 1.0", "v1.0" before a number


def bad_numbers(text: str, lang: str) -> list[str]:
    """The numbers in ``text`` written in the format of the other language."""
    return [text[start:end] for start, end in bad_spans(text, lang)]


def bad_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where in ``text`` the numbers in the other language's format are."""
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if _VERSION_WORD.search(text[: match.start()]):
            continue
        if lang == "da":
            wrong = ("." in token and not _DA_GROUPED.match(token) and not _VERSION.match(token)) or bool(
                _EN_MILLIONS.match(token)
            )
        else:
            wrong = bool(_DA_GROUPED.match(token)) or ("," in token and not _EN_GROUPED.match(token))
        if wrong:
            found.append(match.span())
    # The percent sign: "4 %" in Danish, "4%" in English.
    percent = r"\d%" if lang == "da" else r"\d[ \u00a0]%"
    found += [m.span() for m in re.finditer(percent, text)]
    return found


def typed_here(text: str, start: int, end: int, typed: str) -> bool:
    """Whether the number at ``text[start:end]`` is part of text the user typed (``typed``): the number
    with a few characters of its context on either side occurs in it (names may be shown cut short)."""
    left, right = text[max(0, start - 6) : end], text[start : end + 6]
    return any(len(part) > end - start and part in typed for part in (left, right))
