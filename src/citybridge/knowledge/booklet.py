"""The knowledge booklet: a training's good practices by lecture, then by sector against the cities' needs.

It is a neutral :class:`~citybridge.reports.document.Document`, so the report's renderers turn
it into HTML, PDF and DOCX. The "by sector" part puts what the cities asked for (how many
respondents named each sector as a development priority) beside what the training offered
(lectures and practices tagged with that sector), and says plainly where nothing was offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from citybridge import sectors
from citybridge.knowledge.practices import GoodPractice
from citybridge.programme.training import LectureSummary, TrainingSummary
from citybridge.reports.document import Block, BulletList, Caution, Document, Paragraph, Section, Table
from citybridge.reports.i18n import Translator
from citybridge.reports.texts import marked

# Every msgid the booklet passes to gettext, for the message catalogues.
MESSAGES = (
    "Knowledge booklet",
    "The training",
    "Dates",
    "Hosts",
    "Partners",
    "Funders",
    "Good practices",
    "Lecture",
    "Speaker",
    "Sectors",
    "Place",
    "Key points",
    "Source",
    "Editor's note",
    "No good practice from this lecture has been written up yet.",
    "Practices from the cities",
    "Practices by sector",
    "Sectors are ranked by the number of respondents who named them as a development priority.",
    "Sector",
    "Respondents naming it a priority",
    "Lectures",
    "No good practice speaks to this sector yet, only lectures.",
    "No lecture and no good practice speaks to this sector: a gap worth filling.",
)


class SupportsGettext(Protocol):
    """What the booklet needs from a translator (citybridge.reports.i18n.Translator has more)."""

    def gettext(self, message: str, /) -> str: ...


def build_booklet(
    training: TrainingSummary,
    practices: Sequence[GoodPractice],
    priorities: dict[str, int] | None,
    t: SupportsGettext,
    *,
    language: str = "en",
) -> Document:
    """The booklet of a training's practices; ``priorities`` counts respondents per sector slug."""
    _check_lectures(training, practices)
    counts = _canonical_counts(priorities) if priorities is not None else None
    return Document(
        title=t.gettext("Knowledge booklet"),
        subtitle=training.title,
        language=language,
        sections=(
            _training_section(training, t),
            _practices_section(training, practices, t, language),
            _sectors_section(training, practices, counts, t, language),
        ),
        metadata={"training": training.title},
    )


def _check_lectures(training: TrainingSummary, practices: Iterable[GoodPractice]) -> None:
    for practice in practices:
        if practice.lecture is not None and training.lecture(practice.lecture) is None:
            known = ", ".join(lecture.key for lecture in training.lectures)
            raise ValueError(
                f"good practice {practice.key!r} names lecture {practice.lecture!r}, "
                f"which the programme does not have; its lectures are {known}"
            )


