"""TOPSIS (Hwang & Yoon 1981), the second method: closeness to the ideal option, in [0, 1].

Steps, on the decision matrix x (options x criteria; the values themselves, not the weighted sum's
utilities, so the choice of method can change the answer):
1. vector normalisation r_oc = x_oc / sqrt(sum_o x_oc^2) (a column of zeros stays 0);
2. weighting v_oc = w_c x r_oc with the weights normalised to sum 1;
3. ideal v+_c = max_o v_oc and anti-ideal v-_c = min_o v_oc; for lower-is-better (cost) criteria the
   other way round;
4. Euclidean distances D+_o = sqrt(sum_c (v_oc - v+_c)^2) and D-_o = sqrt(sum_c (v_oc - v-_c)^2);
5. closeness C_o = D-_o / (D+_o + D-_o); when every option is identical (D+ = D- = 0) C_o = 0.5.
Multiplying every weight by a constant changes nothing. Unlike the weighted sum, adding an option can
change the others' closeness, because the normalisation and the ideal depend on all options.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TopsisDetail:
    normalised: np.ndarray  # r, (..., O, C)
    weighted: np.ndarray  # v
    ideal: np.ndarray  # (..., C)
    anti_ideal: np.ndarray
    to_ideal: np.ndarray  # (v - v+)^2, (..., O, C)
    to_anti_ideal: np.ndarray
    distance_to_ideal: np.ndarray  # D+, (..., O)
    distance_to_anti_ideal: np.ndarray  # D-
    closeness: np.ndarray  # C, (..., O)


def topsis(matrix: np.ndarray, weights: np.ndarray, lower_is_better: np.ndarray) -> TopsisDetail:
    """All intermediate results for a matrix (..., options, criteria), weights (criteria,) or
    (..., criteria) and a boolean cost mask (criteria,)."""
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    if np.any(w < 0) or np.any(w.sum(axis=-1) <= 0):
        raise ValueError("weights must be non-negative with a positive sum")
    w = w / w.sum(axis=-1, keepdims=True)
    norm = np.sqrt(np.einsum("...oc,...oc->...c", x, x))[..., None, :]
    r = np.divide(x, norm, out=np.zeros_like(x), where=norm > 0)
    v = r * w[..., None, :]
    cost = np.asarray(lower_is_better, dtype=bool)
    high, low = v.max(axis=-2), v.min(axis=-2)
    ideal, anti = np.where(cost, low, high), np.where(cost, high, low)
    to_ideal = (v - ideal[..., None, :]) ** 2
    to_anti = (v - anti[..., None, :]) ** 2
    d_plus, d_minus = np.sqrt(to_ideal.sum(axis=-1)), np.sqrt(to_anti.sum(axis=-1))
    both = d_plus + d_minus
    closeness = np.divide(d_minus, both, out=np.full_like(both, 0.5), where=both > 0)
    return TopsisDetail(r, v, ideal, anti, to_ideal, to_anti, d_plus, d_minus, closeness)


def topsis_closeness(matrix: np.ndarray, weights: np.ndarray, lower_is_better: np.ndarray) -> np.ndarray:
    """Closeness coefficients only (..., options)."""
    return topsis(matrix, weights, lower_is_better).closeness


@dataclass(frozen=True)
class TopsisDistances:
    """The squared per-criterion distances of the unweighted normalised matrix, which make closeness a
    cheap function of the weights: D+^2 = (w^2) @ a_plus.T. Used to evaluate many weight vectors."""

    a_plus: np.ndarray  # (O, C): (r - r+)^2
    a_minus: np.ndarray

    @classmethod
    def of(cls, matrix: np.ndarray, lower_is_better: np.ndarray) -> TopsisDistances:
        # Weights are non-negative, so weighting does not change which option is ideal in a column.
        r = topsis(matrix, np.ones(np.shape(matrix)[-1]), lower_is_better).normalised
        cost = np.asarray(lower_is_better, dtype=bool)
        ideal = np.where(cost, r.min(axis=-2), r.max(axis=-2))
        anti = np.where(cost, r.max(axis=-2), r.min(axis=-2))
        return cls((r - ideal) ** 2, (r - anti) ** 2)

    def closeness(self, weights: np.ndarray) -> np.ndarray:
        """Closeness for weight vectors (N, C) (any positive scale) -> (N, O); 0.5 for an all-zero vector."""
        w = np.asarray(weights, dtype=float)
        total = w.sum(axis=-1, keepdims=True)
        w2 = np.divide(w, total, out=np.zeros_like(w), where=total > 0) ** 2  # all-zero weights: no distance
        d_plus, d_minus = np.sqrt(w2 @ self.a_plus.T), np.sqrt(w2 @ self.a_minus.T)
        both = d_plus + d_minus
        return np.divide(d_minus, both, out=np.full_like(both, 0.5), where=both > 0)
