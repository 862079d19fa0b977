"""How a survey's answers are read for the report: the indicators file next to the form.

An XLSForm says what was asked; it does not say which points of a rating scale count as
"satisfied", how ages are banded, or which question holds the respondent's city. Those choices
live in a small TOML file beside the form (``<form>.indicators.toml`` or ``indicators.toml``)::

    min_base = 10                      # groups smaller than this get a small-base warning
    city_question = "city"
    consent_question = "consent_quote" # free text is quoted only where this is "yes"
    priorities_question = "priorities" # sectors the cities prioritise (for the booklet)
    key_results = ["materials", "expected_info"]
    personal_questions = ["mentor"]    # personal data besides names, e-mail and phone questions

    [questions.materials]
    kind = "scale"
    positive = ["excellent", "very_good", "good"]
    topic = { en = "the materials and contents", ru = "материалы и содержание" }

    [[questions.age.bands]]
    name = "under_35"
    max = 34
    label = { en = "34 or under" }

Everything is optional: without a file, scales are recognised from their choice names and the top
two points are positive.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citybridge.analysis.indicators import KINDS, AnalysisError


class SpecError(AnalysisError):
    """The indicators file is malformed; the message names the file, the key and what to do."""


@dataclass(frozen=True)
class Band:
    """A named range of a number question, bounds inclusive; a missing bound is open."""

    name: str
    min: float | None = None
    max: float | None = None
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, language: str | None) -> str:
        return _in_language(self.labels, language) or self.name


@dataclass(frozen=True)
class QuestionSpec:
    kind: str | None = None
    positive: tuple[str, ...] = ()
    bands: tuple[Band, ...] = ()
    topics: dict[str, str] = field(default_factory=dict)

    def topic(self, language: str | None) -> str | None:
        return _in_language(self.topics, language)


@dataclass(frozen=True)
class IndicatorSpec:
    min_base: int = 10
    city_question: str | None = None
    consent_question: str | None = None
    priorities_question: str | None = None  # a select_multiple over sectors: the cities' priorities
    key_results: tuple[str, ...] = ()
    questions: dict[str, QuestionSpec] = field(default_factory=dict)
    personal_questions: tuple[str, ...] = ()  # answers that identify a person (citybridge.analysis.personal)

    def question(self, name: str) -> QuestionSpec:
        return self.questions.get(name, QuestionSpec())

    def to_dict(self) -> dict[str, Any]:
        """The TOML document's shape, for storing the spec with a survey as JSON."""
        questions = {}
        for name, q in self.questions.items():
            entry: dict[str, Any] = {}
            if q.kind:
                entry["kind"] = q.kind
            if q.positive:
                entry["positive"] = list(q.positive)
            if q.topics:
                entry["topic"] = dict(q.topics)
            if q.bands:
                entry["bands"] = [_band_dict(b) for b in q.bands]
            questions[name] = entry
        data: dict[str, Any] = {"min_base": self.min_base, "questions": questions}
        for key in ("city_question", "consent_question", "priorities_question"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.key_results:
            data["key_results"] = list(self.key_results)
        if self.personal_questions:
            data["personal_questions"] = list(self.personal_questions)
        return data


def _band_dict(band: Band) -> dict[str, Any]:
    data: dict[str, Any] = {"name": band.name, "label": dict(band.labels)}
    if band.min is not None:
        data["min"] = band.min
    if band.max is not None:
        data["max"] = band.max
    return data


def spec_path_for(form_path: Path) -> Path | None:
    """The indicators file that goes with ``form_path``, if there is one."""
    for candidate in (form_path.with_suffix(".indicators.toml"), form_path.parent / "indicators.toml"):
        if candidate.is_file():
            return candidate
    return None


def read_spec(path: Path) -> IndicatorSpec:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path}: not valid TOML ({exc}); fix the line it names") from exc
    return spec_from_dict(data, source=str(path))


def spec_from_dict(data: dict[str, Any], source: str = "indicators") -> IndicatorSpec:
    known = {
        "min_base", "city_question", "consent_question", "priorities_question", "key_results", "questions",
        "personal_questions",
    }  # fmt: skip
    unknown = set(data) - known
    if unknown:
        raise SpecError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}")
    questions = {
        name: _question(entry, f"{source}, questions.{name}")
        for name, entry in (data.get("questions") or {}).items()
    }
    min_base = data.get("min_base", 10)
    if not isinstance(min_base, int) or min_base < 1:
        raise SpecError(f"{source}: min_base must be a whole number of respondents ≥ 1, not {min_base!r}")
    return IndicatorSpec(
        min_base=min_base,
        city_question=data.get("city_question"),
        consent_question=data.get("consent_question"),
        priorities_question=data.get("priorities_question"),
        key_results=tuple(data.get("key_results", ())),
        questions=questions,
        personal_questions=tuple(data.get("personal_questions", ())),
    )


def _question(entry: Any, where: str) -> QuestionSpec:
    if not isinstance(entry, dict):
        raise SpecError(f"{where}: expected a table of settings")
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        raise SpecError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    topics = entry.get("topic", {})
    if isinstance(topics, str):
        topics = {"en": topics}
    bands = tuple(_band(b, f"{where}.bands[{i}]") for i, b in enumerate(entry.get("bands", ())))
    return QuestionSpec(kind=kind, positive=tuple(entry.get("positive", ())), bands=bands, topics=topics)


def _band(entry: Any, where: str) -> Band:
    if not isinstance(entry, dict) or "name" not in entry:
        raise SpecError(f"{where}: a band needs a name and a min and/or max")
    low, high = entry.get("min"), entry.get("max")
    if low is None and high is None:
        raise SpecError(f"{where}: band '{entry['name']}' needs a min, a max or both")
    labels = entry.get("label", {})
    if isinstance(labels, str):
        labels = {"en": labels}
    return Band(name=str(entry["name"]), min=low, max=high, labels=labels)


def _in_language(texts: dict[str, str], language: str | None) -> str | None:
    """The text in ``language``, else in its base language (uz for uz-Latn), else in English."""
    if not texts:
        return None
    for key in (language, (language or "").split("-")[0], "en"):
        if key and key in texts:
            return texts[key]
    return next(iter(texts.values()))
