"""Group weighting: each stakeholder's own criterion weights, the group's weights formed from them, and
how far the stakeholders agree.

A stakeholder weights by one method: direct weights or points (normalised), a ranking or MoSCoW
priorities (rank-order centroid, ties sharing), or AHP pairwise judgements (principal eigenvector,
Harker's completion for missing pairs, Saaty's consistency ratio). The group's weights (Forman &
Peniwati 1998, "Aggregating individual judgments and priorities with the AHP", EJOR 108):
- ``judgements`` (AIJ): the element-wise weighted geometric mean of the stakeholders' pairwise matrices
  (over those who compared a pair), whose eigenvector is the group's priorities; every stakeholder must
  use AHP. The geometric mean keeps the reciprocal property (Aczel & Saaty 1983);
- ``priorities_geometric`` / ``priorities_arithmetic`` (AIP): the weighted geometric (normalised) or
  arithmetic mean of the stakeholders' own weights.
The voting weights are the exponents (geometric) or the coefficients (arithmetic), shares summing to 1.

Consensus: Goepel's AHP consensus indicator (Goepel 2013, "Implementing the AHP as a standard method
for MCDM in corporate enterprises", ISAHP; as AHP-OS computes it), from Shannon entropies of the
stakeholders' weights p_k: H_alpha = mean_k H(p_k), H_gamma = H(mean_k p_k), H_beta = H_gamma - H_alpha,
M = exp(-H_beta); with H_alpha,min the entropy of one criterion 9 times as important as each other one
(Saaty's scale maximum) and H_gamma,max = ln n, c = exp(H_gamma,max - H_alpha,min) and
S* = (M - 1/c) / (1 - 1/c), clipped to [0, 1]. The means are weighted by the voting shares (with equal
votes, Goepel's plain means). Identical weights give H_beta = 0, M = 1 and S* = 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter

import numpy as np

from ..domain.assessment import Assessment, Stakeholder
from ..domain.fields import Priority
from ..domain.problem_codes import Code
from ..domain.results import CriterionDisagreement, GroupWeighting, Method, StakeholderWeights
from ..domain.validation import AssessmentInvalid, Problem
from ..messages import LANGUAGES, Term, translate
from .gates import rank_order
from .matrix import DecisionMatrix
from .topsis import TopsisDistances
from .weights import CR_LIMIT, principal_eigenvectors, random_index, rank_weights, unconnected

AHP_SCALE_MAX = 9.0  # Saaty's scale: the most extreme judgement, for Goepel's H_alpha,min
MOSCOW_STAKEHOLDER_RANK = {Priority.MUST: 1, Priority.SHOULD: 2, Priority.COULD: 3, Priority.WONT: 4}


@dataclass
class Group:
    """The numbers behind ``GroupWeighting``: stakeholders in the assessment's order, criteria in the
    assessment's order, weights as (stakeholders x criteria) shares."""

    aggregation: str
    criterion_ids: list[str]
    stakeholders: list[Stakeholder]
    votes: np.ndarray  # (K,) voting shares, summing to 1
    weights: np.ndarray  # (K, C) each stakeholder's weights, rows summing to 1
    consistency: list[float | None]  # AHP stakeholders' consistency ratios
    group: np.ndarray  # (C,) the group's weights
    group_consistency: float | None
    consensus: float | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (workshop.note.<key>, params)


