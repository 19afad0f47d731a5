"""Models of a framework definition: steps and guiding questions, maturity model, criteria catalogue,
option archetypes, vocabularies, survey benchmarks and the ESRS catalogue.

Framework models are frozen and forbid unknown keys, so a typo in a YAML file fails loudly with its
path instead of silently dropping content.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .assessment import CatalogueRef
from .fields import CriterionKind, Direction, Id, Priority

FORMAT_VERSION = 1


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Frozen):
    """User-visible framework text in every supported language."""

    en: Annotated[str, Field(min_length=1)]
    da: Annotated[str, Field(min_length=1)]

    def get(self, lang: str) -> str:
        """The text in ``lang`` (a field of this model), English for a language it does not have."""
        return getattr(self, lang) if lang in type(self).model_fields else self.en


class Term(Frozen):
    """One value of a vocabulary."""

    id: Id
    label: Localized
    description: Localized | None = None


class Question(Frozen):
    id: Id
    text: Localized
    help: Localized | None = None


class Section(Frozen):
    """A part of a step (e.g. data landscape, IT architecture, governance in step 1)."""

    id: Id
    title: Localized
    questions: list[Question] = []


class Step(Frozen):
    id: Literal["as_is", "to_be", "requirements", "scenarios"]
    number: Annotated[int, Field(ge=1, le=4)]
    title: Localized
    focus: Localized  # the short subtitle under the step in the report's drawing
    summary: Localized
    sections: list[Section] = []
    checklist: list[Question] = []


class MaturityLevelDef(Frozen):
    level: Annotated[int, Field(ge=1, le=5)]
    name: Localized
    stage: Literal["compliance", "operationalisation", "automation"]
    description: Localized


class MaturityDimension(Frozen):
    id: Id
    name: Localized
    description: Localized
    levels: list[Localized]  # descriptions for levels 1..5

    @model_validator(mode="after")
    def _five_levels(self) -> MaturityDimension:
        if len(self.levels) != 5:
            raise ValueError(f"dimension '{self.id}' must describe exactly 5 levels, got {len(self.levels)}")
        return self


class MaturityModel(Frozen):
    name: Localized
    levels: list[MaturityLevelDef]
    dimensions: list[MaturityDimension]

    @model_validator(mode="after")
    def _levels_one_to_five(self) -> MaturityModel:
        if [lv.level for lv in self.levels] != [1, 2, 3, 4, 5]:
            raise ValueError("maturity levels must be 1, 2, 3, 4, 5 in order")
        return self


class CatalogueCriterion(Frozen):
    id: Id
    name: Localized
    description: Localized
    kind: CriterionKind = CriterionKind.SCALE
    unit: str = ""
    direction: Direction = Direction.HIGHER_IS_BETTER
    default_weight: Annotated[float, Field(ge=0)]
    requirement_categories: list[str] = []  # requirement categories this criterion answers
    # The framework's own group of the criterion (issue 15): criteria are grouped by it in one click.
    group: Literal["functional", "technical", "economic", "organisational", "risk"] | None = None


class Archetype(Frozen):
    id: Id
    name: Localized
    description: Localized
    interim: bool = False  # a here-and-now solution meant as a bridge to a target solution
    strengths: list[Localized] = []
    risks: list[Localized] = []
    prior_scores: dict[str, Annotated[float, Field(ge=0, le=5)]] = {}  # catalogue criterion id -> 0-5
    typical_time_to_first_report_months: Annotated[float, Field(ge=0)] | None = None


class RequirementSuggestion(Frozen):
    id: Id
    text: Localized
    category: str
    priority: Priority
    criteria: list[str] = []  # catalogue criterion ids


class SurveyQuestion(Frozen):
    """A survey question from the report, with the share of Danish public organisations answering
    'to a high degree' and 'not at all or to a low degree'."""

    id: Id
    text: Localized
    high_pct: Annotated[float, Field(ge=0, le=100)]
    low_pct: Annotated[float, Field(ge=0, le=100)]


class EsrsStandard(Frozen):
    code: str  # "ESRS 2", "E1", ...
    name: Localized
    pillar: Literal["cross_cutting", "environment", "social", "governance"]


class DrProvenance(Frozen):
    """Where a DR's titles come from (the catalogue builder records it per row)."""

    title_en: str
    title_da: str


class DisclosureRequirement(Frozen):
    code: str  # "E1-6", "BP-1", "E1.IRO-1", "MDR-P", "B3"
    standard: str
    title: Localized  # as in the standard's text (English) and its Danish version or our translation
    datapoint_count: Annotated[int, Field(ge=0)] | None = None  # None: no datapoint list for this version
    provenance: DrProvenance | None = None


