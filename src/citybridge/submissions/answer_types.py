"""Reading the answers of XLSForm's other question types: time, places, acknowledgements, ranks.

Each function turns a column of trimmed text into the stored value, or null where the text is not
an answer of that type; validation reports a null from a non-empty cell as a wrong type.
"""

from __future__ import annotations

import polars as pl

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
# ODK writes a time as 09:30:00.000+05:00; people write 09:30.
_TIME = r"^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
_ACKNOWLEDGED = {"ok": "OK", "1": "OK", "true": "OK", "yes": "OK"}


def time_answer(raw: pl.Expr) -> pl.Expr:
    return pl.when(raw.str.contains(_TIME)).then(raw)


def _point_ok(point: pl.Expr) -> pl.Expr:
    """'lat lon [alt [accuracy]]', each a number, latitude within ±90 and longitude within ±180."""
    parts = point.str.strip_chars().str.split(" ")
    latitude = parts.list.get(0, null_on_oob=True).cast(pl.Float64, strict=False)
    longitude = parts.list.get(1, null_on_oob=True).cast(pl.Float64, strict=False)
    return (
        point.str.strip_chars().str.contains(f"^{_NUMBER}(?: {_NUMBER}){{1,3}}$")
        & latitude.abs().le(90)
        & longitude.abs().le(180)
    )


def place_answer(raw: pl.Expr, least_points: int) -> pl.Expr:
    """A geopoint (one point), geotrace or geoshape (points joined by ';'), spaces tidied."""
    tidy = raw.str.replace_all(r"[ \t]+", " ").str.replace_all(r"\s*;\s*", ";").str.strip_chars("; ")
    if least_points == 1:
        return pl.when(_point_ok(tidy)).then(tidy)
    points = tidy.str.split(";")
    every = points.list.eval(_point_ok(pl.element())).list.all()
    return pl.when(every & points.list.len().ge(least_points)).then(tidy)


def acknowledge_answer(raw: pl.Expr) -> pl.Expr:
    """ODK stores an acknowledged trigger as 'OK'."""
    return raw.str.to_lowercase().replace_strict(_ACKNOWLEDGED, default=None, return_dtype=pl.Utf8)


def point_parts(point: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Latitude and longitude of a stored geopoint."""
    parts = point.str.split(" ")
    return (
        parts.list.get(0, null_on_oob=True).cast(pl.Float64, strict=False),
        parts.list.get(1, null_on_oob=True).cast(pl.Float64, strict=False),
    )
