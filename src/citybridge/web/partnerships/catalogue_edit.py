"""Changing the instance's partner catalogue from the browser: one partner city at a time, or a
whole YAML/CSV file. Every change goes through the catalogue's own reader, so the browser can
never save a catalogue that ``citybridge partners import`` would refuse; the file is replaced in
one step, so a reader never sees half of it."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from citybridge.exports.safety import safe_row
from citybridge.matching.catalogue import (
    Catalogue,
    CatalogueError,
    catalogue_dict,
    read_catalogue,
    write_catalogue,
)
from citybridge.web.partnerships.matching import CATALOGUE_FILE, catalogue_in_use, data_dir

# One CSV row per strength; the partner's own columns repeat on each of its rows.
CSV_COLUMNS = (
    "key", "name", "country", "region", "population", "latitude", "longitude", "geonameid",
    "name_ru", "name_zh", "name_uz_latn", "name_uz_cyrl", "sector", "text", "source",
)  # fmt: skip
NAME_COLUMNS = {"name_ru": "ru", "name_zh": "zh", "name_uz_latn": "uz-Latn", "name_uz_cyrl": "uz-Cyrl"}
NUMBER_COLUMNS = {"population": int, "geonameid": int, "latitude": float, "longitude": float}


def catalogue_path() -> Path:
    return data_dir() / CATALOGUE_FILE


def save(data: dict[str, Any], source: str = CATALOGUE_FILE) -> Catalogue:
    """Check ``data`` (the YAML file's shape) and make it the catalogue in use; CatalogueError lists
    every problem and leaves the catalogue in use untouched."""
    catalogue = read_catalogue(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), source)
    target = catalogue_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    write_catalogue(catalogue, partial)
    partial.replace(target)
    return catalogue


def put_partner(entry: dict[str, Any], *, replacing: str | None = None) -> Catalogue:
    """Add a partner city, or replace the one with key ``replacing`` (its ties are kept)."""
    data = catalogue_dict(catalogue_in_use())
    partners = data["partners"]
    keys = [p["key"] for p in partners]
    if entry["key"] in keys and entry["key"] != replacing:
        raise CatalogueError([f"partner '{entry['key']}', field key: already in the catalogue; choose another key"])
    if replacing in keys:
        old = partners[keys.index(replacing)]
        entry = {**entry, "ties": entry.get("ties", old.get("ties") or [])}
        partners[keys.index(replacing)] = entry
    else:
        partners.append(entry)
    return save(data)


def remove_partner(key: str) -> Catalogue:
    data = catalogue_dict(catalogue_in_use())
    data["partners"] = [p for p in data["partners"] if p["key"] != key]
    return save(data)


def strengths_from_lines(text: str) -> list[dict[str, str]]:
    """'sector | what it offers | source' per line, as the catalogue's strength entries."""
    strengths = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        parts += [""] * (3 - len(parts))
        strengths.append({"sector": parts[0], "text": parts[1], "source": " | ".join(parts[2:]).strip(" |")})
    return strengths


def strengths_as_lines(strengths) -> str:
    return "\n".join(f"{s.sector} | {s.text} | {s.source}" for s in strengths)


def import_file(name: str, content: bytes) -> Catalogue:
    """A catalogue uploaded as YAML (the export's shape) or CSV (CSV_COLUMNS), checked, then in use."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogueError([f"{name}: not UTF-8 text; save it as UTF-8 and upload it again"]) from None
    if name.lower().endswith(".csv"):
        return save(_with_current_ties(_csv_data(text, name)), name)
    if name.lower().endswith((".yaml", ".yml")):
        catalogue = read_catalogue(text, name)
        return save(catalogue_dict(catalogue), name)
    raise CatalogueError([f"{name}: upload a .yaml, .yml or .csv file"])


def _with_current_ties(data: dict[str, Any]) -> dict[str, Any]:
    """A CSV has no column for ties: keep the ones the catalogue in use records, by partner key."""
    current = catalogue_dict(catalogue_in_use())
    ties = {p["key"]: p["ties"] for p in current["partners"]}
    for partner in data["partners"]:
        partner["ties"] = ties.get(partner["key"], [])
    data["country_ties"] = current["country_ties"]
    return data


def export_csv(catalogue: Catalogue, raw: bool = False) -> str:
    """One line per partner strength; cells a spreadsheet would run get an apostrophe unless ``raw``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for partner in catalogue.partners:
        own = [
            partner.key, partner.name, partner.country, partner.region, _blank(partner.population),
            _blank(partner.latitude), _blank(partner.longitude), _blank(partner.geonameid),
            *(partner.names.get(language, "") for language in NAME_COLUMNS.values()),
        ]  # fmt: skip
        for strength in partner.strengths or [None]:
            cells = own + ([strength.sector, strength.text, strength.source] if strength else ["", "", ""])
            writer.writerow(safe_row(cells, raw))
    return out.getvalue()


def _blank(value) -> str:
    return "" if value is None else str(value)


def _csv_data(text: str, source: str) -> dict[str, Any]:
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise CatalogueError([f"{source}: no rows; the first line names the columns: {', '.join(CSV_COLUMNS)}"])
    missing = [c for c in ("key", "name", "country") if c not in rows[0]]
    if missing:
        raise CatalogueError([f"{source}: missing column(s) {', '.join(missing)}; expected {', '.join(CSV_COLUMNS)}"])
    partners: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for number, row in enumerate(rows, 2):
        key = (row.get("key") or "").strip()
        if key not in partners:
            partners[key] = _csv_partner(row, f"{source}, row {number}", problems)
        if (row.get("sector") or "").strip():
            partners[key]["strengths"].append(
                {field: (row.get(field) or "").strip() for field in ("sector", "text", "source")}
            )
    if problems:
        raise CatalogueError(problems)
    return {"partners": list(partners.values()), "country_ties": []}


def _csv_partner(row: dict[str, str], where: str, problems: list[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {field: (row.get(field) or "").strip() for field in ("key", "name", "country", "region")}
    for column, kind in NUMBER_COLUMNS.items():
        value = (row.get(column) or "").strip().replace(",", "")
        try:
            entry[column] = kind(value) if value else None
        except ValueError:
            problems.append(f"{where}, column {column}: '{value}' is not a number")
            entry[column] = None
    entry["names"] = {lang: row[col].strip() for col, lang in NAME_COLUMNS.items() if (row.get(col) or "").strip()}
    entry["strengths"] = []
    entry["ties"] = []
    return entry
