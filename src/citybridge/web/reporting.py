"""What the report and the booklet of a stored training are written from, read out of the store."""

from __future__ import annotations

import datetime as dt

from citybridge.analysis.indicators import AnalysisError
from citybridge.programme.training import LectureSummary, TrainingSummary
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import Lead, Partnerships, ReportInputs
from citybridge.reports.texts import localised
from citybridge.web.partnerships.matching import partner_assignment
from citybridge.web.pipeline.models import Lead as StoredLead
from citybridge.web.surveys.analysis import analyze_survey, evaluation_survey, survey_spec
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Training
from citybridge.web.trainings.store import training_texts


def training_summary(training: Training, language: str | None = None) -> TrainingSummary:
    """The training and its programme as entered, or in ``language`` where its text is stored."""
    summary = _entered_summary(training)
    if language is None:
        return summary
    return localised(summary, training_texts(training), Translator(language))


def _entered_summary(training: Training) -> TrainingSummary:
    lectures = tuple(
        LectureSummary(
            key=f"lecture-{lecture.number}",
            title=lecture.title,
            speaker=lecture.speaker.name if lecture.speaker else "",
            affiliation=lecture.speaker.affiliation if lecture.speaker else "",
            topics=tuple(lecture.topics or ()),
            summary=lecture.summary,
        )
        for lecture in training.lectures.select_related("speaker").order_by("number")
    )
    return TrainingSummary(
        title=training.title,
        starts_on=training.starts_on,
        ends_on=training.ends_on,
        hosts=tuple(training.hosts or ()),
        partners=tuple(training.partners or ()),
        funders=tuple(training.funders or ()),
        lectures=lectures,
    )


def report_inputs(
    training: Training,
    *,
    survey: Survey | None = None,
    as_of: dt.date | None = None,
    compare: dt.date | None = None,
    language: str = "en",
    partnerships: bool = True,
) -> ReportInputs:
    survey = survey or evaluation_survey(training)
    if compare and as_of and compare >= as_of:
        raise AnalysisError(f"--compare {compare} must be before --as-of {as_of}")
    return ReportInputs(
        training=_entered_summary(training),
        analysis=analyze_survey(survey, as_of=as_of, language=language),
        spec=survey_spec(survey),
        registered=training.participants.count(),
        cities=training.participants.exclude(city=None).values("city").distinct().count(),
        previous=analyze_survey(survey, as_of=compare, language=language) if compare else None,
        partnerships=_partnerships(training, language) if partnerships else None,
        leads=training_leads(training),
        impact=_impact(training, language),
        texts=training_texts(training),
    )


def training_leads(training: Training) -> tuple[Lead, ...]:
    """The training's partnership leads, for the report's next steps."""
    stored = StoredLead.objects.filter(training=training).order_by("due_on", "requesting_city")
    return tuple(
        Lead(lead.requesting_city, lead.partner_city, lead.stage, lead.owner, lead.due_on) for lead in stored
    )


def _impact(training: Training, language: str) -> tuple:
    """Each follow-up wave's paired change (citybridge.web.waves), for the report's Impact section."""
    from citybridge.web.waves.analysis import training_change

    return tuple(change for _, change in training_change(training, language=language))


def _partnerships(training: Training, language: str) -> Partnerships | None:
    """The training's optimal partner assignment, when its survey says which city each respondent is from."""
    try:
        return partner_assignment(training, language=language)
    except AnalysisError:  # no city question: nothing to match
        return None


def priority_counts(training: Training) -> dict[str, int] | None:
    """Respondents naming each sector as a priority, from the question the indicators file names."""
    survey = evaluation_survey(training)
    spec = survey_spec(survey)
    name = spec.priorities_question
    if not name:
        return None
    indicator = analyze_survey(survey).indicators.get(name)
    return {o.value: o.count for o in indicator.options} if indicator else None
