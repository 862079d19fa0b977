"""The form renders every question type, in every language of the form, with stable hooks."""

from __future__ import annotations

import re

import pytest

from .conftest import form_url

EXAMPLE_LANGUAGES = ("English (en)", "Uzbek (uz)", "Russian (ru)", "Chinese (zh)")


def test_every_question_of_the_example_form_is_shown_with_its_widget_in_every_language(
    example, open_link, participant
):
    form = example.survey.current_version().form()
    for language in EXAMPLE_LANGUAGES:
        page = participant.get(form_url(open_link), {"lang": language}).content.decode()
        for question in form.questions:
            assert f'id="q-{question.name}"' in page, (language, question.name)
            if question.labels != {"default": "Specify other."}:  # pyxform's words: test_language_switch
                assert question.label(language) in page, (language, question.name)
        city = form.question("city")
        assert city.choices[0].label(language) in page
        assert 'type="radio" name="city"' in page
        assert 'type="checkbox" name="industries"' in page
        assert 'type="number" step="1" inputmode="numeric" value="" id' not in page  # sanity of markup below
        assert re.search(r'<input id="id-age" name="age" type="number" step="1"', page)
        assert re.search(r'<textarea id="id-comments" name="comments"', page)
        assert 'id="submit"' in page


def test_the_page_language_follows_the_form_language(example, open_link, participant):
    expected = {
        "English (en)": ("en", "Send my answers"),
        "Russian (ru)": ("ru", "Отправить ответы"),
        "Uzbek (uz)": ("uz-cyrl", "Жавобларимни юбориш"),  # the example's Uzbek is in Cyrillic letters
        "Uzbek Latin (uz-Latn)": ("uz", "Javoblarimni yuborish"),  # ... offered in Latin letters too
        "Chinese (zh)": ("zh-hans", "提交我的回答"),
    }
    for language, (code, button) in expected.items():
        response = participant.get(form_url(open_link), {"lang": language})
        page = response.content.decode()
        assert f'<html lang="{code}">' in page
        assert button in page


def test_the_chosen_language_is_remembered_and_the_switch_marks_every_form_language(open_link, participant):
    participant.get(form_url(open_link), {"lang": "Chinese (zh)"})
    page = participant.get(form_url(open_link)).content.decode()
    assert "您所在的城市" in page  # the city question in Chinese, without ?lang= this time
    for language in EXAMPLE_LANGUAGES:
        assert f'data-lang="{language}"' in page
    assert re.search(r'data-lang="Chinese \(zh\)"[^>]*aria-current', page)


def test_a_form_in_cyrillic_uzbek_is_offered_in_latin_uzbek_too(open_link, participant):
    page = participant.get(form_url(open_link), {"lang": "Uzbek Latin (uz-Latn)"}).content.decode()
    assert "Yoshingiz" in page and "Ёшингиз" not in page  # "Your age", transliterated
    assert "Siz va shahringiz haqida" in page  # the first group's label
    switch = re.findall(r'data-lang="([^"]+)"', page)
    assert switch.index("Uzbek Latin (uz-Latn)") == switch.index("Uzbek (uz)") + 1
    assert "Oʻzbekcha" in page and "Ўзбекча" in page  # each script under its own name


def test_an_unknown_language_falls_back_to_the_form_default(open_link, participant):
    page = participant.get(form_url(open_link), {"lang": "Klingon (tlh)"}).content.decode()
    assert "Your city" in page


@pytest.mark.parametrize("language", ["English (en)", "Russian (ru)"])
def test_every_question_type_has_its_input(all_types_link, participant, language):
    page = participant.get(form_url(all_types_link), {"lang": language}).content.decode()
    assert 'type="radio" name="attended"' in page
    assert 'type="checkbox" name="cities"' in page
    assert '<input id="id-days" name="days" type="number" step="1"' in page
    assert '<input id="id-score" name="score" type="number" step="any"' in page
    assert '<input id="id-arrived" name="arrived" type="date"' in page
    assert '<input id="id-left_at" name="left_at" type="datetime-local"' in page
    assert '<textarea id="id-remarks" name="remarks"' in page
    assert 'id="q-welcome"' in page and "note" in page
    # A calculation is the form's own business: not shown, not asked.
    assert "double_days" not in page
    assert ("Welcome to the form" if language.startswith("English") else "Добро пожаловать") in page


def test_groups_become_fieldsets_and_hints_and_conditions_are_shown(all_types_link, participant):
    page = participant.get(form_url(all_types_link)).content.decode()
    assert page.count('<fieldset class="section"') == 2  # the "about" group, then the questions after it
    assert "<legend>About you" in page  # the group's own label, then "Part 1 of 2"
    assert "<legend>Part 2 of 2</legend>" in page  # questions outside any group
    assert "Whole days" in page
    # Without JavaScript every question is shown; one that may not apply says on what it depends.
    assert "it depends on your answer to “Did you attend?”" in page


def test_each_form_carries_a_fresh_instance_id(open_link, participant):
    first = participant.get(form_url(open_link)).content.decode()
    second = participant.get(form_url(open_link)).content.decode()
    pattern = r'name="instance_id" value="([0-9a-f-]{36})"'
    assert re.search(pattern, first).group(1) != re.search(pattern, second).group(1)


def test_unknown_token_is_not_found(example, participant):
    assert participant.get("/s/not-a-real-token-at-all/").status_code == 404
    assert participant.post("/s/not-a-real-token-at-all/relevance/").status_code == 404
    assert participant.get("/s/not-a-real-token-at-all/thanks/").status_code == 404
