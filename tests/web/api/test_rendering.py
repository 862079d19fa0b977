"""The API never writes NaN or Infinity, which are not JSON: such a figure is written null."""

from __future__ import annotations

import json

from citybridge.web.api.rendering import FiniteJSONRenderer


def test_nan_and_infinity_are_written_null_and_the_rest_as_it_was():
    data = {"mean": float("nan"), "items": [1.5, float("inf"), {"low": -float("inf")}], "n": 3, "name": "NaN"}
    text = FiniteJSONRenderer().render(None, data, response_status=200)
    assert json.loads(text) == {"mean": None, "items": [1.5, None, {"low": None}], "n": 3, "name": "NaN"}
    assert "NaN" not in text.replace('"NaN"', "") and "Infinity" not in text


def test_a_document_without_them_is_written_unchanged():
    data = {"share": 0.25, "labels": ["a", "b"]}
    assert json.loads(FiniteJSONRenderer().render(None, data, response_status=200)) == data
