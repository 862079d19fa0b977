"""What respondents wrote, as the report quotes it: only with their consent, each text once with
how many wrote it, in the report's language where a translation is stored, otherwise marked with
the language it is written in, and requests or questions apart from opinions.

The rules are simple on purpose, so a reader can check them: a text is a request or a question
when it ends with a question mark or opens with a word that asks ("Please", "Could", "Когда",
"Iltimos", "请"...); its language is read from its letters (Chinese characters; Cyrillic with the
Uzbek letters ў қ ғ ҳ, or without; Latin with the Uzbek tutuq or common Uzbek words, or without).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citybridge.analysis.indicators import TextAnswer
from citybridge.reports.i18n import Translator
from citybridge.reports.texts import in_uzbek_script

_ASKING = (
    "please", "could", "can you", "would you", "when will", "will there", "how can", "is it possible",
    "пожалуйста", "прошу", "просим", "когда", "можно ли", "как",
    "iltimos", "илтимос", "qachon", "қачон",
    "请", "能否", "希望",
)  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UZBEK_CYRILLIC = re.compile(r"[ўқғҳЎҚҒҲ]")
_UZBEK_LATIN = re.compile(r"[oOgG][\u02bb\u2018'`]|\u02bc|\b(va|uchun|bilan|juda|bo\S?yicha|iltimos)\b", re.IGNORECASE)
_SCRIPT_PAIR = {"uz-Latn": "uz-Cyrl", "uz-Cyrl": "uz-Latn"}
_CITIES_SHOWN = 3


@dataclass(frozen=True)
class Voice:
    """One text as the report quotes it, with everyone who wrote it."""

    text: str
    respondents: int
    cities: tuple[str, ...]
    language: str  # the language it is written in, as a report language tag
    request: bool  # a request or a question rather than an opinion

    @property
    def key(self) -> str:
        """The key a stored translation is kept under (citybridge text set --key voice-…)."""
        return "voice-" + hashlib.sha1(_normal(self.text).encode()).hexdigest()[:10]


def is_request(text: str) -> bool:
    """Whether ``text`` asks for something or asks a question rather than gives an opinion."""
    cleaned = text.strip().casefold()
    return cleaned.endswith(("?", "？")) or cleaned.startswith(_ASKING)


def written_in(text: str) -> str:
    """The language ``text`` is written in, read from its letters: zh, uz-Cyrl, ru, uz-Latn or en."""
    if _CJK.search(text):
        return "zh"
    if _CYRILLIC.search(text):
        return "uz-Cyrl" if _UZBEK_CYRILLIC.search(text) else "ru"
    return "uz-Latn" if _UZBEK_LATIN.search(text) else "en"


def voices(answers: Sequence[TextAnswer]) -> list[Voice]:
    """The consented answers, each distinct text once (case, spaces and the final stop ignored),
    most written first, then in the order they came."""
    grouped: dict[str, list[TextAnswer]] = {}
    for answer in answers:
        if answer.quotable and answer.text.strip():
            grouped.setdefault(_normal(answer.text), []).append(answer)
    found = [
        Voice(
            text=same[0].text.strip(),
            respondents=len(same),
            cities=tuple(dict.fromkeys(a.city for a in same if a.city)),
            language=written_in(same[0].text),
            request=is_request(same[0].text),
        )
        for same in grouped.values()
    ]
    return sorted(found, key=lambda v: -v.respondents)  # stable: first come first among equals


def quoted(voice: Voice, t: Translator, texts: Mapping[str, Mapping[str, str]]) -> str:
    """The quote line: the text in the report's language when possible, marked otherwise, then who."""
    text = _in_language(voice, t, texts)
    who = list(voice.cities[:_CITIES_SHOWN])
    if len(voice.cities) > _CITIES_SHOWN:
        who.append(t.gettext("{n} more").format(n=t.format_number(len(voice.cities) - _CITIES_SHOWN)))
    line = text
    if who:
        line += " — " + ", ".join(who)
    if voice.respondents > 1:
        line += " " + t.gettext("({respondents})").format(respondents=t.count_of(voice.respondents))
    return line


def _in_language(voice: Voice, t: Translator, texts: Mapping[str, Mapping[str, str]]) -> str:
    if voice.language == t.language:
        return t.quote(voice.text)
    if _SCRIPT_PAIR.get(voice.language) == t.language:
        return t.quote(in_uzbek_script(voice.text, t.language))
    stored = texts.get(t.language, {}).get(voice.key)
    if stored:
        return t.gettext("{text} (translated from {language})").format(
            text=t.quote(stored), language=t.language_name(voice.language)
        )
    return t.gettext("{text} (in {language})").format(text=t.quote(voice.text), language=t.language_name(voice.language))


def _normal(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".!")
