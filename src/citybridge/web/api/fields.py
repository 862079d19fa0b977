"""Input types that state their rules in the OpenAPI schema and refuse the rest with 422.

- :data:`Text`: text without NUL characters or lone surrogates, which no store keeps
  (PostgreSQL refuses NUL outright).
- :data:`IsoDay`: a day written ``YYYY-MM-DD`` and nothing else; a number such as ``0`` is not
  read as a Unix time (pydantic would make it 1970-01-01).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from citybridge.web.surveys.storable import text_problem

DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def _storable(value: str) -> str:
    reason = text_problem(value)
    if reason:
        raise ValueError(reason)
    return value


def _written_as_a_day(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, str) and re.match(DAY_PATTERN, value)):
        return value
    raise ValueError("a day is written YYYY-MM-DD, e.g. 2020-11-10")


Text = Annotated[str, AfterValidator(_storable)]
IsoDay = Annotated[
    dt.date,
    BeforeValidator(_written_as_a_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN, "example": "2020-11-10"}),
]
