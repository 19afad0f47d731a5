"""Weighting aids: direct weights, points allocation, rank-order centroid weights from the MoSCoW
priorities of linked requirements or from a direct ranking of the criteria, and AHP pairwise comparison
with Saaty's consistency ratio (priorities by the principal eigenvector, and by the row geometric mean
beside it).

Every aid returns weights that sum to 1; the criteria keep the weights the user accepts (the engine
scores with ``criterion.weight``), so an aid proposes and the architect decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ..domain.assessment import Assessment, GroupJudgement, PairwiseJudgement
from ..domain.engine_warnings import EngineWarning, Reason, WarningCode, WeightsNotDerived, named
from ..domain.fields import Priority
from ..domain.problem_codes import Code
from ..domain.results import DerivedWeights
from ..domain.validation import Problem

POINTS_BUDGET = 100.0
CR_LIMIT = 0.10  # Saaty: above 10 % the judgements are too inconsistent to use without review
# Saaty's random consistency index RI by matrix size n (Saaty 1980, The Analytic Hierarchy Process).
SAATY_RI = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)
# MoSCoW rank of a criterion: the best priority among the requirements that link to it.
MOSCOW_RANK = {Priority.MUST: 1, Priority.SHOULD: 2, Priority.COULD: 3}
UNLINKED_RANK = 4  # linked to no requirement, or only to won't-haves


def normalise(weights: Mapping[str, float]) -> dict[str, float]:
    """Weights divided by their sum (direct weighting)."""
    bad = [k for k, w in weights.items() if not np.isfinite(w) or w < 0]
    if bad:
        raise WeightsNotDerived(Reason.WEIGHTS_NOT_NUMBERS, criteria=bad)
    total = float(sum(weights.values()))
    if total <= 0:
        raise WeightsNotDerived(Reason.WEIGHTS_SUM_ZERO)
    return {k: float(w) / total for k, w in weights.items()}


def points_weights(points: Mapping[str, float], budget: float | None = POINTS_BUDGET) -> DerivedWeights:
    """Points allocation: the user distributes ``budget`` points; weight = points / total. A total other
    than the budget is accepted (weights are relative) but reported."""
    warnings = []
    total = float(sum(points.values()))
    if budget is not None and not np.isclose(total, budget):
        warnings.append(EngineWarning.of(WarningCode.POINTS_TOTAL, total=total, budget=budget))
    return DerivedWeights(method="points", weights=normalise(points), warnings=warnings)


def rank_order_centroid(n: int) -> list[float]:
    """Rank-order centroid weights for ranks 1..n (Barron & Barrett 1996): w_k = (1/n) sum_{j=k..n} 1/j."""
    if n < 1:
        return []
    tail = np.cumsum(1.0 / np.arange(n, 0, -1))[::-1]  # sum_{j=k..n} 1/j for k = 1..n
    return [float(w) for w in tail / n]


def rank_weights(ranks: Mapping[str, int]) -> dict[str, float]:
    """Rank-order centroid weights for items with (possibly tied) ranks, 1 = most important. Items that
    share a rank share the mean of the centroid weights of the positions they occupy."""
    order = sorted(ranks, key=lambda k: ranks[k])
    roc = rank_order_centroid(len(order))
    weights: dict[str, float] = {}
    position = 0
    while position < len(order):
        group = [k for k in order[position:] if ranks[k] == ranks[order[position]]]
        mean = float(np.mean(roc[position : position + len(group)]))
        weights.update({k: mean for k in group})
        position += len(group)
    return {k: weights[k] for k in ranks}


def moscow_ranks(assessment: Assessment) -> dict[str, int]:
    """Each criterion's rank from the best MoSCoW priority of the requirements linked to it."""
    ranks = {c.id: UNLINKED_RANK for c in assessment.criteria}
    for requirement in assessment.requirements:
        rank = MOSCOW_RANK.get(requirement.priority)
        if rank is None:
            continue
        for criterion_id in requirement.criterion_ids:
            if criterion_id in ranks:
                ranks[criterion_id] = min(ranks[criterion_id], rank)
    return ranks


