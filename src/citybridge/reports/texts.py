"""The organisers' own text in the report's language, or the English one marked as such.

A piece missing in the report's language falls back to English with a visible marker, so a
reader of the Russian report sees that the foreword is "(in English)" rather than thinking it
was forgotten. Uzbek written in one script is converted to the other when only that one exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from citybridge.forms.scripts import to_uzbek_latin
from citybridge.programme.training import TrainingSummary
from citybridge.reports.i18n import Translator

FALLBACK = "en"
_OTHER_SCRIPT = {"uz-Cyrl": "uz-Latn", "uz-Latn": "uz-Cyrl"}


def text_in(texts: Mapping[str, Mapping[str, str]], key: str, t: Translator) -> str | None:
    """The piece ``key`` in ``t``'s language, else converted from the other Uzbek script, else the
    English one followed by the fallback marker; None when it is stored in neither."""
    own = _own(texts, key, t)
    if own:
        return own
    english = texts.get(FALLBACK, {}).get(key)
    if not english:
        return None
    return english if t.language == FALLBACK else marked(english, t)


def in_uzbek_script(text: str, language: str) -> str:
    """Uzbek text in the script of ``language`` (uz-Latn or uz-Cyrl), converted with alifbo."""
    import alifbo

    if language == "uz-Cyrl":
        return alifbo.to_cyrillic(text).text
    return to_uzbek_latin(text)


def marked(text: str, t: Translator, language: str = FALLBACK) -> str:
    """``text`` followed by the name of the language it is written in: "Foreword text (in English)"."""
    return t.gettext("{text} (in {language})").format(text=text, language=t.language_name(language))


def localised(training: TrainingSummary, texts: Mapping[str, Mapping[str, str]], t: Translator) -> TrainingSummary:
    """The training's title, organisations and programme in ``t``'s language where stored (keys
    "title", "hosts", "partners", "funders", "lecture-N.title", "lecture-N.speaker",
    "lecture-N.affiliation", "lecture-N.summary"); what is not stored stays as entered, marked,
    except names of people."""
    if t.language == FALLBACK:
        return training

    def piece(key: str, entered: str, mark: bool = True) -> str:
        # A person's name is taken only as stored for the language: converting a Cyrillic
        # transcription of a Chinese name to Latin letters gives neither pinyin nor Uzbek usage.
        found = _own(texts, key, t) if mark else texts.get(t.language, {}).get(key)
        if found or not entered:
            return found or entered
        return marked(entered, t) if mark else entered

    def names(key: str, entered: tuple[str, ...]) -> tuple[str, ...]:
        found = _own(texts, key, t)
        return tuple(found.splitlines()) if found else tuple(marked(name, t) for name in entered)

    lectures = tuple(
        replace(
            lecture,
            title=piece(f"{lecture.key}.title", lecture.title),
            speaker=piece(f"{lecture.key}.speaker", lecture.speaker, mark=False),
            affiliation=piece(f"{lecture.key}.affiliation", lecture.affiliation),
            summary=piece(f"{lecture.key}.summary", lecture.summary),
        )
        for lecture in training.lectures
    )
    return replace(
        training,
        title=piece("title", training.title),
        hosts=names("hosts", training.hosts),
        partners=names("partners", training.partners),
        funders=names("funders", training.funders),
        lectures=lectures,
    )


def _own(texts: Mapping[str, Mapping[str, str]], key: str, t: Translator) -> str | None:
    """The piece in ``t``'s language, or converted from the other Uzbek script; no fallback."""
    own = texts.get(t.language, {}).get(key)
    if own:
        return own
    other = _OTHER_SCRIPT.get(t.language)
    if other and texts.get(other, {}).get(key):
        return in_uzbek_script(texts[other][key], t.language)
    return None
