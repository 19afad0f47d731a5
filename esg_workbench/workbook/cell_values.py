"""Converting one field value to a cell and back, by column kind.

Export side: :func:`to_cell` returns what to write (or raises CellRefused with the reason the value
cannot be stored exactly). Import side: :func:`from_cell` turns what python-calamine read into a plain
JSON-like value for the model, or MISSING for a blank cell (the model default then applies), or raises
CellRefused saying what was expected. Nothing here trusts or evaluates a formula.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from ..domain.fields import character_problem
from ..messages import LANGUAGES
from .layout import Column, Kind
from .text_safety import join_list, list_item_problem, number_problem, split_list, text_problem
from .texts import say

MISSING = object()  # a blank cell: the field is left out and the model's default applies
EXCEL_FIRST_DATE = date(1900, 3, 1)  # before this, Excel's 1900 leap-year bug shifts serial dates

_ID_KINDS = {Kind.ID, Kind.VOCAB, Kind.ENUM, Kind.REF, Kind.ESRS_STANDARD, Kind.ESRS_DR}
# ASCII text this short has no problem text_problem would find: no character XML cannot carry, and
# well within a cell's 32,767 UTF-16 code units. It may still hold control characters: a cell's XML
# spells them as escapes (``_x0000_``) that the reader decodes, so text is always checked for them.
_SAFE_TEXT_LENGTH = 16_383


def _words(*keys: str) -> frozenset[str]:
    """The words a TRUE/FALSE cell may hold in any of the catalogue's languages (read in any case)."""
    return frozenset(say(key, lang).lower() for key in keys for lang in LANGUAGES)


_TRUE = _words("bool.true", "bool.yes") | {"1"}
_FALSE = _words("bool.false", "bool.no") | {"0"}


class CellRefused(ValueError):
    """A value that cannot go into (or come out of) a cell as it is; the message says why."""


# --- export ---------------------------------------------------------------------------------------


def to_cell(column: Column, value: Any) -> Any:
    """The cell value for a field value: None (blank), str, bool, int/float, date."""
    if value is None:
        return None
    kind = column.kind
    if kind == Kind.LIST:
        return _list_to_cell(value)
    if kind == Kind.BOOL:
        return bool(value)
    if kind in (Kind.NUMBER, Kind.INT):
        problem = number_problem(value)
        if problem:
            raise CellRefused(problem)
        return value
    if kind == Kind.DATE:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        # Dates Excel cannot show as dates travel as ISO text; the import parses either.
        return day if day >= EXCEL_FIRST_DATE else day.isoformat()
    if kind == Kind.DATETIME:
        return value.isoformat() if isinstance(value, datetime) else str(value)
    text = str(value.value if hasattr(value, "value") else value)  # StrEnum or plain str
    problem = text_problem(text)
    if problem:
        raise CellRefused(f"text {problem}")
    return text or None


def _list_to_cell(values: list[Any]) -> str | None:
    items = [str(v) for v in values]
    for item in items:
        problem = list_item_problem(item)
        if problem:
            raise CellRefused(problem)
    text = join_list(items)
    problem = text_problem(text)
    if problem:
        raise CellRefused(f"the list {problem}")
    return text or None


# --- import ---------------------------------------------------------------------------------------


def is_blank(raw: Any) -> bool:
    return raw is None or raw == ""


def from_cell(column: Column, raw: Any) -> Any:
    """The field value for what a cell holds; MISSING for a blank cell."""
    return MISSING if is_blank(raw) else converter(column.kind)(raw)


def converter(kind: Kind) -> Callable[[Any], Any]:
    """The function turning a non-blank cell of a column kind into its field value (raises CellRefused)."""
    if kind == Kind.TEXT:
        return _text
    if kind == Kind.NAME:
        return _name
    if kind in _ID_KINDS:
        return _identifier
    return _CONVERTERS[kind]


