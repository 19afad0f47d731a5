"""The editable tables of the assessment's lists: typed columns with drop-downs from the framework's
vocabularies and from the assessment's own items (shown by name, stored by id).

A column of a model field takes its kind, drop-down, bounds, whether it is required and its default
from the domain model (``domain.field_registry``, through :func:`col`); a table says only what is its
own: which fields it shows in which order, the label, width, help and number format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from ..domain.assessment import (
    Assessment,
    CostLine,
    Coverage,
    Criterion,
    CriterionGroup,
    DataFlow,
    DataSource,
    Goal,
    Option,
    ReportingProcess,
    Requirement,
    Risk,
    RoadmapItem,
    Role,
    System,
    Variant,
)
from ..domain.field_registry import FieldKind, FieldSpec, field_spec
from .display import catalogue_label, criterion_name, dr_label, option_name, standard_label
from .i18n import t
from .table_editor import Col, Ctx, ListAdapter

Options = Callable[[Ctx], Sequence[Any]]
Fmt = Callable[[Ctx], Callable[[Any], str]]


def vocab(name: str) -> tuple[Options, Fmt]:
    def options(ctx: Ctx) -> list[str]:
        return [term.id for term in ctx.framework.vocabularies.get(name, [])]

    def fmt(ctx: Ctx) -> Callable[[Any], str]:
        labels = {term.id: term.label.get(ctx.lang) for term in ctx.framework.vocabularies.get(name, [])}
        return lambda v: labels.get(v, str(v))

    return options, fmt


def enum(values: Sequence[str], prefix: str) -> tuple[Options, Fmt]:
    return (lambda ctx: list(values)), (lambda ctx: lambda v: t(f"{prefix}.{v}"))


def refs(*collections: str, extra: Sequence[str] = ()) -> tuple[Options, Fmt]:
    """Items of the assessment's collections, shown by name (``report`` as the report)."""

    def options(ctx: Ctx) -> list[str]:
        return [item.id for c in collections for item in getattr(ctx.assessment, c)] + list(extra)

    def fmt(ctx: Ctx) -> Callable[[Any], str]:
        mixed = len(collections) > 1  # say which kind an item is only where kinds are mixed
        names = {item.id: _item_name(item, ctx, mixed) for c in collections for item in getattr(ctx.assessment, c)}
        names.update({e: t(f"refs.{e}") for e in extra})
        return lambda v: names.get(v, str(v))

    return options, fmt


def _item_name(item: Any, ctx: Ctx, mixed: bool = False) -> str:
    if isinstance(item, Criterion):
        return criterion_name(item, ctx.framework, ctx.lang)
    if isinstance(item, Option):
        return option_name(item, ctx.framework, ctx.lang)
    if mixed and isinstance(item, DataSource):
        return f"{item.name} ({t('refs.source')})"
    if mixed and isinstance(item, System):
        return f"{item.name} ({t('refs.system')})"
    return getattr(item, "name", None) or getattr(item, "title", None) or item.id


def standards() -> tuple[Options, Fmt]:
    return (lambda ctx: [s.code for s in ctx.framework.esrs.standards]), (
        lambda ctx: lambda v: standard_label(v, ctx.framework, ctx.lang)
    )


def drs() -> tuple[Options, Fmt]:
    def fmt(ctx: Ctx) -> Callable[[Any], str]:
        return lambda v: dr_label(v, ctx.framework, ctx.lang)

    return (lambda ctx: [d.code for d in ctx.framework.esrs.disclosure_requirements]), fmt


def multi(field: str, label: str, source: tuple[Options, Fmt], **kw: Any) -> Col:
    return Col(field, label, "multiselect", options=source[0], fmt=source[1], **kw)


_FROM_MODEL: Any = object()


