"""What a report is written from, as typed values: the training, its survey's analysis, how to
read it, and the partner assignment when there is one.

The builder (``build``) and the sections (``sections``) both read these; neither imports the
other for them. The store side (``citybridge.web.reporting``) fills them in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from citybridge.analysis.indicators import Analysis
from citybridge.analysis.spec import IndicatorSpec
from citybridge.programme.training import TrainingSummary


@dataclass(frozen=True)
class SuggestedPair:
    """One pair of the assignment as the report shows it (from citybridge.matching.suggest.Match:
    the report sits below matching, so the shell hands it these values)."""

    requesting: str
    partner: str
    score: float
    explanation: str
    lead: PairLead | None = None  # the lead made for this pair, if one was


@dataclass(frozen=True)
class PairLead:
    """How far the lead made for a suggested pair got: its stage, and its latest dated outcome."""

    stage: str  # a stage of citybridge.pipeline.stages
    outcome: str = ""  # a kind of citybridge.pipeline.outcomes (mou, visit, joint-project), if any
    outcome_on: dt.date | None = None


@dataclass(frozen=True)
class Partnerships:
    """The optimal assignment of partner cities to a training's cities, under its limits."""

    k: int  # partner cities per requesting city, at most
    capacity: int  # requests per partner city, at most
    matches: tuple[SuggestedPair, ...]  # the optimal assignment (citybridge.matching.assignments)
    total: float  # the sum of the matches' scores
    unresolved: tuple[str, ...] = ()  # cities the gazetteer does not know: no size or distance
    # How well the matcher did on real partnerships, in words (citybridge.matching.learned.quality_sentence).
    quality: str = ""
    left_out: tuple[str, ...] = ()  # each city without a suggestion, or on part of the data, and why


@dataclass(frozen=True)
class Lead:
    """A partnership lead being followed up: who, with whom, how far, who acts and by when."""

    requesting: str
    partner: str
    stage: str  # a stage of citybridge.pipeline.stages
    owner: str = ""
    due_on: dt.date | None = None


@dataclass(frozen=True)
class ReportInputs:
    """What a report is written from: the training, its survey's analysis, and how to read it."""

    training: TrainingSummary
    analysis: Analysis
    spec: IndicatorSpec
    registered: int
    cities: int
    previous: Analysis | None = None  # the same survey as of an earlier day, for --compare
    partnerships: Partnerships | None = None
    leads: tuple[Lead, ...] = ()  # the training's leads, for the next steps
    # The organisers' own text (citybridge.web.trainings.models.TrainingText): language -> key -> text.
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    impact: tuple = ()  # WaveChange of each follow-up wave against its earlier wave (citybridge.reports.impact)

    @property
    def as_of(self) -> dt.date | None:
        """The day the figures stand at: the as-of day asked for, else the day of the last submission."""
        if self.analysis.as_of:
            return self.analysis.as_of
        last = self.analysis.last_submission
        return last.date() if last else None