def _canonical_counts(priorities: dict[str, int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for slug, count in priorities.items():
        try:
            canonical = sectors.sector(slug).slug
        except KeyError:
            raise ValueError(f"priorities: {slug!r} is not a sector of the vocabulary") from None
        counts[canonical] = counts.get(canonical, 0) + count
    return counts


def _training_section(training: TrainingSummary, t: SupportsGettext) -> Section:
    day = getattr(t, "format_date", str)  # a Translator writes the day in its language
    dates = " – ".join(day(d) for d in (training.starts_on, training.ends_on) if d)
    # Literal gettext calls, so that message extraction finds every msgid.
    lines = [
        (t.gettext("Dates"), dates),
        (t.gettext("Hosts"), "; ".join(training.hosts)),
        (t.gettext("Partners"), "; ".join(training.partners)),
        (t.gettext("Funders"), "; ".join(training.funders)),
    ]
    blocks = tuple(Paragraph(f"{name}: {value}") for name, value in lines if value)
    return Section("training", t.gettext("The training"), blocks)


def _practices_section(
    training: TrainingSummary, practices: Sequence[GoodPractice], t: SupportsGettext, language: str
) -> Section:
    parts = [
        _lecture_section(number, lecture, [p for p in practices if p.lecture == lecture.key], t, language)
        for number, lecture in enumerate(training.lectures, start=1)
    ]
    from_cities = [p for p in practices if p.lecture is None]
    if from_cities:
        parts.append(
            Section(
                "city-practices",
                t.gettext("Practices from the cities"),
                subsections=tuple(_practice_section(p, t, language, lecturer="") for p in from_cities),
            )
        )
    return Section("good-practices", t.gettext("Good practices"), subsections=tuple(parts))


def _lecture_section(
    number: int, lecture: LectureSummary, practices: list[GoodPractice], t: SupportsGettext, language: str
) -> Section:
    speaker = ", ".join(part for part in (lecture.speaker, lecture.affiliation) if part)
    blocks: list[Block] = [Paragraph(f"{t.gettext('Speaker')}: {speaker}")] if speaker else []
    if lecture.summary:
        blocks.append(Paragraph(lecture.summary))
    if not practices:
        blocks.append(
            Paragraph(t.gettext("No good practice from this lecture has been written up yet."), "note")
        )
    return Section(
        lecture.key,
        f"{t.gettext('Lecture')} {number}: {lecture.title}",
        tuple(blocks),
        tuple(_practice_section(p, t, language, lecturer=lecture.speaker) for p in practices),
    )


def _practice_section(practice: GoodPractice, t: SupportsGettext, language: str, lecturer: str) -> Section:
    shown = practice_in_language(practice, t, language)
    labels = ", ".join(sectors.label(slug, language) for slug in practice.sectors)
    blocks: list[Block] = [Paragraph(f"{t.gettext('Sectors')}: {labels}")]
    if shown.place:
        blocks.append(Paragraph(f"{t.gettext('Place')}: {shown.place}"))
    if practice.speaker and lecturer not in (practice.speaker, shown.speaker):
        # A lecture's own speaker is already named in the lecture's heading.
        blocks.append(Paragraph(f"{t.gettext('Speaker')}: {shown.speaker}"))
    blocks += [Paragraph(f"{t.gettext('Key points')}:"), BulletList(shown.key_points)]
    blocks.append(Paragraph(f"{t.gettext('Source')}: {shown.source}", "note"))
    if shown.note:
        editor = t.gettext("Editor's note")
        blocks.append(Paragraph(f"{editor}: {shown.note}", "note"))
    return Section(f"practice-{practice.key}", shown.title, tuple(blocks))


def practice_in_language(practice: GoodPractice, t: SupportsGettext, language: str) -> GoodPractice:
    """The practice's texts in ``language`` where translated. Otherwise as written: its title,
    source and note marked with the language they are in ("(in English)"); its place and speaker,
    names, as entered."""
    own = practice.translations.get(language, {})
    if language == "en" or not isinstance(t, Translator):
        return practice
    return replace(
        practice,
        title=own.get("title") or marked(practice.title, t),
        key_points=tuple(own.get("key_points") or practice.key_points),
        place=own.get("place") or practice.place,
        speaker=own.get("speaker") or practice.speaker,
        source=own.get("source") or marked(practice.source, t),
        note=own.get("note") or (marked(practice.note, t) if practice.note else ""),
    )


def _sectors_section(
    training: TrainingSummary,
    practices: Sequence[GoodPractice],
    counts: dict[str, int] | None,
    t: SupportsGettext,
    language: str,
) -> Section:
    numbered = list(enumerate(training.lectures, start=1))
    order = _sector_order(training, practices, counts)
    rows, parts = [], []
    for slug in order:
        lectures = [(n, lecture) for n, lecture in numbered if slug in lecture.topics]
        speaking = [p for p in practices if slug in p.sectors]
        count = counts.get(slug, 0) if counts is not None else None
        rows.append(_sector_row(slug, count, lectures, speaking, language))
        parts.append(_sector_part(slug, count, lectures, speaking, t, language))
    return Section(
        "practices-by-sector",
        t.gettext("Practices by sector"),
        _sector_overview(rows, counts is not None, t),
        tuple(parts),
    )


def _sector_order(
    training: TrainingSummary, practices: Sequence[GoodPractice], counts: dict[str, int] | None
) -> list[str]:
    """Sectors respondents prioritised, most named first; then the others the training covered."""
    vocabulary_order = {slug: index for index, slug in enumerate(sectors.vocabulary())}
    named = [slug for slug, n in (counts or {}).items() if n > 0]
    ranked = sorted(named, key=lambda slug: (-(counts or {})[slug], vocabulary_order[slug]))
    covered = {slug for lecture in training.lectures for slug in lecture.topics}
    covered |= {slug for practice in practices for slug in practice.sectors}
    rest = sorted(covered - set(ranked), key=vocabulary_order.__getitem__)
    return ranked + rest


def _sector_row(
    slug: str, count: int | None, lectures: list, practices: list[GoodPractice], language: str
) -> tuple[str, ...]:
    figures = (len(lectures), len(practices)) if count is None else (count, len(lectures), len(practices))
    return (sectors.label(slug, language), *(str(n) for n in figures))


def _sector_overview(rows: list[tuple[str, ...]], with_counts: bool, t: SupportsGettext) -> tuple[Block, ...]:
    columns = [t.gettext("Sector"), t.gettext("Lectures"), t.gettext("Good practices")]
    if not with_counts:
        return (Table(tuple(columns), tuple(rows), numeric=(1, 2)),)
    columns.insert(1, t.gettext("Respondents naming it a priority"))
    lead = t.gettext(
        "Sectors are ranked by the number of respondents who named them as a development priority."
    )
    return Paragraph(lead, "lead"), Table(tuple(columns), tuple(rows), numeric=(1, 2, 3))


def _sector_part(
    slug: str,
    count: int | None,
    lectures: list[tuple[int, LectureSummary]],
    practices: list[GoodPractice],
    t: SupportsGettext,
    language: str,
) -> Section:
    blocks: list[Block] = []
    if count is not None:
        blocks.append(Paragraph(f"{t.gettext('Respondents naming it a priority')}: {count}"))
    if lectures:
        items = tuple(f"{t.gettext('Lecture')} {n}: {lecture.title}" for n, lecture in lectures)
        blocks += [Paragraph(f"{t.gettext('Lectures')}:"), BulletList(items)]
    if practices:
        shown = [practice_in_language(p, t, language) for p in practices]
        items = tuple(p.title + (f" — {p.place}" if p.place else "") for p in shown)
        blocks += [Paragraph(f"{t.gettext('Good practices')}:"), BulletList(items)]
    elif lectures:
        blocks.append(Caution(t.gettext("No good practice speaks to this sector yet, only lectures.")))
    else:
        blocks.append(
            Caution(t.gettext("No lecture and no good practice speaks to this sector: a gap worth filling."))
        )
    return Section(f"sector-{slug}", sectors.label(slug, language), tuple(blocks))
