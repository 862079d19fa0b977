"""Wilson score intervals for shares: honest at small bases and near 0% or 100%.

The normal ("Wald") interval collapses to zero width when every respondent agrees, which is
exactly when a training report most needs a caveat; Wilson's does not.
"""

from __future__ import annotations

import numpy as np

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal


def wilson(count: int, base: int, z: float = Z95) -> tuple[float, float]:
    """The 95% interval of ``count / base``; (0, 0) for an empty base."""
    low, high = wilson_many(np.array([count]), base, z)
    return float(low[0]), float(high[0])


def wilson_many(counts: np.ndarray, base: int, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson intervals for several counts over the same base, at once."""
    counts = np.asarray(counts, dtype=float)
    if base <= 0:
        zeros = np.zeros_like(counts)
        return zeros, zeros
    p = counts / base
    z2 = z * z
    centre = (p + z2 / (2 * base)) / (1 + z2 / base)
    half = z * np.sqrt(p * (1 - p) / base + z2 / (4 * base * base)) / (1 + z2 / base)
    # At 0 and at the whole base the bound is exactly 0 or 1; floating point would leave 1e-17.
    low = np.where(counts == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(counts == base, 1.0, np.clip(centre + half, 0.0, 1.0))
    return low, high
