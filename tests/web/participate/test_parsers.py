"""The small parsers of the participant pages, checked on every input hypothesis can think of."""

from __future__ import annotations

import re
import uuid

from hypothesis import given
from hypothesis import strategies as st

from citybridge.web.participate.answering import instance_id
from citybridge.web.participate.languages import SITE_LANGUAGES, site_language
from citybridge.web.participate.links import spreadsheet_safe


def test_form_language_keys_map_to_site_languages():
    assert site_language("English (en)") == "en"
    assert site_language("Russian (ru)") == "ru"
    assert site_language("Chinese (zh)") == "zh-hans"
    assert site_language("Chinese (zh-Hans)") == "zh-hans"
    assert site_language("Uzbek (uz-Latn)") == "uz"
    assert site_language("Uzbek (uz_Cyrl)") == "uz-cyrl"
    assert site_language("Uzbek (uz)", ["Shahringiz"]) == "uz"
    assert site_language("Uzbek (uz)", ["Шаҳрингиз"]) == "uz-cyrl"
    assert site_language("Русский") == "ru"
    assert site_language("default") == "en"
    assert site_language(None) == "en"


@given(st.text(), st.lists(st.text(max_size=20), max_size=5))
def test_any_language_key_maps_to_a_site_language(key, sample):
    assert site_language(key, sample) in SITE_LANGUAGES


@given(st.text())
def test_a_cell_never_starts_a_formula(cell):
    safe = spreadsheet_safe(cell)
    assert safe == cell or safe == "'" + cell
    assert safe[:1] not in ("=", "@", "\t", "\r")
    if safe[:1] in ("+", "-"):  # only a phone number may start so: digits, spaces and punctuation
        assert re.fullmatch(r"[+-]?[\d\s()./-]+", safe)


def test_phone_numbers_stay_as_they_are():
    assert spreadsheet_safe("+998 71 123 45 67") == "+998 71 123 45 67"
    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"


@given(st.one_of(st.none(), st.text()))
def test_an_instance_id_is_always_a_uuid(posted):
    made = instance_id(posted)
    assert str(uuid.UUID(made)) == made


@given(st.uuids())
def test_a_posted_uuid_is_kept_so_that_a_re_sent_form_is_recognised(posted):
    assert instance_id(str(posted)) == str(posted)
    assert instance_id(str(posted).upper()) == str(posted)
