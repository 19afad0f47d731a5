"""Seeded Monte Carlo analysis in the manner of SMAA (Lahdelma, Hokkanen & Salminen 1998): weights and
scores are drawn many times and the share of draws in which each option takes each rank is its rank
acceptability.

Draws, per sample:
- weights: each entered weight is multiplied by an independent U(1 - spread, 1 + spread) factor
  (default spread 0.2, i.e. +-20 %); a zero weight stays zero;
- values: a value with a range low < high (a Score's ``low``/``high``) is drawn uniformly within it, in
  the criterion's own unit, and passed through the method as usual; other values stay fixed. The
  draw is one of 65,536 equally likely, evenly spaced points across the range (the midpoints of 2^16
  equal bins, r = (k + 0.5) / 65536 with k a random 16-bit integer): statistically the same as a
  continuous uniform for any range a score can have, and four draws come from one 64-bit random word;
- the must-have gates do not vary: ineligible options rank after eligible ones in every sample, and a
  tie keeps the options' order, as in the ranking itself.
Reproducibility: samples are taken in batches of ``BATCH``; ``numpy.random.SeedSequence(seed)`` spawns
two PCG64 streams per batch. The weight stream gives the factors as ``random((batch, criteria))``; the
value stream gives, per sample, ceil(cells / 4) raw 64-bit words read as little-endian 16-bit integers,
the first ``cells`` of them used (cells in option-then-criterion order). The same seed, sample count and
inputs always give the same numbers, however many threads run the batches.
Everything is computed as matrix operations over a batch of samples, never sample by sample.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .matrix import DecisionMatrix, utility

BATCH = 2048  # samples per batch: keeps the (batch x options x criteria) arrays in cache
LEVELS = 65536  # points a value draw can take across its range
INELIGIBLE_PENALTY = 1000.0  # larger than any total, so ineligible options sort after eligible ones
PERCENTILES = (5.0, 50.0, 95.0)
THREADS = max(1, min(4, os.cpu_count() or 1))  # numpy releases the GIL while drawing and multiplying


@dataclass(frozen=True)
class Simulation:
    samples: int
    seed: int
    weight_spread: float
    uncertain_cells: int
    acceptability: np.ndarray  # (options, ranks): share of samples in which option o has rank r + 1
    percentiles: np.ndarray  # (3, options): 5th, 50th and 95th percentile of the totals


def batch_streams(seed: int, batches: int) -> list[tuple[np.random.Generator, np.random.Generator]]:
    """(weight stream, value stream) for each batch, derived from the seed alone."""
    children = np.random.SeedSequence(seed).spawn(2 * batches)
    return [(np.random.Generator(np.random.PCG64(children[2 * b])),
             np.random.Generator(np.random.PCG64(children[2 * b + 1]))) for b in range(batches)]


def value_codes(stream: np.random.Generator, samples: int, cells: int) -> np.ndarray:
    """(samples, cells) random 16-bit integers k; a value is drawn at low + (high - low) (k + 0.5) / 65536."""
    words = -(-cells // 4)
    raw = stream.bit_generator.random_raw(samples * words).astype("<u8", copy=False)
    return raw.view("<u2").reshape(samples, 4 * words)[:, :cells]


def fractions(codes: np.ndarray) -> np.ndarray:
    """The position of each draw within its range, in (0, 1)."""
    return (codes + 0.5) * (1.0 / LEVELS)


def simulate(matrix: DecisionMatrix, method: str, eligible: np.ndarray, samples: int, seed: int,
             weight_spread: float = 0.2, threads: int = THREADS) -> Simulation:
    """Rank acceptability and total percentiles of every option over ``samples`` draws."""
    if samples < 1:
        raise ValueError(f"samples must be at least 1, not {samples}")
    if not 0 <= weight_spread < 1:
        raise ValueError(f"weight spread must be in [0, 1), not {weight_spread}")
    model = (_WeightedSumBatch if method == "weighted-sum" else _TopsisBatch)(matrix)
    starts = list(range(0, samples, BATCH))
    streams = batch_streams(seed, len(starts))
    totals = np.empty((samples, len(matrix.option_ids)))
    counts = [np.zeros(0)] * len(starts)

    def run(b: int) -> None:
        size = min(BATCH, samples - starts[b])
        weight_stream, value_stream = streams[b]
        factors = weight_stream.random((size, matrix.weights.size))
        weights = matrix.weights * (1.0 - weight_spread + 2.0 * weight_spread * factors)
        batch = model(weights, value_codes(value_stream, size, model.cells))
        totals[starts[b]:starts[b] + size] = batch
        counts[b] = rank_counts(batch, eligible)

    if threads > 1 and len(starts) > 1:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(run, range(len(starts))))
    else:
        for b in range(len(starts)):
            run(b)
    return Simulation(samples=samples, seed=seed, weight_spread=weight_spread, uncertain_cells=model.cells,
                      acceptability=np.sum(counts, axis=0) / samples,
                      percentiles=np.percentile(totals, PERCENTILES, axis=0))


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
    u = u(low) + (u(high) - u(low)) r, and r = (k + 0.5) / 65536. So the weighted points are W.u_low plus
    sum_c W_c span_oc (k_oc + 0.5) / 65536: one batched product over the 16-bit draws.
    When every option with uncertain values has them on the same criteria (the usual case: a range on
    each scored criterion) the draws are already an options x criteria block and are used in place;
    otherwise they are first spread over the full options x criteria layout. Ranges that cross an anchor
    are clipped, so those few cells go through the value function in matrix form. The weights x utilities
    product is an einsum, not BLAS: it is small, and BLAS threads only add overhead there.
    """

    def __init__(self, m: DecisionMatrix) -> None:
        rows, cols = np.nonzero(m.uncertain)
        self.cells, self.matrix, self.shape = rows.size, m, m.values.shape
        lo_anchor, hi_anchor = np.minimum(m.worst, m.best), np.maximum(m.worst, m.best)
        linear = (m.low[rows, cols] >= lo_anchor[cols]) & (m.high[rows, cols] <= hi_anchor[cols])
        self.u_low = m.utilities()
        self.u_low[rows, cols] = utility(m.low[rows, cols], m.worst[cols], m.best[cols])
        span = np.zeros(self.shape)
        span[rows[linear], cols[linear]] = (utility(m.high[rows, cols], m.worst[cols], m.best[cols])
                                            - self.u_low[rows, cols])[linear]
        self.flat = rows * self.shape[1] + cols  # where each draw goes in the options x criteria layout
        self.clipped = np.flatnonzero(~linear)
        self.block = _block(rows, cols)  # (options, criteria) if the draws form a block, else None
        if self.block is not None:
            block_rows, block_cols = self.block
            self.span = span[np.ix_(block_rows, block_cols)]
        else:
            self.span = span

    def __call__(self, weights: np.ndarray, codes: np.ndarray) -> np.ndarray:
        points = np.einsum("bc,oc->bo", weights, self.u_low)
        if self.cells:
            if self.block is not None:
                block_rows, block_cols = self.block
                x = codes.reshape(codes.shape[0], block_rows.size, block_cols.size).astype(np.float64)
                w = weights[:, block_cols]
            else:
                x = np.zeros((codes.shape[0], self.shape[0] * self.shape[1]))
                x[:, self.flat] = codes
                x = x.reshape(-1, *self.shape)
                w = weights
            # in place, to keep to one temporary: x becomes (k + 0.5) x span, then one batched product
            x += 0.5
            x *= self.span
            linear = np.matmul(x, w[:, :, None])[..., 0] * (1.0 / LEVELS)
            if self.block is not None:
                points[:, self.block[0]] += linear
            else:
                points += linear
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


