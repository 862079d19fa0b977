"""The report's language: complete catalogues, plural forms, and numbers and dates in local form."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from citybridge.reports.i18n import CATALOGUES, LOCALE_DIR, REPORT_WORDS, Translator

SOURCE = Path(__file__).resolve().parents[2] / "src" / "citybridge"
NBSP = "\u00a0"
DAY = dt.date(2020, 12, 14)
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def used_in_the_code() -> list[tuple[str, ...]]:
    """Every message the code asks for, as (msgid,) or (singular, plural), by Babel's extractor."""
    # The web application's words are Django's catalogues' business (tests/web/i18n).
    methods = [("web/**.py", "ignore"), ("**.py", "python")]
    found = extract_from_dir(SOURCE, method_map=methods, keywords={"gettext": None, "ngettext": (1, 2)})
    return sorted({(m,) if isinstance(m, str) else tuple(m) for _, _, m, _, _ in found})


def catalogue(folder: str):
    with (LOCALE_DIR / folder / "LC_MESSAGES" / "citybridge.po").open("rb") as handle:
        return read_po(handle, locale=folder)


@pytest.fixture(scope="module", params=sorted(CATALOGUES.values()))
def po(request):
    return catalogue(request.param)


def test_the_extractor_finds_the_narrative_and_the_report_words():
    used = {ids[0] for ids in used_in_the_code()}
    assert "Key results" in used and "Executive summary" in used
    assert "{n} respondent" in used  # an ngettext message


def test_every_message_in_the_code_has_a_translation_in_every_catalogue(po):
    missing = []
    for ids in used_in_the_code():
        message = po.get(ids[0])
        strings = () if message is None else message.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if not strings or not all(s.strip() for s in strings):
            missing.append(ids[0])
    assert missing == [], f"{po.locale}: untranslated"


def test_every_plural_message_has_the_forms_the_catalogue_declares(po):
    for ids in used_in_the_code():
        if len(ids) == 2:
            assert len(po.get(ids[0]).string) == po.num_plurals, ids[0]


def test_translations_keep_the_placeholders_of_the_english(po):
    for message in po:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[1]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(english)), english


def test_russian_has_three_plural_forms_from_its_catalogue():
    assert catalogue("ru").num_plurals == 3


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 респондент"),
        (2, "2 респондента"),
        (5, "5 респондентов"),
        (11, "11 респондентов"),
        (21, "21 респондент"),
        (22, "22 респондента"),
        (112, "112 респондентов"),
    ],
)
def test_russian_counts_take_the_form_the_number_needs(n, expected):
    assert Translator("ru").count_of(n) == expected


def test_english_counts_are_singular_only_for_one():
    t = Translator("en")
    assert (t.count_of(1), t.count_of(0), t.count_of(27)) == (
        "1 respondent",
        "0 respondents",
        "27 respondents",
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "94%"), ("ru", f"94{NBSP}%"), ("uz-Latn", "94%"), ("uz-Cyrl", "94%"), ("zh", "94%")],
)
def test_percent_is_written_the_way_the_locale_writes_it(language, expected):
    t = Translator(language)
    assert t.format_percent(49 / 52) == expected
    assert t.format_percent_whole(49, 52) == expected


def test_a_share_on_an_exact_half_rounds_up():
    t = Translator("en")
    assert t.format_percent(0.125) == "13%"
    assert t.format_percent(0.145) == "15%"  # 0.145 * 100 is 14.499999999999998 in binary floats


@pytest.mark.parametrize(
    ("language", "number", "decimal"),
    [
        ("en", "790,000", "41.4"),
        ("ru", f"790{NBSP}000", "41,4"),
        ("uz-Latn", f"790{NBSP}000", "41,4"),
        ("uz-Cyrl", f"790{NBSP}000", "41,4"),
        ("zh", "790,000", "41.4"),
    ],
)
def test_numbers_use_the_locales_separators(language, number, decimal):
    t = Translator(language)
    assert t.format_number(790000) == number
    assert t.format_decimal(41.38, 1) == decimal


def test_decimals_round_half_up_as_the_number_is_written():
    t = Translator("en")
    assert t.format_decimal(2.25, 1) == "2.3"  # Babel alone rounds half to even: 2.2
    assert t.format_decimal(2.675, 2) == "2.68"
    assert t.format_decimal(789230.77, 0) == "789,231"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "14 December 2020"),
        ("ru", "14 декабря 2020\u202fг."),  # a narrow no-break space before "г."
        ("uz-Latn", "14-dekabr, 2020"),
        ("uz-Cyrl", "14 декабр, 2020"),
        ("zh", "2020年12月14日"),
    ],
)
def test_dates_are_long_and_in_the_language(language, expected):
    assert Translator(language).format_date(DAY) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "A, B and C"),
        ("ru", "A, B и C"),
        ("uz-Latn", "A, B va C"),
        ("uz-Cyrl", "A, B ва C"),
        ("zh", "A、B和C"),  # CLDR's Chinese list pattern
    ],
)
def test_lists_end_with_the_languages_own_and(language, expected):
    t = Translator(language)
    assert t.format_list(["A", "B", "C"]) == expected
    assert t.format_list(["A"]) == "A"


def test_quotes_are_the_languages_own():
    assert Translator("en").quote("Agree") == "“Agree”"
    assert Translator("ru").quote("Согласен") == "«Согласен»"
    assert Translator("uz-Cyrl").quote("Қўшиламан") == "«Қўшиламан»"


def test_language_names_are_written_in_the_report_language():
    assert Translator("en").language_name("ru") == "Russian"
    assert Translator("en").language_name("uz-Cyrl") == "Uzbek (Cyrillic)"
    assert Translator("ru").language_name("en") == "английский"
    assert Translator("ru").language_name() == "русский"
    assert Translator("uz-Latn").language_name() == "o\u2018zbek (lotin)"


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Key results"),
        ("ru", "Основные результаты"),
        ("uz-Latn", "Asosiy natijalar"),
        ("uz-Cyrl", "Асосий натижалар"),
        ("zh", "主要结果"),
    ],
)
def test_headings_come_from_the_catalogue_of_the_language(language, heading):
    assert Translator(language).gettext("Key results") == heading


@pytest.mark.parametrize("language", ["ru", "uz-Cyrl"])
def test_cyrillic_report_words_contain_no_latin_letters(language):
    t = Translator(language)
    for word in REPORT_WORDS:
        assert not re.search(r"[A-Za-z]", PLACEHOLDER.sub("", t.gettext(word))), word


def test_uzbek_latin_report_words_are_translated():
    t = Translator("uz-Latn")
    same = [w for w in REPORT_WORDS if t.gettext(w) == w]
    assert same == ["95% interval"]  # the same in Uzbek


def test_uzbek_latin_writes_o_and_g_with_the_turned_comma_u2018():
    text = (LOCALE_DIR / "uz_Latn" / "LC_MESSAGES" / "citybridge.po").read_text(encoding="utf-8")
    assert "o\u2018" in text and "g\u2018" in text
    assert "\u02bb" not in text and "o'" not in text


def test_uzbek_cyrillic_uses_its_own_letters():
    t = Translator("uz-Cyrl")
    assert t.gettext("Cooperation areas") == "Ҳамкорлик соҳалари"
    assert t.gettext("Partner-city preferences") == "Афзал кўрилган ҳамкор шаҳарлар"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose from en, ru, uz-Latn, uz-Cyrl, zh"):
        Translator("fr")
