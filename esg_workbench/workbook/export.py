"""Exporting an assessment as the decision workbook (.xlsx): the input sheets, the live decision sheets
and the report sheets, in the chosen language.

The workbook is built in memory and written in one step, so a refused value (text Excel would change)
leaves no half-written file behind.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from .. import __version__
from ..chain import chain_of
from ..coverage import coverage_summary
from ..domain import Assessment, AssessmentInvalid, Problem
from ..domain.framework import Framework
from ..domain.results import ScoreResult
from ..gc_pause import collector_paused
from ..messages import LANGUAGES
from ..readiness import readiness_summary
from ..scoring import DEFAULT_SAMPLES, DEFAULT_SEED, score
from ..scoring.cost import tco_all
from ..scoring.recommendation import AsIs, recommend
from .book import Book, ExactWorkbook, FormPos, release
from .business_case_sheet import write_business_case
from .chain_sheet import write_chain
from .comparison_sheet import write_comparison
from .coverage_sheet import write_esrs_coverage
from .formula_values import LiveValues
from .help_columns import COMPUTED
from .layout import FormSheet, TableSheet, ids_name
from .lists_sheet import used_vocabularies, vocab_terms, write_lists
from .method_sheet import write_method
from .readiness_sheet import write_readiness
from .roadmap_view import roadmap_gantt
from .scoring_sheets import gates_layout, scoring_layout, write_gates, write_ranking, write_scoring
from .sheet_columns import FORMS, INPUT_SHEETS, SHEET_ORDER, TABLES
from .summary_sheet import maturity_chart, write_sensitivity, write_summary, write_unscored
from .tco_sheet import write_tco
from .write_inputs import table_positions, write_form, write_table

NAME_FIELDS = {"requirements": "text", "roadmap": "title"}  # the field that names an item (default "name")
# Sheets that need a score result.
SCORED = ("scoring", "gates", "ranking", "sensitivity", "business_case", "comparison")
PROTECTED = (
    "summary",
    "esrs_coverage",
    "readiness",
    "chain",
    "tco",
    "business_case",
    "comparison",
    "scoring",
    "gates",
    "ranking",
    "sensitivity",
    "method",
)


def export_workbook(
    assessment: Assessment,
    path: str | os.PathLike[str] | BinaryIO,
    lang: str = "en",
    *,
    framework: Framework | None = None,
    result: ScoreResult | None = None,
    revision: int | None = None,
    samples: int = DEFAULT_SAMPLES,
) -> None:
    """Write the decision workbook to ``path`` (a file path, written atomically, or a binary file object).

    ``lang`` is "en" or "da". ``result`` is the ``scoring.score`` result to report (computed with
    ``samples`` Monte Carlo draws when None; its recommendation is written with ``framework``'s labels,
    by default the assessment's framework); the live sheets always show the weighted sum. ``revision``
    is the store revision shown on the summary. Raises AssessmentInvalid listing every value that cannot
    be stored in a workbook exactly."""
    data = export_workbook_bytes(
        assessment, lang, framework=framework, result=result, revision=revision, samples=samples
    )
    if hasattr(path, "write"):
        path.write(data)  # type: ignore[union-attr]
        return
    _write_atomically(Path(path), data)


def export_workbook_bytes(
    assessment: Assessment,
    lang: str = "en",
    *,
    framework: Framework | None = None,
    result: ScoreResult | None = None,
    revision: int | None = None,
    samples: int = DEFAULT_SAMPLES,
) -> bytes:
    """The decision workbook as bytes (for a download button); arguments as :func:`export_workbook`."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be {' or '.join(repr(x) for x in LANGUAGES)}, not {lang!r}")
    with collector_paused():  # a tuple per cell, no cycles: see gc_pause
        return _workbook_bytes(assessment, lang, framework, result, revision, samples)


def _workbook_bytes(
    assessment: Assessment,
    lang: str,
    framework: Framework | None,
    result: ScoreResult | None,
    revision: int | None,
    samples: int,
) -> bytes:
    framework = framework.for_assessment(assessment) if framework is not None else _framework_of(assessment)
    result, unscored = _results(assessment, framework, result, samples)
    buffer = io.BytesIO()
    workbook = ExactWorkbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    book = Book(workbook, assessment, framework, lang, result=result, revision=revision, unscored=unscored)
    book.comparison = _comparison(assessment, framework, result, samples)
    problems: list[Problem] = []
    _prepare(book)
    for key in SHEET_ORDER:
        _write_sheet(book, key, problems)
    if problems:
        workbook.close()
        raise AssessmentInvalid(problems, "workbook export")
    _properties(book)
    workbook.close()
    release(workbook)
    return buffer.getvalue()


