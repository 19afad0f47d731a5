"""The weighted sum (simple additive weighting), the engine's default method.

total_o = 100 x sum_c(w_c x u_oc) / sum_c(w_c), with u_oc the utility of option o on criterion c after the
criterion's value function (``matrix.utility``: a 0-5 score gives value / 5) and w_c the entered weights.
A total is the share of the best possible result, 0-100. Multiplying every weight by the same constant
changes nothing, and each option's total depends on its own values only.
"""

from __future__ import annotations

import numpy as np


def weighted_sum(utilities: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Totals 0-100 for utilities shaped (..., options, criteria) and weights (criteria,) or
    (..., criteria) for a batch of weight vectors (one per leading index)."""
    u, w = np.asarray(utilities, dtype=float), np.asarray(weights, dtype=float)
    if u.shape[-1] != w.shape[-1]:
        raise ValueError(f"{u.shape[-1]} criteria in the utilities but {w.shape[-1]} weights")
    if np.any(w < 0):
        raise ValueError("weights must not be negative")
    total_weight = w.sum(axis=-1)
    if np.any(total_weight <= 0):
        raise ValueError("the weights sum to zero; at least one must be positive")
    if w.ndim == 1:
        return 100.0 * (u @ w) / total_weight
    return 100.0 * np.einsum("...oc,...c->...o", u, w) / total_weight[..., None]


def contributions(utilities: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each criterion's points in each option's total, 100 x w_c / sum(w) x u_oc (options x criteria);
    a row sums to the option's weighted-sum total."""
    w = np.asarray(weights, dtype=float)
    return 100.0 * np.asarray(utilities, dtype=float) * (w / w.sum())
