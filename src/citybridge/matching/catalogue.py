"""The partner catalogue: candidate partner cities, what each offers, and the ties that already exist.

It is a YAML file organisers edit by hand (the starter one is ``data/partners.yaml``), so reading
it checks every entry and reports every problem at once, each with the file, the partner, the
field and what to write instead. ``write_catalogue`` writes the same shape back, so an export
read again gives the same catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from citybridge import sectors

GENERAL_KNOWLEDGE = "general knowledge — verify"
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_PARTNER_FIELDS = (
    "key", "name", "geonameid", "country", "region", "population", "latitude", "longitude", "names",
    "strengths", "ties",
)  # fmt: skip
_STRENGTH_FIELDS = ("sector", "text", "source")
_TIE_FIELDS = ("city", "country", "geonameid", "text", "source")
_COUNTRY_TIE_FIELDS = ("city", "country", "geonameid", "partner_country", "text", "source")
_HEADER = (
    "# Candidate partner cities for citybridge's matching (written by 'citybridge partners export').\n"
    "# Edit, then load it with 'citybridge partners import FILE'. Each strength keeps its source:\n"
    f"# the seed passage, or '{GENERAL_KNOWLEDGE}'.\n"
)


class CatalogueError(ValueError):
    """A partner catalogue with problems; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Strength:
    """What a partner city offers in one sector, and where that is known from."""

    sector: str  # a slug of citybridge.sectors (aliases resolved)
    text: str
    source: str  # the document, its section and a short quote, or GENERAL_KNOWLEDGE


@dataclass(frozen=True)
class Tie:
    """A requesting city that already works with the partner city."""

    city: str
    country: str
    geonameid: int | None
    text: str
    source: str


@dataclass(frozen=True)
class CountryTie:
    """A requesting city that works with partners of a country without a named partner city."""

    city: str
    country: str
    geonameid: int | None
    partner_country: str
    text: str
    source: str


@dataclass(frozen=True)
class PartnerCity:
    key: str  # lower-case; survey choices naming partner cities use it
    name: str
    geonameid: int | None
    country: str  # ISO 3166-1 alpha-2
    region: str
    population: int | None
    latitude: float | None
    longitude: float | None
    names: dict[str, str] = field(default_factory=dict)  # language -> name
    strengths: tuple[Strength, ...] = ()
    ties: tuple[Tie, ...] = ()

    def name_in(self, language: str) -> str:
        """The city's name in a language of citybridge.sectors.LANGUAGES, else its main name."""
        return self.names.get(language) or self.name


@dataclass(frozen=True)
class Catalogue:
    partners: tuple[PartnerCity, ...]
    country_ties: tuple[CountryTie, ...] = ()

    def partner(self, key: str) -> PartnerCity:
        for partner in self.partners:
            if partner.key == key:
                return partner
        raise KeyError(f"no partner city '{key}' in the catalogue; known: {', '.join(self.keys())}")

    def keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.partners)

    def find(self, name: str) -> PartnerCity | None:
        """The partner a survey answer names: by key, main name or a name in any language."""
        wanted = name.strip().casefold()
        for partner in self.partners:
            if wanted in {
                partner.key,
                partner.name.casefold(),
                *(n.casefold() for n in partner.names.values()),
            }:
                return partner
        return None


def default_catalogue_path() -> Path:
    """The starter catalogue shipped with citybridge."""
    return Path(str(resources.files(__package__).joinpath("data", "partners.yaml")))


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The catalogue in ``path`` (default: the starter one); raises CatalogueError listing all problems."""
    path = Path(path) if path is not None else default_catalogue_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError([f"{path}: cannot read the partner catalogue ({exc.strerror})"]) from None
    return read_catalogue(text, str(path))


def read_catalogue(text: str, source: str = "partners.yaml") -> Catalogue:
    """The catalogue written in ``text`` (YAML); ``source`` names it in error messages."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError([f"{source}: not valid YAML: {exc}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("partners"), list):
        raise CatalogueError(
            [f"{source}: must be a mapping with a list 'partners:' (see the starter catalogue)"]
        )
    problems: list[str] = []
    partners = _partners(data["partners"], source, problems)
    country_ties = _country_ties(data.get("country_ties") or [], source, problems)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(partners=tuple(partners), country_ties=tuple(country_ties))


