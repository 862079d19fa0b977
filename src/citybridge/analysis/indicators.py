"""What the analysis of a survey produces: indicators with their base, as plain data.

An :class:`Indicator` is the figure set of one question, computed over the respondents received up
to a date. Every share carries the base it is a share of and its Wilson 95% interval, so a report
can always say "94% (49 of 52)". Narrative, charts, reports and the JSON of ``citybridge analyze``
all read these objects; none of them computes a figure of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# What kind of figures a question gets (decided from its type, its choice list and the
# indicators file; see citybridge.analysis.spec).
CHOICE = "choice"  # select_one that is neither a scale nor yes/no
MULTIPLE = "multiple"  # select_multiple: share of respondents naming each option
SCALE = "scale"  # Likert or rating select_one: distribution + top-box + positive share
YESNO = "yesno"  # select_one over yes/no: share yes
NUMBER = "number"  # integer, decimal
TEXT = "text"  # free text: the answers, tagged with sectors
KINDS = (CHOICE, MULTIPLE, SCALE, YESNO, NUMBER, TEXT)


class AnalysisError(ValueError):
    """The analysis cannot be done as asked; the message says what to change."""


@dataclass(frozen=True)
class Share:
    """``count`` of ``base`` respondents, with the share (0..1) and its Wilson 95% interval."""

    count: int
    base: int
    share: float
    ci95: tuple[float, float]


@dataclass(frozen=True)
class OptionCount:
    """One choice of a select question (or one band of a number) with its share of the base."""

    value: str  # the choice name (band: its name from the indicators file)
    label: str  # in the analysis language
    count: int
    share: float  # count / base, 0..1
    ci95: tuple[float, float]


@dataclass(frozen=True)
class NumberSummary:
    n: int
    mean: float
    median: float
    min: float
    max: float
    q1: float
    q3: float


@dataclass(frozen=True)
class Bin:
    """One bar of a number's histogram: answers in [low, high)."""

    low: float
    high: float
    count: int


@dataclass(frozen=True)
class TextAnswer:
    """One free-text answer, with the sectors its words point to."""

    text: str
    instance_id: str
    submitted_at: dt.datetime
    sectors: tuple[str, ...] = ()  # sector slugs (citybridge.sectors)
    quotable: bool = False  # the respondent consented to be quoted
    city: str | None = None  # label of the respondent's city, when the form asks it


@dataclass(frozen=True)
class Indicator:
    """The figures of one question.

    ``base`` counts respondents who answered; ``missing`` those to whom the question applied
    (its ``relevant`` held) but who left it empty. Only the fields of the question's ``kind``
    are filled: ``options`` for choice, multiple, scale and yes/no (choice-list order, except
    multiple, ranked by count); ``positive``/``top_box`` for scales; ``yes`` for yes/no;
    ``summary``, ``bands`` and ``bins`` for numbers; ``answers`` for text.
    """

    name: str
    path: str
    type: str  # the XLSForm type: select_one, select_multiple, integer, ...
    kind: str  # one of KINDS
    label: str
    base: int
    missing: int
    options: tuple[OptionCount, ...] = ()
    top_box: Share | None = None  # the single best point of a scale
    positive: Share | None = None  # the positive set of a scale (default: the top two points)
    positive_values: tuple[str, ...] = ()
    yes: Share | None = None
    summary: NumberSummary | None = None
    bands: tuple[OptionCount, ...] = ()
    bins: tuple[Bin, ...] = ()
    answers: tuple[TextAnswer, ...] = ()

    def option(self, value: str) -> OptionCount:
        for option in self.options:
            if option.value == value:
                return option
        raise KeyError(f"{self.name} has no option {value!r}")


@dataclass(frozen=True)
class GroupAnalysis:
    """The indicators of the respondents in one group of a disaggregation."""

    value: str
    label: str
    respondents: int
    small_base: bool  # fewer respondents than the configured minimum: read with care
    indicators: dict[str, Indicator]


@dataclass(frozen=True)
class DailyCount:
    day: dt.date
    new: int
    cumulative: int


@dataclass(frozen=True)
class AnswerCount:
    """How many answered a question of a type that gets no indicator (time, place, media, rank...).

    ``base`` counts respondents who answered, ``missing`` those to whom it applied who did not;
    for a geopoint, ``nearest_cities`` counts the answers by the gazetteer city nearest to them.
    """

    name: str
    path: str
    type: str
    label: str
    base: int
    missing: int
    nearest_cities: tuple[OptionCount, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Every indicator of one survey, as of a date, in one language."""

    form_id: str
    form_version: str
    title: str
    language: str | None
    as_of: dt.date | None  # None: every submission received so far
    respondents: int
    registered: int | None
    indicators: dict[str, Indicator]  # question name -> indicator, in form order
    respondents_per_city: tuple[OptionCount, ...] = ()
    responses_over_time: tuple[DailyCount, ...] = ()
    first_submission: dt.datetime | None = None
    last_submission: dt.datetime | None = None
    by: str | None = None  # the question the groups disaggregate by
    groups: tuple[GroupAnalysis, ...] = ()
    min_base: int = 10
    notes: tuple[str, ...] = field(default_factory=tuple)  # e.g. rules that could not be evaluated
    other_answers: tuple[AnswerCount, ...] = ()  # questions that get counts, not indicators

    @property
    def response_rate(self) -> float | None:
        if not self.registered:
            return None
        return self.respondents / self.registered
