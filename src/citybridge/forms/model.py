"""The typed survey definition the rest of the core works with.

A :class:`Form` is what an XLSForm means once pyxform has read it: questions in form order (groups
flattened into paths), their choice lists and their multilingual labels. It is plain data, so it can
be stored as JSON next to a form version and rebuilt without the original workbook.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

# The question types citybridge stores answers for, in XLSForm's own words.
SELECT_ONE = "select_one"
SELECT_MULTIPLE = "select_multiple"
INTEGER = "integer"
DECIMAL = "decimal"
TEXT = "text"
DATE = "date"
DATETIME = "datetime"
NOTE = "note"
CALCULATE = "calculate"
TIME = "time"
GEOPOINT = "geopoint"
GEOTRACE = "geotrace"
GEOSHAPE = "geoshape"
BARCODE = "barcode"
HIDDEN = "hidden"
ACKNOWLEDGE = "acknowledge"
RANK = "rank"
IMAGE = "image"
AUDIO = "audio"
VIDEO = "video"
FILE = "file"
# Filled in by the device (start, end, today, deviceid, username, audit...): kept, never asked.
METADATA = "metadata"
# A file the form reads (csv-external, xml-external): no answer, only the file's name is kept.
EXTERNAL = "external"

GEO_TYPES = (GEOPOINT, GEOTRACE, GEOSHAPE)
MEDIA_TYPES = (IMAGE, AUDIO, VIDEO, FILE)
ANSWER_TYPES = (
    SELECT_ONE,
    SELECT_MULTIPLE,
    INTEGER,
    DECIMAL,
    TEXT,
    DATE,
    DATETIME,
    CALCULATE,
    TIME,
    *GEO_TYPES,
    BARCODE,
    HIDDEN,
    ACKNOWLEDGE,
    RANK,
    *MEDIA_TYPES,
    METADATA,
)
OTHER_CHOICE = "other"


@dataclass(frozen=True)
class Choice:
    """One option of a choice list: its value (``name``) and its label per language."""

    name: str
    labels: dict[str, str] = field(default_factory=dict)
    # Other columns of the choices sheet (what a choice_filter such as "${state}=cf" reads).
    filters: dict[str, str] = field(default_factory=dict)

    def label(self, language: str | None = None) -> str:
        return _pick(self.labels, language) or self.name


@dataclass(frozen=True)
class Question:
    """One row of the ``survey`` sheet that takes (or shows) a value."""

    name: str
    type: str
    path: str  # group path joined by "/", e.g. "evaluation/materials"
    labels: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    required: bool = False
    constraint: str | None = None
    constraint_message: dict[str, str] = field(default_factory=dict)
    relevant: str | None = None
    calculation: str | None = None
    list_name: str | None = None
    choices: tuple[Choice, ...] = ()
    or_other: bool = False
    source_type: str = ""  # the type as the survey sheet writes it ("gps", "phone number", "start")
    appearance: str | None = None  # "likert", "minimal", "multiline"...
    choice_filter: str | None = None  # e.g. "${state}=cf": which choices apply (cascading selects)
    choice_file: str | None = None  # select_one_from_file: the file of choices attached to the form
    repeat: str | None = None  # the path of the innermost repeat it is in: answered once per instance

    def label(self, language: str | None = None) -> str:
        return _pick(self.labels, language) or self.name

    @property
    def is_select(self) -> bool:
        return self.type in (SELECT_ONE, SELECT_MULTIPLE)

    @property
    def takes_answer(self) -> bool:
        return self.type in ANSWER_TYPES

    @property
    def is_metadata(self) -> bool:
        """Filled in by the device, not by the respondent (start, end, deviceid...)."""
        return self.type == METADATA

    def choice_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.choices)


@dataclass(frozen=True)
class Form:
    """A survey definition: settings plus questions in form order."""

    form_id: str
    version: str
    title: str
    default_language: str | None
    languages: tuple[str, ...]
    questions: tuple[Question, ...]
    # Group path ("evaluation", "evaluation/lectures") -> the group's label per language.
    group_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    # Paths of the repeats, outer ones first ("household/member", "household/member/visit").
    repeats: tuple[str, ...] = ()
    # Repeat path -> its ``repeat_count`` (a number or an expression such as "${rooms}"): the form,
    # not the person, decides how many instances there are.
    repeat_counts: dict[str, str] = field(default_factory=dict)

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(name)

    def has_question(self, name: str) -> bool:
        return any(q.name == name for q in self.questions)

    @property
    def answer_questions(self) -> tuple[Question, ...]:
        """Questions answered once per submission whose answers are stored (not notes, not repeats)."""
        return tuple(q for q in self.questions if q.takes_answer and q.repeat is None)

    def repeat_form(self, path: str) -> Form:
        """The questions of the repeat at ``path`` as a form of their own: one row per instance."""
        if path not in self.repeats:
            raise KeyError(path)
        inside = tuple(replace(q, repeat=None) for q in self.questions if q.repeat == path)
        return replace(self, questions=inside, repeats=())

    def parent_repeat(self, path: str) -> str | None:
        """The repeat the repeat at ``path`` is nested in, or None for one at the top level."""
        outer = [r for r in self.repeats if path.startswith(r + "/")]
        return max(outer, key=len) if outer else None

    def group_label(self, path: str, language: str | None = None) -> str | None:
        """The label of the group at ``path``, or of the nearest group around it that has one."""
        while path:
            if labels := self.group_labels.get(path):
                return _pick(labels, language)
            path = path.rpartition("/")[0]
        return None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.repeat_counts:
            # Left out when empty, so that forms stored before repeat counts compare equal.
            del data["repeat_counts"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Form:
        questions = tuple(
            Question(
                **{
                    **q,
                    "choices": tuple(Choice(**c) for c in q.get("choices", ())),
                }
            )
            for q in data["questions"]
        )
        return cls(
            form_id=data["form_id"],
            version=data["version"],
            title=data["title"],
            default_language=data.get("default_language"),
            languages=tuple(data.get("languages", ())),
            questions=questions,
            group_labels=data.get("group_labels", {}),  # absent from forms stored before groups had labels
            repeats=tuple(data.get("repeats", ())),
            repeat_counts=data.get("repeat_counts", {}),
        )


def _pick(labels: dict[str, str], language: str | None) -> str | None:
    """A label in ``language``, matched on the full name or on the code in parentheses."""
    if not labels:
        return None
    if language:
        if language in labels:
            return labels[language]
        for key, value in labels.items():
            if key.endswith(f"({language})") or key.split(" (")[0].lower() == language.lower():
                return value
    if "default" in labels:
        return labels["default"]
    return next(iter(labels.values()))