def col(
    model: type[BaseModel],
    field: str,
    label: str,
    *,
    labels: str | None = None,
    source: tuple[Options, Fmt] | None = None,
    default: Any = _FROM_MODEL,
    **kw: Any,
) -> Col:
    """The column of ``model``'s ``field``: kind, drop-down, bounds, required and default as the model
    says. ``labels`` is the locale prefix naming an enum's values; ``source`` shows a vocabulary from
    elsewhere in the framework (the archetypes); ``default`` is a new row's value where the model has
    none to give (a criterion's weight)."""
    spec = field_spec(model, field)
    if spec.kind in (FieldKind.ENUM, FieldKind.VOCABULARY, FieldKind.REFERENCE, FieldKind.ESRS):
        kind = "multiselect" if spec.is_list else "select"
        source = source or _source(spec, labels)
    else:
        kind = _KINDS.get(spec.kind, "text")
    if default is _FROM_MODEL:  # an empty text or list is no default worth proposing in a new row
        default = None if spec.default in ("", []) else spec.default
    options, fmt = source if source else (None, None)
    return Col(
        field,
        label,
        kind,
        required=spec.required,
        options=options,
        fmt=fmt,
        min=spec.minimum,
        max=spec.maximum,
        default=default,
        **kw,
    )


_KINDS = {FieldKind.INT: "int", FieldKind.FLOAT: "float", FieldKind.BOOL: "bool", FieldKind.DATE: "date"}


def _source(spec: FieldSpec, labels: str | None) -> tuple[Options, Fmt]:
    if spec.kind == FieldKind.REFERENCE:
        return refs(*spec.refs, extra=spec.extra)
    if spec.kind == FieldKind.VOCABULARY:
        assert spec.vocabulary is not None
        return vocab(spec.vocabulary)
    if spec.kind == FieldKind.ESRS:
        return drs() if spec.esrs_level == "dr" else standards()
    if labels is None:
        raise ValueError(f"the enum field {spec.name!r} needs the locale prefix of its values' labels")
    return enum(spec.values, labels)


def top_level(collection: str) -> tuple[Callable[[Assessment], list], Callable[[Assessment, list], Assessment]]:
    return (lambda a: getattr(a, collection)), (lambda a, items: a.model_copy(update={collection: items}))


_SOURCE_DRS: dict[int, tuple[Assessment, dict[str, list[str]]]] = {}


def _source_drs(assessment: Assessment) -> dict[str, list[str]]:
    """``assessment.source_drs()``, once per assessment object rather than once per table row."""
    hit = _SOURCE_DRS.get(0)
    if hit is None or hit[0] is not assessment:
        hit = _SOURCE_DRS[0] = (assessment, assessment.source_drs())
    return hit[1]


# --- step 1 ---------------------------------------------------------------------------------------

DATA_SOURCES = ListAdapter(
    "data_sources",
    DataSource,
    (
        col(DataSource, "name", "col.name", width="medium"),
        col(DataSource, "source_type", "col.source_type"),
        col(DataSource, "system_id", "col.system", help="help.system"),
        col(DataSource, "esrs_standards", "col.esrs_standards"),
        # Read-only: a source is linked to a DR by a coverage item (the one link; see domain.migrations).
        multi(
            "linked_drs", "col.disclosure_requirements", drs(), width="medium", disabled=True, help="numbers.linked_drs"
        ),
        col(DataSource, "availability", "col.availability"),
        col(DataSource, "quality", "col.quality"),
        col(DataSource, "aggregation", "col.aggregation"),
        col(DataSource, "collection_frequency", "col.frequency"),
        col(DataSource, "owner_role_id", "col.owner"),
        col(DataSource, "manual_effort_hours_per_year", "col.manual_hours", number_format="%.0f"),
        col(DataSource, "description", "col.description", width="medium"),
        col(DataSource, "notes", "col.notes", width="medium"),
        col(DataSource, "external_id", "col.external_id", help="help.external_id"),
    ),
    "data_sources",
    *top_level("data_sources"),
    id_prefix="source",
    to_row=lambda ctx, item: {**item.model_dump(), "linked_drs": _source_drs(ctx.assessment).get(item.id, [])},
)

