"""Answering through a link: stored once through the validator, refused with messages in place."""

from __future__ import annotations

import re

from citybridge.web.participate.models import SurveyLink
from citybridge.web.surveys.models import Submission

from .conftest import GOOD_ANSWERS, form_url

INSTANCE = re.compile(r'name="instance_id" value="([0-9a-f-]{36})"')


def _open_form(client, link, **params) -> str:
    """GET the form as a browser does, and return its instance id (JavaScript off: plain HTML)."""
    page = client.get(form_url(link), params).content.decode()
    return INSTANCE.search(page).group(1)


def test_a_complete_answer_is_stored_once_as_a_web_submission_and_shows_the_thanks_page(
    example, open_link, participant
):
    before = Submission.objects.filter(survey=example.survey).count()
    instance = _open_form(participant, open_link)
    response = participant.post(form_url(open_link), {**GOOD_ANSWERS, "instance_id": instance})
    assert response.status_code == 302
    assert response["Location"] == f"/s/{open_link.token}/thanks/"
    stored = Submission.objects.get(survey=example.survey, instance_id=instance)
    assert stored.source == Submission.Source.WEB
    assert sorted(stored.answers["industries"]) == ["agriculture", "tourism"]
    assert stored.answers["age"] == 45
    assert Submission.objects.filter(survey=example.survey).count() == before + 1
    thanks = participant.get(response["Location"]).content.decode()
    assert 'id="thanks"' in thanks


def test_a_re_sent_form_stores_one_submission_and_shows_the_same_confirmation(
    example, open_link, participant
):
    instance = _open_form(participant, open_link)
    data = {**GOOD_ANSWERS, "instance_id": instance}
    first = participant.post(form_url(open_link), data)
    second = participant.post(form_url(open_link), data)  # a double click, or the browser re-sending
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Submission.objects.filter(survey=example.survey, instance_id=instance).count() == 1


def test_each_answer_through_the_open_link_is_its_own_submission(example, open_link, participant):
    before = Submission.objects.filter(survey=example.survey).count()
    for _ in range(2):
        instance = _open_form(participant, open_link)
        participant.post(form_url(open_link), {**GOOD_ANSWERS, "instance_id": instance})
    assert Submission.objects.filter(survey=example.survey).count() == before + 2


def test_a_personal_link_answers_once_and_is_marked_answered(example, personal_link, participant):
    instance = _open_form(participant, personal_link)
    participant.post(form_url(personal_link), {**GOOD_ANSWERS, "instance_id": instance})
    personal_link.refresh_from_db()
    assert personal_link.answered and personal_link.instance_id == instance

    again = participant.get(form_url(personal_link)).content.decode()
    assert "You have already answered this survey" in again
    assert 'id="submit"' not in again
    count = Submission.objects.filter(survey=example.survey).count()
    other = participant.post(form_url(personal_link), {**GOOD_ANSWERS, "instance_id": _uuid()})
    assert "You have already answered this survey" in other.content.decode()
    assert Submission.objects.filter(survey=example.survey).count() == count
    # The same form sent again still reaches the confirmation (the first send's page was lost).
    resent = participant.post(form_url(personal_link), {**GOOD_ANSWERS, "instance_id": instance})
    assert resent.status_code == 302 and resent["Location"].endswith("/thanks/")


def test_a_refused_answer_leaves_the_personal_link_unanswered(personal_link, participant):
    instance = _open_form(participant, personal_link)
    participant.post(form_url(personal_link), {"instance_id": instance, "city": "namangan"})
    assert not SurveyLink.objects.get(pk=personal_link.pk).answered


def test_missing_and_broken_answers_are_named_next_to_their_question_in_uzbek_cyrillic(
    example, open_link, participant
):
    instance = _open_form(participant, open_link, lang="Uzbek (uz)")
    answers = {**GOOD_ANSWERS, "age": "12", "instance_id": instance}
    del answers["position"]
    response = participant.post(form_url(open_link), answers)
    assert response.status_code == 200
    page = response.content.decode()
    assert not Submission.objects.filter(survey=example.survey, instance_id=instance).exists()
    position = _question_block(page, "position")
    assert 'class="error" role="alert"' in position
    assert "Бу саволга жавоб бериш керак." in position  # "this question needs an answer"
    age = _question_block(page, "age")
    assert "Ёш 18 дан 80 гача бўлиши керак" in age  # the form's own constraint message, in Uzbek
    summary = page[page.index('id="problems"') : page.index("<form")]
    assert 'href="#q-position"' in summary and 'href="#q-age"' in summary
    assert "Баъзи жавобларга эътибор беринг" in summary
    # The answers given are kept, and so is the instance id, so that a re-send cannot store twice.
    assert 'value="namangan" checked' in page
    assert f'name="instance_id" value="{instance}"' in page
    assert 'value="12"' in age


def test_a_wrong_type_is_explained(example, all_types_link, participant):
    instance = _open_form(participant, all_types_link)
    page = participant.post(
        form_url(all_types_link),
        {"instance_id": instance, "attended": "no", "days": "2.5", "arrived": "10/11/2020"},
    ).content.decode()
    assert "Write a whole number, for example 25." in _question_block(page, "days")
    assert "Give a date as year-month-day" in _question_block(page, "arrived")


def test_every_question_type_is_stored_typed(example, all_types_link, participant):
    instance = _open_form(participant, all_types_link)
    data = {
        "instance_id": instance,
        "attended": "yes",
        "cities": ["shanghai", "beijing"],
        "days": "3",
        "score": "7.5",
        "arrived": "2020-11-09",
        "left_at": "2020-11-13T18:30",
        "remarks": "Good",
        "double_days": "999",  # a calculation is computed here, never taken from what is sent
    }
    response = participant.post(form_url(all_types_link), data)
    assert response.status_code == 302
    stored = Submission.objects.get(instance_id=instance).answers
    assert stored["days"] == 3 and stored["score"] == 7.5 and stored["arrived"] == "2020-11-09"
    assert stored["left_at"].startswith("2020-11-13T18:30")
    assert sorted(stored["cities"]) == ["beijing", "shanghai"]
    assert stored["double_days"] == "6"  # ${days} * 2, as ODK Collect would store it


def test_an_answer_to_a_question_that_does_not_apply_is_not_stored(example, open_link, participant):
    instance = _open_form(participant, open_link)
    data = {**GOOD_ANSWERS, "china_interest": "no", "china_cities": ["suzhou"], "instance_id": instance}
    assert participant.post(form_url(open_link), data).status_code == 302
    stored = Submission.objects.get(survey=example.survey, instance_id=instance).answers
    assert stored["china_interest"] == "no"
    assert "china_cities" not in stored


def test_an_answer_to_a_question_that_applies_is_stored(example, open_link, participant):
    instance = _open_form(participant, open_link)
    data = {**GOOD_ANSWERS, "china_interest": "yes", "china_cities": ["suzhou"], "instance_id": instance}
    assert participant.post(form_url(open_link), data).status_code == 302
    assert Submission.objects.get(instance_id=instance).answers["china_cities"] == ["suzhou"]


def test_a_tampered_instance_id_is_replaced_by_a_new_one(example, open_link, participant):
    before = Submission.objects.filter(survey=example.survey).count()
    participant.post(form_url(open_link), {**GOOD_ANSWERS, "instance_id": "'; drop table"})
    assert Submission.objects.filter(survey=example.survey).count() == before + 1


def _question_block(page: str, name: str) -> str:
    start = page.index(f'id="q-{name}"')
    end = page.find('class="question', start + 1)
    return page[start : end if end != -1 else len(page)]


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())
