"""Weight tipping points: for each criterion, how far its share of the total weight must move, up or
down, before the top eligible option changes.

Moving criterion k's share from g0 to g keeps the other weights in proportion: w(g) = g e_k + (1 - g) s,
with s the other criteria's shares rescaled to sum 1. Equivalently, k's entered weight changes to
g / (1 - g) x (sum of the other entered weights) while they stay as entered.

- Weighted sum: each total is linear in g, total_o(g) = 100 (R_o + g (u_ok - R_o)) with
  R_o = sum_{c != k} s_c u_oc, so option j overtakes the top option t exactly at
  g* = (R_t - R_j) / ((u_jk - R_j) - (u_tk - R_t)); the tipping point is the nearest such g* above
  (or below) g0, computed exactly.
- TOPSIS: closeness is not linear in g, so the shares 0, 0.01, ..., 0.99 are scanned for the first change
  of the top option on each side of g0 and the point is then refined by bisection to 1e-6. A change and
  change back within one step of 0.01 can be missed.
Only eligible options compete (all options when none is eligible). A share of 100 % is never a tipping
point: it would need an infinite weight.
"""

from __future__ import annotations

import numpy as np

from ..domain.results import Tip, TippingPoint
from .topsis import TopsisDistances

GRID_STEP = 0.01
BISECTION_TOLERANCE = 1e-6
_EPS = 1e-12


def _weight_at(weights: np.ndarray, k: int, share: float) -> float:
    """The entered weight of criterion k that gives it ``share`` (< 1), the other weights unchanged."""
    return float(share / (1.0 - share) * (weights.sum() - weights[k]))


def _tip(weights: np.ndarray, k: int, g0: float, g: float, new_top: str) -> Tip:
    return Tip(share=float(g), weight=_weight_at(weights, k, g), change=float(g - g0), new_top=new_top)


def _best(totals: np.ndarray, competing: np.ndarray) -> int:
    # argmax returns the first maximum, i.e. the option order breaks ties, as in the ranking.
    return int(np.argmax(np.where(competing, totals, -np.inf)))


def weighted_sum_tipping_points(
    utilities: np.ndarray,
    weights: np.ndarray,
    competing: np.ndarray,
    option_ids: tuple[str, ...],
    criterion_ids: tuple[str, ...],
) -> list[TippingPoint]:
    """Exact tipping points of the weighted sum (utilities options x criteria, entered weights), computed
    for every criterion at once."""
    weights = np.asarray(weights, dtype=float)
    shares = weights / weights.sum()
    top = _best(utilities @ shares, competing)
    n = shares.size
    # rest[k] = the other criteria's shares rescaled to sum 1 (row k), inf/NaN where k holds all the weight
    with np.errstate(invalid="ignore", divide="ignore"):
        rest = np.where(np.eye(n, dtype=bool), 0.0, shares) / (1.0 - shares)[:, None]
        base = utilities @ rest.T  # R_ok
        slope = utilities - base  # d total_ok / d g, over 100
        rel = slope - slope[top]
        crossing = (base[top] - base) / rel  # where option o meets the top option, per criterion
    movable = np.isfinite(rest).all(axis=1)
    rivals = competing.copy()
    rivals[top] = False
    found = {direction: _nearest(crossing, rel, rivals, shares, direction) for direction in (1, -1)}
    new_tops = {}
    for direction, g in found.items():
        beyond = np.clip(g + direction * 1e-9, 0.0, 1.0)
        with np.errstate(invalid="ignore"):
            totals = np.where(competing[:, None], base + beyond * slope, -np.inf)
        new_tops[direction] = np.argmax(np.nan_to_num(totals, nan=-np.inf), axis=0)
    tips: dict[int, dict[int, tuple[float, int]]] = {direction: {} for direction in found}
    for direction, g in found.items():
        for k in range(len(criterion_ids)):
            new = int(new_tops[direction][k])
            if movable[k] and np.isfinite(g[k]) and new != top:
                tips[direction][k] = (float(g[k]), new)
    return _points(criterion_ids, option_ids, weights, shares, tips)


def _nearest(
    crossing: np.ndarray, rel: np.ndarray, rivals: np.ndarray, shares: np.ndarray, direction: int
) -> np.ndarray:
    """Per criterion, the nearest share beyond the current one (in ``direction``) at which a rival gaining
    that way meets the top option; NaN where there is none."""
    with np.errstate(invalid="ignore"):
        gaining = rivals[:, None] & (direction * rel > _EPS)
        # A rival already level at the current share (crossing on the wrong side by rounding) tips at any move.
        g = np.maximum(crossing, shares) if direction > 0 else np.minimum(crossing, shares)
        valid = gaining & (g >= 0.0) & (g < 1.0 - 1e-9)  # a share of 100 % needs an infinite weight
        distance = np.where(valid, np.abs(g - shares), np.inf)
    nearest = np.argmin(distance, axis=0)
    columns = np.arange(shares.size)
    return np.where(np.isfinite(distance[nearest, columns]), g[nearest, columns], np.nan)


def topsis_tipping_points(
    matrix: np.ndarray,
    lower_is_better: np.ndarray,
    weights: np.ndarray,
    competing: np.ndarray,
    option_ids: tuple[str, ...],
    criterion_ids: tuple[str, ...],
) -> list[TippingPoint]:
    """Tipping points of TOPSIS, found on a grid of shares and refined by bisection, for every criterion
    and direction at once."""
    weights = np.asarray(weights, dtype=float)
    shares = weights / weights.sum()
    tops = _TopsisTops(matrix, lower_is_better, shares, competing)
    top = tops.current()
    movable = (1.0 - shares > _EPS) & (competing.sum() > 1)
    grid = np.linspace(0.0, 1.0, int(round(1 / GRID_STEP)) + 1)[:-1]  # 100 % needs an infinite weight
    on_grid = tops.on_grid(grid)  # (criteria, grid points): the top option there
    found = {direction: _bisect(tops, *_bracket(on_grid, grid, shares, top, direction), top) for direction in (1, -1)}
    tips = {direction: {k: hit for k, hit in hits.items() if movable[k]} for direction, hits in found.items()}
    return _points(criterion_ids, option_ids, weights, shares, tips)


