"""Compiled inner loops of the Monte Carlo analysis (numba), for the steps numpy can only do as many
passes over arrays: the TOPSIS distances of a batch of samples, where each sample's columns need their
norm, ideal and anti-ideal before the distances can be summed. One pass per sample keeps everything in
registers and cache; the loops over criteria are contiguous so the compiler vectorises them.

Compiled on first use and cached on disk (``cache=True``: beside this file, or in the user's cache
folder when that is read-only); ``nogil`` lets the analysis run batches on several threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit


# reassoc/contract let the compiler sum the distances over criteria in vector lanes and fuse
# multiply-adds: the order of a sum of non-negative terms changes only its last bits (about 1e-16
# relative), never a rank the benchmark's per-sample loop would not give too. No nnan/ninf: the column
# extremes start at +-inf.
@njit(nogil=True, cache=True, fastmath={"reassoc", "contract"})
def topsis_block_distances(
    codes: np.ndarray,
    offset: np.ndarray,
    scale: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    cost: np.ndarray,
    plus2: np.ndarray,
    minus2: np.ndarray,
) -> None:  # pragma: no cover - compiled; tested through montecarlo._TopsisBatch
    """Adds sum_c q_c (x_oc - x+_c)^2 to ``plus2`` and sum_c q_c (x_oc - x-_c)^2 to ``minus2``
    (samples x options) over the block's columns, where per sample x_oc = offset + scale x code (codes:
    samples x options*columns, option-major), q_c = w_c^2 / sum_o x_oc^2 (0 for a column of zeros), and
    the ideal x+ / anti-ideal x- are the column's highest / lowest value, the other way round for a cost
    column. ``weights``: samples x all criteria, as drawn; ``columns``: the block's criteria among them
    (each sample's weights are normalised by their sum over all criteria)."""
    samples = codes.shape[0]
    n_options, n_cols = offset.shape
    x = np.empty((n_options, n_cols))
    norm2 = np.empty(n_cols)
    high = np.empty(n_cols)
    low = np.empty(n_cols)
    q = np.empty(n_cols)
    ideal = np.empty(n_cols)
    anti = np.empty(n_cols)
    for b in range(samples):
        total = 0.0
        for c in range(weights.shape[1]):
            total += weights[b, c]
        for c in range(n_cols):
            norm2[c] = 0.0
            high[c] = -np.inf
            low[c] = np.inf
        for o in range(n_options):
            first = o * n_cols
            for c in range(n_cols):
                v = offset[o, c] + scale[o, c] * codes[b, first + c]
                x[o, c] = v
                norm2[c] += v * v
                high[c] = max(high[c], v)
                low[c] = min(low[c], v)
        for c in range(n_cols):
            w = weights[b, columns[c]] / total
            q[c] = w * w / norm2[c] if norm2[c] > 0.0 else 0.0
            if cost[c]:
                ideal[c] = low[c]
                anti[c] = high[c]
            else:
                ideal[c] = high[c]
                anti[c] = low[c]
        for o in range(n_options):
            to_ideal = 0.0
            to_anti = 0.0
            for c in range(n_cols):
                d = x[o, c] - ideal[c]
                e = x[o, c] - anti[c]
                to_ideal += q[c] * d * d
                to_anti += q[c] * e * e
            plus2[b, o] += to_ideal
            minus2[b, o] += to_anti