def stakeholder_group(assessment: Assessment) -> Group | None:
    """Every stakeholder's weights and the group's; None when the assessment has no stakeholders.

    Problems (a stakeholder with no weights, inconsistent or disconnected judgements, judgements to be
    aggregated from a stakeholder who does not compare in pairs) are collected in ``problems`` with
    their paths; such a stakeholder's row is uniform so that the rest can still be shown."""
    stakeholders = list(assessment.stakeholders)
    if not stakeholders:
        return None
    criterion_ids = [c.id for c in assessment.criteria]
    aggregation = assessment.weighting.aggregation
    n, k = len(criterion_ids), len(stakeholders)
    votes = np.array([1.0 if s.voting_weight is None else s.voting_weight for s in stakeholders])
    votes = votes / votes.sum() if votes.sum() > 0 else np.full(k, 1.0 / k)
    weights = np.full((k, n), 1.0 / max(n, 1))
    consistency: list[float | None] = [None] * k
    problems: list[Problem] = []
    notes: list[tuple[str, dict[str, str]]] = []
    if n == 0:
        return Group(aggregation, criterion_ids, stakeholders, votes, weights, consistency, np.zeros(0), None, None)
    column = {c: j for j, c in enumerate(criterion_ids)}
    row = {s.id: i for i, s in enumerate(stakeholders)}
    given: list[dict[str, object]] = [{} for _ in stakeholders]  # criterion -> what the stakeholder gave
    for item in assessment.stakeholder_weights:
        i = row.get(item.stakeholder_id)
        if i is None or item.criterion_id not in column:
            continue  # an unknown reference: validation names it
        value = _entry(stakeholders[i].method, item)
        if value is not None:
            given[i][item.criterion_id] = value
    matrices, compared = _judgement_matrices(assessment, row, column, k, n)

    for i, s in enumerate(stakeholders):
        where = f"stakeholders[{i}]"
        if s.method == "ahp":
            if not compared[i].any():
                problems.append(_no_input(where, s, "judgements"))
            continue
        entries = given[i]
        if not entries or (s.method in ("direct", "points") and sum(entries.values()) <= 0):
            what = {"direct": "weights", "points": "points", "rank": "ranks", "moscow": "priorities"}[s.method]
            problems.append(_no_input(where, s, what))
            continue
        left_out = [c for c in criterion_ids if c not in entries]
        if s.method in ("direct", "points"):
            raw = np.array([float(entries.get(c, 0.0)) for c in criterion_ids])
            weights[i] = raw / raw.sum()
            if left_out:
                notes.append(("unweighted", {"name": s.name, "criteria": ", ".join(left_out)}))
        else:
            last = max(int(v) for v in entries.values()) + 1  # after every criterion the stakeholder ranked
            ranks = {c: int(entries.get(c, last)) for c in criterion_ids}
            shares = rank_weights(ranks)
            weights[i] = [shares[c] for c in criterion_ids]
            if left_out:
                notes.append(("unranked", {"name": s.name, "criteria": ", ".join(left_out)}))

    ahp = [i for i, s in enumerate(stakeholders) if s.method == "ahp" and compared[i].any()]
    if ahp:
        connected = _connected(compared[ahp])
        usable = [i for i, ok in zip(ahp, connected, strict=True) if ok]
        for i, ok in zip(ahp, connected, strict=True):
            if not ok:
                apart = unconnected(criterion_ids, compared[i])
                problems.append(
                    Problem.of(
                        f"stakeholders[{i}]",
                        Code.STAKEHOLDER_NOT_CONNECTED,
                        name=stakeholders[i].name,
                        criteria=", ".join(apart),
                    )
                )
        if usable:
            vectors, ratios = _priorities(matrices[usable])
            for i, vector, cr in zip(usable, vectors, ratios, strict=True):
                weights[i], consistency[i] = vector, float(cr)
                if cr > CR_LIMIT:
                    problems.append(
                        Problem.of(
                            f"stakeholders[{i}]",
                            Code.STAKEHOLDER_INCONSISTENT,
                            name=stakeholders[i].name,
                            cr=f"{cr:.3f}",
                            limit=f"{CR_LIMIT:.2f}",
                        )
                    )

    group_cr = None
    if aggregation == "judgements":
        others = [i for i, s in enumerate(stakeholders) if s.method != "ahp"]
        for i in others:
            s = stakeholders[i]
            method = Term(f"workshop.method.{s.method}")
            where = f"stakeholders[{i}].method"
            problems.append(Problem.of(where, Code.JUDGEMENTS_NEED_AHP, name=s.name, method=method))
        if ahp and not others:
            group_matrix = _geometric_mean_matrix(matrices, votes)
            if _connected(~np.isnan(group_matrix[None]))[0]:
                vectors, ratios = _priorities(group_matrix[None])
                group, group_cr = vectors[0], float(ratios[0])
            else:
                group = votes @ weights
        else:
            group = votes @ weights
    elif aggregation == "priorities_geometric":
        with np.errstate(divide="ignore"):
            logs = np.log(weights)
        product = np.exp(np.sum(votes[:, None] * np.where(weights > 0, logs, 0.0), axis=0))
        product[(weights <= 0).any(axis=0)] = 0.0  # a zero from anyone is a zero in the geometric mean
        group = product / product.sum() if product.sum() > 0 else votes @ weights
        if (weights <= 0).any():
            zeroed = [criterion_ids[j] for j in np.flatnonzero((weights <= 0).any(axis=0))]
            notes.append(("geometric_zero", {"criteria": ", ".join(zeroed)}))
    else:
        group = votes @ weights
    return Group(
        aggregation,
        criterion_ids,
        stakeholders,
        votes,
        weights,
        consistency,
        group,
        group_cr,
        consensus(weights, votes) if k > 1 else None,
        problems,
        notes,
    )


