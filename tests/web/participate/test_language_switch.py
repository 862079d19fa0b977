"""Switching the form's language keeps every answer; answers are checked as they are typed; the
words pyxform adds in English ("Other", "Specify other.") are said in the participant's language."""

from __future__ import annotations

import re

import pytest

from citybridge.web.surveys.models import Submission

from .conftest import GOOD_ANSWERS, form_url

RELEVANCE = "/s/{token}/relevance/"


def _checked(page: str, name: str, value: str) -> bool:
    return bool(re.search(rf'name="{name}" value="{value}" checked', page))


def test_the_language_buttons_are_buttons_of_the_form_so_the_answers_go_with_them(open_link, participant):
    page = participant.get(form_url(open_link)).content.decode()
    assert '<form method="post"' in page and 'id="answers"' in page
    assert re.search(
        r'<button type="submit" form="answers" formnovalidate name="switch_language" value="Russian \(ru\)"',
        page,
    )


def test_switching_language_without_javascript_keeps_every_answer_and_stores_nothing(
    example, open_link, participant
):
    before = Submission.objects.count()
    answers = {**GOOD_ANSWERS, "age": "12", "switch_language": "Chinese (zh)"}  # 12 breaks a constraint
    page = participant.post(form_url(open_link), answers).content.decode()
    assert '<html lang="zh-hans">' in page and "您所在的城市" in page
    assert _checked(page, "city", "namangan") and _checked(page, "position", "khokim")
    assert _checked(page, "industries", "tourism") and _checked(page, "industries", "agriculture")
    assert 'name="age" type="number" step="1" inputmode="numeric" value="12"' in page
    assert ">Very useful</textarea>" in page
    assert 'role="alert"' not in page  # a language switch is not a sending: no message yet
    assert Submission.objects.count() == before
    # The instance id goes on too, so the form sent afterwards is still one submission.
    assert re.search(r'data-lang="Chinese \(zh\)"[^>]*aria-current', page)


def test_the_instance_id_survives_a_switch(open_link, participant):
    instance = "6d1f0a36-1c55-4a43-9b8e-2f2f1c4c1a11"
    page = participant.post(
        form_url(open_link), {"instance_id": instance, "switch_language": "Russian (ru)"}
    ).content.decode()
    assert f'name="instance_id" value="{instance}"' in page


def test_a_broken_constraint_is_named_while_typing_in_the_participants_language(open_link, participant):
    url = RELEVANCE.format(token=open_link.token)
    page = participant.post(url, {"age": "12", "language": "Russian (ru)"}).content.decode()
    live = re.search(r'<div class="live" id="live-age"[^>]*hx-swap-oob="true">(.*?)</div>', page, re.S)
    assert live and "Возраст должен быть от 18 до 80 лет" in live.group(1)  # the form's own message
    fine = participant.post(url, {"age": "45", "language": "Russian (ru)"}).content.decode()
    assert re.search(r'<div class="live" id="live-age"[^>]*hx-swap-oob="true"></div>', fine)  # cleared


def test_unanswered_questions_are_not_called_missing_while_typing(open_link, participant):
    page = participant.post(RELEVANCE.format(token=open_link.token), {"age": "45"}).content.decode()
    assert "live-city" not in page and "needs an answer" not in page


def test_a_wrong_type_is_named_while_typing(open_link, participant):
    page = participant.post(RELEVANCE.format(token=open_link.token), {"population": "many"}).content.decode()
    assert "Write a whole number" in page


@pytest.mark.parametrize(
    ("language", "other", "specify"),
    [
        ("English (en)", "Other", "Specify other."),
        ("Russian (ru)", "Другое", "Уточните, что именно."),
        ("Uzbek (uz)", "Бошқа", "Бошқасини аниқлаштиринг."),
        ("Uzbek Latin (uz-Latn)", "Boshqa", "Boshqasini aniqlashtiring."),
        ("Chinese (zh)", "其他", "请具体说明。"),
    ],
)
def test_other_and_specify_other_are_in_the_forms_language(open_link, participant, language, other, specify):
    page = participant.get(form_url(open_link), {"lang": language}).content.decode()
    assert f'name="industries" value="other"> <span>{other}</span>' in page
    assert f'<label class="label" for="id-industries_other">{specify}' in page


def test_the_form_title_follows_the_language_where_the_organiser_wrote_one(
    example, open_link, participant, client_as
):
    from django.urls import reverse

    organiser = client_as("organiser")
    links = reverse("participate:links", args=[example.survey.slug])
    page = organiser.get(links).content.decode()
    languages = re.findall(r'<label>([^<]+) <input name="(title-\d+)"', page)
    fields = {field: "" for _, field in languages}
    fields |= {field: "培训后评估与需求评估" for key, field in languages if key == "Chinese (zh)"}
    fields |= {
        field: "Trening yakunidagi baholash" for key, field in languages if key == "Uzbek Latin (uz-Latn)"
    }
    assert organiser.post(links, {"make": "titles", **fields}).status_code == 302
    chinese = participant.get(form_url(open_link), {"lang": "Chinese (zh)"}).content.decode()
    assert "<h1>培训后评估与需求评估</h1>" in chinese and "<title>培训后评估与需求评估" in chinese
    latin = participant.get(form_url(open_link), {"lang": "Uzbek Latin (uz-Latn)"}).content.decode()
    assert "<h1>Trening yakunidagi baholash</h1>" in latin
    russian = participant.get(form_url(open_link), {"lang": "Russian (ru)"}).content.decode()
    assert f"<h1>{example.survey.title}</h1>" in russian  # none written: the survey's own title
