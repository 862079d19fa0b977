"""Figures of a number question: summary statistics, declared bands and a histogram."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import polars as pl

from citybridge.analysis.indicators import Bin, Indicator, NumberSummary, OptionCount
from citybridge.analysis.intervals import wilson_many
from citybridge.analysis.spec import QuestionSpec

MAX_BINS = 12


def number_figures(
    plain: Indicator, column: pl.Series, spec: QuestionSpec, language: str | None
) -> Indicator:
    values = column.drop_nulls().cast(pl.Float64)
    if values.is_empty():
        return plain
    stats = pl.DataFrame({"v": values}).select(
        pl.len().alias("n"),
        pl.col("v").mean().alias("mean"),
        pl.col("v").median().alias("median"),
        pl.col("v").min().alias("min"),
        pl.col("v").max().alias("max"),
        pl.col("v").quantile(0.25, interpolation="linear").alias("q1"),
        pl.col("v").quantile(0.75, interpolation="linear").alias("q3"),
    )
    row = stats.row(0, named=True)
    summary = NumberSummary(**{k: (int(v) if k == "n" else float(v)) for k, v in row.items()})
    return replace(plain, summary=summary, bands=_bands(values, spec, language), bins=_bins(values, summary))


def _bands(values: pl.Series, spec: QuestionSpec, language: str | None) -> tuple[OptionCount, ...]:
    if not spec.bands:
        return ()
    base = values.len()
    counts = np.array(
        [
            int(
                (
                    (values >= (b.min if b.min is not None else -math.inf))
                    & (values <= (b.max if b.max is not None else math.inf))
                ).sum()
            )
            for b in spec.bands
        ]
    )
    lows, highs = wilson_many(counts, base)
    return tuple(
        OptionCount(b.name, b.label(language), int(n), n / base, (float(lo), float(hi)))
        for b, n, lo, hi in zip(spec.bands, counts, lows, highs, strict=True)
    )


def _bins(values: pl.Series, summary: NumberSummary) -> tuple[Bin, ...]:
    """Equal-width bins with a round width (1, 2, 5 × 10^k), at most MAX_BINS of them."""
    span = summary.max - summary.min
    if span == 0:
        return (Bin(summary.min, summary.min + 1, summary.n),)
    width = _nice_width(span / MAX_BINS)
    start = math.floor(summary.min / width) * width
    count = max(1, math.floor((summary.max - start) / width) + 1)
    index = ((values - start) / width).floor().cast(pl.Int64).clip(0, count - 1)
    tally = np.bincount(index.to_numpy(), minlength=count)
    return tuple(Bin(start + i * width, start + (i + 1) * width, int(n)) for i, n in enumerate(tally))


def _nice_width(raw: float) -> float:
    exponent = math.floor(math.log10(raw))
    for step in (1, 2, 5, 10):
        width = step * 10**exponent
        if width >= raw:
            return float(width)
    return float(10 ** (exponent + 1))