def _results(
    assessment: Assessment, framework: Framework, result: ScoreResult | None, samples: int
) -> tuple[ScoreResult | None, list[Problem]]:
    """The result to report, or why there is none (no criteria yet, all weights zero...)."""
    if result is None:
        try:
            return score(assessment, framework=framework, samples=samples), []
        except AssessmentInvalid as exc:
            return None, list(exc.problems)
    return _with_framework(result, assessment, framework), []


def _comparison(assessment: Assessment, framework: Framework, result: ScoreResult | None, samples: int):  # noqa: ANN202
    """The variants side by side (the base with the reported result's method), None without variants or
    when the base cannot be scored."""
    if not assessment.variants or result is None:
        return None
    from ..scoring.variants import compare

    seed = result.sensitivity.seed if result.sensitivity.seed is not None else DEFAULT_SEED
    return compare(assessment, result.method, framework=framework, samples=samples, seed=seed)


def _with_framework(result: ScoreResult, assessment: Assessment, framework: Framework) -> ScoreResult:
    """A caller's result with its recommendation built with the workbook's framework. A result scored
    without one names archetypes by id ("hybrid platform", not "Hybrid data platform") and takes only
    "spreadsheet_interim" as an interim; the recommendation is made from the result's own ranking,
    explanations and sensitivity, so no number changes and nothing is simulated again. Step 1's findings
    (coverage, readiness, chain flags) depend on the assessment and its catalogue alone: those of a
    result of this assessment scored with a framework working against the same catalogue are taken as
    they are."""
    rec = result.recommendation
    same = (
        result.assessment_id == assessment.id
        and rec.readiness is not None
        and rec.coverage is not None
        and rec.coverage.catalogue == framework.esrs.short_name
    )
    recommendation = recommend(
        assessment,
        framework,
        method=result.method,
        ranking=result.ranking,
        eligible=result.eligible,
        explanations=result.explanations,
        sensitivity=result.sensitivity,
        costs=result.costs,
        business_case=result.business_case,
        as_is=AsIs(rec.coverage, rec.readiness, rec.chain_flags) if same else None,
    )
    return result.model_copy(update={"recommendation": recommendation})


def _framework_of(assessment: Assessment) -> Framework:
    from ..frameworks import framework_for_assessment

    return framework_for_assessment(assessment)


def _prepare(book: Book) -> None:
    """Everything the sheets refer to before any is written: labels, names, positions, live values."""
    a, fw = book.assessment, book.framework
    book.data = a.model_dump()
    book.labels = {v: dict(vocab_terms(fw, v, book.lang)) for v in used_vocabularies()}
    book.dr_standard = {d.code: d.standard for d in fw.esrs.disclosure_requirements}
    # The result's recommendation was made with this framework (``_results``): its coverage and readiness
    # are the workbook's, not computed again.
    rec = book.result.recommendation if book.result is not None else None
    book.coverage = (rec.coverage if rec is not None else None) or coverage_summary(a, fw)
    book.readiness = (rec.readiness if rec is not None else None) or readiness_summary(a, fw, book.coverage)
    book.chain = chain_of(a, fw, book.coverage)
    book.survey_bench = {q.id: (q.high_pct, q.low_pct) for q in fw.survey}
    counts = {spec.key: len(_items(book.data, spec)) for spec in TABLES}
    table_positions(book, counts, list(TABLES))
    for spec in FORMS:
        book.forms[spec.key] = FormPos(spec, book.name(spec.key))
    for spec in TABLES:
        if any(c.field == "id" for c in spec.columns):
            name_field = NAME_FIELDS.get(spec.key, "name")
            book.names_of[spec.key] = {item["id"]: item.get(name_field, "") for _, item in _items(book.data, spec)}
    result = book.result
    if result is not None and result.method != "weighted-sum":
        # The live sheets compute the weighted sum; their cached values must be the engine's weighted sum.
        result = score(a, framework=fw, samples=0)
    book.live = LiveValues(a, result.costs if result else tco_all(a.options, a.settings), result)
    book.report_rows["gates"] = gates_layout(book)
    book.report_rows["scoring"] = scoring_layout(book)
    _define_names(book)


