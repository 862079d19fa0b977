"""Errors the store raises for the user to act on; importable without starting Django."""

from __future__ import annotations

from citybridge.submissions import Problem


class NotFound(LookupError):
    """No training or survey with that id or slug."""


class FormVersionConflict(ValueError):
    """The same form version uploaded again with different content."""


class ImportRejected(ValueError):
    """An all-or-nothing import that found problems: nothing was stored."""

    def __init__(self, problems: list[Problem], total: int, problem_count: int | None = None) -> None:
        self.problems = problems  # the first ones, when there are very many
        self.total = total  # rows read
        self.problem_count = len(problems) if problem_count is None else problem_count
        super().__init__(f"{self.problem_count} problem(s); nothing was stored")


class RegistrationsRejected(ValueError):
    """A registration list with problems: nothing was stored."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was stored")