SYSTEMS = ListAdapter(
    "systems",
    System,
    (
        col(System, "name", "col.name", width="medium"),
        col(System, "category", "col.category"),
        col(System, "product", "col.product"),
        col(System, "vendor", "col.vendor"),
        col(System, "hosting", "col.hosting"),
        col(System, "integration_options", "col.integration_options", width="medium"),
        col(System, "disposition", "col.disposition", help="help.disposition"),
        col(System, "owner_role_id", "col.owner"),
        col(System, "notes", "col.notes", width="medium"),
        col(System, "external_id", "col.external_id", help="help.external_id"),
    ),
    "systems",
    *top_level("systems"),
    id_prefix="system",
)

DATA_FLOWS = ListAdapter(
    "data_flows",
    DataFlow,
    (
        col(DataFlow, "from_id", "col.from", width="medium"),
        col(DataFlow, "to_id", "col.to", width="medium"),
        col(DataFlow, "method", "col.method"),
        col(DataFlow, "frequency", "col.frequency"),
        col(DataFlow, "automated", "col.automated"),
        col(DataFlow, "notes", "col.notes", width="medium"),
        col(DataFlow, "external_id", "col.external_id", help="help.external_id"),
    ),
    "data_flows",
    *top_level("data_flows"),
    name_field="",
    id_prefix="flow",
)

ROLES = ListAdapter(
    "roles",
    Role,
    (
        col(Role, "name", "col.name", width="medium"),
        col(Role, "role_type", "col.role_type", help="help.role_type"),
        col(Role, "holder", "col.holder"),
        col(Role, "responsibilities", "col.responsibilities", width="large"),
        col(Role, "notes", "col.notes"),
    ),
    "roles",
    *top_level("roles"),
    id_prefix="role",
)

PROCESSES = ListAdapter(
    "processes",
    ReportingProcess,
    (
        col(ReportingProcess, "stage", "col.stage"),
        col(ReportingProcess, "description", "col.description", width="large"),
        col(ReportingProcess, "state", "col.process_state"),
        col(ReportingProcess, "owner_role_id", "col.owner"),
        col(ReportingProcess, "system_ids", "col.systems", width="medium"),
        col(ReportingProcess, "pain_points", "col.pain_points", width="medium"),
    ),
    "processes",
    *top_level("processes"),
    name_field="",
    id_prefix="process",
)

COVERAGE = ListAdapter(
    "coverage",
    Coverage,
    (
        col(Coverage, "disclosure_requirement", "col.dr", width="medium"),
        col(Coverage, "datapoint_id", "col.datapoint", help="help.datapoint"),
        col(Coverage, "data_source_ids", "col.sources", width="medium"),
        col(Coverage, "status", "col.status", labels="status"),
        col(Coverage, "integration_needed", "col.integration_needed"),
        col(Coverage, "notes", "col.notes", width="medium"),
        # Set by a move to another catalogue version (catalogue_move); a person clears "review" once the
        # item is placed. Where it came from is history, shown, not edited.
        col(Coverage, "review", "col.review"),
        col(Coverage, "moved_from", "col.moved_from", disabled=True),
        col(Coverage, "review_candidates", "col.review_candidates", source=drs(), disabled=True),
    ),
    "coverage",
    *top_level("coverage"),
    name_field="",
    id_prefix="cov",
)


# --- step 2 ---------------------------------------------------------------------------------------

GOALS = ListAdapter(
    "goals",
    Goal,
    (
        col(Goal, "text", "col.goal", width="large"),
        col(Goal, "horizon", "col.horizon", labels="horizon"),
        col(Goal, "target_year", "col.target_year", number_format="%d"),
        col(Goal, "kpi", "col.kpi", width="medium"),
    ),
    "to_be.goals",
    lambda a: a.to_be.goals,
    lambda a, items: a.model_copy(update={"to_be": a.to_be.model_copy(update={"goals": items})}),
    name_field="text",
    id_prefix="goal",
)


# --- step 3 ---------------------------------------------------------------------------------------