def _define_names(book: Book) -> None:
    for key, pos in book.tables.items():
        if "id" in pos.fields:
            book.define(ids_name(key), pos.live_range("id"))
            name_field = NAME_FIELDS.get(key, "name")
            if name_field in pos.fields:
                book.define(f"names_{key}", pos.live_range(name_field))
    settings = book.forms["settings"]
    book.define("horizon_years", settings.cell("settings.horizon_years"))
    book.define("discount_rate", settings.cell("settings.discount_rate"))
    for spec in TABLES:
        if spec.key == "scores":
            pos = book.tables[spec.key]
            for field_id in ("option_id", "criterion_id", "value"):
                book.define(f"scores_{field_id.removesuffix('_id')}", pos.live_range(field_id))
    book.define("weights_input", book.tables["criteria"].live_range("weight"))


def _items(data: dict[str, Any], spec: TableSheet) -> list[tuple[str, dict]]:
    """The rows of a table as (model path, values) from the assessment's dump; nested lists flattened
    with their parent's id."""
    if spec.parent is not None:
        parent_key, ref_field = spec.parent
        return [
            (f"{parent_key}[{i}].{spec.path}[{j}]", {ref_field: parent["id"], **child})
            for i, parent in enumerate(data[parent_key])
            for j, child in enumerate(parent[spec.path])
        ]
    target: Any = data
    for part in spec.path.split("."):
        target = target[part]
    return [(f"{spec.path}[{i}]", item) for i, item in enumerate(target)]


def _form_values(data: dict[str, Any], spec: FormSheet) -> dict[str, Any]:
    values = {}
    for column in spec.columns:
        target: Any = data
        for part in column.field.split("."):
            target = target.get(part) if isinstance(target, dict) else None
        values[column.field] = target
    return values


def _write_sheet(book: Book, key: str, problems: list[Problem]) -> None:
    spec = INPUT_SHEETS.get(key)
    if isinstance(spec, TableSheet):
        ws = write_table(book, spec, _items(book.data, spec), COMPUTED.get(key), problems)
        if key == "maturity":
            maturity_chart(book, ws)
        elif key == "roadmap":
            roadmap_gantt(book, ws)
    elif isinstance(spec, FormSheet):
        write_form(book, spec, _form_values(book.data, spec), problems)
    elif book.result is None and key in SCORED:
        write_unscored(book, key)
    else:
        writers = {
            "summary": lambda: write_summary(book),
            "esrs_coverage": lambda: write_esrs_coverage(book),
            "readiness": lambda: write_readiness(book),
            "chain": lambda: write_chain(book, book.chain),
            "tco": lambda: write_tco(book, book.live),
            "business_case": lambda: write_business_case(book, book.live),
            "scoring": lambda: write_scoring(book, book.live),
            "gates": lambda: write_gates(book, book.live),
            "ranking": lambda: write_ranking(book, book.live),
            "sensitivity": lambda: write_sensitivity(book),
            "comparison": lambda: write_comparison(book, book.comparison),
            "method": lambda: write_method(book),
            "lists": lambda: write_lists(book, _union_lists(book)),
        }
        writers[key]()
    if key in PROTECTED:
        sheet = book.workbook.get_worksheet_by_name(book.name(key))
        sheet.protect(
            "",
            {
                "format_columns": True,
                "format_rows": True,
                "select_locked_cells": True,
                "select_unlocked_cells": True,
                "autofilter": True,  # the Chain sheet's filter works on the protected sheet
                "sort": True,
            },
        )


def _union_lists(book: Book) -> dict[str, list[str]]:
    from .write_inputs import union_name

    lists: dict[str, list[str]] = {}
    for spec in INPUT_SHEETS.values():
        for column in spec.columns:
            if len(column.refs) > 1 or column.extra:
                ids = [i for key in column.refs for i in book.names_of.get(key, {})]
                lists[union_name(column)] = ids + list(column.extra)
    return lists


def _properties(book: Book) -> None:
    a = book.assessment
    book.workbook.set_properties(
        {
            "title": a.title[:255],
            "subject": "ESG architecture decision workbook",
            "company": a.organisation.name[:255],
            "keywords": "ESG, CSRD, ESRS, architecture",
            "comments": f"Exported by esg-workbench {__version__}",
        }
    )
    book.workbook.set_custom_property("esg_workbench_format", "esg-workbench/workbook")
    book.workbook.set_custom_property("assessment_id", a.id)
    summary = book.workbook.get_worksheet_by_name(book.name("summary"))
    summary.activate()


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
