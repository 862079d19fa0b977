"""Where a question sits on the survey sheet, for messages that must name the row.

pyxform's JSON tree has no row numbers; its reader's rows do, counted as pyxform counts them
(the header is row 1), so a message points at the row the author sees in the spreadsheet.
"""

from __future__ import annotations

from collections.abc import Sequence


class SurveyRows:
    """The survey sheet's rows as pyxform read them."""

    def __init__(self, rows: Sequence[dict[str, object]]) -> None:
        self._rows = [{str(k).strip().lower(): str(v).strip() for k, v in r.items() if v} for r in rows]

    def row_of(self, name: str) -> int | None:
        """The row of the question called ``name``, or None when no row names it."""
        for number, row in enumerate(self._rows, start=2):
            if row.get("name") == name:
                return number
        return None

    def row_of_type(self, word: str) -> int | None:
        """The first row whose type starts with ``word`` ("include", "begin repeat"...)."""
        for number, row in enumerate(self._rows, start=2):
            if row.get("type", "").lower().split(" ")[0] == word:
                return number
        return None
