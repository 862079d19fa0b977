"""The knowledge hub: good practices from a training's lectures and cities, and the booklet of them.

Plain Python, no Django: ``read_practices`` reads the example's practices JSON file and
``build_booklet`` turns it, with the training (``citybridge.programme``) and the cities' priorities,
into a report document.
"""

from citybridge.knowledge.booklet import SupportsGettext, build_booklet, practice_in_language
from citybridge.knowledge.practices import GoodPractice, PracticeError, read_practices

__all__ = [
    "GoodPractice",
    "PracticeError",
    "SupportsGettext",
    "build_booklet",
    "practice_in_language",
    "read_practices",
]
