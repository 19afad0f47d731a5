"""The input sheets of the decision workbook, column by column, and the order of all sheets.

Every field of the assessment has exactly one column here (a test checks it against the model), with
its kind, width and range, so export and import cannot drift apart.
"""

from __future__ import annotations

from .layout import LISTS_SHEET, Column, FormSheet, Kind, TableSheet


def _id(width: float = 16) -> Column:
    return Column("id", Kind.ID, width, max_length=64)


def _ref(name: str, *refs: str, width: float = 16, label: bool = False, extra: tuple[str, ...] = ()) -> Column:
    return Column(name, Kind.REF, width, refs=refs, label=label, extra=extra)


def _vocab(name: str, vocab: str, width: float = 18, label: bool = True) -> Column:
    return Column(name, Kind.VOCAB, width, vocab=vocab, label=label)


def _enum(name: str, values: tuple[str, ...], width: float = 14) -> Column:
    return Column(name, Kind.ENUM, width, values=values)


def _text(name: str, width: float = 40) -> Column:
    return Column(name, Kind.TEXT, width)


def _name(name: str = "name", width: float = 28) -> Column:
    return Column(name, Kind.NAME, width, max_length=500)


def _list(name: str, item: Kind, *, vocab: str | None = None, refs: tuple[str, ...] = (), width: float = 22) -> Column:
    return Column(name, Kind.LIST, width, item=item, vocab=vocab, refs=refs)


def _num(
    name: str, lo: float | None = None, hi: float | None = None, width: float = 12, fmt: str = "General"
) -> Column:
    return Column(name, Kind.NUMBER, width, minimum=lo, maximum=hi, num_format=fmt)


def _int(name: str, lo: int | None = None, hi: int | None = None, width: float = 10) -> Column:
    return Column(name, Kind.INT, width, minimum=lo, maximum=hi, num_format="0")


PRIORITIES = ("must", "should", "could", "wont")
STATUSES = ("automated", "manual", "partial", "gap", "not_assessed")
KINDS = ("scale", "quantitative")
DIRECTIONS = ("higher_is_better", "lower_is_better")
VALUE_SOURCES = ("score", "tco", "time_to_first_report")
COST_KINDS = ("one_off", "yearly")
HORIZONS = ("short", "long")
LANGUAGES = ("en", "da")
WEIGHTING_METHODS = ("direct", "points", "moscow_rank", "ahp")

ASSESSMENT = FormSheet(
    "assessment",
    (
        Column("id", Kind.ID, max_length=64),
        _name("title"),
        Column("framework.id", Kind.ID, max_length=64),
        Column("framework.version", Kind.TEXT),
        Column("created_at", Kind.DATETIME),
        Column("updated_at", Kind.DATETIME),
        _name("organisation.name"),
        _vocab("organisation.sector", "sector"),
        _int("organisation.employees", 0),
        _num("organisation.annual_revenue_mdkk", 0),
        Column("organisation.country", Kind.TEXT, max_length=2),
        _int("organisation.first_reporting_year", 2024, 2040),
        _enum("organisation.language", LANGUAGES),
        _text("organisation.description"),
    ),
    step=0,
)

ROLES = TableSheet(
    "roles",
    "roles",
    (_id(), _name(), _vocab("role_type", "role_type"), _text("holder", 24), _text("responsibilities"), _text("notes")),
    step=1,
)

SYSTEMS = TableSheet(
    "systems",
    "systems",
    (
        _id(),
        _name(),
        _vocab("category", "system_category"),
        _text("product", 20),
        _text("vendor", 18),
        _vocab("hosting", "hosting", 14),
        _list("integration_options", Kind.VOCAB, vocab="integration_method"),
        _vocab("disposition", "disposition", 12),
        _ref("owner_role_id", "roles"),
        _text("notes"),
    ),
    step=1,
)

