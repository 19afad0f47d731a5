"""The chain in one table: disclosure requirement (or datapoint) -> data source -> system (with its TIME
disposition) -> integration needed -> owner role -> status, with the flags an architect must act on.
Computed once here; the app's chain view, the workbook's Chain sheet, the CLI's ``chain``, the
recommendation and the report all read :func:`chain_of`. Pure; no Streamlit.

Rows, in the terms of the catalogue the assessment names (its DR titles; the item's datapoint id when
it has one):
- every material DR (``esg_workbench.coverage``), in catalogue order: one row per (coverage item, data
  source); an item with no data source is one row saying so, and a material DR without any item one row
  (status not assessed), so nothing material is missing from the table;
- then the items of DRs outside the material standards (shown, marked not material);
- then the items under review after a catalogue move.

Flags (``FLAGS``):
- ``retiring_system``: the row's data source lives in a system whose disposition is eliminate or
  migrate (vocabulary ``disposition``): its data must be taken over elsewhere first.
- ``manual_only``: the material DR's data sources are all manual (the DR has at least one source).
  A data source counts as **manual** unless something records an automated path for its data:
  it is manual when its aggregation is ``manual_compilation`` (someone compiles it by hand), or when
  data flows leave it and none is ``automated``, or, with no flow of its own, when its type is made by
  hand (``HAND_MADE_TYPES``: manual spreadsheet, survey, estimate, document) or it lives in no system.
  So a system extract or a meter reading held in a system is not manual unless its own flow is manual.
- ``no_owner``: the row's data source has no owner role.
- ``under_review``: the coverage item waits for review after a catalogue move (``Coverage.review``).

Counted in ``Chain.flag_counts``: distinct data sources for ``retiring_system`` and ``no_owner``,
distinct material DRs for ``manual_only``, coverage items for ``under_review``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from .coverage import NOT_ASSESSED, STATUS_ORDER, CoverageSummary, coverage_summary, dr_standard
from .domain.assessment import KEEPS_OLD_CODE, Assessment, Coverage, DataSource
from .messages import LANGUAGES, translate

FLAGS: tuple[str, ...] = ("retiring_system", "manual_only", "no_owner", "under_review")
RETIRING_DISPOSITIONS: tuple[str, ...] = ("eliminate", "migrate")
HAND_MADE_TYPES: tuple[str, ...] = ("manual_spreadsheet", "survey", "estimate", "document")
MANUAL_AGGREGATION = "manual_compilation"
# The CSV's columns, in order; headers are the catalogue's ``chain.col.<name>``.
CSV_COLUMNS: tuple[str, ...] = (
    "standard",
    "disclosure_requirement",
    "title",
    "datapoint_id",
    "item_id",
    "material",
    "data_source_id",
    "data_source",
    "source_type",
    "manual",
    "system_id",
    "system",
    "disposition",
    "integration_needed",
    "owner_role_id",
    "owner_role",
    "status",
    "flags",
)


class ChainRow(NamedTuple):
    """One link of the chain: a coverage item's DR (or datapoint) and one of its data sources. A named
    tuple (immutable, cheap to build): a large assessment has thousands of rows, built on every scoring
    run. Build it with keywords."""

    standard: str
    disclosure_requirement: str
    status: str  # the coverage item's status; not assessed for a DR without items
    titles: dict[str, str] = {}  # language -> the DR's title in the catalogue its code belongs to (never changed)
    # The catalogue the code belongs to when it is not the assessment's: an item under review that kept
    # its old code after a move ("ESRS 2023"); "" otherwise.
    other_catalogue: str = ""
    datapoint_id: str | None = None
    item_id: str | None = None  # None: a material DR nobody has recorded coverage for
    material: bool = True
    data_source_id: str | None = None
    data_source: str = ""  # the source's name as entered ("" without a source)
    source_type: str | None = None
    manual: bool | None = None  # None without a source
    system_id: str | None = None
    system: str = ""
    disposition: str | None = None
    integration_needed: str | None = None
    owner_role_id: str | None = None
    owner_role: str = ""
    flags: tuple[str, ...] = ()

    def title(self, lang: str = "en") -> str:
        return self.titles.get(lang) or self.titles.get("en", "")

    def label(self, lang: str = "en") -> str:
        """'E1-6 · Gross Scopes 1, 2, 3 ...' in the catalogue's terms."""
        title = self.title(lang)
        label = f"{self.disclosure_requirement} · {title}" if title else self.disclosure_requirement
        return f"{label} ({self.other_catalogue})" if self.other_catalogue else label


