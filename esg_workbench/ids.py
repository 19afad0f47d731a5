"""Ids: an id-safe slug of a name, the ids in use in an assessment, and a fresh id for a new item that
no other item of the assessment uses."""

from __future__ import annotations

import re
import unicodedata

from .domain.assessment import ID_COLLECTIONS, Assessment


def slug(text: str, *, fallback: str = "assessment") -> str:
    """An id-safe slug of a name: ``"Fjordby Kommune 2026"`` -> ``"fjordby-kommune-2026"``."""
    ascii_text = unicodedata.normalize("NFKD", text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa"))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48]
    return out or fallback


def all_ids(assessment: Assessment) -> set[str]:
    """Every id in use: ids are unique across all collections, so new ones must avoid all of them."""
    return {item.id for name in ID_COLLECTIONS for item in getattr(assessment, name)} | {
        g.id for g in assessment.to_be.goals
    }


def new_id(name: str, taken: set[str], *, prefix: str = "item") -> str:
    """An id from ``name`` (``"SAP S/4HANA"`` -> ``sap-s-4hana``), or ``prefix-N`` for an unnamed item,
    that is not in ``taken``; the id is added to ``taken``."""
    if not (name or "").strip():
        n = 1
        while f"{prefix}-{n}" in taken:
            n += 1
        taken.add(f"{prefix}-{n}")
        return f"{prefix}-{n}"
    base = slug(name, fallback=prefix)[:56]
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
