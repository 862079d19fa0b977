"""The example's synthetic 3-month follow-up loaded into a store and compared with the post-training wave."""

from __future__ import annotations

import csv

import pytest

from tests.examples.test_uzbekistan_followup import FOLDER, _rows


@pytest.fixture
def follow_up(example):
    from citybridge.web.waves.example import load_follow_up

    return load_follow_up(example.training, FOLDER.parent)


def test_the_loaded_follow_up_pairs_each_participant_with_their_own_post_training_answer(follow_up):
    from citybridge.web.waves.analysis import training_change, unlinked

    post, follow = follow_up
    ((_, change),) = training_change(post.training)
    links = _rows("links.csv")
    followed = {row["participant"] for row in links if row["wave"] == "3 months"}
    assert change.attrition.earlier == sum(row["wave"] == "post-training" for row in links)
    assert change.attrition.both == len(followed) and unlinked(follow) == unlinked(post) == 0
    # china_interest computed here by hand from the files: yes at the post-training answer and at 3 months
    post_answers = {
        row["_uuid"]: row["needs/china_interest"]
        for row in csv.DictReader((FOLDER.parent / "submissions.csv").open(encoding="utf-8"))
    }
    later = {row["_uuid"]: row["china_interest"] for row in _rows("submissions.csv")}
    by_person: dict[str, dict[str, str]] = {}
    for row in links:
        answer = (post_answers if row["wave"] == "post-training" else later)[row["_uuid"]]
        by_person.setdefault(row["participant"], {})[row["wave"]] = answer
    pairs = [(p["post-training"], p["3 months"]) for p in by_person.values() if len(p) == 2]
    china = next(m for m in change.measures if m.measure == "china_interest")
    assert china.base == len(pairs)
    assert (china.before, china.after) == (
        sum(b == "yes" for b, _ in pairs),
        sum(a == "yes" for _, a in pairs),
    )
    assert {level.question for level in change.levels} == {"applied", "partner_activity"}


def test_the_example_report_has_an_impact_section_with_the_follow_up(follow_up):
    from citybridge.reports.build import build_report
    from citybridge.reports.html import render_html
    from citybridge.reports.i18n import Translator
    from citybridge.web.reporting import report_inputs

    post, _ = follow_up
    inputs = report_inputs(post.training, survey=post.survey, partnerships=False)
    html = render_html(build_report(inputs, Translator("en"), with_charts=False))
    waves = [row["wave"] for row in _rows("links.csv")]
    both, earlier = waves.count("3 months"), waves.count("post-training")
    assert "Impact" in html and f"{both} of {earlier} participants who answered" in html
    assert "exact McNemar" in html and "Wilcoxon signed-rank" in html


def test_the_waves_page_shows_the_example_follow_up_to_its_organiser(follow_up, client_as):
    post, _ = follow_up
    page = client_as("organiser").get(f"/waves/training/{post.training.slug}/")
    assert page.status_code == 200
    body = page.content.decode()
    waves = [row["wave"] for row in _rows("links.csv")]
    assert (
        f"{waves.count('3 months')} of {waves.count('post-training')} participants answered both waves"
        in body
    )
    assert "exact McNemar" in body and "Level 3" in body


def test_the_waves_page_writes_the_paired_change_in_the_pages_language(follow_up, client_as):
    post, _ = follow_up
    client = client_as("organiser")
    client.cookies["django_language"] = "ru"
    body = client.get(f"/waves/training/{post.training.slug}/").content.decode()
    assert "точный критерий Мак-Немара" in body and "критерий знаковых рангов Уилкоксона" in body
    assert "exact McNemar" not in body and "p = 0." not in body  # no English sentence, no English decimal


@pytest.mark.parametrize(
    ("language", "later", "earlier"),
    [
        ("ru", "через 3 месяца", "после тренинга"),
        ("uz-Latn", "3 oydan keyin", "treningdan keyin"),
        ("uz-Cyrl", "3 ойдан кейин", "тренингдан кейин"),
        ("zh", "3个月后", "培训结束时"),
    ],
)
def test_the_impact_section_names_the_example_waves_in_the_reports_language(follow_up, language, later, earlier):
    from citybridge.reports.build import build_report
    from citybridge.reports.html import render_html
    from citybridge.reports.i18n import Translator
    from citybridge.web.reporting import report_inputs

    post, _ = follow_up
    inputs = report_inputs(post.training, survey=post.survey, partnerships=False, language=language)
    html = render_html(build_report(inputs, Translator(language), with_charts=False))
    impact = html.split('id="impact"')[1]
    assert later in impact and earlier in impact
    assert "3 months" not in impact and "post-training" not in impact


def test_a_wave_name_without_a_translation_is_shown_as_typed_and_marked(follow_up, client_as):
    from citybridge.web.waves.analysis import shown_name

    post, follow = follow_up
    follow.names = {}
    follow.save()
    assert shown_name(follow, "ru") == "3 months (на языке: английский)"
    assert shown_name(follow, "en") == shown_name(follow, None) == "3 months"
    client = client_as("organiser")
    client.cookies["django_language"] = "ru"
    body = client.get(f"/waves/training/{post.training.slug}/").content.decode()
    assert "3 months (на языке: английский)" in body and "после тренинга" in body


@pytest.mark.parametrize(
    ("language", "post_title"),
    [
        ("ru", "Оценка по итогам тренинга и оценка потребностей"),
        ("uz", "Trening yakunidagi baholash va ehtiyojlarni baholash"),
        ("zh-hans", "培训结束时的评估与需求评估"),
    ],
)
def test_the_waves_page_names_the_example_waves_and_surveys_in_the_pages_language(
    follow_up, client_as, language, post_title
):
    post, _ = follow_up
    client = client_as("organiser")
    client.cookies["django_language"] = language
    body = client.get(f"/waves/training/{post.training.slug}/").content.decode()
    assert post_title in body
    assert "Post-training evaluation" not in body and "Three months after" not in body
    assert "3 months" not in body and "post-training" not in body


def test_the_attrition_by_city_names_each_city_as_the_survey_list_does_in_the_readers_language(follow_up):
    from citybridge.web.waves.analysis import training_change

    post, _ = follow_up
    ((_, english),) = training_change(post.training, "en")
    ((_, russian),) = training_change(post.training, "ru")
    english_names = {city.city for city in english.attrition.by_city}
    russian_names = {city.city for city in russian.attrition.by_city}
    assert "Bukhara" in english_names and "Бухоро" not in english_names  # registered in Uzbek Cyrillic
    assert "Бухара" in russian_names and "Akhangaran" not in russian_names


def test_the_uzbek_latin_waves_page_writes_the_questions_in_latin_letters(follow_up, client_as):
    post, _ = follow_up
    client = client_as("organiser")
    client.cookies["django_language"] = "uz"
    body = client.get(f"/waves/training/{post.training.slug}/").content.decode()
    assert "natijasida" in body and "натижасида" not in body  # the form writes its Uzbek in Cyrillic


def test_the_chinese_impact_section_writes_the_questions_in_chinese(follow_up):
    from citybridge.web.waves.analysis import training_change

    post, _ = follow_up
    ((_, chinese),) = training_change(post.training, "zh")
    assert chinese.measures and not any(m.label.startswith(("As a result", "I am")) for m in chinese.measures)
