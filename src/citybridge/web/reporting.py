"""What the report and the booklet of a stored training are written from, read out of the store."""

from __future__ import annotations

import datetime as dt

from citybridge.analysis.indicators import AnalysisError
from citybridge.knowledge.training import LectureSummary, TrainingSummary
from citybridge.reports.build import ReportInputs
from citybridge.web.errors import NotFound
from citybridge.web.surveys.analysis import analyze_survey, survey_spec
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Training


def training_summary(training: Training) -> TrainingSummary:
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


def evaluation_survey(training: Training, survey_ref: str | None = None) -> Survey:
    """The survey a report is written from: the one named, else the training's only (or busiest) one."""
    surveys = list(training.surveys.all())
    if survey_ref:
        for survey in surveys:
            if survey_ref in (str(survey.pk), survey.slug):
                return survey
        raise NotFound(f"training '{training.slug}' has no survey '{survey_ref}'")
    if not surveys:
        raise NotFound(f"training '{training.slug}' has no survey yet: add one with 'citybridge survey add'")
    if len(surveys) == 1:
        return surveys[0]  # the usual case: no need to count its submissions
    return max(surveys, key=lambda s: (s.submissions.count(), -s.pk))


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
        training=training_summary(training),
        analysis=analyze_survey(survey, as_of=as_of, language=language),
        spec=survey_spec(survey),
        registered=training.participants.count(),
        cities=training.participants.exclude(city=None).values("city").distinct().count(),
        previous=analyze_survey(survey, as_of=compare, language=language) if compare else None,
        partnerships=_partnerships(training, language) if partnerships else None,
        impact=_impact(training, language),
    )


def _impact(training: Training, language: str) -> tuple:
    """Each follow-up wave's paired change (citybridge.web.waves), for the report's Impact section."""
    from citybridge.web.waves.analysis import training_change

    return tuple(change for _, change in training_change(training, language=language))


def _partnerships(training: Training, language: str) -> dict | None:
    """The training's optimal partner assignment, when its survey says which city each respondent is from."""
    from citybridge.web.matching import matching_result

    try:
        return matching_result(training, optimal=True, language=language)
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
