"""A programme (a file uploaded, or one lecture typed in a form) loaded into one training, no other.

``trainings.store.load_programme`` takes the training's slug and organisation from the file; a file
uploaded through the web must not reach another training or organisation, so both are replaced by
the page's training; the training's details (title, dates, hosts...) stay as they are unless the
organiser, shown what would change (``detail_changes``), asks for the file's.
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


def read_programme(data: bytes, filename: str) -> dict:
    """The programme in an uploaded file, checked for its shape (not loaded)."""
    return _read(data, filename)


def detail_changes(training: Training, programme: dict) -> list[tuple[str, str, str]]:
    """(field, the training's value, the file's value) of each training detail the file would
    replace: the page asks before replacing them."""
    info, current = programme.get("training") or {}, _current(training)
    return [
        (key, _shown(current[key]), _shown(info[key]))
        for key in KEPT
        if info.get(key) and _shown(info[key]) != _shown(current[key])
    ]


def _shown(value) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value or "")


def load_programme_data(
    training: Training, programme: dict, filename: str, *, replace_details: bool = False
) -> Training:
    """Load lectures and speakers of ``programme`` into ``training`` (all or nothing); the
    training's details (title, dates, hosts...) are replaced by the file's only when asked."""
    info = programme.get("training") or {}
    programme["training"] = _scoped(info if replace_details else {}, training)
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


def _current(training: Training) -> dict:
    return {
        "title": training.title,
        "starts_on": training.starts_on.isoformat() if training.starts_on else None,
        "ends_on": training.ends_on.isoformat() if training.ends_on else None,
        "languages": training.languages,
        "hosts": training.hosts,
        "partners": training.partners,
        "funders": training.funders,
    }


def _scoped(info: dict, training: Training) -> dict:
    current = _current(training)
    kept = {key: info[key] if info.get(key) else current[key] for key in KEPT}
    organisation = training.organisation
    return {
        **kept,
        "slug": training.slug,
        "organisation": {"name": organisation.name, "slug": organisation.slug},
    }