def criterion_weights(assessment: Assessment, group: Group | None = None) -> np.ndarray:
    """The weights the engine scores with, in the criteria's order: the criteria's own weights as typed,
    or, when the assessment chooses group weights (``weighting.use_group``), the group's, scaled to the
    same total so that a tipping point's weight reads like a typed one. Group weights that cannot be
    formed raise AssessmentInvalid with every problem's path."""
    from .weights import global_weights

    # The criteria's own weights, through their groups when there are groups (``global_weights``)
    entered = np.array(global_weights(assessment), dtype=float)
    if not assessment.weighting.use_group:
        return entered
    if group is None:
        group = stakeholder_group(assessment)
    if group is None:
        raise AssessmentInvalid([Problem.of("stakeholders", Code.NO_STAKEHOLDERS)], "scoring")
    if group.problems:
        raise AssessmentInvalid(group.problems, "scoring")
    total = entered.sum() if entered.sum() > 0 else 100.0
    return group.group * total


def consensus(weights: np.ndarray, votes: np.ndarray, scale_max: float = AHP_SCALE_MAX) -> float | None:
    """Goepel's AHP consensus indicator S* in [0, 1] for stakeholders' weights (K x C, rows summing to
    1) with voting shares ``votes``; None for fewer than two criteria."""
    n = weights.shape[1]
    if n < 2:
        return None
    h_alpha = float(votes @ _entropy(weights))
    h_gamma = float(_entropy((votes @ weights)[None])[0])
    homogeneity = np.exp(-(h_gamma - h_alpha))
    top = scale_max / (n + scale_max - 1)
    rest = 1 / (n + scale_max - 1)
    h_alpha_min = -top * np.log(top) - (n - 1) * rest * np.log(rest)
    correction = np.exp(np.log(n) - h_alpha_min)
    return float(np.clip((homogeneity - 1 / correction) / (1 - 1 / correction), 0.0, 1.0))


