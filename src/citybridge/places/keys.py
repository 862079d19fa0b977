"""Name keys: one spelling-independent form of a place name, for the index and for queries alike.

A name becomes a *strict key* (Latin script, case and diacritics folded, apostrophes dropped,
words such as "shahri", "city" or "г." removed) and a *loose key* (the strict key with the
spelling conventions that differ between Uzbek Latin, Russian-based and English transliteration
merged: kh/x/h, q/k, zh/dzh/j, w/v; spaces dropped). Both sides of a lookup go through the same
functions, so a key only has to be consistent, not a "correct" transliteration.

Cyrillic names with Uzbek letters (ў қ ғ ҳ) are converted with alifbo (Cyrillic → new Latin →
the familiar Latin with oʻ gʻ sh ch); other Cyrillic goes through a small Russian table, because
alifbo takes ~60 µs a name and the index has ~33,000 Cyrillic names. A query, being one name, is
read every way it might be meant: as Uzbek and as Russian Cyrillic, and as new Uzbek Latin.

Keys are made for a whole list of names at once, as one newline-joined text, so each step runs
once in C over ~260,000 names instead of once per name in Python: that is what keeps the index
build near a second. A single name goes through the very same steps (``strict_key``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import alifbo

_APOSTROPHES = re.compile("['ʻ‘`’ʼ′´ʿʾ‛]")  # all the ways people (and GeoNames) write oʻ, gʻ and ʼ
_UZBEK_LETTER = re.compile("[ўқғҳ]")  # after lower-casing
_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+")
_NEW_LATIN_LETTERS = frozenset("şçöğñŞÇÖĞÑ")
_LATIN_EXTRA_LETTERS = re.compile("[ıøæœßđłþ]")
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PARENTHESES = re.compile(r"\([^)\n]*\)|\[[^\]\n]*\]")
_SEPARATORS = re.compile(r"[^\w\n]+")

_RUSSIAN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a", "ө": "o", "ү": "u",
        "ұ": "u", "ң": "ng", "һ": "h", "ј": "y",
    }
)  # fmt: skip
_LATIN_EXTRA = {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th"}

# Words that say "city" or "town" around a name, in key form: transliterated, and in Cyrillic for
# keys made without transliteration. The patterns lead with a literal space or a line start so
# the regex engine can skip ahead to them.
_CITY_WORD = (
    "(?:shahri|shakhri|shahar|shaharchasi|shahr|sh|city|town|gorod|shi"
    "|шаҳри|шахри|шаҳар|шахар|шаҳарчаси|ш|город|г)"
)
_SUFFIX = re.compile(rf"(?m) {_CITY_WORD}(?: {_CITY_WORD})*$")
_PREFIX = re.compile(r"(?m)^(?:(?:g|gorod|city|shahar|г|город|шаҳар) )+(?=\S)")
_CJK_CITY = re.compile("(?m)市$")

# Multi-letter spellings first: "kh" must become "h" before "x" does.
_LOOSE_SPELLINGS = (
    ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("gh", "g"), ("x", "h"), ("q", "k"), ("w", "v"), (" ", ""),
)  # fmt: skip


@dataclass(frozen=True)
class QueryKeys:
    """The keys of a name being looked up."""

    written: str  # folded as written, in its own script (no transliteration)
    strict: frozenset[str]  # every reading of it (Uzbek or Russian Cyrillic, old or new Uzbek Latin)
    loose: frozenset[str]
    latin: str  # how it reads in Latin when that is sure: as written, or Uzbek Cyrillic through alifbo


def strict_key(name: str) -> str:
    """The strict key of one name (Cyrillic read as Uzbek or Russian by its letters)."""
    return strict_keys([name])[0]


def strict_keys(names: list[str], transliterate: bool = True) -> list[str]:
    """The strict keys of many names, in order: the index's way of keying (see the module's docstring).

    With ``transliterate=False`` names keep their script: "Пекин" stays "пекин".
    """
    if not names:
        return []
    text = "\n".join(names)
    if text.count("\n") != len(names) - 1:  # a name with a line break of its own
        text = "\n".join(name.replace("\n", " ") for name in names)
    text = _PARENTHESES.sub(" ", unicodedata.normalize("NFKC", text).lower())
    if transliterate:
        text = _uzbek_lines(text)
        text = _CYRILLIC_RUN.sub(lambda run: run.group().translate(_RUSSIAN), text)
    return _fold(text).split("\n")


def loose_keys(keys: list[str]) -> list[str]:
    """The loose keys of many strict keys, in order."""
    if not keys:
        return []
    text = "\n".join(keys)
    for spelling, common in _LOOSE_SPELLINGS:  # whole-text replaces: C speed over ~250,000 keys
        text = text.replace(spelling, common)
    return text.split("\n")


def loose_key(key: str) -> str:
    """The loose key of one strict key: transliteration conventions merged, spaces dropped."""
    return loose_keys([key])[0]


def query_keys(name: str) -> QueryKeys:
    """The keys of a name as a participant wrote it, read each way they might have meant it."""
    text = unicodedata.normalize("NFKC", name.replace("\n", " ")).lower()
    readings = [name]
    latin = name
    if _CYRILLIC_RUN.search(text):
        uzbek = _uzbek_cyrillic(text)
        readings += [uzbek, _CYRILLIC_RUN.sub(lambda run: run.group().translate(_RUSSIAN), text)]
        # Uzbek has two official scripts: Қўқон is Qoʻqon. Russian Пекин is not surely Pekin (Illinois).
        latin = uzbek if _UZBEK_LETTER.search(text) else ""
    elif _NEW_LATIN_LETTERS.intersection(text):
        latin = alifbo.to_old_latin(text).text  # the 2026 Uzbek Latin: Şahrisabz is Shahrisabz
        readings.append(latin)
    written, latin_key = strict_keys([name, latin], transliterate=False)
    strict = frozenset(key for key in strict_keys(readings) if key)
    return QueryKeys(written, strict, frozenset(loose_keys(sorted(strict))), latin_key)


def _uzbek_cyrillic(text: str) -> str:
    # from_cyrillic gives the 2026 new Latin (ş, ç, ö); the old Latin is what GeoNames spells.
    return alifbo.to_old_latin(alifbo.from_cyrillic(text).text).text.lower()


def _uzbek_lines(text: str) -> str:
    """Convert with alifbo the lines (names) that have Uzbek letters; leave the others."""
    spans: dict[int, int] = {}
    for letter in _UZBEK_LETTER.finditer(text):
        start = text.rfind("\n", 0, letter.start()) + 1
        if start not in spans:
            end = text.find("\n", letter.start())
            spans[start] = len(text) if end < 0 else end
    if not spans:
        return text
    parts, done = [], 0
    for start, end in spans.items():  # in text order: finditer goes left to right
        parts += [text[done:start], _uzbek_cyrillic(text[start:end])]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _fold(text: str) -> str:
    text = _APOSTROPHES.sub("", text)
    text = _LATIN_EXTRA_LETTERS.sub(lambda letter: _LATIN_EXTRA[letter.group()], text)
    # Only the marks (accents, cedillas) go; recomposing keeps Hangul and kana whole.
    text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))
    text = _SEPARATORS.sub(" ", text.replace("_", " "))
    # Separators were collapsed, so a line has at most one space at either edge.
    text = text.replace("\n ", "\n").replace(" \n", "\n").strip(" ")
    return _without_city_words(text)


def _without_city_words(text: str) -> str:
    # Lines have no edge spaces here, so a space always follows a word: a suffix never takes a
    # whole name ("City" stays "city"), nor does a prefix (the lookahead wants a word after it).
    text = _PREFIX.sub("", _SUFFIX.sub("", text))
    return _CJK_CITY.sub(lambda m: "" if m.start() and text[m.start() - 1] not in " \n" else m.group(), text)
