"""The shared sector vocabulary: slugs, labels in five languages, and tagging of free text.

Survey choices, city priorities, partner strengths, lecture topics and good practices all name
sectors by the slugs of ``vocabulary.toml``; that shared vocabulary is what lets needs meet offers.
``tag_text`` finds the sectors a free-text answer speaks to from each sector's keyword stems;
``patterns`` gives the same rules as regular expressions for Polars, so a whole column of answers
can be tagged at once and agree with ``tag_text`` answer by answer.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

LANGUAGES = ("en", "ru", "uz-Latn", "uz-Cyrl", "zh")

# Uzbek Latin writes its apostrophe (oʻ, gʻ, the tutuq belgisi) with whatever the keyboard has.
APOSTROPHES = "'ʻ‘`’ʼ"
_APOSTROPHE_CLASS = "[" + APOSTROPHES + "]"
_REGEX_META = set("\\.^$|?*+()[]{}")
# Between the words of a phrase: the rest of the word (keywords are stems), then spaces or hyphens.
_WORD_GAP = r"\w*[\s\-]+"


class VocabularyError(ValueError):
    """The vocabulary file breaks one of its rules; the message says which sector and field."""


@dataclass(frozen=True)
class Sector:
    slug: str
    labels: dict[str, str]  # language (one of LANGUAGES) -> label
    keywords: dict[str, tuple[str, ...]]  # language -> lower-case word stems and phrases

    def label(self, language: str = "en") -> str:
        return self.labels[_language(language)]


def vocabulary() -> dict[str, Sector]:
    """Every sector, by slug, in the vocabulary's order (read once; each call gets its own dict)."""
    return dict(_load()[0])


def sector(slug: str) -> Sector:
    """The sector of a slug or of one of its aliases (survey choice names such as ``service``)."""
    sectors, aliases = _load()
    found = sectors.get(aliases.get(slug, slug))
    if found is None:
        raise KeyError(f"{slug!r} is not a sector of the vocabulary; known sectors: {', '.join(sectors)}")
    return found


def is_sector(slug: str) -> bool:
    """Whether ``slug`` (or an alias of it) names a sector of the vocabulary."""
    try:
        sector(slug)
    except KeyError:
        return False
    return True


def label(slug: str, language: str = "en") -> str:
    """The sector's label in a language (a BCP 47 tag; unknown languages get English)."""
    return sector(slug).label(language)


def tag_text(text: str) -> tuple[str, ...]:
    """The slugs of the sectors whose keywords occur in the text, in vocabulary order."""
    lowered = text.lower()
    return tuple(slug for slug, regex in _compiled().items() if regex.search(lowered))


def patterns() -> dict[str, str]:
    """One regular expression per sector slug, to run over lower-cased text (Python re or Polars)."""
    return dict(_patterns())


@functools.cache
def _patterns() -> tuple[tuple[str, str], ...]:
    return tuple(
        (slug, "|".join(_keyword_pattern(k) for k in _all_keywords(s))) for slug, s in vocabulary().items()
    )


@functools.cache
def _compiled() -> dict[str, re.Pattern[str]]:
    return {slug: re.compile(pattern) for slug, pattern in _patterns()}


def _all_keywords(sector: Sector) -> list[str]:
    # Every language's keywords apply to every text: answers mix scripts and languages freely.
    return list(dict.fromkeys(k for language in LANGUAGES for k in sector.keywords.get(language, ())))


def _keyword_pattern(keyword: str) -> str:
    whole_word = keyword.endswith("$")
    words = re.split(r"[\s\-]+", keyword.rstrip("$").strip())
    body = _WORD_GAP.join("".join(_escape(ch) for ch in word) for word in words)
    # Chinese has no spaces between words, so a word boundary would hide most matches. Word
    # starts are written (?:^|\W) rather than \b: on Cyrillic text Polars' regex engine leaves its
    # fast path for \b and tagging a million comments took seconds instead of tenths.
    start = "" if _is_cjk(keyword[0]) else r"(?:^|\W)"
    return start + body + (r"(?:\W|$)" if whole_word else "")


def _escape(ch: str) -> str:
    if ch in APOSTROPHES:
        return _APOSTROPHE_CLASS
    return "\\" + ch if ch in _REGEX_META else ch


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3040" <= ch <= "\u30ff"


def _language(tag: str) -> str:
    lowered = tag.replace("_", "-").lower()
    for language in LANGUAGES:
        if lowered == language.lower():
            return language
    if lowered.startswith("uz"):
        # Latin is Uzbekistan's official script; Cyrillic must be asked for by name.
        return "uz-Cyrl" if "cyrl" in lowered else "uz-Latn"
    primary = lowered.split("-")[0]
    return primary if primary in ("ru", "zh") else "en"


@functools.cache
def _load() -> tuple[dict[str, Sector], dict[str, str]]:
    text = resources.files(__package__).joinpath("vocabulary.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    sectors: dict[str, Sector] = {}
    for index, entry in enumerate(data.get("sectors", []), start=1):
        found = _sector(entry, index)
        if found.slug in sectors:
            raise VocabularyError(f"vocabulary.toml: sector {index}: slug {found.slug!r} is used twice")
        sectors[found.slug] = found
    aliases = dict(data.get("aliases", {}))
    for alias, target in aliases.items():
        if target not in sectors or alias in sectors:
            raise VocabularyError(f"vocabulary.toml: alias {alias!r} -> {target!r} must name a sector")
    return sectors, aliases


def _sector(entry: dict, index: int) -> Sector:
    where = f"vocabulary.toml: sector {index} ({entry.get('slug', 'no slug')})"
    labels = entry.get("labels", {})
    keywords = entry.get("keywords", {})
    missing = [language for language in LANGUAGES if not labels.get(language)]
    if not entry.get("slug") or missing:
        raise VocabularyError(f"{where}: needs a slug and labels in {', '.join(missing or LANGUAGES)}")
    for language, words in keywords.items():
        if language not in LANGUAGES or any(not w or w != w.lower() for w in words):
            raise VocabularyError(f"{where}: keywords.{language} must be lower-case stems of {LANGUAGES}")
    return Sector(
        slug=entry["slug"],
        labels={language: labels[language] for language in LANGUAGES},
        keywords={language: tuple(words) for language, words in keywords.items()},
    )
