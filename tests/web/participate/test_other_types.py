"""The participant page asks XLSForm's other types as text with a hint, and says it cannot take files."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import form_url

OTHER_TYPES_FORM = Path(__file__).parent / "data" / "other_types.md"


@pytest.fixture
def other_types_link(example):
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, OTHER_TYPES_FORM)
    return open_link(survey)


def test_each_other_type_is_asked_or_said_to_be_unanswerable_here(other_types_link, participant):
    page = participant.get(form_url(other_types_link)).content.decode()
    assert '<textarea id="id-arrival" name="arrival"' in page and "for example 09:30" in page
    assert '<textarea id="id-spot" name="spot"' in page and "latitude and longitude" in page
    assert 'type="radio" name="consent" value="OK"' in page
    assert "Write the options in your order, best first, separated by spaces: Shanghai, Beijing." in page
    assert '<textarea id="id-badge" name="badge"' in page
    assert 'id="q-photo"' in page and "asks for a file, which this page cannot take" in page
    for unasked in ("start", "secret"):
        assert f'id="q-{unasked}"' not in page


def test_answers_of_the_other_types_are_stored(other_types_link, participant):
    from citybridge.web.surveys.models import Submission

    page = participant.get(form_url(other_types_link)).content.decode()
    instance = page.split('name="instance_id" value="')[1].split('"')[0]
    data = {"instance_id": instance, "arrival": "09:30", "spot": "41.31 69.28", "consent": "OK",
            "order": "beijing shanghai", "badge": "A-17"}  # fmt: skip
    assert participant.post(form_url(other_types_link), data).status_code == 302
    stored = Submission.objects.get(instance_id=instance).answers
    assert stored == {"arrival": "09:30", "spot": "41.31 69.28", "consent": "OK",
                      "order": ["beijing", "shanghai"], "badge": "A-17"}  # fmt: skip


def test_a_point_off_the_earth_is_explained(other_types_link, participant):
    page = participant.get(form_url(other_types_link)).content.decode()
    instance = page.split('name="instance_id" value="')[1].split('"')[0]
    page = participant.post(
        form_url(other_types_link), {"instance_id": instance, "spot": "95 10"}
    ).content.decode()
    assert 'class="error"' in page and "Write latitude and longitude separated by a space" in page


CASCADE_FORM = Path(__file__).parents[2] / "fixtures" / "pyxform_examples" / "choice_filter_test.xlsx"


def test_a_cascading_select_offers_the_choices_left_by_the_answer_it_depends_on(example, participant):
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, CASCADE_FORM)
    link = open_link(survey)
    page = participant.get(form_url(link)).content.decode()
    assert page.count('name="county" value="king"') == 1  # listed under two states, offered once
    instance = page.split('name="instance_id" value="')[1].split('"')[0]
    page = participant.post(
        form_url(link), {"instance_id": instance, "state": "texas", "county": "pierce"}
    ).content.decode()
    county = page.split('id="q-county"')[1].split('id="q-city"')[0]
    assert 'value="cameron"' in county and 'value="king"' in county and 'value="pierce"' not in county
    assert 'class="error"' in county
