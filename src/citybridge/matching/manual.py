"""What the organiser knows about the requesting cities beyond the survey, entered by hand.

A YAML file lists cities and, for each, any of ``priorities``, ``industries``, ``strengths``
(sector slugs) and ``preferences`` (partner keys of the catalogue)::

    cities:
      - city: Namangan            # the city's name, survey choice name, or gazetteer id
        priorities: [industrial_parks, trade_investment]
        preferences: [suzhou]

A field given here replaces what the survey said for that city (each entry counts as one
respondent naming it); fields left out keep the survey's figures. A city the survey does not know
is refused, so a typo never silently does nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from citybridge import sectors
from citybridge.matching.catalogue import Catalogue
from citybridge.matching.profiles import CityProfile

SECTOR_FIELDS = ("priorities", "industries", "strengths")
FIELDS = ("city", *SECTOR_FIELDS, "preferences")


class ManualProfileError(ValueError):
    """The file of hand-entered profiles has problems; one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_manual(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ManualProfileError([f"{path}: cannot be read as YAML ({exc})"]) from None
    entries = data.get("cities") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ManualProfileError([f"{path}: expected a list under 'cities:'"])
    return entries


def with_manual(
    profiles: tuple[CityProfile, ...], entries: list[dict], catalogue: Catalogue, source: str = "cities.yaml"
) -> tuple[CityProfile, ...]:
    """``profiles`` with the hand-entered fields applied; every problem is reported at once."""
    by_name = {_fold(n): p for p in profiles for n in (p.key, p.name, p.place_id or "") if n}
    problems: list[str] = []
    changes: dict[str, dict] = {}
    for index, entry in enumerate(entries, 1):
        where = f"{source}, city {index} of {len(entries)}"
        profile = _profile(entry, by_name, where, problems)
        fields = _fields(entry, catalogue, where, problems)
        if profile is not None and fields is not None:
            changes.setdefault(profile.key, {}).update(fields)
    if problems:
        raise ManualProfileError(problems)
    return tuple(replace(p, **changes[p.key]) if p.key in changes else p for p in profiles)


def _profile(entry, by_name: dict, where: str, problems: list[str]) -> CityProfile | None:
    if not isinstance(entry, dict) or not entry.get("city"):
        problems.append(f"{where}: write 'city: NAME' first")
        return None
    unknown = set(entry) - set(FIELDS)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; use {', '.join(FIELDS)}")
    found = by_name.get(_fold(str(entry["city"])))
    if found is None:
        problems.append(f"{where}: '{entry['city']}' is not one of the training's cities")
    return found


def _fields(entry, catalogue: Catalogue, where: str, problems: list[str]) -> dict | None:
    if not isinstance(entry, dict):
        return None
    fields: dict = {}
    for name in (*SECTOR_FIELDS, "preferences"):
        if name not in entry:
            continue
        values = entry[name] or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(
                f"{where}: '{name}' must be a list, e.g. [{'tourism' if name != 'preferences' else 'suzhou'}]"
            )
            continue
        if name == "preferences":
            known_keys = set(catalogue.keys())  # a Catalogue is not a mapping
            bad = [v for v in values if v not in known_keys]
            known = "partner keys of the catalogue"
        else:
            bad = [v for v in values if not sectors.is_sector(v)]
            known = "sector slugs (citybridge.sectors)"
        if bad:
            problems.append(f"{where}: '{name}' has {', '.join(bad)}, which are not {known}")
            continue
        canonical = [v if name == "preferences" else sectors.sector(v).slug for v in values]
        fields[name] = tuple(canonical) if name == "strengths" else dict.fromkeys(canonical, 1)
    return fields


def _fold(text: str) -> str:
    return text.strip().casefold()
