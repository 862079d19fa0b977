"""The API's JSON: never ``NaN`` or ``Infinity``, which are not JSON and which most clients refuse.

A figure that is not a finite number (a mean of nothing, say) is written ``null``. The common
case, with none, is written in one pass; only a document holding one is walked and mended.
"""

from __future__ import annotations

import json
import math
from typing import Any

from django.http import HttpRequest
from ninja.renderers import JSONRenderer


class FiniteJSONRenderer(JSONRenderer):
    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        try:
            return json.dumps(data, cls=self.encoder_class, allow_nan=False)
        except ValueError:  # "Out of range float values are not JSON compliant"
            return json.dumps(finite(data), cls=self.encoder_class, allow_nan=False)


def finite(data: Any) -> Any:
    """``data`` with every float that is NaN or infinite replaced by None."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data
