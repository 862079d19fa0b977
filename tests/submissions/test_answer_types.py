"""Answers of the other XLSForm types: times, places, acknowledgements, ranks and cascading selects."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citybridge.forms import load_xlsform
from citybridge.submissions import validate
from citybridge.submissions.sources import from_payloads
from tests.forms.xlsform_builder import build_xlsform

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "pyxform_examples"


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    path = build_xlsform(
        tmp_path_factory.mktemp("types"),
        [
            {"type": "time", "name": "arrival", "label": "Arrival"},
            {"type": "geopoint", "name": "spot", "label": "Spot"},
            {"type": "geotrace", "name": "route", "label": "Route"},
            {"type": "geoshape", "name": "area", "label": "Area"},
            {"type": "acknowledge", "name": "consent", "label": "I agree"},
            {"type": "rank colours", "name": "order", "label": "Order"},
            {"type": "barcode", "name": "code", "label": "Code"},
            {"type": "image", "name": "photo", "label": "Photo"},
            {"type": "start", "name": "start"},
        ],
        [{"list_name": "colours", "name": n, "label": n.title()} for n in ("red", "blue", "green")],
        {"form_id": "types", "version": "1"},
    )
    return load_xlsform(path)


def check(form, **answers):
    body = {"instance_id": "uuid:1", "submitted_at": "2020-11-10T09:00:00Z", "answers": answers}
    return validate(form, from_payloads(form, [(1, body)]))


def test_answers_of_every_kind_are_stored_as_odk_writes_them(form):
    result = check(
        form,
        arrival="09:30:00.000+05:00",
        spot="41.3111 69.2797 455 5",
        route="41.3 69.2 0 0; 41.4 69.3 0 0",
        area="41 69;41 70;42 70;41 69",
        consent="ok",
        order="green red blue",
        code="4006381333931",
        photo="1604993400123.jpg",
        start="2020-11-10T08:55:00.000+05:00",
    )
    assert result.ok, [str(p) for p in result.problems]
    _, _, answers = next(result.records())
    assert answers["consent"] == "OK" and answers["order"] == ["green", "red", "blue"]
    assert answers["route"] == "41.3 69.2 0 0;41.4 69.3 0 0" and answers["photo"] == "1604993400123.jpg"


@pytest.mark.parametrize(
    ("question", "value", "reason"),
    [
        ("arrival", "25:10", "'arrival' takes a time written HH:MM or HH:MM:SS"),
        ("spot", "41.3", "'spot' is a geopoint: write 'latitude longitude'"),
        ("spot", "95 69", "latitude within ±90"),
        ("route", "41 69", "'route' is a geotrace: two or more points"),
        ("area", "41 69;42 70", "'area' is a geoshape: three or more points"),
        ("consent", "no", "'consent' is an acknowledgement: its only answer is OK"),
        ("order", "red red", "'order' ranks each option of 'colours' once"),
        ("order", "red purple", "'purple' not in the choice list 'colours'"),
    ],
)
def test_a_wrong_answer_is_refused_saying_how_to_write_it(form, question, value, reason):
    result = check(form, **{question: value})
    assert len(result.problems) == 1
    assert reason in result.problems[0].reason


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180))
def test_any_point_on_earth_is_a_geopoint(form, latitude, longitude):
    result = check(form, spot=f"{latitude} {longitude}")
    assert result.ok, [str(p) for p in result.problems]


def test_a_cascading_select_refuses_a_choice_its_filter_leaves_out():
    form = load_xlsform(EXAMPLES / "choice_filter_test.xlsx")
    ok = validate(form, from_payloads(form, [(1, {"instance_id": "a", "answers": {"state": "texas", "county": "cameron"}})]))
    bad = validate(form, from_payloads(form, [(1, {"instance_id": "b", "answers": {"state": "texas", "county": "pierce"}})]))
    assert ok.ok
    assert [p.reason for p in bad.problems] == [
        "not one of the choices that apply given the answers it depends on (choice_filter: ${state}=cf)"
    ]


def test_a_filter_citybridge_cannot_read_is_reported_as_unchecked():
    form = load_xlsform(EXAMPLES / "or_other.xlsx")
    result = validate(form, from_payloads(form, [(1, {"instance_id": "a", "answers": {"fav_pastel": "red"}})]))
    assert result.ok
    assert any("choice_filter of 'fav_pastel' (pastel=yes) is stored but not checked" in u for u in result.unchecked)
