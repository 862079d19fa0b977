"""A closed survey refuses answers; the relevance endpoint hides what does not apply."""

from __future__ import annotations

from citybridge.web.surveys.models import Submission

from .conftest import GOOD_ANSWERS, form_url


def test_a_closed_survey_shows_a_polite_page_and_stores_nothing(example, open_link, participant):
    example.survey.is_open = False
    example.survey.save()
    page = participant.get(form_url(open_link)).content.decode()
    assert 'id="closed"' in page and 'id="submit"' not in page
    before = Submission.objects.filter(survey=example.survey).count()
    response = participant.post(
        form_url(open_link), {**GOOD_ANSWERS, "instance_id": "6d1f0a36-1c55-4a43-9b8e-2f2f1c4c1a11"}
    )
    assert 'id="closed"' in response.content.decode()
    assert Submission.objects.filter(survey=example.survey).count() == before


def test_the_closed_page_speaks_the_chosen_language(example, open_link, participant):
    example.survey.is_open = False
    example.survey.save()
    page = participant.get(form_url(open_link), {"lang": "Russian (ru)"}).content.decode()
    assert "Опрос закрыт" in page


def test_relevance_hides_the_questions_that_do_not_apply(open_link, participant):
    form_page = participant.get(form_url(open_link)).content.decode()
    assert f'hx-post="/s/{open_link.token}/relevance/"' in form_page

    hidden = participant.post(f"/s/{open_link.token}/relevance/", {"china_interest": "no"}).content.decode()
    assert 'id="relevance"' in hidden and "data-hidden=" in hidden  # citybridge.js hides them
    assert "q-china_cities" in hidden and "q-cooperation_areas" in hidden
    assert "q-industries_other" in hidden

    shown = participant.post(
        f"/s/{open_link.token}/relevance/", {"china_interest": "yes", "industries": ["other", "trade"]}
    ).content.decode()
    assert "q-china_cities" not in shown and "q-industries_other" not in shown


def test_relevance_answers_only_post(open_link, participant):
    assert participant.get(f"/s/{open_link.token}/relevance/").status_code == 405
