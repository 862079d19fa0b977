"""Submissions: every source normalised into one batch shape, validated against its form version."""

from citybridge.submissions.batch import Problem, RawBatch
from citybridge.submissions.validate import Validated, validate

__all__ = ["Problem", "RawBatch", "Validated", "validate"]