def _identifier(raw: Any) -> str:
    # ids never hold spaces; a stray one typed in Excel is dropped. Short printable ASCII text needs no
    # checks (as in _text); this function runs for most cells, so that case does not call _text. A
    # control character (a tab, a line break) is refused, not stripped: it is not a space.
    if raw.__class__ is str and len(raw) <= _SAFE_TEXT_LENGTH and raw.isascii() and raw.isprintable():
        return raw.strip()
    return _text(raw, multiline=False).strip()


def _list(raw: Any) -> list[str]:
    return split_list(_text(raw))


def _name(raw: Any) -> str:
    return _text(raw, multiline=False)


def _text(raw: Any, *, multiline: bool = True) -> str:
    if isinstance(raw, str):
        # The model's rule on characters (domain.fields), asked here so the problem names its cell.
        # Text columns also hold one-line fields (a version, a country): the model refuses their line
        # breaks, and the import places that problem in its cell too.
        problem = character_problem(raw, multiline=multiline)
        if problem is not None:
            raise CellRefused(problem[1])
        if len(raw) <= _SAFE_TEXT_LENGTH and raw.isascii():
            return raw
        problem = text_problem(raw)
        if problem:
            raise CellRefused(f"the text {problem}")
        return raw
    if isinstance(raw, bool):
        raise CellRefused(f"expected text, found the truth value {raw}")
    if isinstance(raw, int | float):
        # Excel turns digits typed into a text cell into a number; the digits are what was meant.
        return str(int(raw)) if float(raw).is_integer() and abs(raw) < 2**53 else repr(float(raw))
    raise CellRefused(
        f"expected text, found {_describe(raw)}; type it with a leading apostrophe (') to keep it as text"
    )


def _number(raw: Any) -> float | int:
    if isinstance(raw, bool):
        raise CellRefused(f"expected a number, found the truth value {raw}")
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise CellRefused(f"expected a finite number, found {raw}")
        return raw
    if isinstance(raw, str):
        try:
            value = float(raw.strip())
        except ValueError:
            raise CellRefused(f"expected a number, found the text '{_clip(raw)}'") from None
        if math.isfinite(value):
            return value
    raise CellRefused(f"expected a number, found {_describe(raw)}")


def _integer(raw: Any) -> int:
    value = _number(raw)
    if float(value) != int(value):
        raise CellRefused(f"expected a whole number, found {value}")
    return int(value)


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise CellRefused(f"expected TRUE or FALSE, found {_describe(raw)}")


def _date(raw: Any) -> str:
    if isinstance(raw, datetime):
        if raw.time() != time(0):
            raise CellRefused(f"expected a date, found a date and time {raw.isoformat(sep=' ')}")
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            raise CellRefused(f"expected a date (yyyy-mm-dd), found the text '{_clip(raw)}'") from None
    raise CellRefused(f"expected a date, found {_describe(raw)}")


def _datetime(raw: Any) -> str:
    if isinstance(raw, datetime):
        return raw.isoformat()
    if isinstance(raw, date):
        return datetime.combine(raw, time(0)).isoformat()
    if isinstance(raw, str):
        return raw.strip()  # the model parses ISO 8601 and names the problem if it is not
    raise CellRefused(f"expected a date and time, found {_describe(raw)}")


def _describe(raw: Any) -> str:
    if isinstance(raw, datetime):
        return f"the date and time {raw.isoformat(sep=' ')}"
    if isinstance(raw, date):
        return f"the date {raw.isoformat()}"
    if isinstance(raw, time | timedelta):
        return f"the time {raw}"
    if isinstance(raw, str):
        return f"the text '{_clip(raw)}'"
    return repr(raw)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


_CONVERTERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.LIST: _list,
    Kind.NUMBER: _number,
    Kind.INT: _integer,
    Kind.BOOL: _boolean,
    Kind.DATE: _date,
    Kind.DATETIME: _datetime,
}