def moscow_weights(assessment: Assessment) -> DerivedWeights:
    """Rank-order centroid weights from the criteria's MoSCoW ranks (must > should > could > unlinked)."""
    ranks = moscow_ranks(assessment)
    if not ranks:
        raise WeightsNotDerived(Reason.NO_CRITERIA)
    warnings = []
    unlinked = [c for c in assessment.criteria if ranks[c.id] == UNLINKED_RANK]
    if unlinked:
        warnings.append(
            EngineWarning.of(
                WarningCode.UNLINKED_LAST,
                count=len(unlinked),
                criteria=[c.name for c in unlinked],
                criterion_ids=[c.id for c in unlinked],
            )
        )
    return DerivedWeights(method="moscow_rank", weights=rank_weights(ranks), ranks=ranks, warnings=warnings)


def direct_rank_weights(assessment: Assessment) -> DerivedWeights:
    """Rank-order centroid weights from the ranks given on the criteria (``criterion.rank``, 1 = most
    important; equal ranks share). ROC, not rank-sum: Barron & Barrett (1996) found it the closer
    approximation of weights known only by their order. Every criterion needs a rank."""
    if not assessment.criteria:
        raise WeightsNotDerived(Reason.NO_CRITERIA)
    unranked = [c for c in assessment.criteria if c.rank is None]
    if unranked:
        raise WeightsNotDerived(
            Reason.RANK_MISSING, criteria=[c.name for c in unranked], criterion_ids=[c.id for c in unranked]
        )
    ranks = {c.id: int(c.rank) for c in assessment.criteria}
    return DerivedWeights(method="rank", weights=rank_weights(ranks), ranks=ranks)


# --- AHP -----------------------------------------------------------------------------------------


def principal_eigenvectors(matrices: np.ndarray, tolerance: float = 1e-13) -> tuple[np.ndarray, np.ndarray]:
    """Perron vectors (summing to 1) and eigenvalues of a stack of non-negative matrices (K, n, n) with
    a positive diagonal (AHP and Harker-completed matrices are primitive), by power iteration for all at
    once; a matrix that has not converged after 2,000 steps is solved by a full eigendecomposition."""
    k, n = matrices.shape[0], matrices.shape[-1]
    vector = np.full((k, n), 1.0 / n)
    for _ in range(2000):
        product = np.einsum("kij,kj->ki", matrices, vector)
        lambdas = product.sum(axis=1)
        following = product / lambdas[:, None]
        converged = np.abs(following - vector).max(axis=1) <= tolerance
        vector = following
        if converged.all():
            return vector, lambdas
    for i in np.flatnonzero(~converged):
        eigenvalues, eigenvectors = np.linalg.eig(matrices[i])
        top = int(np.argmax(eigenvalues.real))
        v = np.abs(eigenvectors[:, top].real)
        vector[i], lambdas[i] = v / v.sum(), eigenvalues[top].real
    return vector, lambdas


def row_geometric_mean(matrix: np.ndarray) -> np.ndarray:
    """AHP priorities by the normalised row geometric mean of a complete matrix (Crawford & Williams
    1985): the logarithmic least-squares solution, equal to the eigenvector when the matrix is consistent."""
    logs = np.log(matrix).mean(axis=1)
    g = np.exp(logs - logs.max())
    return g / g.sum()


def random_index(n: int) -> float:
    """Saaty's RI for n <= 15; above, Alonso & Lamata's (2006) fit RI = (1.7699 n - 4.3513) / (n - 1)."""
    if n < len(SAATY_RI):
        return SAATY_RI[n]
    return (1.7699 * n - 4.3513) / (n - 1)