@dataclass(frozen=True)
class Chain:
    rows: list[ChainRow]
    flag_counts: dict[str, int]  # every flag of FLAGS, zeros included (what each counts: module docstring)
    catalogue: str = ""  # "ESRS 2026"

    @property
    def flagged(self) -> bool:
        return any(self.flag_counts.values())

    def sentence(self, lang: str = "en") -> str:
        """'Chain: 2 data sources live in systems to eliminate or migrate; ...', or that nothing is flagged."""
        return flags_sentence(self.flag_counts, lang) or translate("chain.none_flagged", lang)


def flags_sentence(counts: dict[str, int], lang: str = "en") -> str:
    """The flag counts in one sentence (the recommendation's and the chain's), "" when nothing is flagged."""
    parts = [translate(f"chain.count.{flag}", lang, count=counts[flag]) for flag in FLAGS if counts.get(flag)]
    return translate("chain.sentence", lang, parts="; ".join(parts)) if parts else ""


def is_manual(source: DataSource, flows_from: Sequence[Any]) -> bool:
    """Whether a data source is manual (the rule in the module docstring); ``flows_from`` are the data
    flows leaving it."""
    if source.aggregation == MANUAL_AGGREGATION:
        return True
    if flows_from:
        return not any(flow.automated for flow in flows_from)
    return source.source_type in HAND_MADE_TYPES or source.system_id is None


def manual_sources(assessment: Assessment) -> dict[str, bool]:
    """Data source id -> whether it is manual."""
    flows: dict[str, list] = defaultdict(list)
    for flow in assessment.data_flows:
        flows[flow.from_id].append(flow)
    return {s.id: is_manual(s, flows.get(s.id, [])) for s in assessment.data_sources}


def chain_of(
    assessment: Assessment, framework: Any, summary: CoverageSummary | None = None, *, with_rows: bool = True
) -> Chain:
    """The chain of ``assessment`` in its catalogue's terms; ``summary`` is its coverage summary when the
    caller has it already (the same one, so statuses and material DRs agree). ``with_rows=False`` gives
    the flag counts only (``rows`` empty), from the same walk, for a caller that needs no table (the
    recommendation, on every scoring run)."""
    if framework is not None:
        framework = framework.for_assessment(assessment)
    summary = summary if summary is not None else coverage_summary(assessment, framework)
    builder = _Builder(assessment, framework)
    items_by_dr: dict[str, list[Coverage]] = defaultdict(list)
    for item in assessment.coverage:
        if not item.review:
            items_by_dr[item.disclosure_requirement].append(item)
    rows: list[ChainRow] = []
    linked: set[str] = set()  # every data source a row shows
    manual_only: set[str] = set()
    for dr in summary.drs:
        items = items_by_dr.get(dr.code, [])
        sources = [s for i in items for s in i.data_source_ids]
        linked.update(sources)
        if sources and all(builder.manual.get(s, False) for s in sources):
            manual_only.add(dr.code)
        if not with_rows:
            continue
        base = {"standard": dr.standard, "disclosure_requirement": dr.code, "titles": dr.titles}
        if not items:
            rows.append(ChainRow(**base, status=NOT_ASSESSED))
        extra = ("manual_only",) if dr.code in manual_only else ()
        for item in items:
            rows += builder.rows(item, base, extra)
    for outside in summary.outside:
        item = builder.items[outside.item_id]
        linked.update(item.data_source_ids)
        if with_rows:
            base = {"standard": outside.standard, "disclosure_requirement": item.disclosure_requirement}
            rows += builder.rows(item, {**base, "titles": builder.titles(item), "material": False}, ())
    for review in summary.needs_review:
        item = builder.items[review.item_id]
        linked.update(item.data_source_ids)
        if with_rows:
            code = item.disclosure_requirement
            base = {"standard": dr_standard(code, framework), "disclosure_requirement": code}
            rows += builder.rows(item, {**base, **builder.review_titles(item)}, ("under_review",))
    links = [link for link in map(builder.link, linked) if link is not None]
    counts = {
        "retiring_system": sum(1 for _, retiring, _ in links if retiring),
        "manual_only": len(manual_only),
        "no_owner": sum(1 for _, _, ownerless in links if ownerless),
        "under_review": len(summary.needs_review),
    }
    return Chain(rows=rows, flag_counts=counts, catalogue=summary.catalogue)


