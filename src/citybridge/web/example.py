"""Load a training folder (programme, registrations, survey, submissions, practices) into the store.

The demo and the tests load the example training the same way, so what the tests check is what
a new user sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from citybridge.web.imports import import_file
from citybridge.web.knowledge.store import PracticesImport, import_practices
from citybridge.web.surveys.analysis import attach_spec
from citybridge.web.surveys.models import Survey
from citybridge.web.surveys.store import ImportReport, add_survey
from citybridge.web.trainings.models import Training
from citybridge.web.trainings.store import RegistrationReport, import_registrations, load_programme


@dataclass(frozen=True)
class LoadedTraining:
    training: Training
    survey: Survey
    registrations: RegistrationReport
    submissions: ImportReport
    practices: PracticesImport | None = None  # None when the folder has no practices.json


def load_training_folder(folder: Path, progress: Callable[[int], None] | None = None) -> LoadedTraining:
    """programme.json, registrations.csv, survey.xlsx (+ its indicators file), submissions.csv and,
    when the folder has one, practices.json (the good practices of the knowledge hub)."""
    training = load_programme(folder / "programme.json")
    registrations = import_registrations(training, folder / "registrations.csv")
    survey, _, _ = add_survey(training, folder / "survey.xlsx")
    attach_spec(survey, folder / "survey.xlsx")
    submissions = import_file(survey, folder / "submissions.csv", progress=progress)
    practices = folder / "practices.json"
    stored = import_practices(training, practices) if practices.exists() else None
    return LoadedTraining(training, survey, registrations, submissions, stored)
