"""Figures of a free-text question: its answers, and how many speak to each sector.

Sector tagging runs over the whole column at once (one regular expression per sector), so the
counts cover every answer; the answers themselves are kept up to a readable number, quotable
ones first.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl

from citybridge.analysis.indicators import Indicator, OptionCount, TextAnswer
from citybridge.analysis.intervals import wilson_many
from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT

MAX_ANSWERS = 200


def text_figures(
    plain: Indicator,
    frame: pl.DataFrame,
    name: str,
    consent: pl.Series | None,
    cities: pl.Series | None,
    language: str | None = None,
) -> Indicator:
    from citybridge import sectors  # the shared vocabulary; imported late to keep start-up light

    texts = frame.get_column(name)
    answered = texts.is_not_null() & (texts.str.strip_chars() != "")
    table = pl.DataFrame(
        {
            "text": texts,
            "id": frame.get_column(INSTANCE_ID)
            if INSTANCE_ID in frame.columns
            else pl.Series([""] * frame.height),
            "at": frame.get_column(SUBMITTED_AT),
            "quotable": consent.fill_null(False)
            if consent is not None
            else pl.Series([False] * frame.height),
            "city": cities if cities is not None else pl.Series([None] * frame.height, dtype=pl.Utf8),
        }
    ).filter(answered)
    patterns = sectors.patterns()
    lowered = table.get_column("text").str.to_lowercase()  # once, not once per sector
    tagged = table.with_columns(lowered.str.contains(pattern).alias(slug) for slug, pattern in patterns.items())
    base = tagged.height
    counts = np.array([int(tagged.get_column(slug).sum()) for slug in patterns]) if patterns else np.array([])
    lows, highs = wilson_many(counts, base)
    options = tuple(
        OptionCount(
            slug,
            sectors.label(slug, language or "en"),
            int(n),
            n / base if base else 0.0,
            (float(lo), float(hi)),
        )
        for slug, n, lo, hi in zip(patterns, counts, lows, highs, strict=True)
        if n
    )
    kept = tagged.sort(["quotable", "at"], descending=[True, False]).head(MAX_ANSWERS)
    answers = tuple(
        TextAnswer(
            text=row["text"].strip(),
            instance_id=row["id"],
            submitted_at=row["at"],
            sectors=tuple(slug for slug in patterns if row[slug]),
            quotable=bool(row["quotable"]),
            city=row["city"],
        )
        for row in kept.iter_rows(named=True)
    )
    return replace(plain, options=tuple(sorted(options, key=lambda o: -o.count)), answers=answers)