def catalogue_dict(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as the plain data of its YAML file."""
    return {
        "version": 1,
        "partners": [_partner_dict(p) for p in catalogue.partners],
        "country_ties": [dict(vars(t)) for t in catalogue.country_ties],
    }


def write_catalogue(catalogue: Catalogue, path: Path) -> None:
    """Write the catalogue to ``path`` as YAML that ``load_catalogue`` reads back unchanged."""
    body = yaml.safe_dump(catalogue_dict(catalogue), allow_unicode=True, sort_keys=False, width=120)
    Path(path).write_text(_HEADER + body, encoding="utf-8")


def _partner_dict(partner: PartnerCity) -> dict[str, Any]:
    data = {name: getattr(partner, name) for name in _PARTNER_FIELDS}
    data["strengths"] = [dict(vars(s)) for s in partner.strengths]
    data["ties"] = [dict(vars(t)) for t in partner.ties]
    data["names"] = dict(partner.names)
    return data


# ---------------------------------------------------------------------------- reading and checking


def _partners(entries: list, source: str, problems: list[str]) -> list[PartnerCity]:
    found: list[PartnerCity] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        key = entry.get("key") if isinstance(entry, dict) else None
        where = f"{source}: partner {number} ({key or 'no key'})"
        before = len(problems)
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping of fields (key: ..., name: ...)")
            continue
        partner = _partner(entry, where, problems)
        if partner and partner.key in seen:
            problems.append(
                f"{where}: field 'key': '{partner.key}' is already used; give each partner its own key"
            )
        if partner:
            seen.add(partner.key)
        if partner and len(problems) == before:
            found.append(partner)
    return found


def _partner(entry: dict, where: str, problems: list[str]) -> PartnerCity | None:
    _unknown_fields(entry, _PARTNER_FIELDS, where, problems)
    key = _text(entry, "key", where, problems)
    if key and not _KEY.match(key):
        problems.append(f"{where}: field 'key': '{key}' must be lower-case letters, digits, '_' or '-'")
    latitude = _number(entry, "latitude", where, problems, (-90, 90))
    longitude = _number(entry, "longitude", where, problems, (-180, 180))
    if (latitude is None) != (longitude is None):
        problems.append(f"{where}: give both 'latitude' and 'longitude', or neither")
    partner = PartnerCity(
        key=key or "",
        name=_text(entry, "name", where, problems) or "",
        geonameid=_whole(entry, "geonameid", where, problems),
        country=_country(entry, "country", where, problems),
        region=str(entry.get("region") or ""),
        population=_whole(entry, "population", where, problems),
        latitude=latitude,
        longitude=longitude,
        names=_names(entry.get("names"), where, problems),
        strengths=tuple(_strengths(entry.get("strengths"), where, problems)),
        ties=tuple(_ties(entry.get("ties"), where, problems)),
    )
    return partner if key else None


def _strengths(entries: Any, where: str, problems: list[str]) -> list[Strength]:
    found = []
    for number, entry in _list_entries(entries, "strengths", where, problems):
        at = f"{where}: strength {number}"
        _unknown_fields(entry, _STRENGTH_FIELDS, at, problems)
        slug = _text(entry, "sector", at, problems)
        if slug and not sectors.is_sector(slug):
            problems.append(
                f"{at}: field 'sector': '{slug}' is not a sector; use one of {', '.join(sectors.vocabulary())}"
            )
            continue
        text, cited = _text(entry, "text", at, problems), _source(entry, at, problems)
        if slug and text and cited:
            found.append(Strength(sectors.sector(slug).slug, text, cited))
    return found


def _ties(entries: Any, where: str, problems: list[str]) -> list[Tie]:
    found = []
    for number, entry in _list_entries(entries, "ties", where, problems):
        at = f"{where}: tie {number}"
        _unknown_fields(entry, _TIE_FIELDS, at, problems)
        tie = Tie(
            city=_text(entry, "city", at, problems) or "",
            country=_country(entry, "country", at, problems),
            geonameid=_whole(entry, "geonameid", at, problems),
            text=_text(entry, "text", at, problems) or "",
            source=_source(entry, at, problems) or "",
        )
        if tie.city and tie.text and tie.source:
            found.append(tie)
    return found


def _country_ties(entries: Any, source: str, problems: list[str]) -> list[CountryTie]:
    found = []
    for number, entry in _list_entries(entries, "country_ties", source, problems):
        at = f"{source}: country tie {number}"
        _unknown_fields(entry, _COUNTRY_TIE_FIELDS, at, problems)
        tie = CountryTie(
            city=_text(entry, "city", at, problems) or "",
            country=_country(entry, "country", at, problems),
            geonameid=_whole(entry, "geonameid", at, problems),
            partner_country=_country(entry, "partner_country", at, problems),
            text=_text(entry, "text", at, problems) or "",
            source=_source(entry, at, problems) or "",
        )
        if tie.city and tie.partner_country and tie.text and tie.source:
            found.append(tie)
    return found


def _list_entries(entries: Any, name: str, where: str, problems: list[str]):
    if entries is None:
        return []
    if not isinstance(entries, list):
        problems.append(f"{where}: field '{name}' must be a list (write [] for none)")
        return []
    good = []
    for number, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            good.append((number, entry))
        else:
            problems.append(f"{where}: {name} entry {number} must be a mapping of fields")
    return good


def _unknown_fields(entry: dict, known: tuple[str, ...], where: str, problems: list[str]) -> None:
    for name in entry:
        if name not in known:
            problems.append(f"{where}: unknown field '{name}'; known fields: {', '.join(known)}")


def _text(entry: dict, name: str, where: str, problems: list[str]) -> str | None:
    value = entry.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    problems.append(f"{where}: field '{name}' is required and must be text")
    return None


def _source(entry: dict, where: str, problems: list[str]) -> str | None:
    value = entry.get("source")
    if isinstance(value, str) and value.strip():
        return value.strip()
    problems.append(
        f"{where}: field 'source' is required: quote the passage it comes from (document, section and a few words), "
        f"or write '{GENERAL_KNOWLEDGE}'"
    )
    return None


def _country(entry: dict, name: str, where: str, problems: list[str]) -> str:
    value = entry.get(name)
    if isinstance(value, str) and _COUNTRY.match(value):
        return value
    problems.append(f"{where}: field '{name}' must be a two-letter ISO country code such as CN or UZ")
    return ""


def _whole(entry: dict, name: str, where: str, problems: list[str]) -> int | None:
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(f"{where}: field '{name}' must be a whole number, or left out when unknown")
        return None
    return value


def _number(entry: dict, name: str, where: str, problems: list[str], bounds: tuple[int, int]) -> float | None:
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not bounds[0] <= value <= bounds[1]:
        problems.append(f"{where}: field '{name}' must be a number from {bounds[0]} to {bounds[1]} (degrees)")
        return None
    return float(value)


def _names(value: Any, where: str, problems: list[str]) -> dict[str, str]:
    if value is None:
        return {}
    known = sectors.LANGUAGES
    if not isinstance(value, dict) or any(k not in known or not isinstance(v, str) for k, v in value.items()):
        problems.append(f"{where}: field 'names' maps languages ({', '.join(known)}) to names")
        return {}
    return dict(value)