def disagreement(weights: np.ndarray, votes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per criterion: the lowest and highest stakeholder weight, who gave them (row indices), and the
    voting-weighted standard deviation."""
    mean = votes @ weights
    deviation = np.sqrt(votes @ (weights - mean) ** 2)
    return (
        weights.min(axis=0),
        weights.max(axis=0),
        np.stack([weights.argmin(axis=0), weights.argmax(axis=0)]),
        deviation,
    )


def _no_input(where: str, s: Stakeholder, what: str) -> Problem:
    """A stakeholder who gave nothing their method reads; the words in the message's language."""
    return Problem.of(
        where,
        Code.STAKEHOLDER_NO_WEIGHTS,
        name=s.name,
        what=Term(f"workshop.input.{what}"),
        method=Term(f"workshop.method.{s.method}"),
    )


def _entry(method: str, item: object) -> float | int | None:
    if method in ("direct", "points"):
        return item.value
    if method == "rank":
        return item.rank
    if method == "moscow":
        return None if item.priority is None else MOSCOW_STAKEHOLDER_RANK[item.priority]
    return None


def _entropy(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return terms.sum(axis=-1)


def _judgement_matrices(
    assessment: Assessment, row: dict[str, int], column: dict[str, int], k: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """(K, n, n) reciprocal matrices (NaN where not compared, 1 on the diagonal) and which pairs each
    stakeholder compared. A pair judged twice by one stakeholder keeps the first judgement (validation
    names the second)."""
    matrices = np.full((k, n, n), np.nan)
    matrices[:, np.arange(n), np.arange(n)] = 1.0
    judgements = assessment.stakeholder_judgements
    if judgements:
        count = len(judgements)

        # Column by column through C-level maps: this runs once per judgement (tens of thousands).
        def ids(name: str, index: dict[str, int]) -> np.ndarray:
            return np.fromiter(map(index.get, map(attrgetter(name), judgements), repeat(-1)), np.intp, count)

        ks, a, b = ids("stakeholder_id", row), ids("a", column), ids("b", column)
        ratio = np.fromiter(map(attrgetter("ratio"), judgements), float, count)
        known = (ks >= 0) & (a >= 0) & (b >= 0) & (a != b)  # unknown references: validation names them
        ks, a, b, ratio = ks[known], a[known], b[known], ratio[known]
        # the first judgement of each (stakeholder, pair) wins
        key = (ks * n + np.minimum(a, b)) * n + np.maximum(a, b)
        _, first = np.unique(key, return_index=True)
        ks, a, b, ratio = ks[first], a[first], b[first], ratio[first]
        matrices[ks, a, b] = ratio
        matrices[ks, b, a] = 1.0 / ratio
    compared = ~np.isnan(matrices)
    compared[:, np.arange(n), np.arange(n)] = False
    return matrices, compared


def _connected(compared: np.ndarray) -> np.ndarray:
    """Per (n x n) comparison pattern: whether the compared pairs connect every criterion."""
    n = compared.shape[-1]
    complete = compared.sum(axis=(1, 2)) == n * (n - 1)
    if complete.all():
        return complete
    reach = (compared | np.eye(n, dtype=bool)).astype(float)
    for _ in range(max(1, int(np.ceil(np.log2(max(n, 2)))))):
        reach = np.minimum(np.matmul(reach, reach), 1.0)
    return complete | (reach[:, 0] > 0).all(axis=1)


def _priorities(matrices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvector priorities and consistency ratios of (K, n, n) matrices with NaN for missing pairs
    (Harker's completion)."""
    n = matrices.shape[-1]
    missing = np.isnan(matrices)
    harker = np.where(missing, 0.0, matrices)
    harker[:, np.arange(n), np.arange(n)] = 1.0 + missing.sum(axis=2)
    vectors, lambdas = principal_eigenvectors(harker)
    if n <= 2:
        return vectors, np.zeros(len(vectors))
    ci = (lambdas - n) / (n - 1)
    return vectors, np.maximum(ci, 0.0) / random_index(n)


def _geometric_mean_matrix(matrices: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """The element-wise weighted geometric mean over the stakeholders who compared each pair."""
    present = ~np.isnan(matrices)
    share = np.where(present, votes[:, None, None], 0.0)
    total = share.sum(axis=0)
    logs = np.where(present, np.log(np.where(present, matrices, 1.0)), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.exp((share * logs).sum(axis=0) / total)
    return np.where(total > 0, mean, np.nan)


def group_weighting(
    group: Group, matrix: DecisionMatrix, method: Method, eligible: np.ndarray, used: bool
) -> GroupWeighting:
    """The result object: every stakeholder's weights with the ranking they give, the group's weights,
    consensus and per-criterion disagreement. Rankings follow the method and the must-have gates of the
    main ranking, so "would the CFO's weights change the winner?" is answered on the same terms."""
    ids = list(matrix.option_ids)
    rows = np.vstack([group.weights, group.group[None]]) if group.criterion_ids else np.zeros((0, 0))
    totals = _totals(matrix, method, rows) if ids and rows.size else np.zeros((rows.shape[0], len(ids)))
    orders = [rank_order(t, eligible) for t in totals]

    def top(order: list[int]) -> str | None:
        return ids[order[0]] if order and eligible[order[0]] else None

    people = []
    for i, s in enumerate(group.stakeholders):
        people.append(
            StakeholderWeights(
                stakeholder_id=s.id,
                name=s.name,
                role=s.role,
                voting_share=float(group.votes[i]),
                method=s.method,
                weights=dict(zip(group.criterion_ids, map(float, group.weights[i]), strict=True)),
                consistency_ratio=group.consistency[i],
                top=top(orders[i]) if ids else None,
                ranking=[ids[o] for o in orders[i]] if ids else [],
                totals=dict(zip(ids, map(float, totals[i]), strict=True)) if ids else {},
            )
        )
    group_top = top(orders[-1]) if ids and orders else None
    spread: dict[str, CriterionDisagreement] = {}
    if len(group.stakeholders) > 1 and group.criterion_ids:
        low, high, who, deviation = disagreement(group.weights, group.votes)
        for j, criterion_id in enumerate(group.criterion_ids):
            spread[criterion_id] = CriterionDisagreement(
                lowest=float(low[j]),
                highest=float(high[j]),
                lowest_by=group.stakeholders[who[0, j]].id,
                highest_by=group.stakeholders[who[1, j]].id,
                spread=float(high[j] - low[j]),
                deviation=float(deviation[j]),
            )
    return GroupWeighting(
        aggregation=group.aggregation,
        used=used,
        weights=dict(zip(group.criterion_ids, map(float, group.group), strict=True)),
        consistency_ratio=group.group_consistency,
        consensus=group.consensus,
        disagreement=spread,
        stakeholders=people,
        top=group_top,
        ranks={ids[o]: rank for rank, o in enumerate(orders[-1], start=1)} if ids and orders else {},
        dissenters=[p.stakeholder_id for p in people if p.top != group_top],
        notes={
            lang: [translate(f"workshop.note.{key}", lang, **params) for key, params in group.notes]
            + [p.text(lang) for p in group.problems]
            for lang in LANGUAGES
        },
    )


def _totals(matrix: DecisionMatrix, method: Method, weights: np.ndarray) -> np.ndarray:
    """Totals of every option under each weight vector (rows): weighted sum 0-100 or TOPSIS closeness."""
    if method == "topsis":
        return TopsisDistances.of(matrix.topsis_values(), matrix.lower_is_better).closeness(weights)
    shares = weights / np.where(weights.sum(axis=1, keepdims=True) > 0, weights.sum(axis=1, keepdims=True), 1.0)
    return 100.0 * shares @ matrix.utilities().T
