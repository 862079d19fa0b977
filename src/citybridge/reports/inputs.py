"""What a report is written from, as typed values: the training, its survey's analysis, how to
read it, and the partner assignment when there is one.

The builder (``build``) and the sections (``sections``) both read these; neither imports the
other for them. The store side (``citybridge.web.reporting``) fills them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from citybridge.analysis.indicators import Analysis
from citybridge.analysis.spec import IndicatorSpec
from citybridge.knowledge.training import TrainingSummary
from citybridge.matching.suggest import Match


@dataclass(frozen=True)
class Partnerships:
    """The optimal assignment of partner cities to a training's cities, under its limits."""

    k: int  # partner cities per requesting city, at most
    capacity: int  # requests per partner city, at most
    matches: tuple[Match, ...]  # the optimal assignment (citybridge.matching.assignments)
    total: float  # the sum of the matches' scores
    unresolved: tuple[str, ...] = ()  # cities the gazetteer does not know: no size or distance


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
