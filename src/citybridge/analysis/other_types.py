"""Counts for the questions that get no indicator: times, places, barcodes, ranks, media files...

Each gets its base (respondents who answered) and its missing count; a geopoint also gets its
answers counted by the nearest city of the gazetteer (GeoNames' cities of 15,000 people or more),
which tells an organiser where the answers were given without showing anyone's position.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import polars as pl
from scipy.spatial import cKDTree

from citybridge.analysis import labels
from citybridge.analysis.indicators import AnswerCount, OptionCount
from citybridge.analysis.intervals import wilson_many
from citybridge.analysis.relevance import applies
from citybridge.forms.model import ACKNOWLEDGE, BARCODE, GEO_TYPES, GEOPOINT, MEDIA_TYPES, RANK, TIME, Form
from citybridge.places.model import Place
from citybridge.places.shipped import shipped_places
from citybridge.submissions.answer_types import point_parts

COUNTED_TYPES = (TIME, *GEO_TYPES, BARCODE, ACKNOWLEDGE, RANK, *MEDIA_TYPES)


def other_answers(form: Form, frame: pl.DataFrame, language: str | None) -> tuple[AnswerCount, ...]:
    """One count per question of the counted types present in ``frame``, in form order."""
    counts = []
    for question in form.answer_questions:
        if question.type not in COUNTED_TYPES or question.name not in frame.columns:
            continue
        column = frame.get_column(question.name)
        answered = column.is_not_null()
        if question.type == RANK:
            answered &= column.list.len() > 0
        base = int(answered.sum())
        counts.append(
            AnswerCount(
                name=question.name,
                path=question.path,
                type=question.type,
                label=labels.question_label(form, question, language),
                base=base,
                missing=int((applies(form, question, frame) & ~answered).sum()),
                nearest_cities=nearest_cities(column, base) if question.type == GEOPOINT else (),
            )
        )
    return tuple(counts)


def nearest_cities(points: pl.Series, base: int) -> tuple[OptionCount, ...]:
    """Geopoint answers counted by their nearest gazetteer city, most answers first."""
    latitude, longitude = point_parts(pl.col("p"))
    located = pl.DataFrame({"p": points}).select(latitude.alias("lat"), longitude.alias("lon")).drop_nulls()
    if located.is_empty():
        return ()
    tree, places = _city_tree()
    _, nearest = tree.query(_unit_vectors(located["lat"].to_numpy(), located["lon"].to_numpy()))
    ids, counts = np.unique(nearest, return_counts=True)
    order = np.lexsort((ids, -counts))
    low, high = wilson_many(counts[order], base)
    return tuple(
        OptionCount(
            value=places[ids[i]].id,
            label=f"{places[ids[i]].name} ({places[ids[i]].country})",
            count=int(counts[i]),
            share=float(counts[i] / base) if base else 0.0,
            ci95=(float(lo), float(hi)),
        )
        for i, lo, hi in zip(order, low, high, strict=True)
    )


@cache
def _city_tree() -> tuple[cKDTree, list[Place]]:
    """The gazetteer's cities as points on the unit sphere: the nearest in 3-D is nearest on Earth."""
    places = shipped_places()
    latitudes = np.array([p.latitude for p in places])
    longitudes = np.array([p.longitude for p in places])
    return cKDTree(_unit_vectors(latitudes, longitudes)), places


def _unit_vectors(latitudes: np.ndarray, longitudes: np.ndarray) -> np.ndarray:
    lat, lon = np.radians(latitudes), np.radians(longitudes)
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


