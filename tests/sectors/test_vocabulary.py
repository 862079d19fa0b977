"""The sector vocabulary: every slug the example uses, labels in five languages, tagging of free text."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citybridge import sectors

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "uzbekistan_2020_generate_for_sectors", EXAMPLE / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
PROGRAMME = json.loads((EXAMPLE / "programme.json").read_text(encoding="utf-8"))
EXAMPLE_SLUGS = sorted(
    {name for name, _, _ in GENERATOR.SECTORS}
    | {name for name, _, _ in GENERATOR.INDUSTRIES}
    | {topic for lecture in PROGRAMME["lectures"] for topic in lecture["topics"]}
)


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_every_sector_and_industry_of_the_example_is_in_the_vocabulary(slug):
    assert sectors.sector(slug).slug in sectors.vocabulary()


def test_a_survey_choice_name_can_be_an_alias_of_a_sector():
    assert sectors.sector("service").slug == "services"
    assert sectors.label("service", "ru") == "Сфера услуг"


@pytest.mark.parametrize("slug", list(sectors.vocabulary()))
def test_every_sector_has_labels_and_keywords_in_all_five_languages(slug):
    found = sectors.sector(slug)
    assert set(found.labels) == set(sectors.LANGUAGES)
    assert all(found.labels.values())
    assert all(found.keywords.get(language) for language in sectors.LANGUAGES)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Vocational education"),
        ("ru", "Профессиональное образование"),
        ("uz-Latn", "Kasb-hunar taʼlimi"),
        ("uz-Cyrl", "Касб-ҳунар таълими"),
        ("uz", "Kasb-hunar taʼlimi"),
        ("uz_cyrl", "Касб-ҳунар таълими"),
        ("zh", "职业教育"),
        ("zh-Hans", "职业教育"),
        ("ru-RU", "Профессиональное образование"),
        ("fr", "Vocational education"),
    ],
)
def test_label_reads_the_language_tag_and_falls_back_to_english(language, expected):
    assert sectors.label("vocational_education", language) == expected


def test_an_unknown_slug_is_refused_with_the_known_ones():
    with pytest.raises(KeyError, match=r"not a sector.*sme"):
        sectors.sector("space_travel")


def test_vocabulary_keeps_the_file_order_and_cannot_be_changed_by_a_caller():
    first = sectors.vocabulary()
    assert list(first)[:3] == ["sme", "trade_investment", "digitalisation"]
    first.clear()
    assert "sme" in sectors.vocabulary()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Нам нужны инвестиции и развитие туризма в городе", ("trade_investment", "tourism")),
        ("Хотим развивать малый бизнес и государственно-частное партнёрство", ("sme", "ppp")),
        ("Кичик ва ўрта бизнесни қўллаб-қувватлаш, касб-ҳунар таълими", ("sme", "vocational_education")),
        ("Шаҳримизда саноат зонаси ва қишлоқ хўжалиги", ("industrial_parks", "agriculture")),
        ("Qishloq xoʻjaligi mahsulotlarini eksport qilish", ("trade_investment", "agriculture")),
        ("Sanoat parklari va turizm", ("tourism", "industrial_parks")),
        ("We would like PPP projects for sewage treatment", ("ppp", "environment")),
        ("Support for self-employed street vendors", ("self_employment",)),
        ("One-stop public service centres", ("public_services",)),
        ("希望在科技创新方面合作", ("digitalisation", "science_technology")),
        ("创新", ("digitalisation",)),
        ("发展全域旅游和工业园区", ("tourism", "industrial_parks")),
        ("Thank you for the webinar!", ()),
    ],
)
def test_tag_text_finds_the_sectors_of_real_comments(text, expected):
    assert sectors.tag_text(text) == expected


@pytest.mark.parametrize("apostrophe", list(sectors.APOSTROPHES))
def test_any_uzbek_apostrophe_matches(apostrophe):
    assert sectors.tag_text(f"Kichik va o{apostrophe}rta biznesni rivojlantirish") == ("sme",)


@pytest.mark.parametrize(
    "text",
    ["The smell of the market", "agriculture", "an important step", "gigantic", "a long history"],
)
def test_keywords_match_at_word_starts_only(text):
    assert "sme" not in sectors.tag_text(text)
    assert "culture" not in sectors.tag_text(text)
    assert "trade_investment" not in sectors.tag_text(text)


def test_tag_text_ignores_case():
    assert sectors.tag_text("TOURISM") == sectors.tag_text("tourism") == ("tourism",)
    assert sectors.tag_text("ТУРИЗМ") == ("tourism",)


def test_tags_come_in_vocabulary_order_whatever_the_text_order():
    order = list(sectors.vocabulary())
    tags = sectors.tag_text("tourism, then investment, then small business")
    assert tags == tuple(sorted(tags, key=order.index)) == ("sme", "trade_investment", "tourism")


@given(st.text())
def test_tag_text_never_fails_and_returns_known_slugs(text):
    tags = sectors.tag_text(text)
    assert isinstance(tags, tuple)
    assert set(tags) <= set(sectors.vocabulary())
    assert len(set(tags)) == len(tags)


KEYWORD_WORDS = sorted(
    {
        word
        for found in sectors.vocabulary().values()
        for words in found.keywords.values()
        for keyword in words
        for word in keyword.rstrip("$").split()
    }
)
PIECES = st.sampled_from([*KEYWORD_WORDS, " ", "-", "'", "ʻ", "’", "A", "x", ".", "2020"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(PIECES, max_size=8).map("".join), min_size=1, max_size=5))
def test_polars_patterns_tag_a_column_as_tag_text_tags_each_answer(texts):
    patterns = sectors.patterns()
    frame = pl.DataFrame({"text": texts}).with_columns(
        pl.col("text").str.to_lowercase().str.contains(pattern).alias(slug)
        for slug, pattern in patterns.items()
    )
    for row in frame.iter_rows(named=True):
        assert tuple(slug for slug in patterns if row[slug]) == sectors.tag_text(row["text"])
