"""The knowledge hub: good practices from a training's lectures and cities, and the booklet of them.

Plain Python, no Django: ``read_programme`` and ``read_practices`` read the example's JSON files,
``build_booklet`` turns them, with the cities' priorities, into a report document.
"""

from citybridge.knowledge.booklet import SupportsGettext, build_booklet
from citybridge.knowledge.practices import GoodPractice, PracticeError, read_practices
from citybridge.knowledge.training import LectureSummary, ProgrammeError, TrainingSummary, read_programme

__all__ = [
    "GoodPractice",
    "LectureSummary",
    "PracticeError",
    "ProgrammeError",
    "SupportsGettext",
    "TrainingSummary",
    "build_booklet",
    "read_practices",
    "read_programme",
]
