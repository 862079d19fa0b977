"""Parsing the timestamps survey tools write, as timezone-aware UTC instants."""

from __future__ import annotations

import polars as pl

# ISO 8601 as KoboToolbox, ODK Central and citybridge's API write it; a timestamp without an
# offset is read in ``assume`` (UTC for Kobo's ``_submission_time``, the user's zone elsewhere).
_WITH_OFFSET = (
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%:z",
)
_NAIVE = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
)


def parse_instant(text: pl.Expr, assume: str = "UTC", extra_naive: tuple[str, ...] = ()) -> pl.Expr:
    """A UTC datetime column from text; null where the text is not a timestamp."""
    cleaned = text.str.strip_chars().str.replace(r"Z$", "+00:00")
    candidates = [cleaned.str.to_datetime(f, strict=False, time_zone="UTC") for f in _WITH_OFFSET]
    candidates += [
        cleaned.str.to_datetime(f, strict=False)
        .dt.replace_time_zone(assume, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
        for f in (*_NAIVE, *extra_naive)
    ]
    # A bare date (some tools export only the day) is read as the start of that day.
    candidates.append(
        cleaned.str.to_date("%Y-%m-%d", strict=False)
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone(assume, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
    )
    return pl.coalesce(candidates)
