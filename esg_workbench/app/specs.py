"""The editable tables of the assessment's lists: typed columns with drop-downs from the framework's
vocabularies and from the assessment's own items (shown by name, stored by id)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..domain.assessment import (
    Assessment,
    CostLine,
    Coverage,
    Criterion,
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
)
from ..domain.fields import CostKind, CoverageStatus, CriterionKind, Direction, Horizon, Priority
from .display import catalogue_label, criterion_name, dr_label, option_name, standard_label
from .i18n import t
from .tables import Col, Ctx, ListAdapter

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
        labels = {d.code: f"{d.code} · {d.title}" for d in ctx.framework.esrs.disclosure_requirements}
        return lambda v: labels.get(v, dr_label(v, ctx.framework))

    return (lambda ctx: [d.code for d in ctx.framework.esrs.disclosure_requirements]), fmt


def select(field: str, label: str, source: tuple[Options, Fmt], **kw: Any) -> Col:
    return Col(field, label, "select", options=source[0], fmt=source[1], **kw)


def multi(field: str, label: str, source: tuple[Options, Fmt], **kw: Any) -> Col:
    return Col(field, label, "multiselect", options=source[0], fmt=source[1], **kw)


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
        Col("name", "col.name", required=True, width="medium"),
        select("source_type", "col.source_type", vocab("data_source_type"), required=True),
        select("system_id", "col.system", refs("systems"), help="help.system"),
        multi("esrs_standards", "col.esrs_standards", standards()),
        # Read-only: a source is linked to a DR by a coverage item (the one link; see domain.migrations).
        multi(
            "linked_drs", "col.disclosure_requirements", drs(), width="medium", disabled=True, help="numbers.linked_drs"
        ),
        select("availability", "col.availability", vocab("availability"), required=True),
        select("quality", "col.quality", vocab("data_quality"), required=True),
        select("aggregation", "col.aggregation", vocab("aggregation"), required=True),
        select("collection_frequency", "col.frequency", vocab("frequency"), required=True),
        select("owner_role_id", "col.owner", refs("roles")),
        Col("manual_effort_hours_per_year", "col.manual_hours", "float", min=0, number_format="%.0f"),
        Col("description", "col.description", width="medium"),
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
        Col("name", "col.name", required=True, width="medium"),
        select("category", "col.category", vocab("system_category"), required=True),
        Col("product", "col.product"),
        Col("vendor", "col.vendor"),
        select("hosting", "col.hosting", vocab("hosting")),
        multi("integration_options", "col.integration_options", vocab("integration_method"), width="medium"),
        select("disposition", "col.disposition", vocab("disposition"), help="help.disposition"),
        select("owner_role_id", "col.owner", refs("roles")),
        Col("notes", "col.notes", width="medium"),
    ),
    "systems",
    *top_level("systems"),
    id_prefix="system",
)

DATA_FLOWS = ListAdapter(
    "data_flows",
    DataFlow,
    (
        select("from_id", "col.from", refs("data_sources", "systems"), required=True, width="medium"),
        select("to_id", "col.to", refs("data_sources", "systems", extra=("report",)), required=True, width="medium"),
        select("method", "col.method", vocab("integration_method"), required=True),
        select("frequency", "col.frequency", vocab("frequency")),
        Col("automated", "col.automated", "bool", default=False),
        Col("notes", "col.notes", width="medium"),
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
        Col("name", "col.name", required=True, width="medium"),
        select("role_type", "col.role_type", vocab("role_type"), required=True, help="help.role_type"),
        Col("holder", "col.holder"),
        Col("responsibilities", "col.responsibilities", width="large"),
        Col("notes", "col.notes"),
    ),
    "roles",
    *top_level("roles"),
    id_prefix="role",
)

PROCESSES = ListAdapter(
    "processes",
    ReportingProcess,
    (
        select("stage", "col.stage", vocab("process_stage"), required=True),
        Col("description", "col.description", width="large"),
        select("state", "col.process_state", vocab("process_state"), required=True),
        select("owner_role_id", "col.owner", refs("roles")),
        multi("system_ids", "col.systems", refs("systems"), width="medium"),
        Col("pain_points", "col.pain_points", width="medium"),
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
        select("disclosure_requirement", "col.dr", drs(), required=True, width="medium"),
        Col("datapoint_id", "col.datapoint", help="help.datapoint"),
        multi("data_source_ids", "col.sources", refs("data_sources"), width="medium"),
        select("status", "col.status", enum([s.value for s in CoverageStatus], "status"), required=True),
        select("integration_needed", "col.integration_needed", vocab("integration_method")),
        Col("notes", "col.notes", width="medium"),
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
        Col("text", "col.goal", required=True, width="large"),
        select("horizon", "col.horizon", enum([h.value for h in Horizon], "horizon"), required=True),
        Col("target_year", "col.target_year", "int", min=2024, max=2060, number_format="%d"),
        Col("kpi", "col.kpi", width="medium"),
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
        Col("text", "col.requirement", required=True, width="large"),
        select("category", "col.req_category", vocab("requirement_category"), default="business"),
        select(
            "priority",
            "col.priority",
            enum([p.value for p in Priority], "priority"),
            required=True,
            help="help.priority",
        ),
        multi("criterion_ids", "col.criteria", refs("criteria"), width="medium"),
        Col("source", "col.source"),
        Col("notes", "col.notes"),
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
        Col("name", "col.name", required=True, width="medium"),
        Col("weight", "col.weight", "float", min=0, step=0.5, required=True, default=1.0),
        select("kind", "col.kind", enum([k.value for k in CriterionKind], "kind"), default="scale"),
        Col("unit", "col.unit", width="small"),
        select(
            "direction", "col.direction", enum([d.value for d in Direction], "direction"), default="higher_is_better"
        ),
        Col("best", "col.best", "float", help="help.anchors"),
        Col("worst", "col.worst", "float", help="help.anchors"),
        select(
            "value_source",
            "col.value_source",
            enum(["score", "tco", "time_to_first_report"], "value_source"),
            default="score",
        ),
        Col("description", "col.description", width="medium"),
        Col("catalogue", "integrity.col_catalogue", disabled=True, width="medium", help="integrity.col_catalogue_help"),
    ),
    "criteria",
    *top_level("criteria"),
    id_prefix="crit",
    # The catalogue's label in the screen's language, read-only beside the criterion's own name.
    to_row=lambda ctx, c: {**c.model_dump(), "catalogue": catalogue_label(c, ctx.framework, ctx.lang)},
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
        Col("name", "col.name", required=True, width="medium"),
        select("archetype", "col.archetype", _archetypes(), required=True),
        Col("time_to_first_report_months", "col.ttfr", "float", min=0, number_format="%.0f"),
        Col("description", "col.description", width="large"),
    ),
    "options",
    *top_level("options"),
    id_prefix="opt",
)

ROADMAP = ListAdapter(
    "roadmap",
    RoadmapItem,
    (
        Col("title", "col.title", required=True, width="medium"),
        select("phase", "col.phase", vocab("roadmap_phase"), required=True),
        select("option_id", "col.option", refs("options")),
        Col("start", "col.start", "date", required=True),
        Col("end", "col.end", "date", required=True),
        multi("depends_on", "col.depends_on", refs("roadmap")),
        Col("description", "col.description", width="medium"),
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


def cost_lines(assessment: Assessment, option_id: str) -> ListAdapter:
    index = next(i for i, o in enumerate(assessment.options) if o.id == option_id)
    return ListAdapter(
        f"cost_lines of {option_id}",
        CostLine,
        (
            Col("label", "col.cost_label", required=True, width="large"),
            select("kind", "col.cost_kind", enum([k.value for k in CostKind], "cost_kind"), required=True),
            Col("amount", "col.amount", "float", min=0, required=True, number_format="localized"),
            Col("start_year", "col.start_year", "int", min=0, max=50, default=0, help="help.start_year"),
            Col("years", "col.years", "int", min=1, max=50, help="help.years"),
        ),
        f"options[{index}].cost_lines",
        *_option_list(option_id, "cost_lines"),
        id_field=None,
    )


def risks(assessment: Assessment, option_id: str) -> ListAdapter:
    index = next(i for i, o in enumerate(assessment.options) if o.id == option_id)
    return ListAdapter(
        f"risks of {option_id}",
        Risk,
        (
            Col("text", "col.risk", required=True, width="large"),
            Col("likelihood", "col.likelihood", "int", min=1, max=5, default=3),
            Col("impact", "col.impact", "int", min=1, max=5, default=3),
            Col("mitigation", "col.mitigation", width="large"),
        ),
        f"options[{index}].risks",
        *_option_list(option_id, "risks"),
        id_field=None,
    )
