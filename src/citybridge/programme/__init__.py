"""A training's programme: its title, dates and lectures, read from a programme JSON file.

Plain Python, no Django. It sits below ``citybridge.reports`` and ``citybridge.knowledge``, which
both describe the training, so neither has to import the other for it.
"""

from citybridge.programme.training import LectureSummary, ProgrammeError, TrainingSummary, read_programme

__all__ = ["LectureSummary", "ProgrammeError", "TrainingSummary", "read_programme"]
