"""``citybridge match`` on the stored example training, and ``citybridge partners import/export``."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from citybridge.cli import UserError
from citybridge.commands import matching
from citybridge.matching import WeightsError, load_catalogue
from tests.matching.conftest import EXAMPLE

root = typer.Typer()
root.add_typer(matching.match_app, name="match")
root.add_typer(matching.partners_app, name="partners")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    from citybridge.web.partnerships import matching as stored_matching

    monkeypatch.setattr(stored_matching, "data_dir", lambda: tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def example(db):
    from citybridge.web.example import load_training_folder

    return load_training_folder(EXAMPLE).training


def invoke(*args: str):
    return CliRunner().invoke(root, list(args))


@pytest.mark.django_db
def test_match_prints_explained_suggestions_for_every_city(example):
    result = invoke("match", "--training", example.slug)
    assert result.exit_code == 0, result.output
    assert "Suggested partners (mode new, top 3 per city, score at least" in result.output
    # The table wraps long sentences, so look for words rather than whole sentences.
    assert all(city in result.output for city in ("Namangan", "Bukhara", "Khovos"))
    assert "prioritises" in result.output and "respondent" in result.output


@pytest.mark.django_db
def test_match_json_has_k_suggestions_per_city_and_both_assignments(example):
    result = invoke(
        "match", "--training", example.slug, "--json", "--optimal", "--evaluate", "--capacity", "2"
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output[result.output.index("{") :])
    # 33 cities answered the survey; the 2 that only registered are matched on size and distance.
    # Up to 3 each: a pair under the minimum score is not proposed.
    assert len(found["suggestions"]) == 35 and all(len(s) <= 3 for s in found["suggestions"].values())
    assert sum(len(s) == 3 for s in found["suggestions"].values()) > 20
    optimal, greedy = found["assignments"]["optimal"], found["assignments"]["greedy"]
    assert optimal["total"] >= greedy["total"] - 1e-6
    loads = [m["partner_key"] for m in optimal["matches"]]
    assert max(loads.count(p) for p in set(loads)) <= 2
    assert found["evaluation"]["namings"] == 36 and "hit@3" in found["evaluation"]


@pytest.mark.django_db
def test_mode_new_never_suggests_a_city_it_already_works_with(example):
    new = json.loads(_json(invoke("match", "--training", example.slug, "--json", "--k", "18")))
    deepen = json.loads(
        _json(invoke("match", "--training", example.slug, "--json", "--k", "18", "--mode", "deepen"))
    )
    assert not {"luoyang", "kunming", "sanya"} & {m["partner_key"] for m in new["suggestions"]["bukhara"]}
    assert {"luoyang", "kunming", "sanya"} <= {m["partner_key"] for m in deepen["suggestions"]["bukhara"]}


@pytest.mark.django_db
def test_a_wrong_mode_or_weights_file_is_one_clear_error(example, tmp_path):
    result = invoke("match", "--training", example.slug, "--mode", "old")
    assert isinstance(result.exception, UserError) and "--mode 'old'" in str(result.exception)
    bad = tmp_path / "w.toml"
    bad.write_text("[weights]\nfit = -2\n", encoding="utf-8")
    result = invoke("match", "--training", example.slug, "--weights", str(bad))
    assert isinstance(result.exception, WeightsError) and "[weights] fit" in str(result.exception)


def test_import_makes_the_catalogue_the_one_in_use_and_export_writes_it(tmp_path, data_dir):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "partners:\n  - key: almaty\n    name: Almaty\n    country: KZ\n"
        "    strengths: [{sector: trade, text: bazaars, source: general knowledge — verify}]\n",
        encoding="utf-8",
    )
    result = invoke("partners", "import", str(mine))
    assert result.exit_code == 0 and "Imported 1 partner cities (1 strengths, 0 ties)" in result.output
    exported = tmp_path / "out.yaml"
    assert invoke("partners", "export", str(exported)).exit_code == 0
    assert load_catalogue(exported).keys() == ("almaty",)


def test_import_refuses_a_catalogue_with_problems_and_keeps_the_old_one(tmp_path, data_dir):
    bad = tmp_path / "bad.yaml"
    bad.write_text("partners:\n  - key: almaty\n    country: KZ\n", encoding="utf-8")
    result = invoke("partners", "import", str(bad))
    assert isinstance(result.exception, UserError)
    assert "bad.yaml was not imported" in str(result.exception) and "field 'name' is required" in str(
        result.exception
    )
    assert not (data_dir / "partners.yaml").exists()


def test_export_without_an_import_writes_the_starter_catalogue(tmp_path):
    assert invoke("partners", "export", str(tmp_path / "out.yaml")).exit_code == 0
    assert load_catalogue(tmp_path / "out.yaml") == load_catalogue()


def _json(result) -> str:
    assert result.exit_code == 0, result.output
    return result.output[result.output.index("{") :]


@pytest.mark.django_db
def test_needs_entered_by_hand_change_the_suggestions(example, tmp_path):
    manual = tmp_path / "cities.yaml"
    manual.write_text("cities:\n  - city: Namangan\n    priorities: [industrial_parks]\n", encoding="utf-8")
    found = json.loads(
        _json(invoke("match", "--training", example.slug, "--json", "--profiles", str(manual)))
    )
    reasons = " ".join(m["explanation"] for m in found["suggestions"]["namangan"])
    assert "industrial" in reasons.lower()
    bad = tmp_path / "bad.yaml"
    bad.write_text("cities:\n  - city: Atlantis\n", encoding="utf-8")
    result = invoke("match", "--training", example.slug, "--profiles", str(bad))
    assert "'Atlantis' is not one of the training's cities" in str(result.exception)


@pytest.mark.django_db
def test_existing_ties_are_listed_and_bukhara_luoyang_is_one(example):
    found = json.loads(_json(invoke("match", "--training", example.slug, "--json")))
    assert {
        "requesting_key": "bukhara", "requesting": "Bukhara", "partner_key": "luoyang", "partner": "Luoyang"
    } in found["existing_ties"]  # fmt: skip


@pytest.mark.django_db
def test_no_proposed_pair_falls_under_the_minimum_score(example):
    found = json.loads(
        _json(invoke("match", "--training", example.slug, "--json", "--optimal", "--minimum-score", "0.3"))
    )
    proposed = [m for s in found["suggestions"].values() for m in s]
    proposed += [m for method in found["assignments"].values() for m in method["matches"]]
    assert found["minimum_score"] == 0.3 and proposed and min(m["score"] for m in proposed) >= 0.3
    empty = {c["key"] for c in found["left_out"] if c["reason"] == "below_minimum"}
    assert empty == {key for key, s in found["suggestions"].items() if not s}
    # Capacities are upper bounds: cities may get fewer than k partners, partners fewer than 5 requests.
    assert len(found["assignments"]["optimal"]["matches"]) < 3 * len(found["suggestions"])


@pytest.mark.django_db
def test_the_default_minimum_score_is_the_one_the_evaluation_stored(example):
    from citybridge.matching import learned

    found = json.loads(_json(invoke("match", "--training", example.slug, "--json")))
    assert found["minimum_score"] == learned.minimum_score() > 0
    assert found["quality"]["hit10"] == learned.quality().hit10


@pytest.mark.django_db
def test_only_partners_in_the_asked_country_are_suggested(example):
    found = json.loads(
        _json(invoke("match", "--training", example.slug, "--json", "--k", "18", "--partner-country", "cn"))
    )
    keys = {m["partner_key"] for s in found["suggestions"].values() for m in s}
    assert keys and "singapore" not in keys and found["partner_countries"] == ["CN"]


@pytest.mark.django_db
def test_cities_without_answers_or_a_gazetteer_place_are_listed_with_the_reason(example):
    found = json.loads(_json(invoke("match", "--training", example.slug, "--json")))
    reasons = {(c["city"], c["reason"]) for c in found["left_out"]}
    no_answers = {city for city, reason in reasons if reason == "no_answers"}
    assert len(no_answers) == 2  # registered, did not answer
    assert {city for city, reason in reasons if reason == "not_in_gazetteer"} == set(found["unresolved"])
    khovos = [
        c["text"] for c in found["left_out"] if c["city"] == "Khovos" and c["reason"] == "not_in_gazetteer"
    ]
    assert not khovos or "no size" not in khovos[0]


def test_evaluate_on_real_pairs_prints_every_method_and_saves_the_weights(tmp_path):
    from citybridge.matching.realpairs import gazetteer_places

    places = gazetteer_places()
    big = [
        i
        for i in range(len(places.ids))
        if places.population[i] > 2_000_000 and places.regions[i] in ("EU", "AS")
    ]
    rows = [
        f"{places.names[a]},x,{places.countries[a]},{places.latitude[a]},{places.longitude[a]},"
        f"{places.names[b]},x,{places.countries[b]},{places.latitude[b]},{places.longitude[b]},test"
        for a, b in zip(big, big[1:] + big[:1], strict=True)
    ]
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "city_a,country_a,iso2_a,lat_a,lon_a,city_b,country_b,iso2_b,lat_b,lon_b,source\n" + "\n".join(rows),
        encoding="utf-8",
    )
    saved = tmp_path / "learned.toml"
    result = invoke("match", "evaluate", "--pairs", str(pairs), "--hide", "0.5", "--save-weights", str(saved))
    assert result.exit_code == 0, result.output
    for method in ("learned", "hand-set", "random", "most-popular", "nearest", "same-size"):
        assert method in result.output
    assert "[weights]" in saved.read_text(encoding="utf-8") and "learned_hit10" in saved.read_text(
        encoding="utf-8"
    )


def test_evaluate_refuses_a_file_without_pairs_in_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    result = invoke("match", "evaluate", "--pairs", str(bad))
    assert isinstance(result.exception, UserError) and "bad.csv" in str(result.exception)


@pytest.mark.django_db
def test_the_report_section_states_the_real_pair_figures_and_who_is_left_out(example):
    from types import SimpleNamespace

    from citybridge.matching import learned
    from citybridge.reports.i18n import Translator
    from citybridge.reports.sections import partnerships_section
    from citybridge.web.partnerships.matching import matching_result, partner_assignment

    t = Translator("en")
    result = matching_result(example, optimal=True)
    section = partnerships_section(SimpleNamespace(partnerships=partner_assignment(example)), t)
    text = " ".join(getattr(block, "text", "") for block in section.blocks)
    quality = learned.quality()
    assert f"among its first 10 in {t.format_percent(quality.hit10)} of cases" in text
    assert f"did so in {t.format_percent(quality.baseline_hit10)}" in text
    assert "suggestions to discuss" in text
    assert result["left_out"] and all(f"{left['text']}." in text for left in result["left_out"])
    assert "no size or distance" not in text
