"""The submissions table: question labels, choice labels, 50 a page, search, pseudonyms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.analysis.labels import choice_label, question_label
from citybridge.web.surveys.analysis import analyze_survey


@pytest.fixture
def url(example):
    return reverse("front:submissions", args=[example.survey.slug])


@pytest.fixture
def comments_are_personal(example):
    """The example asks nothing personal; its indicators file may mark a question as personal."""
    survey = example.survey
    survey.indicators = {**survey.indicators, "personal_questions": ["comments"]}
    survey.save(update_fields=["indicators"])
    return [s.answers["comments"] for s in survey.submissions.all() if s.answers.get("comments")]


def _rows(body: str) -> int:
    return body.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")


def test_the_table_has_question_labels_and_choice_labels(client_as, example, url):
    form = example.survey.current_version().form()
    first = example.survey.submissions.order_by("submitted_at", "pk").first()
    city = form.question("city")
    body = client_as("analyst").get(url).content.decode()
    assert f'<th scope="col">{question_label(form, city, "en")}</th>' in body
    assert f"<td>{choice_label(form, city, first.answers['city'], 'en')}</td>" in body
    assert first.instance_id in body


def test_fifty_submissions_a_page_with_links_to_the_others(client_as, example, url):
    total = example.survey.submissions.count()
    assert total > 50
    client = client_as("analyst")
    body = client.get(url).content.decode()
    assert _rows(body) == 50 and "?page=2" in body
    last = (total - 1) // 50 + 1
    assert _rows(client.get(url, {"page": last}).content.decode()) == total - 50 * (last - 1)


def test_search_finds_an_instance_id(client_as, example, url):
    one = example.survey.submissions.order_by("pk").last()
    body = client_as("analyst").get(url, {"q": one.instance_id}).content.decode()
    assert _rows(body) == 1 and one.instance_id in body


def test_search_finds_a_choice_by_its_label(client_as, example, url):
    city = analyze_survey(example.survey, language="en").respondents_per_city[0]
    body = client_as("analyst").get(url, {"q": city.label.upper()}).content.decode()
    assert _rows(body) >= city.count  # the label may also appear in other answers


def test_personal_answers_are_pseudonyms_for_an_analyst(client_as, url, comments_are_personal):
    body = client_as("analyst").get(url, {"q": ""}).content.decode()
    assert "anon-" in body
    assert not [text for text in comments_are_personal if text in body]
    assert "Show personal data" not in body


def test_an_organiser_sees_personal_answers_only_when_asking(client_as, url, comments_are_personal):
    client = client_as("organiser")
    assert "Show personal data" in client.get(url).content.decode()
    shown = "".join(client.get(url, {"personal": "1", "page": n}).content.decode() for n in (1, 2, 3, 4, 5))
    assert all(text in shown for text in comments_are_personal[:3])


def test_searching_a_hidden_answer_finds_nothing_for_an_analyst(client_as, url, comments_are_personal):
    word = comments_are_personal[0]
    assert "No submission matches" in client_as("analyst").get(url, {"q": word}).content.decode()


def test_an_analyst_asking_for_personal_data_is_refused(client_as, url):
    assert client_as("analyst").get(url, {"personal": "1"}).status_code == 403


def test_another_organisations_survey_is_not_found(client_as, url):
    assert client_as("outsider").get(url).status_code == 404
    assert client_as("partner").get(url).status_code == 403
