"""How the knowledge hub's search reads a text, the same for the stored texts and the query.

SQLite folds case for ASCII only, so "Город" would not find "город" there: texts and queries are
folded here before the database sees them (``fulltext``), Cyrillic too, with ё read as е and the
many Uzbek apostrophes as one. Texts with Cyrillic letters are also kept in their Uzbek Latin
reading (alifbo), so "shahar" finds "шаҳар" and the other way round.
"""

from __future__ import annotations

import functools
import re

import alifbo

from citybridge.sectors import APOSTROPHES

_APOSTROPHE = re.compile("[" + re.escape(APOSTROPHES) + "]")
_SPACES = re.compile(r"\s+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def fold(text: str) -> str:
    """The text as matching sees it: case-folded, ё as е, one apostrophe, single spaces."""
    folded = text.casefold().replace("ё", "е")
    return _SPACES.sub(" ", _APOSTROPHE.sub("'", folded)).strip()


@functools.lru_cache(maxsize=4096)
def latin(text: str) -> str:
    """The folded text with its Cyrillic read as Uzbek Latin; a text without Cyrillic as it is."""
    lowered = text.casefold()
    if not _CYRILLIC.search(lowered):
        return fold(lowered)
    return fold(alifbo.to_old_latin(alifbo.from_cyrillic(lowered).text).text)


def terms(query: str) -> list[str]:
    """The words of a query, in the order typed."""
    return [word for word in fold(query).split(" ") if word]
