"""Strict JSON in and out, for every JSON text the package writes or reads from a user.

Out: NaN and infinities are refused (``allow_nan=False``) instead of written as ``NaN``/``Infinity``,
which no JSON parser but Python's accepts. In: a key given twice in one object is refused with its
path, instead of the later value silently replacing the earlier one.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .domain.problem_codes import Code
from .messages import translate


class NotJson(ValueError):
    """JSON text that cannot be read as it was meant: ``problems`` are (path, problem code) pairs."""

    def __init__(self, problems: list[tuple[str, Code]]) -> None:
        self.problems = problems
        texts = [(path, translate(f"problem.{code}", "en")) for path, code in problems]
        super().__init__("; ".join(f"{path}: {text}" if path else text for path, text in texts))


def dumps(value: Any, **options: Any) -> str:
    """``json.dumps`` that raises ValueError for NaN or an infinity rather than writing non-JSON."""
    return json.dumps(value, allow_nan=False, **options)


def finite(value: Any) -> Any:
    """``value`` with each NaN or infinity (inside lists and dicts too) replaced by its name as text:
    ``"NaN"``, ``"Infinity"``, ``"-Infinity"``. For writing out data stored before every number had to
    be finite (an old revision in the audit trail), which must be shown as it was, not refused."""
    if isinstance(value, float):
        return value if math.isfinite(value) else _NON_FINITE[str(value)]
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def loads(text: str | bytes) -> Any:
    """Parse JSON from a user. Raises ``json.JSONDecodeError`` for text that is not JSON and NotJson for
    keys given twice (every one, with its path, e.g. ``options[2].id``) or a number too long to read.

    ``NaN`` and ``Infinity`` are read (as Python reads them) so that the model refuses them with the
    path of the field, which says more than a syntax error would."""
    repeated: list[tuple[dict, str]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        obj = dict(items)
        if len(obj) != len(items):  # rare: only then are the keys compared one by one
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    repeated.append((obj, key))
                seen.add(key)
        return obj

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits (CVE-2020-10735)
        if "digits" not in str(exc):
            raise
        raise NotJson([("", Code.LONG_NUMBER)]) from None
    if repeated:
        where = _paths(data, {id(obj) for obj, _ in repeated})
        # An object inside a value that a repeated key shadowed is not in the data: that key is reported.
        found = [(_join(where[id(obj)], key), Code.DUPLICATE_KEY) for obj, key in repeated if id(obj) in where]
        raise NotJson(list(dict.fromkeys(found)))
    return data


def _paths(data: Any, wanted: set[int]) -> dict[int, str]:
    """The path of each object in ``wanted`` (by identity), found by walking ``data`` once."""
    found: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack and len(found) < len(wanted):
        value, path = stack.pop()
        if isinstance(value, dict):
            if id(value) in wanted:
                found[id(value)] = path
            stack.extend((item, _join(path, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    return found


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
