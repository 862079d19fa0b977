"""A training's waves compared: each wave's answers linked to participants through their personal links."""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext

from citybridge.analysis.change import PARTICIPANT, WaveChange, wave_change
from citybridge.forms.scripts import with_uzbek_latin
from citybridge.submissions.batch import INSTANCE_ID
from citybridge.web.languages import core_language, typed_in_language
from citybridge.web.participate.languages import form_site_language
from citybridge.web.surveys.analysis import survey_frame, survey_spec
from citybridge.web.surveys.cities import CityList
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Training
from citybridge.web.waves.models import Wave
from citybridge.web.waves.store import declaration


def wave_frame(wave: Wave) -> pl.DataFrame:
    """The wave's answers with the participant who gave each; answers through no personal link are left
    out (they cannot be paired), and :func:`unlinked` counts them."""
    links = wave.survey.links.filter(participant__isnull=False, answered_at__isnull=False)
    owners = pl.DataFrame(
        list(links.values_list("instance_id", "participant_id")),
        schema={INSTANCE_ID: pl.Utf8, PARTICIPANT: pl.Int64},
        orient="row",
    ).with_columns(pl.col(PARTICIPANT).cast(pl.Utf8))
    return survey_frame(wave.survey).join(owners, on=INSTANCE_ID, how="inner")


def unlinked(wave: Wave) -> int:
    linked = wave.survey.links.filter(participant__isnull=False, answered_at__isnull=False).count()
    return wave.survey.submissions.count() - linked


def shown_name(wave: Wave, language: str | None) -> str:
    """The wave's name for a reader of ``language``: as stored for that language, else as typed and
    marked ("3 months (in English)")."""
    return typed_in_language(wave.name, wave.names, language)


def survey_title(survey: Survey, language: str | None) -> str:
    """The survey's title for a reader of ``language``: the title the organiser stored for that
    language of its form (participate.SurveyTitle), else its own title, marked with its language."""
    form = with_uzbek_latin(survey.current_version().form())
    stored = {
        core_language(form_site_language(form, key)): title
        for key, title in survey.titles.values_list("language", "title")
    }
    return typed_in_language(survey.title, stored, language)


def training_change(training: Training, language: str | None = None) -> list[tuple[Wave, WaveChange]]:
    """Every wave that has an earlier wave, compared with it (in the order the waves were added); the
    waves named as readers of ``language`` see them (:func:`shown_name`)."""
    found = []
    for wave in training.waves.select_related("earlier__survey", "survey").order_by("pk"):
        if wave.earlier is None:
            continue
        declared = declaration(wave)
        earlier, later = wave.earlier, wave
        cities = _participant_cities(training, earlier.survey, language)
        found.append((wave, wave_change(
            (shown_name(earlier, language), _form(earlier), wave_frame(earlier)),
            (shown_name(later, language), _form(later), wave_frame(later)),
            measures=declared.measures, levels=declared.levels, cities=cities,
            spec=survey_spec(later.survey), language=core_language(language) if language else None,
        )))  # fmt: skip
    return found


def _form(wave: Wave):
    """The wave's form, with Uzbek in Latin letters where it writes Uzbek in Cyrillic only (as the
    participant page and the reports offer it), so that uz-Latn readers get their script."""
    return with_uzbek_latin(wave.survey.current_version().form())


def _participant_cities(training: Training, survey: Survey, language: str | None) -> dict[str, str]:
    """Each participant's city as the survey's city list names it for the reader (registrations
    mix scripts: "Bukhara", "Бухоро")."""
    listed = CityList(survey, core_language(language) if language else "en")
    return {
        str(pk): listed.shown(city) if city else gettext("(no city)")  # the page's active language
        for pk, city in training.participants.values_list("pk", "city__name")
    }
