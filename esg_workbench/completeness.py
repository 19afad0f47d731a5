"""What is still missing in each step of an assessment: a list of checks, each naming where to fix it
(page and sub-view of the app). Pure; no Streamlit. The wording lives in the app's locale files under
``gaps.<id>``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .coverage import coverage_summary
from .domain import Assessment
from .domain.fields import Horizon, Priority
from .domain.framework import Framework

STEPS = ("organisation", "as_is", "to_be", "requirements", "scenarios")
STAGES = ("collect", "validate", "consolidate", "report", "assure")


@dataclass(frozen=True)
class Check:
    step: str
    id: str  # locale key under "gaps."
    done: bool
    page: str
    view: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def _missing(count: int, total: int) -> dict[str, int]:
    return {"n": count, "total": total}


def organisation_checks(a: Assessment) -> list[Check]:
    org = a.organisation
    return [
        Check("organisation", "org_size", org.employees is not None, "organisation"),
        Check("organisation", "org_first_year", org.first_reporting_year is not None, "organisation"),
        Check("organisation", "org_description", bool(org.description.strip()), "organisation"),
    ]


def as_is_checks(a: Assessment, fw: Framework) -> list[Check]:
    no_system = sum(1 for s in a.data_sources if not s.system_id)
    linked = a.source_drs()
    no_esrs = sum(1 for s in a.data_sources if not (s.esrs_standards or linked.get(s.id)))
    no_owner = sum(1 for s in a.systems if not s.owner_role_id)
    stages = {p.stage for p in a.processes}
    missing_stages = [s for s in STAGES if s not in stages]
    summary = coverage_summary(a, fw)
    # A DR left open with a note saying why is a decision taken, not something missing.
    unassessed = summary.not_assessed - summary.left_open
    n_sources, n_systems = len(a.data_sources), len(a.systems)
    return [
        Check("as_is", "sources", n_sources > 0, "as_is", "data_sources"),
        Check(
            "as_is",
            "sources_system",
            n_sources > 0 and no_system == 0,
            "as_is",
            "data_sources",
            _missing(no_system, n_sources),
        ),
        Check(
            "as_is",
            "sources_esrs",
            n_sources > 0 and no_esrs == 0,
            "as_is",
            "data_sources",
            _missing(no_esrs, n_sources),
        ),
        Check("as_is", "systems", n_systems > 0, "as_is", "systems"),
        Check(
            "as_is", "system_owner", n_systems > 0 and no_owner == 0, "as_is", "systems", _missing(no_owner, n_systems)
        ),
        Check("as_is", "flows", any(f.to_id == "report" for f in a.data_flows), "as_is", "data_flows"),
        Check("as_is", "roles", len(a.roles) > 0, "as_is", "roles"),
        Check(
            "as_is",
            "processes",
            not missing_stages,
            "as_is",
            "processes",
            {"stages": ", ".join(missing_stages), "n": len(missing_stages)},
        ),
        Check("as_is", "materiality", len(a.material_topics) > 0, "as_is", "coverage"),
        Check("as_is", "coverage", unassessed == 0, "as_is", "coverage", _missing(unassessed, summary.material_drs)),
    ]


def to_be_checks(a: Assessment, fw: Framework) -> list[Check]:
    tb = a.to_be
    rated = {m.dimension for m in tb.maturity}
    dims = [d.id for d in fw.maturity_model.dimensions]
    unrated = sum(1 for d in dims if d not in rated)
    answered = {s.question for s in tb.survey}
    unanswered = sum(1 for q in fw.survey if q.id not in answered)
    return [
        Check("to_be", "vision", bool(tb.vision.strip()), "to_be", "vision"),
        Check("to_be", "ambition", tb.ambition is not None, "to_be", "vision"),
        Check("to_be", "maturity", unrated == 0, "to_be", "maturity", _missing(unrated, len(dims))),
        Check("to_be", "goals_short", any(g.horizon == Horizon.SHORT for g in tb.goals), "to_be", "vision"),
        Check("to_be", "goals_long", any(g.horizon == Horizon.LONG for g in tb.goals), "to_be", "vision"),
        Check("to_be", "frequency", tb.reporting_frequency is not None, "to_be", "vision"),
        Check("to_be", "automation", tb.automation_target_pct is not None, "to_be", "vision"),
        Check("to_be", "governance", bool(tb.governance.strip()), "to_be", "vision"),
        Check("to_be", "survey", unanswered == 0, "to_be", "survey", _missing(unanswered, len(fw.survey))),
    ]


def requirements_checks(a: Assessment) -> list[Check]:
    active = [r for r in a.requirements if r.priority != Priority.WONT]
    unlinked = sum(1 for r in active if not r.criterion_ids)
    return [
        Check("requirements", "requirements", len(a.requirements) > 0, "requirements", "catalogue"),
        Check(
            "requirements",
            "musts",
            any(r.priority == Priority.MUST for r in a.requirements),
            "requirements",
            "catalogue",
        ),
        Check(
            "requirements",
            "linked",
            bool(active) and unlinked == 0,
            "requirements",
            "catalogue",
            _missing(unlinked, len(active)),
        ),
        Check("requirements", "weights", sum(c.weight for c in a.criteria) > 0, "requirements", "criteria"),
    ]


def scenario_checks(a: Assessment, fw: Framework) -> list[Check]:
    scored = [c.id for c in a.criteria if c.value_source == "score"]
    have = {(s.option_id, s.criterion_id) for s in a.scores}
    unscored = sum(1 for o in a.options for c in scored if (o.id, c) not in have)
    priors = {arch.id: arch.prior_scores for arch in fw.archetypes}
    archetype_of = {o.id: o.archetype for o in a.options}
    crit_cat = {c.id: c.catalogue_id for c in a.criteria}
    unexplained = sum(
        1
        for s in a.scores
        if not s.rationale.strip()
        and priors.get(archetype_of.get(s.option_id, ""), {}).get(crit_cat.get(s.criterion_id) or "") != s.value
    )
    musts = [r.id for r in a.requirements if r.priority == Priority.MUST]
    checked = {(m.option_id, m.requirement_id) for m in a.must_have_checks}
    unchecked = sum(1 for o in a.options for r in musts if (o.id, r) not in checked)
    no_cost = sum(1 for o in a.options if not o.cost_lines)
    decided = a.decision is not None and bool(a.decision.rationale.strip())
    return [
        Check("scenarios", "options", len(a.options) >= 2, "scenarios", "options"),
        Check(
            "scenarios",
            "scores",
            bool(a.options) and unscored == 0,
            "scenarios",
            "scores",
            _missing(unscored, len(a.options) * len(scored)),
        ),
        # Not done before anything is scored: otherwise the first score entered would lower completeness.
        Check("scenarios", "rationale", bool(a.scores) and unexplained == 0, "scenarios", "scores", {"n": unexplained}),
        Check(
            "scenarios",
            "must_checks",
            unchecked == 0,
            "scenarios",
            "musts",
            _missing(unchecked, len(a.options) * len(musts)),
        ),
        Check(
            "scenarios",
            "costs",
            bool(a.options) and no_cost == 0,
            "scenarios",
            "costs",
            _missing(no_cost, len(a.options)),
        ),
        Check("scenarios", "decision", decided, "scenarios", "decision"),
        Check("scenarios", "roadmap", len(a.roadmap) > 0, "scenarios", "decision"),
    ]


def all_checks(a: Assessment, fw: Framework) -> dict[str, list[Check]]:
    return {
        "organisation": organisation_checks(a),
        "as_is": as_is_checks(a, fw),
        "to_be": to_be_checks(a, fw),
        "requirements": requirements_checks(a),
        "scenarios": scenario_checks(a, fw),
    }


def share_done(checks: list[Check]) -> float:
    return sum(c.done for c in checks) / len(checks) if checks else 1.0
