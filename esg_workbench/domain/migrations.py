"""Explicit, tested upgrades of stored assessment data to the current ``schema_version``, applied to plain
data (a JSON file, a store revision, a workbook read back) before validation, so nothing a user entered
in an older version is lost.

Version 1 -> 2: one link between data sources and disclosure requirements. Version 1 linked them twice,
in ``data_sources[].disclosure_requirements`` and in ``coverage[].data_source_ids``, and the two did not
update each other. Version 2 keeps only the coverage items (the chain datapoint -> data source -> system
-> integration); the DRs a source feeds are derived from them. Each link a source listed moves into the
coverage of that DR: added to the DR's item without a datapoint, else to its first item, else to a new
item with status ``not_assessed`` (the source feeds it, how well is not known yet).

Version 2 -> 3: the assessment names the disclosure-requirement catalogue it works against. Every
assessment before version 3 was made against ESRS Set 1, so the upgrade names it explicitly
(``esrs-set1`` 2023), never the default a new assessment gets (the amended ESRS); its DR codes keep
the meaning they were entered with. Moving to another version is a separate, deliberate step
(``catalogue_move``).
"""

from __future__ import annotations

import copy
import re
from typing import Any

CURRENT = 3
SET1 = {"id": "esrs-set1", "version": "2023"}
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.\-]+")


def _version(data: dict) -> Any:
    return data.get("schema_version", 1)


def needs_migration(data: Any) -> bool:
    return isinstance(data, dict) and _version(data) in (1, 2)


def migrate(data: Any) -> tuple[Any, dict[str, str]]:
    """``data`` upgraded to the current schema (a copy; the input is not changed), and for each value the
    upgrade moved, its new path -> its path in the input (so a problem can name where the user wrote it).
    Data of an unknown or the current version comes back as it is, for validation to judge."""
    if not needs_migration(data):
        return data, {}
    out = copy.deepcopy(data)
    origins: dict[str, str] = {}
    if _version(out) == 1:
        origins = _links_to_coverage(out)
    out.setdefault("catalogue", dict(SET1))
    out["schema_version"] = CURRENT
    return out, origins


def _links_to_coverage(data: dict) -> dict[str, str]:
    sources, coverage = data.get("data_sources"), data.get("coverage", [])
    if not isinstance(sources, list) or not isinstance(coverage, list):
        return {}
    data["coverage"] = coverage
    taken = {
        str(item.get("id"))
        for coll in data.values()
        if isinstance(coll, list)
        for item in coll
        if isinstance(item, dict) and "id" in item
    }
    origins: dict[str, str] = {}
    for i, source in enumerate(sources):
        if not isinstance(source, dict):
            continue
        codes = source.get("disclosure_requirements")
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            continue  # malformed: left in place for validation to report with its path
        del source["disclosure_requirements"]
        source_id = source.get("id")
        for j, code in enumerate(codes):
            k = _item_for(coverage, code)
            if k is None:
                coverage.append(
                    {
                        "id": _new_id(f"cov-{code.lower()}", taken),
                        "disclosure_requirement": code,
                        "data_source_ids": [],
                        "status": "not_assessed",
                    }
                )
                k = len(coverage) - 1
                origins[f"coverage[{k}].disclosure_requirement"] = f"data_sources[{i}].disclosure_requirements[{j}]"
            linked = coverage[k].setdefault("data_source_ids", [])
            if isinstance(linked, list) and source_id not in linked:
                linked.append(source_id)
    return origins


def _item_for(coverage: list, code: str) -> int | None:
    """The coverage item a link to ``code`` joins: the DR-level one, else the DR's first."""
    of_dr = [
        k for k, item in enumerate(coverage) if isinstance(item, dict) and item.get("disclosure_requirement") == code
    ]
    whole = [k for k in of_dr if not coverage[k].get("datapoint_id")]
    return (whole or of_dr or [None])[0]


def _new_id(base: str, taken: set[str]) -> str:
    base = _ID_CHARS.sub("-", base).strip("-")[:56] or "cov"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