class _Builder:
    """The rows of one coverage item, with the assessment's sources, systems and roles looked up once."""

    def __init__(self, assessment: Assessment, framework: Any) -> None:
        self.framework = framework
        self.items = {c.id: c for c in assessment.coverage}
        self.sources = {s.id: s for s in assessment.data_sources}
        self.systems = {s.id: s for s in assessment.systems}
        self.roles = {r.id: r.name for r in assessment.roles}
        self.manual = manual_sources(assessment)
        self._titles: dict[str, dict[str, str]] | None = None
        self._links: dict[str, tuple[dict[str, Any], bool, bool] | None] = {}

    def titles(self, item: Coverage) -> dict[str, str]:
        """The item's DR title in the assessment's catalogue, by language ({} for a code it lacks)."""
        if self._titles is None:
            drs = self.framework.esrs.disclosure_requirements if self.framework is not None else []
            self._titles = {d.code: {lang: d.title.get(lang) for lang in LANGUAGES} for d in drs}
        return self._titles.get(item.disclosure_requirement, {})

    def review_titles(self, item: Coverage) -> dict[str, Any]:
        """An item under review that kept its old code is named in the terms of the catalogue it came from
        (``moved_from``: "esrs-set1 2023 G1-2"); one that has its new code in the assessment's."""
        parts = item.moved_from.split(" ")
        if self.framework is None or item.review not in KEEPS_OLD_CODE or len(parts) != 3:
            return {"titles": self.titles(item)}
        old = self.framework.catalogue((parts[0], parts[1]))
        if old is None:
            return {"titles": {}, "other_catalogue": f"{parts[0]} {parts[1]}"}
        code = item.disclosure_requirement
        return {"titles": {lang: old.dr_title(code, lang) for lang in LANGUAGES}, "other_catalogue": old.short_name}

    def rows(self, item: Coverage, base: dict[str, Any], extra: tuple[str, ...]) -> list[ChainRow]:
        common = {
            **base,
            "datapoint_id": item.datapoint_id,
            "item_id": item.id,
            "integration_needed": item.integration_needed,
            "status": str(item.status),
        }
        if not item.data_source_ids:
            return [ChainRow(**common, flags=extra)]
        return [self._row(common, source_id, extra) for source_id in item.data_source_ids]

    def _row(self, common: dict[str, Any], source_id: str, extra: tuple[str, ...]) -> ChainRow:
        link = self.link(source_id)
        if link is None:  # a deleted source: validation names it; the row still shows the id
            return ChainRow(**common, data_source_id=source_id, flags=extra)
        fields, retiring, ownerless = link
        # In the order of FLAGS: retiring_system, manual_only, no_owner, under_review.
        manual, review = (extra, ()) if extra == ("manual_only",) else ((), extra)
        flags = (("retiring_system",) if retiring else ()) + manual + (("no_owner",) if ownerless else ()) + review
        return ChainRow(**common, **fields, flags=flags)

    def link(self, source_id: str) -> tuple[dict[str, Any], bool, bool] | None:
        """A source's part of a row (looked up once per source: a source feeds many items) and whether
        it lives in a retiring system and lacks an owner."""
        if source_id in self._links:
            return self._links[source_id]
        source = self.sources.get(source_id)
        link = None
        if source is not None:
            system = self.systems.get(source.system_id) if source.system_id else None
            disposition = system.disposition if system is not None else None
            fields = {
                "data_source_id": source.id,
                "data_source": source.name,
                "source_type": source.source_type,
                "manual": self.manual[source.id],
                "system_id": source.system_id,
                "system": system.name if system is not None else "",
                "disposition": disposition,
                "owner_role_id": source.owner_role_id,
                "owner_role": self.roles.get(source.owner_role_id, "") if source.owner_role_id else "",
            }
            link = (fields, disposition in RETIRING_DISPOSITIONS, source.owner_role_id is None)
        self._links[source_id] = link
        return link