class EsrsCatalogue(Frozen):
    """One version of a reporting standard's disclosure requirements (the level the product may ship):
    ESRS Set 1 (2023), the amended ESRS (2026) or the voluntary standard for SMEs (VSME). Its DR codes
    mean what this version says: E1-5 is "Energy consumption and mix" in 2023 and "Actions and
    resources ..." in 2026, so a code is only ever shown with the catalogue it belongs to."""

    format: Literal["esg-workbench/esrs-catalogue"]
    format_version: int
    id: Id
    version: str
    kind: Literal["esrs", "vsme"]
    title: Localized
    short_name: str  # how a DR code's version is named beside it, in every language: "ESRS 2026"
    effective_from: date  # financial years starting on or after this date
    effective_to: date | None = None  # the last day a financial year may start under it; None: open
    legal_basis: str
    source: str
    always_reported: list[str]  # standards reported whatever the materiality outcome (ESRS 2; VSME Basic)
    standards: list[EsrsStandard]
    disclosure_requirements: list[DisclosureRequirement]

    @property
    def ref(self) -> CatalogueRef:
        return CatalogueRef(id=self.id, version=self.version)

    @cached_property
    def standard_codes(self) -> frozenset[str]:
        return frozenset(s.code for s in self.standards)

    @cached_property
    def dr_codes(self) -> frozenset[str]:
        return frozenset(d.code for d in self.disclosure_requirements)

    @cached_property
    def _by_code(self) -> dict[str, DisclosureRequirement]:
        return {d.code: d for d in self.disclosure_requirements}

    def dr(self, code: str) -> DisclosureRequirement | None:
        return self._by_code.get(code)

    def dr_title(self, code: str, lang: str = "en") -> str:
        """The DR's title in this version, "" for a code the version does not have."""
        found = self._by_code.get(code)
        return found.title.get(lang) if found else ""

    def dr_label(self, code: str, lang: str = "en") -> str:
        """'E1-5 · Actions and resources ...': a code shown in this version's terms."""
        title = self.dr_title(code, lang)
        return f"{code} · {title}" if title else code

    def standard_name(self, code: str, lang: str = "en") -> str:
        found = next((s for s in self.standards if s.code == code), None)
        return found.name.get(lang) if found else code


ReadinessRule = Literal["weakest", "mean"]


class ReadinessFactor(Frozen):
    """One property of a data source that readiness scores: the DataSource field, its vocabulary, the
    factor's weight in a source's score, the points (0-100) of every vocabulary value (null: the value
    says nothing is known, e.g. quality "unknown", and the source's readiness is then not known) and
    optional caps (a value that holds the whole source's score at or below a number)."""

    field: Id  # a DataSource field with a vocabulary: availability, quality, aggregation, ...
    vocabulary: Id
    name: Localized
    weight: Annotated[float, Field(gt=0, le=100)]
    points: dict[str, Annotated[int, Field(ge=0, le=100)] | None]
    caps: dict[str, Annotated[int, Field(ge=0, le=100)]] = {}


class ReadinessLevel(Frozen):
    """A readiness level: a score at or above ``min`` (and below the previous level's) is this level."""

    id: Id
    min: Annotated[int, Field(ge=0, le=100)]
    label: Localized
    description: Localized


class ReadinessRules(Frozen):
    """How ready the data behind a disclosure requirement is for automated reporting, as data
    (``readiness.yaml``): a source's score is the weighted mean of its factors' points, held at or below
    any cap its values set; a coverage item and a DR combine their sources by ``combine`` (``weakest``:
    the lowest source, since a DR needs all of its data; ``mean``); levels by threshold. A DR without a
    source, or with a source any factor of which is not known, is "not known", never scored."""

    title: Localized
    description: Localized
    factors: list[ReadinessFactor]
    combine: ReadinessRule = "weakest"
    levels: list[ReadinessLevel]  # best first; the last one's min is 0
    not_known: Localized  # the name of the level of a DR whose readiness is not known
    not_known_description: Localized

    def level(self, score: float | None) -> str:
        """The id of the level ``score`` falls in; "not_known" for None."""
        if score is None:
            return NOT_KNOWN
        return next((lv.id for lv in self.levels if score >= lv.min), self.levels[-1].id)

    def level_label(self, level_id: str, lang: str = "en") -> str:
        if level_id == NOT_KNOWN:
            return self.not_known.get(lang)
        return next((lv.label.get(lang) for lv in self.levels if lv.id == level_id), level_id)

    @property
    def level_ids(self) -> tuple[str, ...]:
        """Every level, best first, then "not_known"."""
        return (*(lv.id for lv in self.levels), NOT_KNOWN)


NOT_KNOWN = "not_known"


def _catalogue_key(ref: CatalogueRef | tuple[str, str]) -> tuple[str, str]:
    return (ref.id, ref.version) if isinstance(ref, CatalogueRef) else (ref[0], ref[1])


