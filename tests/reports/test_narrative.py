"""Sentences written from indicators, in four languages, with the example training's published counts.

The indicators are built by hand from the counts of the example (52 respondents of 76 registered
on 14 December 2020, 34 on 10 November 2020), so each test says exactly which figures it reads.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from citybridge.analysis.indicators import (
    CHOICE,
    MULTIPLE,
    NUMBER,
    SCALE,
    YESNO,
    Analysis,
    Indicator,
    NumberSummary,
    OptionCount,
    Share,
)
from citybridge.analysis.intervals import wilson
from citybridge.reports import narrative
from citybridge.reports.i18n import Translator

NBSP = "\u00a0"
REPORT_DAY = dt.date(2020, 12, 14)
NEWS_DAY = dt.date(2020, 11, 10)
LANGUAGES = ("en", "ru", "uz-Latn", "uz-Cyrl")

# Question and choice labels as a multilingual form would give them: the question, then its options.
LABELS = {
    "materials": {
        "en": ("How do you rate the webinar materials and contents?", "Excellent", "Very good", "Good", "Fair", "Poor"),
        "ru": ("Как вы оцениваете материалы вебинара?", "Отлично", "Очень хорошо", "Хорошо", "Удовлетворительно", "Плохо"),
        "uz-Latn": ("Vebinar materiallarini qanday baholaysiz?", "A\u02bclo", "Juda yaxshi", "Yaxshi", "Qoniqarli", "Yomon"),
        "uz-Cyrl": ("Вебинар материалларини қандай баҳолайсиз?", "Аъло", "Жуда яхши", "Яхши", "Қониқарли", "Ёмон"),
    },
    "expected_info": {
        "en": ("This session delivered the information I expected", "Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"),
        "ru": ("Занятие дало ожидаемую мной информацию", "Полностью согласен", "Согласен", "Нейтрально", "Не согласен", "Совсем не согласен"),
        "uz-Latn": ("Mashg\u2018ulot men kutgan ma\u02bclumotni berdi", "To\u2018liq qo\u2018shilaman", "Qo\u2018shilaman", "Betaraf", "Qo\u2018shilmayman", "Umuman qo\u2018shilmayman"),
        "uz-Cyrl": ("Машғулот мен кутган маълумотни берди", "Тўлиқ қўшиламан", "Қўшиламан", "Бетараф", "Қўшилмайман", "Умуман қўшилмайман"),
    },
    "priorities": {
        "en": ("Current development priorities of your city", "Small and medium business", "Trade and investment", "Digitalisation and innovation", "Tourism development", "Public-private partnership"),
        "ru": ("Приоритеты развития вашего города", "Малый и средний бизнес", "Торговля и инвестиции", "Цифровизация и инновации", "Развитие туризма", "Государственно-частное партнёрство"),
        "uz-Latn": ("Shahringizning rivojlanish ustuvorliklari", "Kichik va o\u2018rta biznes", "Savdo va investitsiyalar", "Raqamlashtirish va innovatsiyalar", "Turizmni rivojlantirish", "Davlat-xususiy sheriklik"),
        "uz-Cyrl": ("Шаҳрингизнинг ривожланиш устуворликлари", "Кичик ва ўрта бизнес", "Савдо ва инвестициялар", "Рақамлаштириш ва инновациялар", "Туризмни ривожлантириш", "Давлат-хусусий шериклик"),
    },
    "china_interest": {
        "en": ("Would your city like to collaborate with cities in China?", "Yes", "No"),
        "ru": ("Хотел бы ваш город сотрудничать с городами Китая?", "Да", "Нет"),
        "uz-Latn": ("Shahringiz Xitoy shaharlari bilan hamkorlik qilishni istaydimi?", "Ha", "Yo\u2018q"),
        "uz-Cyrl": ("Шаҳрингиз Хитой шаҳарлари билан ҳамкорлик қилишни истайдими?", "Ҳа", "Йўқ"),
    },
    "position": {
        "en": ("Your position", "Khokim (mayor)", "Deputy khokim"),
        "ru": ("Ваша должность", "Хоким (мэр)", "Заместитель хокима"),
        "uz-Latn": ("Lavozimingiz", "Hokim", "Hokim o\u2018rinbosari"),
        "uz-Cyrl": ("Лавозимингиз", "Ҳоким", "Ҳоким ўринбосари"),
    },
    "age": {"en": ("Your age",), "ru": ("Ваш возраст",), "uz-Latn": ("Yoshingiz",), "uz-Cyrl": ("Ёшингиз",)},
}  # fmt: skip
VALUES = {
    "materials": ("excellent", "very_good", "good", "fair", "poor"),
    "expected_info": ("strongly_agree", "agree", "neutral", "disagree", "strongly_disagree"),
    "priorities": ("sme", "trade_investment", "digitalisation", "tourism", "ppp"),
    "china_interest": ("yes", "no"),
    "position": ("khokim", "deputy_khokim"),
}
TOPICS = {
    "materials": {
        "en": "the materials and contents",
        "ru": "материалами и содержанием",
        "uz-Latn": "materiallar va mazmun",
        "uz-Cyrl": "материаллар ва мазмун",
    },
    "priorities": {
        "en": "the cities' priorities",
        "ru": "приоритетах городов",
        "uz-Latn": "shaharlar ustuvorliklari",
        "uz-Cyrl": "шаҳарлар устуворликлари",
    },
}


def share(count: int, base: int) -> Share:
    return Share(count, base, count / base if base else 0.0, wilson(count, base))


def options(name: str, language: str, counts: tuple[int, ...], base: int) -> tuple[OptionCount, ...]:
    labels = LABELS[name][language][1:]
    return tuple(
        OptionCount(value, label, count, count / base if base else 0.0, wilson(count, base))
        for value, label, count in zip(VALUES[name], labels, counts, strict=True)
    )


def select(
    name: str, kind: str, language: str, counts: tuple[int, ...], base: int | None = None
) -> Indicator:
    base = sum(counts) if base is None else base
    type_ = "select_multiple" if kind == MULTIPLE else "select_one"
    return Indicator(
        name,
        f"/{name}",
        type_,
        kind,
        LABELS[name][language][0],
        base,
        0,
        options(name, language, counts, base),
    )


def scale(name: str, language: str, counts: tuple[int, ...], positive: tuple[str, ...]) -> Indicator:
    plain = select(name, SCALE, language, counts)
    chosen = sum(o.count for o in plain.options if o.value in positive)
    return replace(
        plain,
        positive_values=positive,
        positive=share(chosen, plain.base),
        top_box=share(counts[0], plain.base),
    )


def yesno(language: str, yes: int, base: int) -> Indicator:
    plain = select("china_interest", YESNO, language, (yes, base - yes))
    return replace(plain, yes=share(yes, base))


def age(language: str) -> Indicator:
    summary = NumberSummary(n=50, mean=41.38, median=38.0, min=28.0, max=61.0, q1=32.0, q3=47.0)
    return Indicator("age", "/age", "integer", NUMBER, LABELS["age"][language][0], 50, 2, summary=summary)


def report_day(language: str, cities: int = 31) -> Analysis:
    """The example as published on 14 December 2020: 52 respondents of 76 registered."""
    indicators = {
        "position": select("position", CHOICE, language, (22, 30)),
        "age": age(language),
        "priorities": select("priorities", MULTIPLE, language, (27, 25, 22, 22, 7), base=52),
        "materials": scale("materials", language, (10, 21, 18, 2, 1), ("excellent", "very_good", "good")),
        "expected_info": scale("expected_info", language, (40, 10, 2, 0, 0), ("strongly_agree", "agree")),
        "china_interest": yesno(language, 32, 52),
    }
    return analysis(indicators, respondents=52, as_of=REPORT_DAY, cities=cities)


def news_day(language: str) -> Analysis:
    """The example as of 10 November 2020: 34 respondents."""
    indicators = {
        "materials": scale("materials", language, (7, 13, 11, 2, 1), ("excellent", "very_good", "good")),
        "expected_info": scale("expected_info", language, (27, 5, 2, 0, 0), ("strongly_agree", "agree")),
        "china_interest": yesno(language, 24, 34),
    }
    return analysis(indicators, respondents=34, as_of=NEWS_DAY, cities=25)


def analysis(
    indicators: dict, respondents: int, as_of: dt.date | None, cities: int, registered=76
) -> Analysis:
    # One city more than counted, with nobody answering from it: it must not be counted.
    per_city = tuple(
        OptionCount(f"c{k}", f"C{k}", 1 if k < cities else 0, 0.0, (0.0, 0.0)) for k in range(cities + 1)
    )
    return Analysis(
        form_id="evaluation",
        form_version="1",
        title="Evaluation",
        language=None,
        as_of=as_of,
        respondents=respondents,
        registered=registered,
        indicators=indicators,
        respondents_per_city=per_city,
    )


def topic(name: str, language: str) -> str | None:
    return TOPICS.get(name, {}).get(language)


def sentence(name: str, language: str = "en", with_topic: bool = True) -> str | None:
    indicator = report_day(language).indicators[name]
    return narrative.indicator_sentence(
        indicator, Translator(language), topic(name, language) if with_topic else None
    )


def everything_written(language: str) -> list[str]:
    t = Translator(language)
    after = report_day(language)
    topics = {name: topic(name, language) for name in after.indicators}
    return [
        narrative.survey_sentence(after, t),
        *narrative.key_results(after, t, topics),
        *(narrative.indicator_sentence(after.indicators[n], t) for n in ("position", "age")),
        *narrative.change_sentences(news_day(language), after, t),
        narrative.method_note(after, t),
    ]


# The survey sentence


def test_survey_sentence_gives_respondents_registered_rate_cities_and_date():
    assert narrative.survey_sentence(report_day("en"), Translator("en")) == (
        "52 of the 76 registered participants answered the survey (68%), from 31 cities; "
        "figures as of 14 December 2020."
    )


def test_survey_sentence_in_russian_counts_cities_in_the_right_case_and_ends_with_one_full_stop():
    said = narrative.survey_sentence(report_day("ru"), Translator("ru"))
    assert said.startswith(
        f"На опрос ответили 52 из 76 зарегистрированных участников (68{NBSP}%), из 31 города;"
    )
    assert said.endswith("2020\u202fг.")
    assert "из 25 городов" in narrative.survey_sentence(report_day("ru", cities=25), Translator("ru"))


@pytest.mark.parametrize(
    ("respondents", "expected"),
    [
        (1, "На опрос ответил 1 респондент"),
        (2, "На опрос ответили 2 респондента"),
        (5, "На опрос ответили 5 респондентов"),
    ],
)
def test_without_a_registration_list_the_respondents_are_counted_in_the_plural_they_need(
    respondents, expected
):
    bare = analysis({}, respondents=respondents, as_of=None, cities=0, registered=None)
    assert narrative.survey_sentence(bare, Translator("ru")) == expected + "."


def test_without_a_date_or_cities_the_survey_sentence_says_only_who_answered():
    bare = analysis({}, respondents=52, as_of=None, cities=0)
    assert narrative.survey_sentence(bare, Translator("en")) == (
        "52 of the 76 registered participants answered the survey (68%)."
    )


# Scales


def test_satisfaction_gives_the_published_positive_share_and_the_top_two_points():
    assert sentence("materials") == (
        "94% of respondents were satisfied with the materials and contents: 19% rated them excellent "
        "and 40% very good (base: 52)."
    )


@pytest.mark.parametrize(
    ("language", "figures"),
    [
        ("en", ("94%", "19%", "40%")),
        ("ru", (f"94{NBSP}%", f"19{NBSP}%", f"40{NBSP}%")),
        ("uz-Latn", ("94%", "19%", "40%")),
        ("uz-Cyrl", ("94%", "19%", "40%")),
    ],
)
def test_satisfaction_figures_are_formatted_for_each_language(language, figures):
    said = sentence("materials", language)
    positions = [said.index(figure) for figure in figures]
    assert positions == sorted(positions), said  # in the order positive, top point, second point
    assert "52" in said


def test_satisfaction_in_each_language_lower_cases_the_points_inside_the_sentence():
    assert "«отлично»" in sentence("materials", "ru")
    assert "“a\u02bclo”" in sentence("materials", "uz-Latn")  # the tutuq has no case: not an acronym
    assert "«аъло»" in sentence("materials", "uz-Cyrl")


def test_without_a_topic_a_scale_quotes_its_question():
    assert sentence("materials", with_topic=False) == (
        "94% of respondents gave a positive answer to “How do you rate the webinar materials and "
        "contents?”: 19% excellent and 40% very good (base: 52)."
    )


def test_agreement_gives_the_share_who_agreed_and_each_agreeing_count():
    assert sentence("expected_info") == (
        "96% agreed that “This session delivered the information I expected”: 40 strongly agreed "
        "and 10 agreed (base: 52)."
    )


def test_agreement_with_a_topic_states_it_as_a_clause():
    indicator = report_day("en").indicators["expected_info"]
    said = narrative.indicator_sentence(indicator, Translator("en"), "the session met their expectations")
    assert said == (
        "96% agreed that the session met their expectations: 40 strongly agreed and 10 agreed (base: 52)."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", f"96{NBSP}% респондентов согласились с утверждением «Занятие дало ожидаемую мной информацию»: "
               "полностью согласны — 40, согласны — 10 (база: 52)."),
        ("uz-Latn", "Respondentlarning 96% qismi “Mashg\u2018ulot men kutgan ma\u02bclumotni berdi” degan fikrga "
                    "qo\u2018shildi: 40 nafari to\u2018liq qo\u2018shildi, 10 nafari qo\u2018shildi (asos: 52)."),
        ("uz-Cyrl", "Респондентларнинг 96% қисми «Машғулот мен кутган маълумотни берди» деган фикрга қўшилди: "
                    "40 нафари тўлиқ қўшилди, 10 нафари қўшилди (асос: 52)."),
    ],
)  # fmt: skip
def test_agreement_is_written_in_the_report_language(language, expected):
    assert sentence("expected_info", language) == expected


# Multi-selects


def test_priorities_name_the_top_two_with_counts_and_lower_case_the_second_sector():
    assert sentence("priorities") == (
        "Small and medium business (27 respondents) and trade and investment (25) lead the cities' "
        "priorities (base: 52)."
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "В приоритетах городов (база: 52) лидируют малый и средний бизнес (27 респондентов) и "
               "торговля и инвестиции (25)."),
        ("uz-Latn", "Shaharlar ustuvorliklari orasida (asos: 52) kichik va o\u2018rta biznes (27 respondent) va "
                    "savdo va investitsiyalar (25) yetakchilik qiladi."),
        ("uz-Cyrl", "Шаҳарлар устуворликлари орасида (асос: 52) кичик ва ўрта бизнес (27 респондент) ва "
                    "савдо ва инвестициялар (25) етакчилик қилади."),
    ],
)  # fmt: skip
def test_priorities_are_written_in_the_report_language(language, expected):
    assert sentence("priorities", language) == expected


def multiple(counts: tuple[int, ...], labels: tuple[str, ...], base: int = 25) -> Indicator:
    ranked = tuple(
        OptionCount(label.lower(), label, count, count / base, wilson(count, base))
        for label, count in zip(labels, counts, strict=True)
    )
    return Indicator(
        "cities", "/cities", "select_multiple", MULTIPLE, "Which Chinese cities?", base, 0, ranked
    )


def test_options_tied_with_the_second_are_all_named_and_city_names_keep_their_capitals():
    cities = multiple((8, 8, 8, 4), ("Shanghai", "Guangzhou", "Beijing", "Urumqi"))
    said = narrative.indicator_sentence(cities, Translator("en"), "the partner cities")
    assert (
        said == "Shanghai (8 respondents), Guangzhou (8) and Beijing (8) lead the partner cities (base: 25)."
    )


def test_a_tie_too_long_to_list_is_counted_instead_of_cut():
    cities = multiple((9, 5, 5, 5, 5, 1), ("Shanghai", "Guangzhou", "Beijing", "Urumqi", "Luoyang", "Sanya"))
    said = narrative.indicator_sentence(cities, Translator("en"), "the partner cities")
    assert said == (
        "Shanghai (9 respondents) leads the partner cities (base: 25). 4 more options follow, tied at 5 each."
    )


def test_without_a_topic_a_multi_select_quotes_its_question():
    cities = multiple((8, 3), ("Shanghai", "Guangzhou"))
    said = narrative.indicator_sentence(cities, Translator("en"))
    assert (
        said
        == "Most named in answer to “Which Chinese cities?”: Shanghai (8 respondents) and Guangzhou (3) (base: 25)."
    )


def test_acronyms_keep_their_capitals_inside_a_sentence():
    areas = multiple((6, 4), ("PPP", "Urban planning"), base=12)
    said = narrative.indicator_sentence(areas, Translator("en"), "the areas")
    assert said == "PPP (6 respondents) and urban planning (4) lead the areas (base: 12)."


@pytest.mark.parametrize(
    ("count", "expected"), [(21, "(21 респондент)"), (3, "(3 респондента)"), (27, "(27 респондентов)")]
)
def test_the_first_count_of_a_russian_multi_select_takes_its_plural_form(count, expected):
    cities = multiple((count, 2), ("Шанхай", "Пекин"), base=30)
    assert expected in narrative.indicator_sentence(cities, Translator("ru"), "городах")


# Yes/no, choices, numbers


def test_yes_no_gives_the_share_yes_rounded_half_up_and_the_base():
    # 32 of 52 is 61.54%; 62% as published
    assert sentence("china_interest") == (
        "62% of respondents answered yes to “Would your city like to collaborate with cities in China?” (base: 52)."
    )


def test_a_choice_names_its_most_frequent_answer_with_its_share():
    assert (
        sentence("position")
        == "The most frequent answer to “Your position” was “Deputy khokim” (58%; base: 52)."
    )


def test_a_choice_with_two_leading_answers_names_both():
    tied = select("position", CHOICE, "en", (26, 26))
    said = narrative.indicator_sentence(tied, Translator("en"))
    assert said == (
        "The most frequent answers to “Your position” were “Khokim (mayor)” and “Deputy khokim” (50% each; base: 52)."
    )


def test_a_choice_where_many_answers_tie_says_how_many_rather_than_list_them():
    per_city = tuple(OptionCount(f"c{k}", f"City {k}", 2, 2 / 40, (0.0, 0.0)) for k in range(20))
    city = Indicator("city", "/city", "select_one", CHOICE, "Your city", 40, 0, per_city)
    said = narrative.indicator_sentence(city, Translator("ru"))
    assert said == f"На вопрос «Your city» первое место делят 20 ответов, по 5{NBSP}% у каждого (база: 40)."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "“Your age”: mean 41.4, median 38, from 28 to 61 (base: 50)."),
        ("ru", "«Ваш возраст»: среднее 41,4, медиана 38, от 28 до 61 (база: 50)."),
        ("uz-Cyrl", "«Ёшингиз»: ўртача 41,4, медиана 38, 28 дан 61 гача (асос: 50)."),
    ],
)
def test_a_number_gives_mean_median_range_and_how_many_answered(language, expected):
    assert sentence("age", language) == expected


def test_large_numbers_are_whole_and_grouped_the_local_way():
    population = Indicator(
        "population", "/population", "integer", NUMBER, "Население", 52, 0,
        summary=NumberSummary(52, 789230.77, 500000.0, 100000.0, 2600000.0, 300000.0, 1200000.0),
    )  # fmt: skip
    said = narrative.indicator_sentence(population, Translator("ru"), "Население городов")
    assert said == (
        f"Население городов: среднее 789{NBSP}231, медиана 500{NBSP}000, от 100{NBSP}000 до 2{NBSP}600{NBSP}000 (база: 52)."
    )


def test_nothing_is_said_of_a_question_nobody_answered():
    empty = select("china_interest", YESNO, "en", (0, 0))
    assert narrative.indicator_sentence(empty, Translator("en")) is None


# Key results


def test_key_results_default_to_scales_yes_no_and_multi_selects_in_form_order():
    found = narrative.key_results(
        report_day("en"), Translator("en"), {"priorities": "the cities' priorities"}
    )
    assert [s[:12] for s in found] == [
        "Small and me",  # priorities
        "94% of respo",  # materials
        "96% agreed t",  # expected_info
        "62% of respo",  # china_interest
    ]


def test_key_results_follow_the_order_given_and_skip_what_cannot_be_said():
    data = report_day("en")
    data.indicators["expected_info"] = select("expected_info", SCALE, "en", (0, 0, 0, 0, 0))
    found = narrative.key_results(
        data, Translator("en"), {}, ["china_interest", "expected_info", "unknown", "materials"]
    )
    assert [s[:3] for s in found] == ["62%", "94%"]


# What changed


def test_change_sentences_compare_the_news_day_with_the_report_day():
    changes = narrative.change_sentences(news_day("en"), report_day("en"), Translator("en"))
    assert (
        changes[0] == "The number of respondents went from 34 on 10 November 2020 to 52 on 14 December 2020."
    )
    assert (
        "The share who agreed that “This session delivered the information I expected” went from 94% (base: 34) "
        "on 10 November 2020 to 96% (base: 52) on 14 December 2020."
    ) in changes
    assert (
        "The share answering yes to “Would your city like to collaborate with cities in China?” went from "
        "71% (base: 34) on 10 November 2020 to 62% (base: 52) on 14 December 2020."
    ) in changes


def test_a_share_whose_rounded_figure_and_base_did_not_move_is_not_reported():
    same = news_day("en")
    assert narrative.change_sentences(same, same, Translator("en")) == []


def test_a_base_that_grew_is_reported_even_when_the_percent_stayed():
    before = news_day("en")
    after = analysis(
        {"materials": scale("materials", "en", (14, 26, 22, 4, 2), ("excellent", "very_good", "good"))},
        respondents=34,  # same respondents, so only the share's base moved
        as_of=REPORT_DAY,
        cities=25,
    )
    changes = narrative.change_sentences(before, after, Translator("en"), {"materials": "the materials"})
    assert changes == [
        "The share satisfied with the materials went from 91% (base: 34) on 10 November 2020 "
        "to 91% (base: 68) on 14 December 2020."
    ]


def test_russian_change_sentences_end_with_one_full_stop_after_a_date():
    for said in narrative.change_sentences(news_day("ru"), report_day("ru"), Translator("ru")):
        assert said.endswith("2020\u202fг.") and not said.endswith(".."), said


# No English left behind


@pytest.mark.parametrize("language", ["ru", "uz-Cyrl"])
def test_cyrillic_reports_contain_no_latin_letters(language):
    for said in everything_written(language):
        assert not re.search(r"[A-Za-z]", said), said


def test_uzbek_latin_report_contains_no_english_words():
    english = re.compile(
        r"\b(respondents|of the|agreed|base|lead|satisfied|figures|mean|went|share|answer)\b"
    )
    for said in everything_written("uz-Latn"):
        assert not english.search(said), said


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sentence_starts_with_a_capital_and_ends_with_a_full_stop(language):
    for said in everything_written(language):
        first = said.lstrip("“«")[0]  # a sentence may open on a quoted question
        assert (first.isupper() or first.isdigit()) and said.endswith("."), said


def test_data_notes_explain_share_positive_interval_non_response_and_rounding():
    notes = narrative.data_notes(Translator("en"))
    assert [n.split()[:2] for n in notes] == [
        ["A", "share"],
        ["The", "positive"],
        ["Each", "share"],
        ["“Not", "answered”"],
        ["Percentages", "are"],
    ]
    assert "Wilson 95% interval" in notes[2]
    assert narrative.method_note(report_day("en"), Translator("en")).startswith(
        "Figures as of 14 December 2020. A share"
    )
