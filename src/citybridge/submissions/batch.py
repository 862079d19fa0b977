"""The shape every source of submissions is normalised into before validation.

Whatever the origin (a KoboToolbox export, an ODK Central CSV, a Google Forms sheet, a JSON body
posted to the API), it becomes one :class:`RawBatch`: a Polars frame of text cells, one column per
question named as in the form, plus the row number and header each cell came from so that every
problem can be reported where the user will look for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

ROW = "_row"
INSTANCE_ID = "_instance_id"
SUBMITTED_AT = "_submitted_at"
META_COLUMNS = (ROW, INSTANCE_ID, SUBMITTED_AT)


@dataclass(frozen=True)
class Problem:
    """One reason a submission (or a whole file) cannot be stored."""

    source: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.source]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        shown = "" if self.value in (None, "") else f" value '{_short(self.value)}':"
        return f"{', '.join(where)}:{shown} {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class RawBatch:
    """Text cells from one source, keyed by question name, ready for validation."""

    source: str  # what the user calls it: a file name, or "API"
    kind: str  # "kobotoolbox", "odk-central", "google-forms", "surveymonkey", "json", "csv"
    frame: pl.DataFrame  # ROW (int), INSTANCE_ID, SUBMITTED_AT and question columns (text)
    headers: dict[str, str] = field(default_factory=dict)  # question name -> header in the source
    problems: list[Problem] = field(default_factory=list)  # file-level problems found while reading

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def __len__(self) -> int:
        return self.frame.height


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