class Framework(Frozen):
    """A complete framework version: everything the app shows and the validator checks against."""

    format: Literal["esg-workbench/framework"]
    format_version: int
    id: Id
    version: str
    title: Localized
    source: str
    steps: list[Step]
    maturity_model: MaturityModel
    criteria_catalogue: list[CatalogueCriterion]
    archetypes: list[Archetype]
    requirement_suggestions: list[RequirementSuggestion] = []
    survey: list[SurveyQuestion] = []
    vocabularies: dict[str, list[Term]]
    readiness: ReadinessRules  # the readiness rules (readiness.yaml; ``esg_workbench.readiness``)
    # Every catalogue an assessment of this framework may name, and the one in use: a framework as
    # loaded has its default catalogue in ``esrs``; :meth:`with_catalogue` gives the same framework
    # working against the catalogue an assessment names (``catalogues.framework_for``).
    catalogues: list[EsrsCatalogue]
    default_catalogue: CatalogueRef
    esrs: EsrsCatalogue

    # Every vocabulary's ids, built once: the validator asks for them once per value it checks, and the
    # model is frozen, so the sets cannot go stale. Derived vocabularies (not listed under
    # ``vocabularies``, made from other content) take precedence, as they always have.
    @cached_property
    def _vocabulary_index(self) -> dict[str, frozenset[str]]:
        index = {name: frozenset(t.id for t in terms) for name, terms in self.vocabularies.items()}
        index.update(
            maturity_dimension=frozenset(d.id for d in self.maturity_model.dimensions),
            archetype=frozenset(a.id for a in self.archetypes),
            criterion=frozenset(c.id for c in self.criteria_catalogue),
            survey_question=frozenset(q.id for q in self.survey),
        )
        return index

    def catalogue(self, ref: CatalogueRef | tuple[str, str]) -> EsrsCatalogue | None:
        """The catalogue ``ref`` names, None if this framework does not offer it."""
        key = _catalogue_key(ref)
        return next((c for c in self.catalogues if (c.id, c.version) == key), None)

    @property
    def catalogues_offered(self) -> str:
        """'esrs-amended 2026, esrs-set1 2023, vsme 2025': what a message says may be chosen."""
        return ", ".join(str(c.ref) for c in self.catalogues)

    def with_catalogue(self, ref: CatalogueRef | tuple[str, str]) -> Framework:
        """This framework working against catalogue ``ref`` (``esrs`` is that catalogue); KeyError if
        the framework does not offer it. Cached per catalogue: frameworks are frozen."""
        key = _catalogue_key(ref)
        if (self.esrs.id, self.esrs.version) == key:
            return self
        cache = self.__dict__.setdefault("_with_catalogue", {})
        if key not in cache:
            catalogue = self.catalogue(key)
            if catalogue is None:
                raise KeyError(f"framework {self.id} {self.version} offers no catalogue {key[0]} {key[1]}")
            cache[key] = self.model_copy(update={"esrs": catalogue})
        return cache[key]

    def for_assessment(self, assessment: object) -> Framework:
        """This framework working against the catalogue ``assessment`` names (anything with a
        ``catalogue`` ref). KeyError names the catalogue when this framework does not offer it."""
        return self.with_catalogue(assessment.catalogue)  # type: ignore[attr-defined]

    def vocabulary_ids(self, name: str) -> frozenset[str]:
        try:
            return self._vocabulary_index[name]
        except KeyError:
            raise KeyError(f"framework {self.id} {self.version} has no vocabulary '{name}'") from None

    def label(self, vocabulary: str, term_id: str, lang: str = "en") -> str:
        """The display label of a vocabulary value; unknown values are shown as they are."""
        for term in self.vocabularies.get(vocabulary, []):
            if term.id == term_id:
                return term.label.get(lang)
        return term_id

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def archetype(self, archetype_id: str) -> Archetype:
        return next(a for a in self.archetypes if a.id == archetype_id)

    def catalogue_criterion(self, criterion_id: str) -> CatalogueCriterion:
        return next(c for c in self.criteria_catalogue if c.id == criterion_id)


MappingKind = Literal["same", "renamed", "merged_into", "moved_to_esrs2", "split", "dropped"]
# How many target DRs a row of each kind names: one (the item moves there), two or more (a person
# chooses among them), none.
SINGLE_TARGET_KINDS: tuple[str, ...] = ("same", "renamed", "merged_into", "moved_to_esrs2")


class MappingRow(Frozen):
    """What became of one DR of the older version in the newer one."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_code: str = Field(alias="from")
    kind: MappingKind
    to: list[str] = []
    note: str = ""


class CatalogueMapping(Frozen):
    """A mapping from the DRs of one catalogue version to another's, as data (``frameworks/esrs/mappings``).
    Judgement, not extraction: where a DR was split or dropped there is no honest single target."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    format: Literal["esg-workbench/catalogue-mapping"]
    format_version: int
    id: Id
    version: str
    from_catalogue: CatalogueRef = Field(alias="from")
    to_catalogue: CatalogueRef = Field(alias="to")
    as_of: date
    source: str
    rows: list[MappingRow]

    @cached_property
    def by_code(self) -> dict[str, MappingRow]:
        return {r.from_code: r for r in self.rows}
