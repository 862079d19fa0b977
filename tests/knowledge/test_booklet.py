"""The knowledge booklet: practices under their lectures, sectors ranked by the cities' priorities, gaps named."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from citybridge.knowledge import GoodPractice, build_booklet, read_practices
from citybridge.knowledge.booklet import MESSAGES
from citybridge.programme import LectureSummary, TrainingSummary, read_programme
from citybridge.reports.document import BulletList, Caution, Document, Paragraph, Section, Table

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


class English:
    def gettext(self, message: str) -> str:
        return message


class Recording:
    """Marks every translated string, and keeps the msgids it was asked for."""

    def __init__(self):
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return f"«{message}»"


def lecture(key: str, title: str, topics: tuple[str, ...]) -> LectureSummary:
    return LectureSummary(key, title, "A Speaker", "A University", topics, "")


def practice(key: str, lecture_key: str | None, sectors: tuple[str, ...], place: str = "") -> GoodPractice:
    return GoodPractice(
        key, f"Practice {key}", lecture_key, "A Speaker", sectors, ("A point.",), "seed.txt", place
    )


TRAINING = TrainingSummary(
    title="A training",
    starts_on=dt.date(2020, 11, 3),
    ends_on=dt.date(2020, 11, 6),
    hosts=("GSBE",),
    partners=("UNDP",),
    funders=("CATIS",),
    lectures=(
        lecture("lecture-1", "PPP", ("ppp",)),
        lecture("lecture-2", "Tourism", ("tourism",)),
        lecture("lecture-3", "Zones", ("industrial_parks",)),
    ),
)
PRACTICES = [
    practice("ppp-a", "lecture-1", ("ppp", "urban_planning")),
    practice("tour-a", "lecture-2", ("tourism",), place="Shanghai"),
    practice("tour-b", "lecture-2", ("tourism", "agriculture")),
    practice("city", None, ("tourism", "culture"), place="Bukhara"),
]


def section(parent: Document | Section, key: str) -> Section:
    children = parent.sections if isinstance(parent, Document) else parent.subsections
    found = [child for child in children if child.key == key]
    assert found, f"no section {key!r} in {[child.key for child in children]}"
    return found[0]


def texts(part: Section) -> list[str]:
    out = []
    for block in part.blocks:
        if isinstance(block, Paragraph | Caution):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out.extend(block.items)
    return out


def by_sector(booklet: Document) -> Section:
    return section(booklet, "practices-by-sector")


def test_every_example_practice_appears_under_its_lecture():
    training = read_programme(EXAMPLE / "programme.json")
    practices = read_practices(EXAMPLE / "practices.json")
    booklet = build_booklet(training, practices, None, English())
    good = section(booklet, "good-practices")
    for item in practices:
        parent = section(good, item.lecture or "city-practices")
        found = section(parent, f"practice-{item.key}")
        assert found.title == item.title
        assert BulletList(item.key_points) in found.blocks


def test_a_lecture_section_names_the_lecture_and_its_speaker_and_a_practice_its_sectors_and_points():
    booklet = build_booklet(TRAINING, PRACTICES, None, English(), language="ru")
    tourism = section(section(booklet, "good-practices"), "lecture-2")
    assert tourism.title == "Lecture 2: Tourism"
    assert "Speaker: A Speaker, A University" in texts(tourism)
    tour_b = section(tourism, "practice-tour-b")
    assert texts(tour_b)[:3] == ["Sectors: Туризм, Сельское хозяйство", "Key points:", "A point."]


def test_a_lecture_without_practices_says_so():
    booklet = build_booklet(TRAINING, PRACTICES, None, English())
    zones = section(section(booklet, "good-practices"), "lecture-3")
    assert zones.subsections == ()
    assert texts(zones)[-1] == "No good practice from this lecture has been written up yet."


def test_sectors_are_ranked_by_how_many_respondents_named_them():
    priorities = {"tourism": 22, "ppp": 3, "sme": 27, "culture": 22, "agriculture": 0}
    booklet = build_booklet(TRAINING, PRACTICES, priorities, English())
    order = [part.key.removeprefix("sector-") for part in by_sector(booklet).subsections]
    # Ties keep vocabulary order; sectors nobody named follow, in vocabulary order, if the training covers them.
    assert order == ["sme", "tourism", "culture", "ppp", "industrial_parks", "urban_planning", "agriculture"]
    table = next(block for block in by_sector(booklet).blocks if isinstance(block, Table))
    assert table.rows[:2] == (("Small and medium business", "27", "0", "0"), ("Tourism", "22", "1", "3"))
    assert table.numeric == (1, 2, 3)
    assert "Respondents naming it a priority: 22" in texts(section(by_sector(booklet), "sector-tourism"))


def test_a_prioritised_sector_that_nothing_speaks_to_is_reported_as_a_gap():
    booklet = build_booklet(TRAINING, PRACTICES, {"sme": 27, "tourism": 22}, English())
    sme = section(by_sector(booklet), "sector-sme")
    assert (
        Caution("No lecture and no good practice speaks to this sector: a gap worth filling.") in sme.blocks
    )
    tourism = section(by_sector(booklet), "sector-tourism")
    assert not any(isinstance(block, Caution) for block in tourism.blocks)


def test_a_sector_with_a_lecture_but_no_practice_is_flagged_too():
    booklet = build_booklet(TRAINING, PRACTICES, {"industrial_parks": 4}, English())
    zones = section(by_sector(booklet), "sector-industrial_parks")
    assert texts(zones) == [
        "Respondents naming it a priority: 4",
        "Lectures:",
        "Lecture 3: Zones",
        "No good practice speaks to this sector yet, only lectures.",
    ]


def test_a_sector_lists_the_lectures_and_practices_that_speak_to_it():
    booklet = build_booklet(TRAINING, PRACTICES, None, English())
    tourism = section(by_sector(booklet), "sector-tourism")
    assert texts(tourism) == [
        "Lectures:",
        "Lecture 2: Tourism",
        "Good practices:",
        "Practice tour-a — Shanghai",
        "Practice tour-b",
        "Practice city — Bukhara",
    ]


def test_without_priorities_the_overview_has_no_priority_column():
    booklet = build_booklet(TRAINING, PRACTICES, None, English())
    (table,) = by_sector(booklet).blocks
    assert table.columns == ("Sector", "Lectures", "Good practices")


def test_priorities_may_use_survey_aliases_but_not_unknown_sectors():
    booklet = build_booklet(TRAINING, PRACTICES, {"service": 34}, English())
    assert by_sector(booklet).subsections[0].key == "sector-services"
    with pytest.raises(ValueError, match="'space' is not a sector"):
        build_booklet(TRAINING, PRACTICES, {"space": 1}, English())


def test_a_practice_naming_a_lecture_the_programme_lacks_is_refused():
    stray = practice("stray", "lecture-9", ("ppp",))
    with pytest.raises(
        ValueError, match=r"'stray' names lecture 'lecture-9'.*lecture-1, lecture-2, lecture-3"
    ):
        build_booklet(TRAINING, [stray], None, English())


def test_every_heading_and_word_goes_through_the_translator_with_a_listed_msgid():
    t = Recording()
    booklet = build_booklet(TRAINING, PRACTICES, {"sme": 5, "industrial_parks": 1}, t)
    assert booklet.title == "«Knowledge booklet»"
    assert [part.title for part in booklet.sections] == [
        "«The training»",
        "«Good practices»",
        "«Practices by sector»",
    ]
    assert section(section(booklet, "good-practices"), "lecture-1").title == "«Lecture» 1: PPP"
    assert t.asked <= set(MESSAGES)
    assert {
        "Knowledge booklet",
        "Good practices",
        "Key points",
        "Practices by sector",
        "Lecture",
        "Speaker",
    } <= t.asked
    assert "Sectors" in t.asked


def test_the_training_section_gives_dates_hosts_partners_and_funders():
    booklet = build_booklet(TRAINING, [], None, English())
    assert texts(section(booklet, "training")) == [
        "Dates: 2020-11-03 – 2020-11-06",
        "Hosts: GSBE",
        "Partners: UNDP",
        "Funders: CATIS",
    ]


def test_a_practice_comes_in_the_booklets_language_where_translated_and_is_marked_otherwise():
    from dataclasses import replace

    from citybridge.reports.i18n import Translator

    translated = replace(
        PRACTICES[0], translations={"ru": {"title": "Практика", "key_points": ["Один пункт."]}}
    )
    booklet = build_booklet(TRAINING, [translated, PRACTICES[1]], None, Translator("ru"), language="ru")
    good = section(booklet, "good-practices")
    found = section(section(good, "lecture-1"), "practice-ppp-a")
    assert found.title == "Практика" and "Один пункт." in texts(found)
    other = section(section(good, "lecture-2"), "practice-tour-a")
    assert other.title == "Practice tour-a (на языке: английский)"


@pytest.mark.parametrize("language", ["ru", "uz-Latn", "uz-Cyrl", "zh"])
def test_every_word_of_the_booklet_is_translated(language):
    from citybridge.reports.i18n import Translator

    t = Translator(language)
    assert [m for m in MESSAGES if t.gettext(m) == m] == []


def all_texts(part: Document | Section) -> list[str]:
    """Every heading, paragraph, list item and table cell of the document or section, nested ones too."""
    children = part.sections if isinstance(part, Document) else part.subsections
    out = [part.title] + ([] if isinstance(part, Document) else texts(part))
    if isinstance(part, Section):
        for block in part.blocks:
            if isinstance(block, Table):
                out += [cell for row in (block.columns, *block.rows) for cell in row]
    for child in children:
        out += all_texts(child)
    return out


EXAMPLE_LANGUAGES = ["ru", "uz-Latn", "uz-Cyrl", "zh"]
EDITORS_NOTE = "Editor's note"


@pytest.mark.parametrize("language", EXAMPLE_LANGUAGES)
def test_every_example_practice_is_written_in_every_booklet_language_with_no_english_fallback(language):
    from citybridge.reports.i18n import Translator
    from citybridge.reports.texts import localised, marked

    t = Translator(language)
    practices = read_practices(EXAMPLE / "practices.json")
    assert len(practices) == 17
    texts_of = json.loads((EXAMPLE / "programme.json").read_text(encoding="utf-8"))["texts"]
    training = localised(
        read_programme(EXAMPLE / "programme.json"), texts_of, t
    )  # as the demo's store gives it
    booklet = build_booklet(training, practices, None, t, language=language)
    marker = marked("", t).strip()  # "(на языке: английский)", "（英语）", …
    good = section(booklet, "good-practices")
    for item in practices:
        own = item.translations[language]
        found = section(section(good, item.lecture or "city-practices"), f"practice-{item.key}")
        assert found.title == own["title"]
        assert BulletList(tuple(own["key_points"])) in found.blocks
        assert f"{t.gettext('Source')}: {own['source']}" in texts(found)
        if item.place:
            assert f"{t.gettext('Place')}: {own['place']}" in texts(found)
        if item.note:
            assert f"{t.gettext(EDITORS_NOTE)}: {own['note']}" in texts(found)
    for number, lecture in enumerate(training.lectures, start=1):
        assert lecture.summary == texts_of[language].get(f"lecture-{number}.summary"), lecture.key
    assert [text for text in all_texts(booklet) if marker in text] == []


def test_an_untranslated_practice_keeps_its_source_and_note_marked_and_its_place_as_entered():
    from citybridge.reports.i18n import Translator

    noted = GoodPractice(
        "noted", "Noted", "lecture-1", "A Speaker", ("ppp",), ("A point.",), "A report — lecture 1",
        "Shanghai", "From an interview.",
    )  # fmt: skip
    t = Translator("zh")
    booklet = build_booklet(TRAINING, [noted], None, t, language="zh")
    found = section(section(section(booklet, "good-practices"), "lecture-1"), "practice-noted")
    assert found.title == "Noted（英语）"
    assert f"{t.gettext('Place')}: Shanghai" in texts(found)
    assert f"{t.gettext('Source')}: A report — lecture 1（英语）" in texts(found)
    assert f"{t.gettext(EDITORS_NOTE)}: From an interview.（英语）" in texts(found)
