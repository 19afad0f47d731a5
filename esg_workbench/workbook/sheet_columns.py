"""The input sheets of the decision workbook, column by column, and the order of all sheets.

Every field of the assessment has exactly one column here (a test checks it against the model). A
column's kind, range, values, vocabulary and references come from the domain model through
``domain.field_registry``; this module says only what is the workbook's own: which fields a sheet
shows in which order, the widths, the label columns beside ids and the number formats. So export and
import cannot drift apart, nor the workbook from the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..domain.assessment import Assessment
from ..domain.field_registry import FieldKind, FieldSpec, field_at
from .layout import EXCEL_MAX_TEXT, LISTS_SHEET, Column, FormSheet, Kind, TableSheet


@dataclass(frozen=True)
class Shown:
    """The workbook's own settings of one model field's column (None: the kind's usual one)."""

    field: str
    width: float | None = None
    label: bool | None = None  # a computed column beside the id showing its label / name
    num_format: str | None = None


# The usual width of a column of each kind, and which kinds show a label beside their ids.
_WIDTH = {Kind.ID: 16, Kind.REF: 16, Kind.VOCAB: 18, Kind.ENUM: 14, Kind.TEXT: 40, Kind.NAME: 28, Kind.LIST: 22}
_WIDTH |= {Kind.NUMBER: 12, Kind.INT: 10}
_NUM_FORMAT = {Kind.NUMBER: "General", Kind.INT: "0", Kind.DATE: "yyyy-mm-dd"}
_LABELLED = {Kind.VOCAB, Kind.ESRS_STANDARD, Kind.ESRS_DR}
_TEXT_KINDS = {FieldKind.ID: Kind.ID, FieldKind.NAME: Kind.NAME, FieldKind.TEXT: Kind.TEXT}
_PLAIN_KINDS = {
    FieldKind.INT: Kind.INT,
    FieldKind.FLOAT: Kind.NUMBER,
    FieldKind.BOOL: Kind.BOOL,
    FieldKind.DATE: Kind.DATE,
    FieldKind.DATETIME: Kind.DATETIME,
    FieldKind.ENUM: Kind.ENUM,
    FieldKind.VOCABULARY: Kind.VOCAB,
    FieldKind.REFERENCE: Kind.REF,
}


def cell_kind(spec: FieldSpec) -> Kind:
    """How one value of a model field is held in a cell (of each item, for a list field)."""
    if spec.kind == FieldKind.ESRS:
        return Kind.ESRS_DR if spec.esrs_level == "dr" else Kind.ESRS_STANDARD
    kind = _TEXT_KINDS.get(spec.kind) or _PLAIN_KINDS.get(spec.kind)
    if kind is None:
        raise ValueError(f"field {spec.name!r} ({spec.kind}) has no cell of its own")
    return kind


def column(spec: FieldSpec, shown: Shown, field: str | None = None) -> Column:
    """The workbook column of a model field: the model's rules, the workbook's presentation."""
    kind = cell_kind(spec)
    text = kind in (Kind.ID, Kind.NAME, Kind.TEXT)
    # A text whose limit is a cell's own needs no length rule: Excel refuses the longer text anyway.
    length = spec.max_length if text and (spec.max_length or EXCEL_MAX_TEXT) < EXCEL_MAX_TEXT else None
    common = {
        "vocab": spec.vocabulary,
        "refs": spec.refs,
        "max_length": length,
    }
    if spec.is_list:
        return Column(
            field or spec.name,
            Kind.LIST,
            shown.width or _WIDTH[Kind.LIST],
            item=kind,
            **common,
        )
    return Column(
        field or spec.name,
        kind,
        shown.width or _WIDTH.get(kind, 14),
        values=spec.values,
        extra=spec.extra,
        minimum=spec.minimum,
        maximum=spec.maximum,
        label=kind in _LABELLED if shown.label is None else shown.label,
        num_format=shown.num_format or _NUM_FORMAT.get(kind),
        **common,
    )


def _columns(model: type[BaseModel], items: tuple[str | Shown | Column, ...]) -> tuple[Column, ...]:
    """Columns of ``model``'s fields (a dotted path reaches into nested models); a Column given as
    such is the workbook's own (a parent reference) and passes as it is."""
    out = []
    for item in items:
        if isinstance(item, Column):
            out.append(item)
            continue
        shown = item if isinstance(item, Shown) else Shown(item)
        out.append(column(field_at(model, shown.field), shown, shown.field))
    return tuple(out)


def _table(
    key: str,
    path: str,
    *items: str | Shown | Column,
    step: int,
    parent: tuple[str, str] | None = None,
    computed: tuple[str, ...] = (),
) -> TableSheet:
    holder = field_at(Assessment, parent[0]).model if parent else Assessment
    assert holder is not None
    model = field_at(holder, path).model
    assert model is not None, path
    return TableSheet(key, path, _columns(model, items), step, parent=parent, computed=computed)


def _form(key: str, *items: str | Shown, step: int, optional_groups: tuple[str, ...] = ()) -> FormSheet:
    return FormSheet(key, _columns(Assessment, items), step, optional_groups=optional_groups)


def _parent_ref(name: str, table: str) -> Column:
    """The reference to the parent item of a nested list flattened onto its own sheet."""
    return Column(name, Kind.REF, _WIDTH[Kind.REF], refs=(table,), label=True)


S = Shown

ASSESSMENT = _form(
    "assessment",
    S("id", 14),
    "title",
    S("framework.id", 14),
    S("framework.version", 14),
    S("catalogue.id", 14),
    S("catalogue.version", 14),
    "created_at",
    "updated_at",
    "organisation.name",
    "organisation.sector",
    "organisation.employees",
    "organisation.annual_revenue_mdkk",
    S("organisation.country", 14),
    "organisation.first_reporting_year",
    "organisation.listed",
    "organisation.language",
    "organisation.description",
    step=0,
)

ROLES = _table("roles", "roles", "id", "name", "role_type", S("holder", 24), "responsibilities", "notes", step=1)

SYSTEMS = _table(
    "systems",
    "systems",
    "id",
    "name",
    "category",
    S("product", 20),
    S("vendor", 18),
    S("hosting", 14),
    "integration_options",
    S("disposition", 12),
    "owner_role_id",
    "notes",
    S("external_id", 24),
    step=1,
)

DATA_SOURCES = _table(
    "data_sources",
    "data_sources",
    "id",
    "name",
    "description",
    S("esrs_standards", 16),
    "source_type",
    "system_id",
    "owner_role_id",
    "availability",
    S("quality", 12),
    "aggregation",
    S("collection_frequency", 14),
    "manual_effort_hours_per_year",
    "notes",
    S("external_id", 24),
    step=1,
)

DATA_FLOWS = _table(
    "data_flows",
    "data_flows",
    "id",
    S("from_id", 18),
    S("to_id", 18),
    "method",
    S("frequency", 14),
    S("automated", 11),
    "notes",
    S("external_id", 24),
    step=1,
)

PROCESSES = _table(
    "processes",
    "processes",
    "id",
    S("stage", 14),
    "description",
    S("state", 16),
    "owner_role_id",
    "system_ids",
    "pain_points",
    step=1,
)

MATERIAL_TOPICS = _table(
    "material_topics",
    "material_topics",
    S("esrs", 12),
    S("material", 11),
    S("impact_material", 11),
    S("financial_material", 11),
    S("rationale", 50),
    step=1,
)

COVERAGE = _table(
    "coverage",
    "coverage",
    "id",
    S("disclosure_requirement", 14),
    S("datapoint_id", 16),
    "data_source_ids",
    S("status", 12),
    "integration_needed",
    "notes",
    "review",
    S("moved_from", 22),
    "review_candidates",
    step=1,
    computed=("standard",),
)

TO_BE = _form(
    "to_be",
    "to_be.vision",
    "to_be.ambition",
    "to_be.reporting_frequency",
    "to_be.automation_target_pct",
    "to_be.governance",
    "to_be.support",
    step=2,
)

GOALS = _table("goals", "to_be.goals", "id", S("text", 50), S("horizon", 10), "target_year", S("kpi", 30), step=2)

MATURITY = _table(
    "maturity",
    "to_be.maturity",
    S("dimension", 16),
    "current",
    "target_short",
    "target_long",
    "notes",
    step=2,
    computed=("gap",),
)

SURVEY = _table("survey", "to_be.survey", "question", S("answer", 12), step=2, computed=("high_pct", "low_pct"))

REQUIREMENTS = _table(
    "requirements",
    "requirements",
    "id",
    S("text", 50),
    S("category", 16),
    S("priority", 10),
    S("source", 18),
    "criterion_ids",
    "notes",
    step=3,
)

CRITERIA = _table(
    "criteria",
    "criteria",
    "id",
    "name",
    "description",
    "weight",
    S("kind", 13),
    S("unit", 8),
    S("direction", 16),
    S("best", 13),
    S("worst", 13),
    S("value_source", 18),
    S("catalogue_id", 18, label=False),
    S("group_id", 16, label=True),
    S("rank", 8),
    S("weight_spread", 10, num_format="0%"),
    step=4,
    computed=("weight_share",),
)

CRITERION_GROUPS = _table(
    "criterion_groups",
    "criterion_groups",
    "id",
    "name",
    "weight",
    "description",
    step=4,
    computed=("group_share",),
)

PAIRWISE = _table("pairwise", "weighting.pairwise", S("a", label=True), S("b", label=True), "ratio", step=4)

GROUP_PAIRWISE = _table(
    "group_pairwise", "weighting.group_pairwise", S("a", label=True), S("b", label=True), "ratio", step=4
)

# The decision workshop: who weights, and each one's weights or pairwise judgements (scoring.group).
STAKEHOLDERS = _table(
    "stakeholders", "stakeholders", "id", "name", S("role", 24), "voting_weight", S("method", 14), step=4
)
STAKEHOLDER_WEIGHTS = _table(
    "stakeholder_weights",
    "stakeholder_weights",
    S("stakeholder_id", label=True),
    S("criterion_id", label=True),
    "value",
    S("rank", 8),
    S("priority", 10),
    step=4,
)
STAKEHOLDER_JUDGEMENTS = _table(
    "stakeholder_judgements",
    "stakeholder_judgements",
    S("stakeholder_id", label=True),
    S("a", label=True),
    S("b", label=True),
    "ratio",
    step=4,
)

OPTIONS = _table(
    "options",
    "options",
    "id",
    "name",
    "archetype",
    S("description", 50),
    "time_to_first_report_months",
    "automation_pct",
    "automation_from_year",
    step=4,
    computed=("tco",),
)

# Cost lines and benefit lines share one shape (``CostLine``), so one set of columns.
_LINE_COLUMNS = ("label", S("kind", 10), S("amount", num_format="#,##0"), "start_year", "years")

COST_LINES = _table(
    "cost_lines",
    "cost_lines",
    _parent_ref("option_id", "options"),
    *_LINE_COLUMNS,
    step=4,
    parent=("options", "option_id"),
    computed=("present_value",),
)

BENEFIT_LINES = _table(
    "benefit_lines",
    "benefit_lines",
    _parent_ref("option_id", "options"),
    *_LINE_COLUMNS,
    step=4,
    parent=("options", "option_id"),
)

RISKS = _table(
    "risks",
    "risks",
    _parent_ref("option_id", "options"),
    S("text", 45),
    "likelihood",
    "impact",
    "mitigation",
    step=4,
    parent=("options", "option_id"),
    computed=("exposure",),
)

SCORES = _table(
    "scores",
    "scores",
    S("option_id", label=True),
    S("criterion_id", label=True),
    "value",
    "low",
    "high",
    "rationale",
    step=4,
)

CHECKS = _table(
    "must_have_checks",
    "must_have_checks",
    S("option_id", label=True),
    "requirement_id",
    S("met", 9),
    "note",
    step=4,
    computed=("priority",),
)

ROADMAP = _table(
    "roadmap",
    "roadmap",
    "id",
    S("title"),
    S("phase", 12),
    "option_id",
    S("start", 12),
    S("end", 12),
    S("depends_on", 16),
    "description",
    step=4,
)

VARIANTS = _table(
    "variants",
    "variants",
    "id",
    "name",
    "description",
    S("ambition", 16),
    S("excluded_option_ids", 22),
    "horizon_years",
    S("discount_rate", num_format="0.0#%"),
    S("hourly_rate", num_format="#,##0.##"),
    step=4,
)

VARIANT_WEIGHTS = _table(
    "variant_weights",
    "weights",
    _parent_ref("variant_id", "variants"),
    S("target_id", 20),
    "weight",
    step=4,
    parent=("variants", "variant_id"),
)

VARIANT_OPTIONS = _table(
    "variant_options",
    "options",
    _parent_ref("variant_id", "variants"),
    S("option_id", 20),
    S("cost_factor", num_format="0.00"),
    "automation_pct",
    step=4,
    parent=("variants", "variant_id"),
)

SETTINGS = _form(
    "settings",
    S("settings.currency", 14),
    "settings.horizon_years",
    S("settings.discount_rate", num_format="0.0#%"),
    S("settings.hourly_rate", num_format="#,##0.##"),
    "weighting.method",
    "weighting.use_group",
    S("weighting.aggregation", 22),
    S("weighting.weight_spread", num_format="0%"),
    "decision.option_id",
    "decision.interim_option_id",
    "decision.rationale",
    "decision.decided_on",
    step=4,
    optional_groups=("decision",),
)

TABLES: tuple[TableSheet, ...] = (
    ROLES,
    SYSTEMS,
    DATA_SOURCES,
    DATA_FLOWS,
    PROCESSES,
    MATERIAL_TOPICS,
    COVERAGE,
    GOALS,
    MATURITY,
    SURVEY,
    REQUIREMENTS,
    CRITERION_GROUPS,
    CRITERIA,
    PAIRWISE,
    GROUP_PAIRWISE,
    STAKEHOLDERS,
    STAKEHOLDER_WEIGHTS,
    STAKEHOLDER_JUDGEMENTS,
    OPTIONS,
    COST_LINES,
    BENEFIT_LINES,
    RISKS,
    SCORES,
    CHECKS,
    ROADMAP,
    VARIANTS,
    VARIANT_WEIGHTS,
    VARIANT_OPTIONS,
)
FORMS: tuple[FormSheet, ...] = (ASSESSMENT, TO_BE, SETTINGS)
INPUT_SHEETS: dict[str, TableSheet | FormSheet] = {s.key: s for s in (*FORMS, *TABLES)}


# Workbook order: the summary first, then the four steps as the method runs, then the method and lists.
SHEET_ORDER: tuple[str, ...] = (
    "summary",
    "assessment",
    "roles",
    "systems",
    "data_sources",
    "data_flows",
    "processes",
    "material_topics",
    "coverage",
    "esrs_coverage",
    "readiness",
    "chain",
    "to_be",
    "goals",
    "maturity",
    "survey",
    "requirements",
    "criterion_groups",
    "criteria",
    "pairwise",
    "group_pairwise",
    "stakeholders",
    "stakeholder_weights",
    "stakeholder_judgements",
    "options",
    "cost_lines",
    "benefit_lines",
    "tco",
    "business_case",
    "risks",
    "scores",
    "scoring",
    "must_have_checks",
    "gates",
    "ranking",
    "sensitivity",
    "variants",
    "variant_weights",
    "variant_options",
    "comparison",
    "settings",
    "roadmap",
    "method",
    LISTS_SHEET,
)

# Tab colours by step (0 = summary and organisation, 5 = method).
STEP_COLOURS = {0: "#1F4E79", 1: "#2E75B6", 2: "#548235", 3: "#BF8F00", 4: "#C55A11", 5: "#7F7F7F"}
SHEET_STEP = {
    **{k: s.step for k, s in INPUT_SHEETS.items()},
    "summary": 0,
    "esrs_coverage": 1,
    "readiness": 1,
    "chain": 1,
    "tco": 4,
    "business_case": 4,
    "scoring": 4,
    "gates": 4,
    "ranking": 4,
    "sensitivity": 4,
    "comparison": 4,
    "method": 5,
    LISTS_SHEET: 5,
}


# Input columns of workbooks written in an earlier schema version, still read so that nothing entered
# there is lost; domain.migrations moves their values (schema 1: a data source's DRs -> coverage items).
LEGACY_COLUMNS: dict[str, tuple[Column, ...]] = {
    "data_sources": (Column("disclosure_requirements", Kind.LIST, 20, item=Kind.ESRS_DR),),
}
