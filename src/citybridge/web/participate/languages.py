"""Which language a participant reads the form in, and the site language that goes with it.

XLSForm names a language as it likes: ``English (en)``, ``Uzbek (uz)``, ``Russian``,
``Chinese (zh-Hans)`` or just ``default``. The form's own labels come from that key; the page
around them (buttons, "required", "thank you", errors) from Django's catalogue of the matching
site language, chosen here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citybridge.forms.model import Form
from citybridge.forms.scripts import mostly_cyrillic

SITE_LANGUAGES = ("en", "ru", "uz", "uz-cyrl", "zh-hans")  # settings.LANGUAGES
FALLBACK = "en"

_CODE_IN_KEY = re.compile(r"\(([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\)\s*$")
# Language names as people write them in a label::<language> column, in their own and other words.
_NAMES = {
    "english": "en",
    "russian": "ru",
    "русский": "ru",
    "uzbek": "uz",
    "oʻzbek": "uz",
    "o'zbek": "uz",
    "ozbek": "uz",
    "ўзбек": "uz-cyrl",
    "узбекский": "uz",
    "chinese": "zh-hans",
    "中文": "zh-hans",
    "汉语": "zh-hans",
}


def site_language(key: str | None, sample: Iterable[str] = ()) -> str:
    """The site language (a code of settings.LANGUAGES) for the form language ``key``.

    Uzbek is written in Latin or Cyrillic letters, and forms often say only ``(uz)``: then the
    script of ``sample`` (the form's labels in that language) decides. Anything unknown is English.
    """
    return _known(key, sample) or FALLBACK


def _known(key: str | None, sample: Iterable[str]) -> str | None:
    if not key:
        return None
    match = _CODE_IN_KEY.search(key)
    if match:
        code = match.group(1).lower().replace("_", "-")
        base, _, script = code.partition("-")
    else:
        word = key.strip().split()[0].lower() if key.strip() else ""
        code = _NAMES.get(word, "")
        base, _, script = code.partition("-")
    if base == "uz":
        if script == "cyrl":
            return "uz-cyrl"
        if script in ("latn", ""):
            return "uz-cyrl" if not script and mostly_cyrillic(sample) else "uz"
        return "uz"
    if base == "zh":
        return "zh-hans"
    return base if base in SITE_LANGUAGES else None


def form_site_language(form: Form, key: str | None) -> str:
    """:func:`site_language` for a language of ``form``, its labels as the sample."""
    sample = (q.labels.get(key, "") for q in form.questions) if key else ()
    return site_language(key, sample)


def display_names(form: Form, names: dict[str, str]) -> list[tuple[str, str]]:
    """(key, name to show) per form language: the language's own name (``names``: site code ->
    name, as settings.LANGUAGES) when it is known and no other form language has it, else the key."""
    codes = {key: _known(key, (q.labels.get(key, "") for q in form.questions)) for key in form.languages}
    taken = [code for code in codes.values() if code]
    return [
        (key, names[code] if code in names and taken.count(code) == 1 else key.split(" (")[0])
        for key, code in codes.items()
    ]


def choose(form: Form, asked: str | None, remembered: str | None, browser: str | None) -> str | None:
    """The form language to show: asked for (?lang=), else remembered, else the browser's, else
    the form's default. None for a form with a single, unnamed language."""
    languages = form.languages
    if not languages:
        return None
    for wanted in (asked, remembered):
        if wanted in languages:
            return wanted
    if browser:
        for key in languages:
            if form_site_language(form, key) == browser:
                return key
    if form.default_language in languages:
        return form.default_language
    return languages[0]
