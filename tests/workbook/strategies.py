"""Hypothesis strategies for valid assessments with hostile text, awkward numbers and odd dates:
everything a user may enter that a spreadsheet is tempted to change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import assume
from hypothesis import strategies as st

from esg_workbench.domain import Assessment, validate_data
from esg_workbench.domain.fields import MAX_EMPLOYEES
from esg_workbench.domain.framework import Framework
from esg_workbench.domain.materiality import from_flags

# Text Excel would turn into a formula, an error, a number, a date or a truth value if typed, or whose
# characters need escaping in the file. All of it is valid free text (domain.fields): tab, line feed
# and CRLF are the only control characters text may hold.
NASTY = [
    "=1+1",
    '=HYPERLINK("http://x","x")',
    "+A1",
    "-5",
    "@SUM(A1:A2)",
    "\tTab first",
    "\r\nCRLF first",
    "#N/A",
    "#DIV/0!",
    "#REF!",
    "_x0041_",
    "_x005F_x0041_",
    "  spaced  ",
    "line\nbreak",
    "win\r\nline",
    "0123",
    "TRUE",
    "FALSE",
    "1e5",
    "2024-01-01",
    "3/4",
    "50%",
    "_x0000_ looks like an escape",
    "<r><t>rich</t></r>",
    "</t></si><si><t>x",
    "_x005F_x0041_x0042_",
    "æøå ÆØÅ",
    "😀 emoji",
    "\u2028sep",
    "\u00a0nbsp",
    "'apostrophe",
    '"quoted"',
    "<xml>&amp;</xml>",
    " ",
]
# Text the model refuses (control characters other than tab and line breaks): never in a valid assessment.
REFUSED = ["a\x00nul", "bell\x07", "esc\x1b[0m", "\x7f del", "\rCR alone", "c1\x85next line"]
# Control characters (Cc) and surrogates are not text; tab and line feed are added back for free text.
_LINE_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_CHARS = st.one_of(_LINE_CHARS, st.sampled_from("\t\n"))
text = st.one_of(st.sampled_from(NASTY), st.text(_CHARS, max_size=25))
# A name is one line with more than spaces in it.
name = st.one_of(st.sampled_from([t for t in NASTY if t.isprintable()]), st.text(_LINE_CHARS, max_size=25)).filter(
    lambda t: t.strip() != ""
)
floats = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
tz = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])
datetimes = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=tz)
dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))


def _opt(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


@st.composite
def assessments(draw: st.DrawFn, framework: Framework) -> Assessment:
    vocab = lambda n: sorted(framework.vocabulary_ids(n))  # noqa: E731
    pick = lambda n: draw(st.sampled_from(vocab(n)))  # noqa: E731
    counter = iter(range(10_000))
    new_id = lambda prefix: f"{prefix}-{next(counter)}{draw(st.sampled_from(['', '.a', '_b', '-C']))}"  # noqa: E731
    std_codes = sorted(framework.esrs.standard_codes)
    dr_codes = sorted(framework.esrs.dr_codes)

    roles = [
        {
            "id": new_id("r"),
            "name": draw(name),
            "role_type": pick("role_type"),
            "holder": draw(text),
            "responsibilities": draw(text),
            "notes": draw(text),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    role_ids = [r["id"] for r in roles]
    ref = lambda ids: draw(_opt(st.sampled_from(ids))) if ids else None  # noqa: E731
    systems = [
        {
            "id": new_id("s"),
            "name": draw(name),
            "category": pick("system_category"),
            "product": draw(text),
            "vendor": draw(text),
            "hosting": draw(_opt(st.sampled_from(vocab("hosting")))),
            "integration_options": draw(st.lists(st.sampled_from(vocab("integration_method")), max_size=3)),
            "disposition": draw(_opt(st.sampled_from(vocab("disposition")))),
            "owner_role_id": ref(role_ids),
            "notes": draw(text),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    system_ids = [s["id"] for s in systems]
    sources = [
        {
            "id": new_id("d"),
            "name": draw(name),
            "description": draw(text),
            "esrs_standards": draw(st.lists(st.sampled_from(std_codes), max_size=2)),
            "source_type": pick("data_source_type"),
            "system_id": ref(system_ids),
            "owner_role_id": ref(role_ids),
            "availability": pick("availability"),
            "quality": pick("data_quality"),
            "aggregation": pick("aggregation"),
            "collection_frequency": pick("frequency"),
            "manual_effort_hours_per_year": draw(_opt(st.floats(0, 1e6))),
            "notes": draw(text),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    source_ids = [s["id"] for s in sources]
    ends = source_ids + system_ids
    flows = [
        {
            "id": new_id("f"),
            "from_id": draw(st.sampled_from(ends)),
            "to_id": draw(st.sampled_from([*ends, "report"])),
            "method": pick("integration_method"),
            "frequency": draw(_opt(st.sampled_from(vocab("frequency")))),
            "automated": draw(st.booleans()),
            "notes": draw(text),
        }
        for _ in range(draw(st.integers(0, 2) if ends else st.just(0)))
    ]
    processes = [
        {
            "id": new_id("p"),
            "stage": pick("process_stage"),
            "description": draw(text),
            "state": pick("process_state"),
            "owner_role_id": ref(role_ids),
            "system_ids": draw(st.lists(st.sampled_from(system_ids), max_size=2, unique=True)) if system_ids else [],
            "pain_points": draw(text),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    topics = []
    for code in draw(st.lists(st.sampled_from(std_codes), max_size=3, unique=True)):
        impact, financial = draw(_opt(st.booleans())), draw(_opt(st.booleans()))
        decided = from_flags(impact, financial)  # a recorded outcome may not contradict the flags
        material = draw(_opt(st.booleans()) if decided is None else _opt(st.just(decided)))
        topics.append(
            {
                "esrs": code,
                "material": material,
                "impact_material": impact,
                "financial_material": financial,
                "rationale": draw(text),
            }
        )
    coverage = [
        {
            "id": new_id("c"),
            "disclosure_requirement": draw(st.sampled_from(dr_codes)),
            "datapoint_id": draw(_opt(st.text(_LINE_CHARS, min_size=1, max_size=20))),
            "data_source_ids": draw(st.lists(st.sampled_from(source_ids), max_size=2, unique=True))
            if source_ids
            else [],
            "status": draw(st.sampled_from(["automated", "manual", "partial", "gap", "not_assessed"])),
            "integration_needed": draw(_opt(st.sampled_from(vocab("integration_method")))),
            "notes": draw(text),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    to_be = _to_be(draw, framework, vocab, new_id)
    criteria = _criteria(draw, framework, new_id)
    crit_ids = [c["id"] for c in criteria]
    requirements = [
        {
            "id": new_id("q"),
            "text": draw(name),
            "category": pick("requirement_category"),
            "priority": draw(st.sampled_from(["must", "should", "could", "wont"])),
            "source": draw(text),
            "criterion_ids": draw(st.lists(st.sampled_from(crit_ids), max_size=2, unique=True)),
            "notes": draw(text),
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    options = [
        {
            "id": new_id("o"),
            "name": draw(name),
            "archetype": pick("archetype"),
            "description": draw(text),
            "time_to_first_report_months": draw(_opt(st.floats(0, 120))),
            "cost_lines": [
                {
                    "label": draw(name),
                    "kind": draw(st.sampled_from(["one_off", "yearly"])),
                    "amount": draw(st.floats(0, 1e9)),
                    "start_year": draw(st.integers(0, 50)),
                    "years": draw(_opt(st.integers(1, 50))),
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
            "risks": [
                {
                    "text": draw(name),
                    "likelihood": draw(st.integers(1, 5)),
                    "impact": draw(st.integers(1, 5)),
                    "mitigation": draw(text),
                }
                for _ in range(draw(st.integers(0, 2)))
            ],
        }
        for _ in range(draw(st.integers(1, 4)))
    ]
    option_ids = [o["id"] for o in options]
    scores = _scores(draw, criteria, option_ids)
    pairs = (
        draw(
            st.lists(
                st.tuples(st.sampled_from(option_ids), st.sampled_from([r["id"] for r in requirements])),
                max_size=4,
                unique=True,
            )
        )
        if requirements
        else []
    )
    checks = [{"option_id": o, "requirement_id": r, "met": draw(st.booleans()), "note": draw(text)} for o, r in pairs]
    roadmap = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(dates)
        roadmap.append(
            {
                "id": new_id("m"),
                "title": draw(name),
                "phase": pick("roadmap_phase"),
                "option_id": ref(option_ids),
                "start": start.isoformat(),
                "end": (start + timedelta(days=draw(st.integers(0, 400)))).isoformat(),
                "depends_on": draw(st.lists(st.sampled_from([m["id"] for m in roadmap]), max_size=2, unique=True))
                if roadmap
                else [],
                "description": draw(text),
            }
        )
    data = {
        "id": new_id("a"),
        "title": draw(name),
        "created_at": draw(datetimes).isoformat(),
        "updated_at": draw(datetimes).isoformat(),
        "organisation": {
            "name": draw(name),
            "sector": pick("sector"),
            "employees": draw(_opt(st.integers(0, MAX_EMPLOYEES))),
            "annual_revenue_mdkk": draw(_opt(st.floats(0, 1e9))),
            "country": draw(st.from_regex(r"\A[A-Z]{2}\Z")),
            "first_reporting_year": draw(_opt(st.integers(2024, 2040))),
            "language": draw(st.sampled_from(["en", "da"])),
            "description": draw(text),
        },
        "roles": roles,
        "systems": systems,
        "data_sources": sources,
        "data_flows": flows,
        "processes": processes,
        "material_topics": topics,
        "coverage": coverage,
        "to_be": to_be,
        "requirements": requirements,
        "criteria": criteria,
        "options": options,
        "scores": scores,
        "must_have_checks": checks,
        "weighting": {
            "method": draw(st.sampled_from(["direct", "points", "moscow_rank", "ahp"])),
            "pairwise": [
                {"a": a, "b": b, "ratio": draw(st.floats(1 / 9, 9))}
                for a, b in draw(st.lists(st.tuples(st.sampled_from(crit_ids), st.sampled_from(crit_ids)), max_size=2))
            ],
        },
        "settings": {
            "currency": draw(st.from_regex(r"\A[A-Z]{3}\Z")),
            "horizon_years": draw(st.integers(1, 30)),
            "discount_rate": draw(st.floats(0, 0.5)),
        },
        "decision": _decision(draw, option_ids),
        "roadmap": roadmap,
    }
    problems = validate_data(data, framework)
    assume(not problems)
    return Assessment.model_validate(data)


def _to_be(draw: st.DrawFn, framework: Framework, vocab, new_id) -> dict:
    dims = draw(st.lists(st.sampled_from(vocab("maturity_dimension")), max_size=3, unique=True))
    questions = draw(st.lists(st.sampled_from(vocab("survey_question")), max_size=3, unique=True))
    level = st.integers(1, 5)
    return {
        "vision": draw(text),
        "ambition": draw(_opt(st.sampled_from(vocab("ambition_level")))),
        "goals": [
            {
                "id": new_id("g"),
                "text": draw(name),
                "horizon": draw(st.sampled_from(["short", "long"])),
                "target_year": draw(_opt(st.integers(2024, 2060))),
                "kpi": draw(text),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
        "maturity": [
            {
                "dimension": d,
                "current": draw(level),
                "target_short": draw(level),
                "target_long": draw(level),
                "notes": draw(text),
            }
            for d in dims
        ],
        "reporting_frequency": draw(_opt(st.sampled_from(vocab("frequency")))),
        "automation_target_pct": draw(_opt(st.floats(0, 100))),
        "governance": draw(text),
        "support": draw(text),
        "survey": [{"question": q, "answer": draw(st.sampled_from(vocab("survey_answer")))} for q in questions],
    }


def _criteria(draw: st.DrawFn, framework: Framework, new_id) -> list[dict]:
    catalogue = sorted(framework.vocabulary_ids("criterion"))
    criteria = []
    for _ in range(draw(st.integers(1, 4))):
        item = {
            "id": new_id("k"),
            "name": draw(name),
            "description": draw(text),
            "weight": draw(st.floats(0, 100)),
            "unit": draw(text),
            "catalogue_id": draw(_opt(st.sampled_from(catalogue))),
        }
        if draw(st.booleans()):
            a, b = draw(floats), draw(floats)
            assume(a != b)
            lower = draw(st.booleans())
            best, worst = (min(a, b), max(a, b)) if lower else (max(a, b), min(a, b))
            item |= {
                "kind": "quantitative",
                "direction": "lower_is_better" if lower else "higher_is_better",
                "best": best,
                "worst": worst,
                "value_source": draw(st.sampled_from(["score", "tco", "time_to_first_report"])),
            }
        criteria.append(item)
    assume(sum(c["weight"] for c in criteria) > 0)
    return criteria


def _scores(draw: st.DrawFn, criteria: list[dict], option_ids: list[str]) -> list[dict]:
    scores = []
    for option_id in option_ids:
        for c in criteria:
            if c.get("value_source", "score") != "score" or not draw(st.booleans()):
                continue
            scale = c.get("kind", "scale") == "scale"
            values = sorted(draw(st.lists(st.floats(0, 5) if scale else floats, min_size=3, max_size=3)))
            with_range = draw(st.booleans())
            scores.append(
                {
                    "option_id": option_id,
                    "criterion_id": c["id"],
                    "value": values[1],
                    "low": values[0] if with_range else None,
                    "high": values[2] if with_range else None,
                    "rationale": draw(text),
                }
            )
    return scores


def _decision(draw: st.DrawFn, option_ids: list[str]) -> dict | None:
    if not draw(st.booleans()):
        return None
    chosen = draw(st.sampled_from(option_ids))
    others = [o for o in option_ids if o != chosen]
    decided_on = draw(_opt(dates))
    return {
        "option_id": chosen,
        "interim_option_id": draw(_opt(st.sampled_from(others))) if others else None,
        "rationale": draw(text),
        "decided_on": decided_on.isoformat() if decided_on else None,
    }
