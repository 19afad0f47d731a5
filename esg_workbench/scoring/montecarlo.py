"""Seeded Monte Carlo analysis in the manner of SMAA (Lahdelma, Hokkanen & Salminen 1998): weights and
scores are drawn many times and the share of draws in which each option takes each rank is its rank
acceptability.

Draws, per sample, each at a uniform position r in (0, 1):
- weights: each entered weight is multiplied by an independent factor 1 - spread + 2 spread r, i.e.
  uniform within +-spread (default 0.2, +-20 %); a zero weight stays zero;
- values: a value with a range low < high (a Score's ``low``/``high``) is drawn as low + (high - low) r,
  in the criterion's own unit, and passed through the method as usual; other values stay fixed;
- the must-have gates do not vary: ineligible options rank after eligible ones in every sample, and a
  tie keeps the options' order, as in the ranking itself.
A position r is one of 65,536 equally likely, evenly spaced points, r = (k + 0.5) / 65536 with k a random
16-bit integer (the midpoints of 2^16 equal bins): statistically the same as a continuous uniform for any
range a weight or score can have, and four draws come from one 64-bit random word.
Reproducibility: samples are taken in batches of ``BATCH``; ``numpy.random.SeedSequence(seed)`` spawns
two PCG64 streams per batch, one for the weights and one for the values. Per sample, a stream gives
ceil(n / 4) raw 64-bit words read as little-endian 16-bit integers, the first n used (n = criteria, or
uncertain cells in option-then-criterion order). The same seed, sample count and inputs always give the
same numbers, however many threads run the batches.
Everything is computed as matrix operations over a batch of samples, never sample by sample.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .matrix import DecisionMatrix, utility

BATCH = 1024  # samples per batch: keeps the (batch x options x criteria) arrays in cache
LEVELS = 65536  # evenly spaced points a draw can take across its range
INELIGIBLE_PENALTY = 1000.0  # larger than any total, so ineligible options sort after eligible ones
PERCENTILES = (5.0, 50.0, 95.0)
THREADS = max(1, min(4, os.cpu_count() or 1))  # numpy releases the GIL while drawing and multiplying


@dataclass(frozen=True)
class Simulation:
    samples: int
    seed: int
    weight_spread: float | np.ndarray
    uncertain_cells: int
    acceptability: np.ndarray  # (options, ranks): share of samples in which option o has rank r + 1
    percentiles: np.ndarray  # (3, options): 5th, 50th and 95th percentile of the totals


def batch_streams(seed: int, batches: int) -> list[tuple[np.random.Generator, np.random.Generator]]:
    """(weight stream, value stream) for each batch, derived from the seed alone."""
    children = np.random.SeedSequence(seed).spawn(2 * batches)
    return [
        (
            np.random.Generator(np.random.PCG64(children[2 * b])),
            np.random.Generator(np.random.PCG64(children[2 * b + 1])),
        )
        for b in range(batches)
    ]


def codes(stream: np.random.Generator, samples: int, count: int) -> np.ndarray:
    """(samples, count) random 16-bit integers k, each standing for the position (k + 0.5) / 65536."""
    words = -(-count // 4)
    raw = stream.bit_generator.random_raw(samples * words).astype("<u8", copy=False)
    return raw.view("<u2").reshape(samples, 4 * words)[:, :count]


def fractions(k: np.ndarray) -> np.ndarray:
    """The position of each draw within its range, in (0, 1)."""
    return (k + 0.5) * (1.0 / LEVELS)


def simulate(
    matrix: DecisionMatrix,
    method: str,
    eligible: np.ndarray,
    samples: int,
    seed: int,
    weight_spread: float | np.ndarray = 0.2,
    threads: int = THREADS,
) -> Simulation:
    """Rank acceptability and total percentiles of every option over ``samples`` draws. ``weight_spread``
    is one spread for every weight or one per criterion."""
    if samples < 1:
        raise ValueError(f"samples must be at least 1, not {samples}")
    if not np.all((np.asarray(weight_spread) >= 0) & (np.asarray(weight_spread) < 1)):
        raise ValueError(f"weight spread must be in [0, 1), not {weight_spread}")
    model = (_WeightedSumBatch if method == "weighted-sum" else _TopsisBatch)(matrix)
    starts = list(range(0, samples, BATCH))
    streams = batch_streams(seed, len(starts))
    totals = np.empty((samples, len(matrix.option_ids)))
    counts = [np.zeros(0)] * len(starts)

    def run(b: int) -> None:
        size = min(BATCH, samples - starts[b])
        weight_stream, value_stream = streams[b]
        factors = fractions(codes(weight_stream, size, matrix.weights.size))
        weights = matrix.weights * (1.0 - weight_spread + 2.0 * weight_spread * factors)
        batch = model(weights, codes(value_stream, size, model.cells))
        totals[starts[b] : starts[b] + size] = batch
        counts[b] = rank_counts(batch, eligible)

    def percentiles(row: np.ndarray) -> np.ndarray:
        return np.percentile(row, PERCENTILES)

    # Percentiles option by option, on contiguous rows, in the pool like the batches.
    if threads > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(run, range(len(starts))))
            spread = list(pool.map(percentiles, np.ascontiguousarray(totals.T)))
    else:
        for b in range(len(starts)):
            run(b)
        spread = [percentiles(row) for row in np.ascontiguousarray(totals.T)]
    return Simulation(
        samples=samples,
        seed=seed,
        weight_spread=weight_spread,
        uncertain_cells=model.cells,
        acceptability=np.sum(counts, axis=0) / samples,
        percentiles=np.array(spread).reshape(-1, len(PERCENTILES)).T,
    )


def rank_counts(totals: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """(options, ranks) counts over sample totals (samples, options), with the gates and the option-order
    tie rule of the ranking."""
    n = totals.shape[1]
    penalty = np.where(eligible, 0.0, INELIGIBLE_PENALTY)
    order = np.argsort(penalty - totals, axis=1, kind="stable")  # best first, ties by option order
    return np.bincount((order * n + np.arange(n)).ravel(), minlength=n * n).reshape(n, n)


class _WeightedSumBatch:
    """Weighted-sum totals for a batch of weight vectors and value draws.

    Within a range that stays between the anchors a utility is linear in the draw's position r:
    u = u(low) + (u(high) - u(low)) r, and r = (k + 0.5) / 65536. On the sub-block of options and
    criteria that have draws, each utility is therefore offset + scale x k, with
    offset = u(low) + 0.5 scale and scale = (u(high) - u(low)) / 65536 (0 and the fixed utility for a
    cell without a draw), and the block's points are W.offset (small) plus one batched product of
    scale x k with the weights. The rest of the matrix is fixed and adds one small product. When the
    draws fill the block exactly (the usual case: a range on each scored criterion of each option) they
    are used in place; otherwise they are first spread over it. Ranges that cross an anchor are clipped,
    so those few cells go through the value function in matrix form. The small products are einsum, not
    BLAS: BLAS threads only add overhead there.
    """

    def __init__(self, m: DecisionMatrix) -> None:
        rows, cols = np.nonzero(m.uncertain)
        self.cells, self.matrix, self.shape = rows.size, m, m.values.shape
        lo_anchor, hi_anchor = np.minimum(m.worst, m.best), np.maximum(m.worst, m.best)
        linear = (m.low[rows, cols] >= lo_anchor[cols]) & (m.high[rows, cols] <= hi_anchor[cols])
        self.u_low = m.utilities()
        self.u_low[rows, cols] = utility(m.low[rows, cols], m.worst[cols], m.best[cols])
        span = np.zeros(self.shape)
        span[rows[linear], cols[linear]] = (
            utility(m.high[rows, cols], m.worst[cols], m.best[cols]) - self.u_low[rows, cols]
        )[linear]
        self.flat = rows * self.shape[1] + cols  # where each draw is in the options x criteria layout
        self.clipped = np.flatnonzero(~linear)
        self.rows, self.cols = np.unique(rows), np.unique(cols)  # the block with draws
        block = np.ix_(self.rows, self.cols)
        # position of each draw within the block, and whether the draws fill it in order
        self.position = np.searchsorted(self.rows, rows) * self.cols.size + np.searchsorted(self.cols, cols)
        self.filled = np.array_equal(self.position, np.arange(self.rows.size * self.cols.size))
        self.scale = span[block] / LEVELS
        self.offset = self.u_low[block] + 0.5 * self.scale
        rest = self.u_low.copy()
        rest[block] = 0.0
        self.rest_cols = np.flatnonzero(rest.any(axis=0))
        self.rest = rest[:, self.rest_cols]
        self._local = threading.local()

    def _scratch(self, size: int) -> np.ndarray:
        """A reused (size x block) buffer per thread: fresh arrays this large cost page faults, and
        threads faulting pages in at once wait on each other."""
        buffer = getattr(self._local, "buffer", None)
        if buffer is None or buffer.shape[0] < size:
            buffer = self._local.buffer = np.empty((max(size, BATCH), self.rows.size, self.cols.size))
        return buffer[:size]

    def __call__(self, weights: np.ndarray, codes: np.ndarray) -> np.ndarray:
        size = weights.shape[0]
        points = np.einsum("bc,oc->bo", weights[:, self.rest_cols], self.rest)
        if self.cells:
            x, w = self._scratch(size), weights[:, self.cols]
            if self.filled:
                np.copyto(x, codes.reshape(x.shape))
            else:
                spread = np.zeros((size, x.shape[1] * x.shape[2]), dtype=codes.dtype)
                spread[:, self.position] = codes
                np.copyto(x, spread.reshape(x.shape))
            x *= self.scale
            points[:, self.rows] += np.matmul(x, w[:, :, None])[..., 0] + np.einsum("bk,ok->bo", w, self.offset)
        if self.clipped.size:
            points += self._clipped(weights, codes)
        return 100.0 * points / weights.sum(axis=1, keepdims=True)

    def _clipped(self, weights: np.ndarray, codes: np.ndarray) -> np.ndarray:
        m, at = self.matrix, self.clipped
        rows, cols = np.divmod(self.flat[at], self.shape[1])
        values = m.low[rows, cols] + (m.high[rows, cols] - m.low[rows, cols]) * fractions(codes[:, at])
        delta = (utility(values, m.worst[cols], m.best[cols]) - self.u_low[rows, cols]) * weights[:, cols]
        per_option = np.zeros((at.size, self.shape[0]))
        per_option[np.arange(at.size), rows] = 1.0
        return np.einsum("bk,ko->bo", delta, per_option)


class _TopsisBatch:
    """TOPSIS closeness for a batch, the steps of ``topsis.py`` rearranged for speed.

    With n_c^2 = sum_o x_oc^2 the squared column norm, x+_c the ideal value and q_c = (w_c / n_c)^2,
    (v_oc - v+_c)^2 = q_c (x_oc - x+_c)^2, so the weighted normalised matrix is never built. A column
    without draws is the same in every sample: its part of D+^2 and D-^2 is (w_c^2) times a fixed
    (criteria x options) matrix, one small product. The columns with draws hold x = offset + scale k for
    every option (scale 0 where a cell has no draw), as in the weighted sum; their part is summed sample
    by sample in one compiled pass (``kernels.topsis_block_distances``).
    """

    def __init__(self, m: DecisionMatrix) -> None:
        rows, cols = np.nonzero(m.uncertain)
        self.cells = rows.size
        values = m.topsis_values()
        n_options = values.shape[0]
        cost = m.lower_is_better
        self.ucols = np.unique(cols)
        self.fcols = np.setdiff1d(np.arange(values.shape[1]), self.ucols)
        span = (m.high - m.low)[rows, cols] / LEVELS
        self.scale = np.zeros((n_options, self.ucols.size))
        self.offset = values[:, self.ucols].copy()
        at = np.searchsorted(self.ucols, cols)
        self.scale[rows, at] = span
        self.offset[rows, at] = m.low[rows, cols] + 0.5 * span
        self.position = rows * self.ucols.size + at  # where each draw is in the options x block layout
        self.filled = np.array_equal(self.position, np.arange(n_options * self.ucols.size))
        fixed = values[:, self.fcols]
        norm2 = np.einsum("oc,oc->c", fixed, fixed)
        high, low = fixed.max(axis=0, initial=-np.inf), fixed.min(axis=0, initial=np.inf)
        ideal, anti = np.where(cost[self.fcols], low, high), np.where(cost[self.fcols], high, low)
        inverse = np.divide(1.0, norm2, out=np.zeros_like(norm2), where=norm2 > 0)
        self.fixed_plus = ((fixed - ideal) ** 2 * inverse).T  # (fixed criteria, options)
        self.fixed_minus = ((fixed - anti) ** 2 * inverse).T
        self.block_cost = cost[self.ucols]

    def __call__(self, weights: np.ndarray, codes: np.ndarray) -> np.ndarray:
        total = weights.sum(axis=1, keepdims=True)
        wf = weights[:, self.fcols] / total
        plus2 = np.matmul(wf * wf, self.fixed_plus)
        minus2 = np.matmul(wf * wf, self.fixed_minus)
        if self.ucols.size:
            if not self.filled:
                spread = np.zeros((codes.shape[0], self.scale.size), dtype=codes.dtype)
                spread[:, self.position] = codes
                codes = spread
            from .kernels import topsis_block_distances  # numba: imported (and compiled) when first needed

            topsis_block_distances(codes, self.offset, self.scale, weights, self.ucols, self.block_cost, plus2, minus2)
        d_plus, d_minus = np.sqrt(np.maximum(plus2, 0.0)), np.sqrt(np.maximum(minus2, 0.0))
        both = d_plus + d_minus
        return np.divide(d_minus, both, out=np.full_like(both, 0.5), where=both > 0)
