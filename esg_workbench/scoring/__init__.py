"""The decision engine of step 4: score options against weighted criteria (weighted sum or TOPSIS),
gate them on must-have requirements, cost them (TCO), test the ranking's sensitivity and recommend.

``score(assessment)`` is the entry point; the weighting aids and the cost function are public too.
"""

from ..domain.results import ScoreResult
from .cost import tco
from .pipeline import DEFAULT_SAMPLES, DEFAULT_SEED, DEFAULT_WEIGHT_SPREAD, METHODS, score
from .weights import ahp_weights, derive_weights, moscow_weights, points_weights, rank_order_centroid

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "DEFAULT_WEIGHT_SPREAD",
    "METHODS",
    "ScoreResult",
    "ahp_weights",
    "derive_weights",
    "moscow_weights",
    "points_weights",
    "rank_order_centroid",
    "score",
    "tco",
]
