"""A geopoint split into columns, as KoboToolbox (``_loc_latitude``...) and ODK Central
(``loc-Latitude``...) export it beside (or instead of) the ``lat lon alt acc`` column.

When the whole-point column is there it wins; otherwise the parts are joined back into the point
ODK writes, so that either export stores the same answer.
"""

from __future__ import annotations

import re

import polars as pl

from citybridge.forms.model import GEOPOINT
from citybridge.submissions.headers import HeaderIndex

_PARTS = {"latitude": 0, "longitude": 1, "altitude": 2, "precision": 3, "accuracy": 3}
_SPLIT = re.compile(r"^_?(?P<stem>.+?)[_-](?P<part>latitude|longitude|altitude|precision|accuracy)$", re.I)


def geo_part(header: str, index: HeaderIndex) -> tuple[str, int] | None:
    """(geopoint question name, part number 0-3) when ``header`` is one part of a split geopoint."""
    match = _SPLIT.match(header.strip())
    if not match:
        return None
    found = index.match(match["stem"])
    if found is None or found.question.type != GEOPOINT:
        return None
    return found.question.name, _PARTS[match["part"].lower()]


def join_geo_parts(
    frame: pl.DataFrame, table: pl.DataFrame, parts: dict[str, dict[int, str]]
) -> pl.DataFrame:
    """Each geopoint rebuilt from its parts where its own column is missing or empty."""
    for name, columns in parts.items():
        if 0 not in columns or 1 not in columns:
            continue  # without both coordinates there is no point: the parts are left aside
        joined = pl.concat_str(
            [pl.col(columns[i]).str.strip_chars() for i in sorted(columns)], separator=" ", ignore_nulls=True
        )
        point = table.select(
            pl.when(pl.col(columns[0]).is_not_null() & pl.col(columns[1]).is_not_null())
            .then(joined)
            .alias(name)
        ).to_series()
        if name in frame.columns:
            frame = frame.with_columns(pl.coalesce(pl.col(name).replace("", None), point).alias(name))
        else:
            frame = frame.with_columns(point)
    return frame