def pairwise_matrix(criterion_ids: Sequence[str], judgements: Iterable[PairwiseJudgement]) -> np.ndarray:
    """The reciprocal comparison matrix; a missing comparison is NaN. A judgement ``(a, b, ratio)`` says
    a is ``ratio`` times as important as b (Saaty's 1/9 .. 9 scale)."""
    index = {c: i for i, c in enumerate(criterion_ids)}
    n = len(criterion_ids)
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    for k, j in enumerate(judgements):
        where = f"weighting.pairwise[{k}]"
        for cid in (j.a, j.b):
            if cid not in index:
                raise WeightsNotDerived(Reason.PAIRWISE_UNKNOWN, path=where, criterion=cid)
        if not 1 / 9 - 1e-9 <= j.ratio <= 9 + 1e-9:
            raise WeightsNotDerived(Reason.PAIRWISE_SCALE, path=where, value=float(j.ratio))
        i, m = index[j.a], index[j.b]
        if i == m:
            if not np.isclose(j.ratio, 1.0):
                raise WeightsNotDerived(Reason.PAIRWISE_SELF, path=where)
            continue
        if not np.isnan(a[i, m]):
            raise WeightsNotDerived(Reason.PAIRWISE_TWICE, path=where, a=j.a, b=j.b)
        a[i, m], a[m, i] = j.ratio, 1.0 / j.ratio
    return a


