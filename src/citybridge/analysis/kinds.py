"""Which kind of figures a question gets, and which points of a scale are its best.

Forms rarely say "this is a Likert scale"; their choice names do. A select_one whose choices are
all words of a known agreement, satisfaction or quality scale (or the numbers of a rating) is a
scale; one over yes/no is a yes/no; the indicators file can always say otherwise.
"""

from __future__ import annotations

import itertools

from citybridge.analysis.indicators import CHOICE, MULTIPLE, NUMBER, SCALE, TEXT, YESNO, AnalysisError
from citybridge.analysis.spec import QuestionSpec
from citybridge.forms.model import DECIMAL, INTEGER, SELECT_MULTIPLE, SELECT_ONE, Question
from citybridge.forms.model import TEXT as TEXT_TYPE

# Scale words ranked within their scale: higher is better. Names are compared after lower-casing
# and folding "-" and " " into "_", as form authors write them all three ways.
_SCALE_RANKS = {
    "strongly_agree": 5, "agree": 4, "neutral": 3, "neither_agree_nor_disagree": 3, "neither": 3,
    "disagree": 2, "strongly_disagree": 1,
    "excellent": 5, "very_good": 4, "good": 3, "fair": 2, "average": 2, "poor": 1, "very_poor": 0, "bad": 1,
    "very_bad": 0,
    "very_satisfied": 5, "satisfied": 4, "dissatisfied": 2, "very_dissatisfied": 1,
    "very_useful": 4, "useful": 3, "somewhat_useful": 2, "not_useful": 1,
    "very_likely": 5, "likely": 4, "unlikely": 2, "very_unlikely": 1,
}  # fmt: skip
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def kind_of(question: Question, spec: QuestionSpec) -> str | None:
    """The indicator kind of ``question``; None for questions that get no figures (dates, notes)."""
    if spec.kind:
        return spec.kind
    if question.type == SELECT_MULTIPLE:
        return MULTIPLE
    if question.type in (INTEGER, DECIMAL):
        return NUMBER
    if question.type == TEXT_TYPE:
        return TEXT
    if question.type != SELECT_ONE:
        return None
    names = [_fold(n) for n in question.choice_names()]
    if len(names) == 2 and {names[0], names[1]} & _YES and {names[0], names[1]} & _NO:
        return YESNO
    if len(names) >= 3 and (all(n in _SCALE_RANKS for n in names) or _is_rating(names)):
        return SCALE
    return CHOICE


def best_first(question: Question) -> tuple[str, ...]:
    """The scale's choice names from best to worst."""
    names = question.choice_names()
    folded = [_fold(n) for n in names]
    if all(n in _SCALE_RANKS for n in folded):
        ranks = [_SCALE_RANKS[n] for n in folded]
    elif _is_rating(folded):
        ranks = [float(n) for n in folded]
    else:  # declared a scale in the indicators file: trust the form's order, best first
        ranks = [-i for i in range(len(names))]
    order = sorted(range(len(names)), key=lambda i: -ranks[i])
    return tuple(names[i] for i in order)


def positive_values(question: Question, spec: QuestionSpec) -> tuple[str, ...]:
    """The points counted as positive: declared in the indicators file, else the top two."""
    if spec.positive:
        unknown = set(spec.positive) - set(question.choice_names())
        if unknown:
            raise AnalysisError(
                f"indicators file: positive values {sorted(unknown)} of '{question.name}' are not "
                f"choices of its list ({', '.join(question.choice_names())})"
            )
        return tuple(spec.positive)
    return best_first(question)[:2]


def yes_value(question: Question) -> str:
    for name in question.choice_names():
        if _fold(name) in _YES:
            return name
    return question.choice_names()[0]


def _is_rating(names: list[str]) -> bool:
    try:
        numbers = sorted(float(n) for n in names)
    except ValueError:
        return False
    return 3 <= len(numbers) <= 11 and all(b - a == 1 for a, b in itertools.pairwise(numbers))


def _fold(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")
