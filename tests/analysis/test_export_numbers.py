"""The analysis document (``analyze --json``, the API's indicators) never holds NaN or Infinity."""

from __future__ import annotations

from citybridge.analysis.export import _round


def test_a_figure_that_is_not_a_finite_number_is_written_null():
    assert [_round(v) for v in (float("nan"), float("inf"), -float("inf"), None)] == [None] * 4
    assert _round(0.1234567) == 0.123457