def _block(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(options, criteria) when the uncertain cells (in option-then-criterion order) are exactly the same
    criteria for each of those options; None otherwise."""
    options = np.unique(rows)
    if rows.size == 0 or rows.size % options.size:
        return None
    grid = cols.reshape(options.size, -1)
    if not (grid == grid[0]).all() or not (rows.reshape(options.size, -1).T == options).all():
        return None
    return options, grid[0]


class _TopsisBatch:
    """TOPSIS closeness for a batch, the steps of ``topsis.py`` rearranged for speed: with n_c the column
    norm and x+_c the ideal value, (v_oc - v+_c)^2 = q_c (x_oc - x+_c)^2 with q_c = (w_c / n_c)^2, so the
    weighted normalised matrix is never built; each distance is one fused reduction."""

    def __init__(self, m: DecisionMatrix) -> None:
        self.rows, self.cols = np.nonzero(m.uncertain)
        self.cells = self.rows.size
        self.values = m.topsis_values()
        self.low, self.span = m.low[self.rows, self.cols], (m.high - m.low)[self.rows, self.cols]
        self.dense = self.cells == m.values.size
        self.cost = m.lower_is_better

    def __call__(self, weights: np.ndarray, codes: np.ndarray) -> np.ndarray:
        drawn = self.low + self.span * fractions(codes)
        if self.dense:
            x = drawn.reshape(-1, *self.values.shape)
        else:
            x = np.broadcast_to(self.values, (weights.shape[0], *self.values.shape)).copy()
            x[:, self.rows, self.cols] = drawn
        norm2 = np.einsum("boc,boc->bc", x, x)
        w = weights / weights.sum(axis=1, keepdims=True)
        q = np.divide(w * w, norm2, out=np.zeros_like(norm2), where=norm2 > 0)
        high, low = x.max(axis=1), x.min(axis=1)
        ideal, anti = np.where(self.cost, low, high), np.where(self.cost, high, low)
        gap = x - ideal[:, None, :]
        d_plus = np.sqrt(np.einsum("boc,boc,bc->bo", gap, gap, q))
        np.subtract(x, anti[:, None, :], out=gap)
        d_minus = np.sqrt(np.einsum("boc,boc,bc->bo", gap, gap, q))
        both = d_plus + d_minus
        return np.divide(d_minus, both, out=np.full_like(both, 0.5), where=both > 0)