def ahp_weights(criterion_ids: Sequence[str], judgements: Iterable[PairwiseJudgement]) -> DerivedWeights:
    """AHP priorities: the principal eigenvector of the pairwise matrix (Saaty 1980), with the
    consistency index CI = (lambda_max - n) / (n - 1) and ratio CR = CI / RI.

    Missing comparisons are allowed when the compared pairs connect all criteria; the eigenvector is
    then taken of Harker's (1987) completed matrix (a missing entry is 0 and each diagonal entry is 1 plus
    the number of its row's missing entries), and its CR is an approximation.
    """
    ids = list(criterion_ids)
    n = len(ids)
    if n == 0:
        raise WeightsNotDerived(Reason.NO_CRITERIA)
    a = pairwise_matrix(ids, judgements)
    missing = np.isnan(a)
    _check_connected(ids, ~missing)
    harker = np.where(missing, 0.0, a)
    harker[np.diag_indices(n)] = 1.0 + missing.sum(axis=1)
    eigenvalues, eigenvectors = np.linalg.eig(harker)
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    geometric = None if missing.any() else dict(zip(ids, map(float, row_geometric_mean(a)), strict=True))
    lam = float(eigenvalues[k].real)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    cr = ci / random_index(n) if n > 2 else 0.0
    warnings = []
    if missing.any():
        gaps = int(missing.sum()) // 2
        warnings.append(EngineWarning.of(WarningCode.AHP_MISSING, count=gaps, missing=gaps, pairs=n * (n - 1) // 2))
    if cr > CR_LIMIT:
        warnings.append(EngineWarning.of(WarningCode.AHP_INCONSISTENT, ratio=float(cr), limit=CR_LIMIT))
    return DerivedWeights(
        method="ahp",
        weights=dict(zip(ids, map(float, weights), strict=True)),
        consistency_ratio=float(cr),
        consistency_index=float(ci),
        lambda_max=lam,
        geometric_mean=geometric,
        warnings=warnings,
    )


def _check_connected(ids: list[str], compared: np.ndarray) -> None:
    apart = unconnected(ids, compared)
    if apart:
        raise WeightsNotDerived(Reason.NOT_CONNECTED, criteria=apart)


def unconnected(ids: Sequence[str], compared: np.ndarray) -> list[str]:
    """The criteria the compared pairs (an n x n boolean pattern) do not connect to the first one."""
    reached, frontier = {0}, [0]
    while frontier:
        i = frontier.pop()
        for m in np.flatnonzero(compared[i]):
            if int(m) not in reached:
                reached.add(int(m))
                frontier.append(int(m))
    return [ids[i] for i in range(len(ids)) if i not in reached]


# --- from an assessment --------------------------------------------------------------------------


def derive_weights(assessment: Assessment) -> DerivedWeights:
    """The weights the assessment's weighting method proposes (``weighting.method``): direct and points
    read the criteria's weights, moscow_rank the linked requirements, rank the criteria's ranks, ahp the
    pairwise judgements. A refusal (:class:`WeightsNotDerived`) names the criteria by name."""
    try:
        return _derive(assessment)
    except WeightsNotDerived as exc:
        raise exc.named({c.id: c.name for c in assessment.criteria}) from None


def _derive(assessment: Assessment) -> DerivedWeights:
    method = assessment.weighting.method
    entered = {c.id: c.weight for c in assessment.criteria}
    if method in ("direct", "points") and assessment.criterion_groups:
        # With groups the entered weights are local: the proposal is the global weights they give.
        return DerivedWeights(
            method=method, weights=normalise(dict(zip(entered, global_weights(assessment), strict=True)))
        )
    if method == "points":
        return points_weights(entered)
    if method == "moscow_rank":
        return moscow_weights(assessment)
    if method == "ahp" and assessment.criterion_groups:
        return hierarchical_ahp_weights(assessment)
    if method == "rank":
        return direct_rank_weights(assessment)
    if method == "ahp":
        return ahp_weights(list(entered), assessment.weighting.pairwise)
    return DerivedWeights(method="direct", weights=normalise(entered))


# --- criteria in groups --------------------------------------------------------------------------


def global_weights(assessment: Assessment) -> list[float]:
    """The weights the engine scores with, in the criteria's order. Without criterion groups, the entered
    weights (today's flat behaviour, exactly). With groups, group share x local share: the group's weight
    over all groups' weights times the criterion's weight over its group's criteria's weights, so the
    global weights sum to 1 (Saaty's hierarchic composition). ``group_problems`` says what must hold."""
    if not assessment.criterion_groups:
        return [float(c.weight) for c in assessment.criteria]
    group_total = sum(g.weight for g in assessment.criterion_groups)
    shares = {g.id: (g.weight / group_total if group_total else 0.0) for g in assessment.criterion_groups}
    local_total: dict[str, float] = {}
    for c in assessment.criteria:
        local_total[c.group_id or ""] = local_total.get(c.group_id or "", 0.0) + c.weight
    return [
        shares.get(c.group_id or "", 0.0)
        * (c.weight / local_total[c.group_id or ""] if local_total[c.group_id or ""] else 0.0)
        for c in assessment.criteria
    ]


def group_shares(assessment: Assessment) -> dict[str, float]:
    """Each group's share of the total weight (its weight over all groups' weights)."""
    total = sum(g.weight for g in assessment.criterion_groups)
    return {g.id: (g.weight / total if total else 0.0) for g in assessment.criterion_groups}


def group_problems(assessment: Assessment) -> list[Problem]:
    """What keeps grouped criteria from being scored: a group without criteria, a criterion without a
    group, a weighted group whose criteria all weigh 0 (none without groups)."""
    groups = assessment.criterion_groups
    if not groups:
        return []
    problems = []
    members: dict[str, list[float]] = {g.id: [] for g in groups}
    for j, c in enumerate(assessment.criteria):
        if c.group_id is None:
            problems.append(Problem.of(f"criteria[{j}].group_id", Code.CRITERION_UNGROUPED, criterion=c.id))
        elif c.group_id in members:
            members[c.group_id].append(c.weight)
    for k, g in enumerate(groups):
        if not members[g.id]:
            problems.append(Problem.of(f"criterion_groups[{k}]", Code.GROUP_EMPTY, group=g.id))
        elif g.weight > 0 and sum(members[g.id]) <= 0:
            problems.append(Problem.of(f"criterion_groups[{k}].weight", Code.GROUP_WEIGHTS_ZERO, group=g.id))
    return problems


def hierarchical_ahp_weights(assessment: Assessment) -> DerivedWeights:
    """AHP at both levels: group priorities from the judgements between groups, local priorities from the
    judgements between criteria of one group, global = group x local (Saaty 1980, hierarchic composition).
    A group of one criterion needs no judgement; a judgement across groups is refused with its path."""
    groups = [g.id for g in assessment.criterion_groups]
    group_names = {g.id: g.name for g in assessment.criterion_groups}
    criterion_names = {c.id: c.name for c in assessment.criteria}
    by_group = {g: [c.id for c in assessment.criteria if c.group_id == g] for g in groups}
    group_of = {c.id: c.group_id for c in assessment.criteria}
    for k, j in enumerate(assessment.weighting.pairwise):
        if j.a in group_of and j.b in group_of and group_of[j.a] != group_of[j.b]:
            raise WeightsNotDerived(
                Reason.ACROSS_GROUPS, **named({"path": f"weighting.pairwise[{k}]", "a": j.a, "b": j.b}, criterion_names)
            )
    top = _group_ahp(groups, assessment.weighting.group_pairwise, group_names) if len(groups) > 1 else None
    group_weights = top.weights if top else dict.fromkeys(groups, 1.0)
    weights: dict[str, float] = {}
    ratios = {"groups": top.consistency_ratio} if top and top.consistency_ratio is not None else {}
    warnings = [w.within() for w in top.warnings] if top else []
    for g, members in by_group.items():
        if not members:
            raise WeightsNotDerived(Reason.GROUP_NO_CRITERIA, group=group_names[g], group_id=g)
        if len(members) == 1:
            local = {members[0]: 1.0}
        else:
            positions = [k for k, j in enumerate(assessment.weighting.pairwise) if j.a in members and j.b in members]
            judged = [assessment.weighting.pairwise[k] for k in positions]
            try:
                derived = ahp_weights(members, judged)
            except WeightsNotDerived as exc:
                raise _at_positions(exc, positions) from None
            local = derived.weights
            if derived.consistency_ratio is not None:
                ratios[g] = derived.consistency_ratio
            warnings += [w.within(group_names[g], g) for w in derived.warnings]
        weights.update({c: group_weights[g] * w for c, w in local.items()})
    ungrouped = [c.id for c in assessment.criteria if c.id not in weights]
    if ungrouped:
        raise WeightsNotDerived(Reason.UNGROUPED, **named({"criteria": ungrouped}, criterion_names))
    return DerivedWeights(
        method="ahp",
        weights={c.id: weights[c.id] for c in assessment.criteria},
        consistency_ratio=max(ratios.values(), default=None),
        group_weights=group_weights,
        consistency_ratios=ratios,
        warnings=warnings,
    )


def _at_positions(exc: WeightsNotDerived, positions: list[int]) -> WeightsNotDerived:
    """A refusal about the k-th of a group's judgements, pointing at that judgement's place among all."""
    path = exc.params.get("path", "")
    if not path.startswith("weighting.pairwise["):
        return exc
    k = int(path.removeprefix("weighting.pairwise[").split("]")[0])
    return WeightsNotDerived(exc.reason, **{**exc.params, "path": f"weighting.pairwise[{positions[k]}]"})


def _group_ahp(groups: list[str], judgements: Iterable[GroupJudgement], names: Mapping[str, str]) -> DerivedWeights:
    """AHP over the groups: the judgements in the shape ``ahp_weights`` reads, its refusals said of groups
    (by name) and pointing at the group judgements' paths."""
    as_criteria = [PairwiseJudgement.model_construct(a=j.a, b=j.b, ratio=j.ratio) for j in judgements]
    try:
        return ahp_weights(groups, as_criteria)
    except WeightsNotDerived as exc:
        reason, params = GROUP_REASONS.get(exc.reason, exc.reason), dict(exc.params)
        if "path" in params:
            params["path"] = params["path"].replace("weighting.pairwise[", "weighting.group_pairwise[")
        for criterion_key, group_key in (("criterion", "group"), ("criteria", "groups")):
            if criterion_key in params:
                params[group_key] = params.pop(criterion_key)
        raise WeightsNotDerived(reason, **named(params, names)) from None


# A refusal of the criteria's comparisons -> the same refusal of the groups' comparisons.
GROUP_REASONS = {
    Reason.PAIRWISE_UNKNOWN: Reason.GROUP_PAIRWISE_UNKNOWN,
    Reason.PAIRWISE_SELF: Reason.GROUP_PAIRWISE_SELF,
    Reason.NOT_CONNECTED: Reason.GROUPS_NOT_CONNECTED,
}
