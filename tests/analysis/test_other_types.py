"""Questions of the other types are counted; geopoints are counted by their nearest city."""

from __future__ import annotations

import polars as pl
import pytest

from citybridge.analysis.compute import analyze
from citybridge.analysis.export import analysis_json
from citybridge.forms import load_xlsform
from citybridge.submissions import validate
from citybridge.submissions.sources import from_payloads
from tests.forms.xlsform_builder import build_xlsform


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    path = build_xlsform(
        tmp_path_factory.mktemp("other"),
        [
            {"type": "geopoint", "name": "spot", "label": "Where are you?"},
            {"type": "time", "name": "arrival", "label": "Arrival"},
            {"type": "image", "name": "photo", "label": "Photo"},
        ],
        settings={"form_id": "other", "version": "1"},
    )
    return load_xlsform(path)


def frame_of(form, answers: list[dict]) -> pl.DataFrame:
    bodies = [(n, {"instance_id": f"i{n}", "submitted_at": "2020-11-10T09:00:00Z", "answers": a})
              for n, a in enumerate(answers, start=1)]  # fmt: skip
    validated = validate(form, from_payloads(form, bodies))
    assert validated.ok, [str(p) for p in validated.problems]
    return validated.frame.drop("_row")


def test_geopoints_are_counted_by_their_nearest_gazetteer_city(form):
    frame = frame_of(form, [
        {"spot": "41.26 69.21 0 5", "arrival": "09:00"},  # central Tashkent
        {"spot": "41.27 69.22", "photo": "a.jpg"},
        {"spot": "39.65 66.96"},  # Samarkand
        {"arrival": "10:15"},
    ])  # fmt: skip
    counts = {c.name: c for c in analyze(form, frame).other_answers}
    assert (counts["spot"].base, counts["spot"].missing) == (3, 1)
    assert [(o.label, o.count) for o in counts["spot"].nearest_cities] == [
        ("Tashkent (UZ)", 2),
        ("Samarkand (UZ)", 1),
    ]
    assert counts["spot"].nearest_cities[0].share == pytest.approx(2 / 3)
    assert (counts["arrival"].base, counts["photo"].base) == (2, 1)


def test_the_counts_are_in_the_analysis_json(form):
    document = analysis_json(analyze(form, frame_of(form, [{"spot": "41.26 69.21"}])))
    spot = document["other_questions"]["spot"]
    assert (spot["base"], spot["nearest_cities"][0]["label"]) == (1, "Tashkent (UZ)")
    assert document["other_questions"]["photo"] == {"type": "image", "label": "Photo", "base": 0, "missing": 1}


def test_device_metadata_phone_numbers_and_places_are_personal(tmp_path):
    from citybridge.analysis.personal import personal_questions
    from citybridge.analysis.spec import IndicatorSpec

    path = build_xlsform(
        tmp_path,
        [
            {"type": "deviceid", "name": "device"},
            {"type": "phone number", "name": "whom", "label": "Number"},
            {"type": "geopoint", "name": "spot", "label": "Where?"},
            {"type": "time", "name": "arrival", "label": "Arrival"},
        ],
    )
    assert personal_questions(load_xlsform(path), IndicatorSpec()) == ("device", "whom", "spot")