REQUIREMENTS = ListAdapter(
    "requirements",
    Requirement,
    (
        col(Requirement, "text", "col.requirement", width="large"),
        col(Requirement, "category", "col.req_category"),
        col(Requirement, "priority", "col.priority", labels="priority", help="help.priority"),
        col(Requirement, "criterion_ids", "col.criteria", width="medium"),
        col(Requirement, "source", "col.source"),
        col(Requirement, "notes", "col.notes"),
    ),
    "requirements",
    *top_level("requirements"),
    name_field="",
    id_prefix="req",
)

CRITERIA = ListAdapter(
    "criteria",
    Criterion,
    (
        col(Criterion, "name", "col.name", width="medium"),
        col(Criterion, "weight", "col.weight", step=0.5, default=1.0),
        col(Criterion, "group_id", "workshop_b.groups.col_group", help="workshop_b.groups.col_group_help"),
        col(Criterion, "kind", "col.kind", labels="kind"),
        col(Criterion, "unit", "col.unit", width="small"),
        col(Criterion, "direction", "col.direction", labels="direction"),
        col(Criterion, "best", "col.best", help="help.anchors"),
        col(Criterion, "worst", "col.worst", help="help.anchors"),
        col(Criterion, "value_source", "col.value_source", labels="value_source"),
        col(Criterion, "rank", "workshop.app.col_rank", help="workshop.app.criterion_rank_help"),
        col(
            Criterion, "weight_spread", "workshop.app.col_spread", step=0.05, help="workshop.app.criterion_spread_help"
        ),
        col(Criterion, "description", "col.description", width="medium"),
        Col("catalogue", "integrity.col_catalogue", disabled=True, width="medium", help="integrity.col_catalogue_help"),
    ),
    "criteria",
    *top_level("criteria"),
    id_prefix="crit",
    # The catalogue's label in the screen's language, read-only beside the criterion's own name.
    to_row=lambda ctx, c: {**c.model_dump(), "catalogue": catalogue_label(c, ctx.framework, ctx.lang)},
)


CRITERION_GROUPS = ListAdapter(
    "criterion_groups",
    CriterionGroup,
    (
        col(CriterionGroup, "name", "col.name", width="medium"),
        col(CriterionGroup, "weight", "col.weight", step=0.5, default=1.0),
        col(CriterionGroup, "description", "col.description", width="large"),
    ),
    "criterion_groups",
    *top_level("criterion_groups"),
    id_prefix="grp",
)


# --- step 4 ---------------------------------------------------------------------------------------


def _archetypes() -> tuple[Options, Fmt]:
    return (lambda ctx: [a.id for a in ctx.framework.archetypes]), (
        lambda ctx: lambda v: next((a.name.get(ctx.lang) for a in ctx.framework.archetypes if a.id == v), str(v))
    )


OPTIONS = ListAdapter(
    "options",
    Option,
    (
        col(Option, "name", "col.name", width="medium"),
        col(Option, "archetype", "col.archetype", source=_archetypes()),
        col(Option, "time_to_first_report_months", "col.ttfr", number_format="%.0f"),
        col(
            Option,
            "automation_pct",
            "workshop_b.view.col_automation",
            number_format="%.0f",
            help="workshop_b.view.automation_help",
        ),
        col(Option, "automation_from_year", "workshop_b.view.col_from_year", help="workshop_b.view.automation_help"),
        col(Option, "description", "col.description", width="large"),
    ),
    "options",
    *top_level("options"),
    id_prefix="opt",
)

ROADMAP = ListAdapter(
    "roadmap",
    RoadmapItem,
    (
        col(RoadmapItem, "title", "col.title", width="medium"),
        col(RoadmapItem, "phase", "col.phase"),
        col(RoadmapItem, "option_id", "col.option"),
        col(RoadmapItem, "start", "col.start"),
        col(RoadmapItem, "end", "col.end"),
        col(RoadmapItem, "depends_on", "col.depends_on"),
        col(RoadmapItem, "description", "col.description", width="medium"),
    ),
    "roadmap",
    *top_level("roadmap"),
    name_field="title",
    id_prefix="rm",
)