def select(
    rows: Iterable[ChainRow],
    *,
    standards: Iterable[str] = (),
    statuses: Iterable[str] = (),
    flags: Iterable[str] = (),
    systems: Iterable[str] = (),
    owners: Iterable[str] = (),
) -> list[ChainRow]:
    """The rows matching every filter given; within one filter any value matches (an empty filter: all).
    ``systems`` and ``owners`` are ids; ``""`` picks rows whose data source lives in no system or has no
    owner. A row without a data source has neither, so a system or owner filter leaves it out."""
    wanted = [set(standards), set(statuses), set(flags), set(systems), set(owners)]
    found = []
    for row in rows:
        values = (
            {row.standard},
            {row.status},
            set(row.flags),
            {row.system_id or ""} if row.data_source_id else set(),
            {row.owner_role_id or ""} if row.data_source_id else set(),
        )
        if all(not want or want & have for want, have in zip(wanted, values, strict=True)):
            found.append(row)
    return found


class CellTexts:
    """Turns rows into the texts a table shows, by column of ``CSV_COLUMNS``: vocabulary values by their
    labels in ``lang``, user text as entered. The words are looked up once, so a table of thousands of
    rows costs a dictionary lookup per cell."""

    # column -> the framework vocabulary its values come from
    VOCABULARIES: ClassVar[dict[str, str]] = {
        "source_type": "data_source_type",
        "disposition": "disposition",
        "integration_needed": "integration_method",
    }

    def __init__(self, framework: Any, lang: str = "en") -> None:
        self.lang = lang
        self.labels = {
            vocabulary: {t.id: t.label.get(lang) for t in framework.vocabularies.get(vocabulary, [])}
            if framework is not None
            else {}
            for vocabulary in self.VOCABULARIES.values()
        }
        words = ("answer_yes", "answer_no", "no_source", "no_system", "no_owner")
        self.words = {w: translate(f"chain.{w}", lang) for w in words}
        self.statuses = {s: translate(f"status.{s}", lang) for s in (*STATUS_ORDER, NOT_ASSESSED)}
        self.flags = {f: translate(f"chain.flag.{f}", lang) for f in FLAGS}

    def _label(self, column: str, value: str | None) -> str:
        if value is None:
            return ""
        return self.labels[self.VOCABULARIES[column]].get(value, value)

    def __call__(self, row: ChainRow) -> dict[str, str]:
        w, lang = self.words, self.lang
        yes_no = {True: w["answer_yes"], False: w["answer_no"], None: ""}
        title = row.title(lang)
        return {
            "standard": row.standard,
            "disclosure_requirement": row.disclosure_requirement,
            "title": f"{title} ({row.other_catalogue})".lstrip() if row.other_catalogue else title,
            "datapoint_id": row.datapoint_id or "",
            "item_id": row.item_id or "",
            "material": yes_no[row.material],
            "data_source_id": row.data_source_id or "",
            "data_source": row.data_source if row.data_source_id else w["no_source"],
            "source_type": self._label("source_type", row.source_type),
            "manual": yes_no[row.manual],
            "system_id": row.system_id or "",
            "system": row.system or (w["no_system"] if row.data_source else ""),
            "disposition": self._label("disposition", row.disposition),
            "integration_needed": self._label("integration_needed", row.integration_needed),
            "owner_role_id": row.owner_role_id or "",
            "owner_role": row.owner_role or (w["no_owner"] if row.data_source else ""),
            "status": self.statuses.get(row.status) or translate(f"status.{row.status}", lang),
            "flags": "; ".join(self.flags[f] for f in row.flags),
        }


def cell_values(row: ChainRow, framework: Any, lang: str = "en") -> dict[str, str]:
    """One row's texts (``CellTexts``; for many rows build one ``CellTexts`` and call it per row)."""
    return CellTexts(framework, lang)(row)


def headers(lang: str = "en") -> list[str]:
    return [translate(f"chain.col.{c}", lang) for c in CSV_COLUMNS]


def chain_csv(rows: Iterable[ChainRow], framework: Any, lang: str = "en") -> bytes:
    """The rows as CSV in UTF-8 with a byte order mark (so Excel reads it), every field quoted and a cell
    that looks like a formula neutralised (as the audit trail's CSV: ``store.audit_export.safe_cell``)."""
    from .store.audit_export import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers(lang))
    texts = CellTexts(framework, lang)
    for row in rows:
        values = texts(row)
        writer.writerow([safe_cell(values[c]) for c in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")
