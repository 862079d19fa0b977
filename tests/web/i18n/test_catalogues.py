"""The web application's own catalogues: complete, compiled, and served in each language."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.test import Client
from django.urls import reverse

WEB = Path(__file__).resolve().parents[3] / "src" / "citybridge" / "web"
ALL_LANGUAGES = ("ru", "uz", "uz_Cyrl", "zh_Hans")
# Pages participants see need every language; organiser pages English, Russian and Uzbek (its
# Cyrillic catalogue is the Latin one transliterated).
PARTICIPANT_FACING = {"locale", "participate"}
ORGANISER_FACING = {"front", "partnerships", "knowledge"}
CATALOGUES = sorted(WEB.glob("**/locale/*/LC_MESSAGES/django.po"))


def _area(po: Path) -> str:
    return po.relative_to(WEB).parts[0]


def test_every_participant_facing_area_has_all_languages():
    for area in PARTICIPANT_FACING & {_area(po) for po in CATALOGUES}:
        have = {po.parts[-3] for po in CATALOGUES if _area(po) == area}
        assert set(ALL_LANGUAGES) <= have, f"{area}: missing {set(ALL_LANGUAGES) - have}"


def test_every_organiser_area_speaks_russian_and_uzbek_in_both_scripts():
    for area in ORGANISER_FACING:
        have = {po.parts[-3] for po in CATALOGUES if _area(po) == area}
        assert {"ru", "uz", "uz_Cyrl"} <= have, f"{area}: missing {({'ru', 'uz', 'uz_Cyrl'}) - have}"


@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(WEB)) for p in CATALOGUES])
def test_every_message_is_translated_and_compiled(po: Path):
    with po.open("rb") as f:
        catalogue = read_po(f, abort_invalid=True)  # e.g. more plural forms than the header says
    untranslated = [
        m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert not untranslated, f"{po}: untranslated {untranslated[:5]}"
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not fuzzy, f"{po}: fuzzy (check and clear the flag) {fuzzy[:5]}"
    with po.with_suffix(".mo").open("rb") as f:
        compiled = read_mo(f)
    stale = [m.id for m in catalogue if m.id and compiled.get(m.id, m.context) is None]
    assert not stale, f"{po.with_suffix('.mo')} is older than its .po: run django-admin compilemessages"


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Log in"), ("ru", "Войти"), ("uz", "Kirish"), ("uz-cyrl", "Кириш"), ("zh-hans", "登录")],
)
def test_the_login_page_speaks_each_language(db, language, words):
    client = Client()
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert f"<h1>{words}</h1>" in page
    assert f'lang="{language}"' in page
