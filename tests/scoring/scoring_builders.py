"""Small assessments for the decision engine's tests, built in code from compact tables."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from esg_workbench.domain.assessment import (
    Assessment,
    CostLine,
    Criterion,
    MustHaveCheck,
    Option,
    Organisation,
    Requirement,
    Score,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "sample_data"


def scale(cid: str, weight: float, **kw: Any) -> Criterion:
    return Criterion(id=cid, name=kw.pop("name", cid.replace("_", " ").title()), weight=weight, **kw)


def quantitative(cid: str, weight: float, best: float, worst: float, source: str = "score", **kw: Any) -> Criterion:
    direction = "lower_is_better" if best < worst else "higher_is_better"
    return Criterion(
        id=cid,
        name=kw.pop("name", cid),
        weight=weight,
        kind="quantitative",
        best=best,
        worst=worst,
        direction=direction,
        value_source=source,
        **kw,
    )


def option(oid: str, archetype: str = "dedicated_esg", **kw: Any) -> Option:
    lines = [CostLine(**line) for line in kw.pop("cost_lines", [])]
    return Option(id=oid, name=kw.pop("name", f"Option {oid}"), archetype=archetype, cost_lines=lines, **kw)


def build(
    criteria: Sequence[Criterion],
    options: Sequence[Option],
    scores: Mapping[str, Sequence[float | tuple[float, float, float] | None]],
    *,
    musts: Mapping[str, Sequence[bool | None]] | None = None,
    **kw: Any,
) -> Assessment:
    """``scores[option_id]`` lists one entry per criterion: a value, (value, low, high) or None (missing).
    ``musts[requirement_id]`` lists, per option, met True/False or None for "no check"."""
    rows = []
    for o in options:
        for c, entry in zip(criteria, scores.get(o.id, []), strict=False):
            if entry is None:
                continue
            value, low, high = entry if isinstance(entry, tuple) else (entry, None, None)
            rows.append(Score(option_id=o.id, criterion_id=c.id, value=value, low=low, high=high))
    requirements = list(kw.pop("requirements", []))
    checks = []
    for rid, per_option in (musts or {}).items():
        requirements.append(Requirement(id=rid, text=f"Requirement {rid}", priority="must"))
        checks += [
            MustHaveCheck(option_id=o.id, requirement_id=rid, met=met)
            for o, met in zip(options, per_option, strict=True)
            if met is not None
        ]
    checks += kw.pop("must_have_checks", [])
    return Assessment(
        id=kw.pop("id", "test"),
        title="Test",
        organisation=Organisation(name="Test A/S"),
        criteria=list(criteria),
        options=list(options),
        scores=rows,
        requirements=requirements,
        must_have_checks=checks,
        **kw,
    )


def sample(name: str) -> Assessment:
    """A shipped sample, parsed without a framework (this suite does not depend on framework files)."""
    return Assessment.model_validate(json.loads((SAMPLE_DIR / f"{name}.json").read_text(encoding="utf-8")))


def expected(name: str) -> dict:
    return json.loads((SAMPLE_DIR / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def stub_framework(interim: Sequence[str] = ("spreadsheet_interim",), **names: tuple[str, str]) -> SimpleNamespace:
    """Just the parts of a Framework the recommendation reads: archetypes (interim flag, labels),
    maturity dimension names and the ESRS disclosure requirements' standards."""

    def label(en: str, da: str) -> SimpleNamespace:
        return SimpleNamespace(get=lambda lang: da if lang == "da" else en)

    archetypes = [
        SimpleNamespace(id=a, interim=a in interim, name=label(*names.get(a, (a, a))))
        for a in (
            "bi_extension",
            "erp_module",
            "dedicated_esg",
            "hybrid_platform",
            "spreadsheet_interim",
            "bridge_tool",
        )
    ]
    dimensions = [SimpleNamespace(id="governance", name=label("Governance", "Styring"))]
    drs = [SimpleNamespace(code="X-1", standard="E2", title=label("X one", "X en"), datapoint_count=None)]
    stub = SimpleNamespace(
        archetypes=archetypes,
        maturity_model=SimpleNamespace(dimensions=dimensions),
        esrs=SimpleNamespace(
            disclosure_requirements=drs,
            dr=lambda code: next((d for d in drs if d.code == code), None),
            standards=[],
            always_reported=["ESRS 2"],
            short_name="ESRS",
        ),
    )
    stub.for_assessment = lambda _assessment: stub  # one catalogue, whatever the assessment names
    return stub