DATA_SOURCES = TableSheet(
    "data_sources",
    "data_sources",
    (
        _id(),
        _name(),
        _text("description"),
        _list("esrs_standards", Kind.ESRS_STANDARD, width=16),
        _vocab("source_type", "data_source_type"),
        _ref("system_id", "systems"),
        _ref("owner_role_id", "roles"),
        _vocab("availability", "availability"),
        _vocab("quality", "data_quality", 12),
        _vocab("aggregation", "aggregation"),
        _vocab("collection_frequency", "frequency", 14),
        _num("manual_effort_hours_per_year", 0),
        _text("notes"),
    ),
    step=1,
)

DATA_FLOWS = TableSheet(
    "data_flows",
    "data_flows",
    (
        _id(),
        _ref("from_id", "data_sources", "systems", width=18),
        _ref("to_id", "data_sources", "systems", width=18, extra=("report",)),
        _vocab("method", "integration_method"),
        _vocab("frequency", "frequency", 14),
        Column("automated", Kind.BOOL, 11),
        _text("notes"),
    ),
    step=1,
)

PROCESSES = TableSheet(
    "processes",
    "processes",
    (
        _id(),
        _vocab("stage", "process_stage", 14),
        _text("description"),
        _vocab("state", "process_state", 16),
        _ref("owner_role_id", "roles"),
        _list("system_ids", Kind.REF, refs=("systems",)),
        _text("pain_points"),
    ),
    step=1,
)

MATERIAL_TOPICS = TableSheet(
    "material_topics",
    "material_topics",
    (
        Column("esrs", Kind.ESRS_STANDARD, 12, label=True),
        Column("material", Kind.BOOL, 11),
        Column("impact_material", Kind.BOOL, 11),
        Column("financial_material", Kind.BOOL, 11),
        _text("rationale", 50),
    ),
    step=1,
)

COVERAGE = TableSheet(
    "coverage",
    "coverage",
    (
        _id(),
        Column("disclosure_requirement", Kind.ESRS_DR, 14, label=True),
        Column("datapoint_id", Kind.TEXT, 16, max_length=64),
        _list("data_source_ids", Kind.REF, refs=("data_sources",)),
        _enum("status", STATUSES, 12),
        _vocab("integration_needed", "integration_method"),
        _text("notes"),
    ),
    step=1,
    computed=("standard",),
)

TO_BE = FormSheet(
    "to_be",
    (
        _text("to_be.vision"),
        _vocab("to_be.ambition", "ambition_level"),
        _vocab("to_be.reporting_frequency", "frequency"),
        _num("to_be.automation_target_pct", 0, 100),
        _text("to_be.governance"),
        _text("to_be.support"),
    ),
    step=2,
)

GOALS = TableSheet(
    "goals",
    "to_be.goals",
    (
        _id(),
        Column("text", Kind.TEXT, 50, max_length=32_767),
        _enum("horizon", HORIZONS, 10),
        _int("target_year", 2024, 2060),
        _text("kpi", 30),
    ),
    step=2,
)

MATURITY = TableSheet(
    "maturity",
    "to_be.maturity",
    (
        _vocab("dimension", "maturity_dimension", 16),
        _int("current", 1, 5),
        _int("target_short", 1, 5),
        _int("target_long", 1, 5),
        _text("notes"),
    ),
    step=2,
    computed=("gap",),
)

SURVEY = TableSheet(
    "survey",
    "to_be.survey",
    (_vocab("question", "survey_question", 18), _vocab("answer", "survey_answer", 12)),
    step=2,
    computed=("high_pct", "low_pct"),
)

REQUIREMENTS = TableSheet(
    "requirements",
    "requirements",
    (
        _id(),
        Column("text", Kind.TEXT, 50, max_length=32_767),
        _vocab("category", "requirement_category", 16),
        _enum("priority", PRIORITIES, 10),
        _text("source", 18),
        _list("criterion_ids", Kind.REF, refs=("criteria",)),
        _text("notes"),
    ),
    step=3,
)

CRITERIA = TableSheet(
    "criteria",
    "criteria",
    (
        _id(),
        _name(),
        _text("description"),
        _num("weight", 0),
        _enum("kind", KINDS, 13),
        _text("unit", 8),
        _enum("direction", DIRECTIONS, 16),
        _num("best", width=13),
        _num("worst", width=13),
        _enum("value_source", VALUE_SOURCES, 18),
        _vocab("catalogue_id", "criterion", 18, label=False),
    ),
    step=4,
    computed=("weight_share",),
)