def _points(
    criterion_ids: tuple[str, ...],
    option_ids: tuple[str, ...],
    weights: np.ndarray,
    shares: np.ndarray,
    tips: dict[int, dict[int, tuple[float, int]]],
) -> list[TippingPoint]:
    """One tipping point per criterion from the shares found per direction (1 up, -1 down): criterion
    index -> (the share where the top changes, the option then on top)."""
    return [
        TippingPoint(
            criterion_id=criterion_id,
            weight=float(weights[k]),
            share=float(shares[k]),
            **{
                name: _tip(weights, k, float(shares[k]), float(hit[0]), option_ids[hit[1]])
                for name, direction in (("increase", 1), ("decrease", -1))
                if (hit := tips.get(direction, {}).get(k)) is not None
            },
        )
        for k, criterion_id in enumerate(criterion_ids)
    ]


class _TopsisTops:
    """The top competing option under TOPSIS when criterion k's share is g, for many (k, g) at once."""

    CHUNK = 2_000_000  # (criterion, share, option) entries evaluated at once, to bound memory

    def __init__(
        self, matrix: np.ndarray, lower_is_better: np.ndarray, shares: np.ndarray, competing: np.ndarray
    ) -> None:
        self.distances = TopsisDistances.of(matrix, lower_is_better)
        n = shares.size
        with np.errstate(invalid="ignore", divide="ignore"):
            rest = np.where(np.eye(n, dtype=bool), 0.0, shares) / (1.0 - shares)[:, None]
        self.rest = np.nan_to_num(rest, nan=0.0, posinf=0.0)  # rows of unmovable criteria are never used
        squared = self.rest**2
        self.rest_plus, self.rest_minus = squared @ self.distances.a_plus.T, squared @ self.distances.a_minus.T
        self.own_plus, self.own_minus = self.distances.a_plus.T, self.distances.a_minus.T
        self.competing, self.shares = competing, shares

    def current(self) -> int:
        closeness = np.where(self.competing, self.distances.closeness(self.shares[None, :])[0], -np.inf)
        return int(np.argmax(closeness))

    def at(self, ks: np.ndarray, gs: np.ndarray) -> np.ndarray:
        # w = (1 - g) rest_k + g e_k with rest_kk = 0, so D^2 = sum_c w_c^2 a_oc splits into
        # (1 - g)^2 (rest_k^2 . a_o) + g^2 a_ok: two precomputed (criteria x options) tables, no weight
        # vectors built.
        keep, move = ((1.0 - gs) ** 2)[:, None], (gs**2)[:, None]
        d_plus = np.sqrt(keep * self.rest_plus[ks] + move * self.own_plus[ks])
        d_minus = np.sqrt(keep * self.rest_minus[ks] + move * self.own_minus[ks])
        both = d_plus + d_minus
        closeness = np.divide(d_minus, both, out=np.full_like(both, 0.5), where=both > 0)
        return np.argmax(np.where(self.competing, closeness, -np.inf), axis=1)

    def on_grid(self, grid: np.ndarray) -> np.ndarray:
        n = self.rest.shape[0]
        per_chunk = max(1, self.CHUNK // max(1, grid.size * n))
        rows = []
        for first in range(0, n, per_chunk):
            ks = np.repeat(np.arange(first, min(n, first + per_chunk)), grid.size)
            rows.append(self.at(ks, np.tile(grid, ks.size // grid.size)).reshape(-1, grid.size))
        return np.vstack(rows) if rows else np.zeros((0, grid.size), dtype=int)


def _bracket(
    on_grid: np.ndarray, grid: np.ndarray, shares: np.ndarray, top: int, direction: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per criterion with a change beyond its share in ``direction``: (criteria, share where the top is
    still the same, first grid share where it is not)."""
    beyond = grid[None, :] > shares[:, None] if direction > 0 else grid[None, :] < shares[:, None]
    changed = (on_grid != top) & beyond
    ks = np.flatnonzero(changed.any(axis=1))
    if direction > 0:
        first = np.argmax(changed[ks], axis=1)
        before = np.where(first > 0, grid[np.maximum(first - 1, 0)], -np.inf)
        return ks, np.maximum(shares[ks], before), grid[first]
    last = grid.size - 1 - np.argmax(changed[ks][:, ::-1], axis=1)
    after = np.where(last < grid.size - 1, grid[np.minimum(last + 1, grid.size - 1)], np.inf)
    return ks, np.minimum(shares[ks], after), grid[last]


def _bisect(
    tops: _TopsisTops, ks: np.ndarray, same: np.ndarray, other: np.ndarray, top: int
) -> dict[int, tuple[float, int]]:
    """Narrow each bracket to BISECTION_TOLERANCE; criterion -> (share, new top option)."""
    if ks.size == 0:
        return {}
    while np.max(np.abs(other - same)) > BISECTION_TOLERANCE:
        middle = (same + other) / 2
        kept = tops.at(ks, middle) == top
        same, other = np.where(kept, middle, same), np.where(kept, other, middle)
    new = tops.at(ks, other)
    return {int(k): (float(g), int(t)) for k, g, t in zip(ks, other, new, strict=True)}