def _option_list(option_id: str, attr: str):  # noqa: ANN202 - a (get, put) pair
    def get(a: Assessment) -> list:
        return list(next((getattr(o, attr) for o in a.options if o.id == option_id), []))

    def put(a: Assessment, items: list) -> Assessment:
        options = [o.model_copy(update={attr: items}) if o.id == option_id else o for o in a.options]
        return a.model_copy(update={"options": options})

    return get, put


def _lines(assessment: Assessment, option_id: str, attr: str, label: str) -> ListAdapter:
    """An option's cost lines or benefit lines (``attr``): one shape (``CostLine``), one set of columns."""
    index = next(i for i, o in enumerate(assessment.options) if o.id == option_id)
    return ListAdapter(
        f"{attr} of {option_id}",
        CostLine,
        (
            col(CostLine, "label", label, width="large"),
            col(CostLine, "kind", "col.cost_kind", labels="cost_kind"),
            col(CostLine, "amount", "col.amount", number_format="localized"),
            col(CostLine, "start_year", "col.start_year", help="help.start_year"),
            col(CostLine, "years", "col.years", help="help.years"),
        ),
        f"options[{index}].{attr}",
        *_option_list(option_id, attr),
        id_field=None,
    )


def cost_lines(assessment: Assessment, option_id: str) -> ListAdapter:
    return _lines(assessment, option_id, "cost_lines", "col.cost_label")


def benefit_lines(assessment: Assessment, option_id: str) -> ListAdapter:
    """An option's other benefits (beyond the hours its automation saves), entered like cost lines."""
    return _lines(assessment, option_id, "benefit_lines", "workshop_b.view.col_benefit_label")


def risks(assessment: Assessment, option_id: str) -> ListAdapter:
    index = next(i for i, o in enumerate(assessment.options) if o.id == option_id)
    return ListAdapter(
        f"risks of {option_id}",
        Risk,
        (
            col(Risk, "text", "col.risk", width="large"),
            col(Risk, "likelihood", "col.likelihood"),
            col(Risk, "impact", "col.impact"),
            col(Risk, "mitigation", "col.mitigation", width="large"),
        ),
        f"options[{index}].risks",
        *_option_list(option_id, "risks"),
        id_field=None,
    )


# Variants of step 4 (app.variants_view): what each assumes differently from the assessment.
VARIANTS = ListAdapter(
    "variants",
    Variant,
    (
        col(Variant, "name", "col.name", width="medium"),
        col(Variant, "ambition", "workshop_b.variants.col_ambition"),
        col(Variant, "excluded_option_ids", "workshop_b.variants.col_left_out"),
        col(Variant, "horizon_years", "workshop_b.variants.col_horizon"),
        col(Variant, "discount_rate", "workshop_b.variants.col_discount", step=0.005, number_format="%.3f"),
        col(Variant, "hourly_rate", "workshop_b.variants.col_hourly", number_format="localized"),
        col(Variant, "description", "col.description", width="large"),
    ),
    "variants",
    *top_level("variants"),
    id_prefix="var",
)


# Model fields of a table's items that the table does not show, and why. The id of each item (the
# adapter's ``id_field``) is never a column: it is made from the name when a row is added and never
# typed, since every reference to the item holds it. tests/app/test_field_surfaces.py checks that
# every other field is a column or listed here.
HIDDEN_FIELDS: dict[type[BaseModel], dict[str, str]] = {
    Criterion: {
        "catalogue_id": "shown read-only as the catalogue criterion's label in the 'catalogue' column; set "
        "when a criterion is added from the catalogue",
    },
    Variant: {
        "weights": "a table of its own per variant (variants_view.variant_weights())",
        "options": "a table of its own per variant (variants_view.variant_options())",
    },
    Option: {
        "cost_lines": "a table of its own per option (cost_lines())",
        "benefit_lines": "a table of its own per option in the business case view (benefit_lines())",
        "risks": "a table of its own per option (risks())",
    },
}
