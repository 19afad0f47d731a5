"""Weight tipping points: for each criterion, how far its share of the total weight must move, up or
down, before the top eligible option changes.

Moving criterion k's share from g0 to g keeps the other weights in proportion: w(g) = g e_k + (1 - g) s,
with s the other criteria's shares rescaled to sum 1. Equivalently, k's entered weight changes to
g / (1 - g) x (sum of the other entered weights) while they stay as entered.

- Weighted sum: each total is linear in g, total_o(g) = 100 (R_o + g (u_ok - R_o)) with
  R_o = sum_{c != k} s_c u_oc, so option j overtakes the top option t exactly at
  g* = (R_t - R_j) / ((u_jk - R_j) - (u_tk - R_t)); the tipping point is the nearest such g* above
  (or below) g0, computed exactly.
- TOPSIS: closeness is not linear in g, so the shares 0, 0.005, ..., 0.995 are scanned for the first change
  of the top option on each side of g0 and the point is then refined by bisection to 1e-6. A change and
  change back within one step of 0.005 can be missed.
Only eligible options compete (all options when none is eligible). A share of 100 % is never a tipping
point: it would need an infinite weight.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..domain.results import Tip, TippingPoint
from .topsis import TopsisDistances

GRID_STEP = 0.005
BISECTION_TOLERANCE = 1e-6
_EPS = 1e-12


def _rest_shares(shares: np.ndarray, k: int) -> np.ndarray | None:
    rest = shares.copy()
    rest[k] = 0.0
    total = rest.sum()
    return None if total <= _EPS else rest / total


def _weight_at(weights: np.ndarray, k: int, share: float) -> float:
    """The entered weight of criterion k that gives it ``share`` (< 1), the other weights unchanged."""
    return float(share / (1.0 - share) * (weights.sum() - weights[k]))


def _tip(weights: np.ndarray, k: int, g0: float, g: float, new_top: str) -> Tip:
    return Tip(share=float(g), weight=_weight_at(weights, k, g), change=float(g - g0), new_top=new_top)


def _best(totals: np.ndarray, competing: np.ndarray) -> int:
    # argmax returns the first maximum, i.e. the option order breaks ties, as in the ranking.
    return int(np.argmax(np.where(competing, totals, -np.inf)))


def weighted_sum_tipping_points(utilities: np.ndarray, weights: np.ndarray, competing: np.ndarray,
                                option_ids: tuple[str, ...], criterion_ids: tuple[str, ...]) -> list[TippingPoint]:
    """Exact tipping points of the weighted sum (utilities options x criteria, entered weights)."""
    weights = np.asarray(weights, dtype=float)
    shares = weights / weights.sum()
    top = _best(utilities @ shares, competing)
    n = shares.size
    # rest[k] = the other criteria's shares rescaled to sum 1 (row k), NaN where k holds all the weight
    rest = np.where(np.eye(n, dtype=bool), 0.0, shares)
    with np.errstate(invalid="ignore", divide="ignore"):
        rest = rest / (1.0 - shares)[:, None]
    base = utilities @ rest.T  # R_ok
    slope = utilities - base  # d total_ok / d g, over 100
    rel = slope - slope[top]
    with np.errstate(invalid="ignore", divide="ignore"):
        crossing = (base[top] - base) / rel  # where option o meets the top option, per criterion
    rivals = competing.copy()
    rivals[top] = False
    result = []
    for k, criterion_id in enumerate(criterion_ids):
        g0 = float(shares[k])
        tips: dict[int, Tip] = {}
        if np.isfinite(rest[k]).all() and rivals.any():
            for direction in (1, -1):
                g = _nearest(crossing[:, k], rel[:, k], rivals, g0, direction)
                if g is not None:
                    beyond = min(1.0, max(0.0, g + direction * 1e-9))
                    new = _best(base[:, k] + beyond * slope[:, k], competing)
                    if new != top:
                        tips[direction] = _tip(weights, k, g0, g, option_ids[new])
        result.append(TippingPoint(criterion_id=criterion_id, weight=float(weights[k]), share=g0,
                                   increase=tips.get(1), decrease=tips.get(-1)))
    return result


def _nearest(crossing: np.ndarray, rel: np.ndarray, rivals: np.ndarray, g0: float, direction: int) -> float | None:
    """The nearest share beyond g0 (in ``direction``) at which a rival gaining that way meets the top."""
    gaining = rivals & (direction * rel > _EPS)
    if not gaining.any():
        return None
    # A rival already level at g0 (crossing on the wrong side by rounding) tips at any move.
    g = np.maximum(crossing[gaining], g0) if direction > 0 else np.minimum(crossing[gaining], g0)
    g = g[(g >= 0.0) & (g < 1.0 - 1e-9)]  # a share of 100 % needs an infinite weight
    return float(g[np.argmin(np.abs(g - g0))]) if g.size else None


def topsis_tipping_points(matrix: np.ndarray, lower_is_better: np.ndarray, weights: np.ndarray,
                          competing: np.ndarray, option_ids: tuple[str, ...],
                          criterion_ids: tuple[str, ...]) -> list[TippingPoint]:
    """Tipping points of TOPSIS, found on a grid of shares and refined by bisection."""
    weights = np.asarray(weights, dtype=float)
    shares = weights / weights.sum()
    distances = TopsisDistances.of(matrix, lower_is_better)

    def tops(w: np.ndarray) -> np.ndarray:
        closeness = np.where(competing, distances.closeness(w), -np.inf)
        return np.argmax(closeness, axis=-1)

    top = int(tops(shares[None, :])[0])
    grid = np.linspace(0.0, 1.0, int(round(1 / GRID_STEP)) + 1)[:-1]  # 100 % needs an infinite weight
    result = []
    for k, criterion_id in enumerate(criterion_ids):
        g0 = float(shares[k])
        point = TippingPoint(criterion_id=criterion_id, weight=float(weights[k]), share=g0)
        rest = _rest_shares(shares, k)
        if rest is not None and competing.sum() > 1:
            def at(g: np.ndarray, k: int = k, rest: np.ndarray = rest) -> np.ndarray:
                w = np.outer(1.0 - g, rest)
                w[:, k] += g
                return tops(w)

            tips = {}
            for direction in (1, -1):
                found = _scan(at, grid, g0, top, direction)
                if found is not None:
                    g, new = found
                    tips[direction] = _tip(weights, k, g0, g, option_ids[new])
            point = point.model_copy(update={"increase": tips.get(1), "decrease": tips.get(-1)})
        result.append(point)
    return result


def _scan(at: Callable[[np.ndarray], np.ndarray], grid: np.ndarray, g0: float, top: int,
          direction: int) -> tuple[float, int] | None:
    """First change of the top option beyond g0 in ``direction``: (share, new top) or None."""
    side = grid[grid > g0] if direction > 0 else grid[grid < g0][::-1]
    if side.size == 0:
        return None
    changed = np.flatnonzero(at(side) != top)
    if changed.size == 0:
        return None
    first = int(changed[0])
    same, other = (g0 if first == 0 else float(side[first - 1])), float(side[first])
    while abs(other - same) > BISECTION_TOLERANCE:
        middle = (same + other) / 2
        if at(np.array([middle]))[0] == top:
            same = middle
        else:
            other = middle
    return other, int(at(np.array([other]))[0])
