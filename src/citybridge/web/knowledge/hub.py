"""What the knowledge hub shows: the lectures, speakers and good practices of some trainings that
meet a search (words and a sector), each lecture and practice with its sectors' labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from citybridge import sectors
from citybridge.web.knowledge.models import Practice
from citybridge.web.knowledge.search import matches
from citybridge.web.trainings.models import Lecture, Speaker, Training


@dataclass
class Found:
    lectures: list[Lecture] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.lectures) + len(self.speakers) + len(self.practices)


def canonical(slugs) -> list[str]:
    """Sector slugs with aliases resolved and unknown ones dropped, in the given order."""
    return list(dict.fromkeys(sectors.sector(s).slug for s in slugs or () if sectors.is_sector(s)))


def sector_labels(slugs, language: str) -> list[str]:
    return [sectors.label(slug, language) for slug in canonical(slugs)]


def sector_choices(language: str) -> list[tuple[str, str]]:
    """Every sector of the shared vocabulary as (slug, label in the page's language)."""
    return [(slug, sector.label(language)) for slug, sector in sectors.vocabulary().items()]


def find(trainings: QuerySet[Training], query: str = "", sector: str = "") -> Found:
    """The items of ``trainings`` whose texts hold every word of ``query`` and that speak to ``sector``.

    A lecture speaks to a sector it has as a topic; a practice to one of its sectors; a speaker to
    the sectors of their lectures in these trainings.
    """
    lectures = list(
        Lecture.objects.filter(training__in=trainings)
        .select_related("speaker", "training")
        .order_by("training__title", "training_id", "number")
    )
    practices = list(
        Practice.objects.filter(training__in=trainings)
        .select_related("lecture", "training")
        .order_by("training__title", "training_id", "position", "pk")
    )
    speakers = _speakers(lectures)
    wanted = canonical([sector])[0] if sector and sectors.is_sector(sector) else ""
    return Found(
        lectures=[
            lecture for lecture in lectures
            if _meets(wanted, lecture.topics) and matches(query, [lecture.title, lecture.summary])
        ],
        speakers=[
            speaker for speaker, topics in speakers.items()
            if _meets(wanted, topics) and matches(query, [speaker.name, speaker.bio])
        ],
        practices=[
            practice for practice in practices
            if _meets(wanted, practice.sectors) and matches(query, [practice.title, *practice.key_points])
        ],
    )


def _speakers(lectures: list[Lecture]) -> dict[Speaker, list[str]]:
    """The speakers of these lectures, by name, each with the topics of their lectures."""
    topics: dict[Speaker, list[str]] = {}
    for lecture in lectures:
        if lecture.speaker is not None:
            topics.setdefault(lecture.speaker, []).extend(lecture.topics or ())
    return dict(sorted(topics.items(), key=lambda pair: pair[0].name.casefold()))


def _meets(sector: str, slugs) -> bool:
    return not sector or sector in canonical(slugs)
