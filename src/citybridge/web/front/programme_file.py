"""A programme file uploaded on a training's page, loaded into that training and no other.

``trainings.store.load_programme`` takes the training's slug and organisation from the file; a file
uploaded through the web must not reach another training or organisation, so both are replaced by
the page's training, and what the file leaves out keeps the training's current value.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from citybridge.web.trainings.models import Training
from citybridge.web.trainings.store import load_programme

KEPT = ("title", "starts_on", "ends_on", "languages", "hosts", "partners", "funders")


class ProgrammeFileError(ValueError):
    """A programme file that cannot be loaded; the message says what to fix."""


def load_programme_upload(training: Training, data: bytes, filename: str) -> Training:
    """Load lectures and speakers of an uploaded programme JSON into ``training`` (all or nothing)."""
    programme = _read(data, filename)
    programme["training"] = _scoped(programme.get("training") or {}, training)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.json"
        path.write_text(json.dumps(programme, ensure_ascii=False), encoding="utf-8")
        try:
            return load_programme(path)
        except KeyError as exc:
            raise ProgrammeFileError(
                f"{filename}: an entry has no '{exc.args[0]}'; every lecture needs 'number' and 'title', "
                "every speaker a 'name'."
            ) from None
        except (TypeError, ValueError) as exc:
            raise ProgrammeFileError(
                f"{filename}: {exc}; compare it with examples/uzbekistan-2020/programme.json."
            ) from None


def _read(data: bytes, filename: str) -> dict:
    try:
        programme = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProgrammeFileError(f"{filename}: not a UTF-8 text file; save it as JSON in UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise ProgrammeFileError(
            f"{filename}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(programme, dict) or not isinstance(programme.get("lectures", []), list):
        raise ProgrammeFileError(
            f"{filename}: expected an object with 'training', 'speakers' and 'lectures'."
        )
    return programme


def _scoped(info: dict, training: Training) -> dict:
    current = {
        "title": training.title,
        "starts_on": training.starts_on.isoformat() if training.starts_on else None,
        "ends_on": training.ends_on.isoformat() if training.ends_on else None,
        "languages": training.languages,
        "hosts": training.hosts,
        "partners": training.partners,
        "funders": training.funders,
    }
    kept = {key: info[key] if info.get(key) else current[key] for key in KEPT}
    organisation = training.organisation
    return {
        **kept,
        "slug": training.slug,
        "organisation": {"name": organisation.name, "slug": organisation.slug},
    }