PAIRWISE = TableSheet(
    "pairwise",
    "weighting.pairwise",
    (_ref("a", "criteria", label=True), _ref("b", "criteria", label=True), _num("ratio", 1 / 9, 9)),
    step=4,
)

OPTIONS = TableSheet(
    "options",
    "options",
    (
        _id(),
        _name(),
        _vocab("archetype", "archetype", 18),
        _text("description", 50),
        _num("time_to_first_report_months", 0),
    ),
    step=4,
    computed=("tco",),
)

COST_LINES = TableSheet(
    "cost_lines",
    "cost_lines",
    (
        _ref("option_id", "options", label=True),
        _name("label"),
        _enum("kind", COST_KINDS, 10),
        _num("amount", 0, fmt="#,##0"),
        _int("start_year", 0, 50),
        _int("years", 1, 50),
    ),
    step=4,
    parent=("options", "option_id"),
    computed=("present_value",),
)

RISKS = TableSheet(
    "risks",
    "risks",
    (
        _ref("option_id", "options", label=True),
        Column("text", Kind.TEXT, 45, max_length=32_767),
        _int("likelihood", 1, 5),
        _int("impact", 1, 5),
        _text("mitigation"),
    ),
    step=4,
    parent=("options", "option_id"),
    computed=("exposure",),
)

SCORES = TableSheet(
    "scores",
    "scores",
    (
        _ref("option_id", "options", label=True),
        _ref("criterion_id", "criteria", label=True),
        _num("value"),
        _num("low"),
        _num("high"),
        _text("rationale"),
    ),
    step=4,
)

CHECKS = TableSheet(
    "must_have_checks",
    "must_have_checks",
    (
        _ref("option_id", "options", label=True),
        _ref("requirement_id", "requirements"),
        Column("met", Kind.BOOL, 9),
        _text("note"),
    ),
    step=4,
    computed=("priority",),
)

ROADMAP = TableSheet(
    "roadmap",
    "roadmap",
    (
        _id(),
        _name("title"),
        _vocab("phase", "roadmap_phase", 12),
        _ref("option_id", "options"),
        Column("start", Kind.DATE, 12, num_format="yyyy-mm-dd"),
        Column("end", Kind.DATE, 12, num_format="yyyy-mm-dd"),
        _list("depends_on", Kind.REF, refs=("roadmap",), width=16),
        _text("description"),
    ),
    step=4,
)

SETTINGS = FormSheet(
    "settings",
    (
        Column("settings.currency", Kind.TEXT, max_length=3),
        _int("settings.horizon_years", 1, 30),
        _num("settings.discount_rate", 0, 0.5, fmt="0.0#%"),
        _enum("weighting.method", WEIGHTING_METHODS),
        _ref("decision.option_id", "options"),
        _ref("decision.interim_option_id", "options"),
        _text("decision.rationale"),
        Column("decision.decided_on", Kind.DATE, num_format="yyyy-mm-dd"),
    ),
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
    CRITERIA,
    PAIRWISE,
    OPTIONS,
    COST_LINES,
    RISKS,
    SCORES,
    CHECKS,
    ROADMAP,
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
    "to_be",
    "goals",
    "maturity",
    "survey",
    "requirements",
    "criteria",
    "pairwise",
    "options",
    "cost_lines",
    "tco",
    "risks",
    "scores",
    "scoring",
    "must_have_checks",
    "gates",
    "ranking",
    "sensitivity",
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
    "tco": 4,
    "scoring": 4,
    "gates": 4,
    "ranking": 4,
    "sensitivity": 4,
    "method": 5,
    LISTS_SHEET: 5,
}


# Input columns of workbooks written in an earlier schema version, still read so that nothing entered
# there is lost; domain.migrations moves their values (schema 1: a data source's DRs -> coverage items).
LEGACY_COLUMNS: dict[str, tuple[Column, ...]] = {
    "data_sources": (_list("disclosure_requirements", Kind.ESRS_DR, width=20),),
}
