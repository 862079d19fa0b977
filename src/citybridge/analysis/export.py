"""The analysis as one JSON document: the schema of ``citybridge analyze --json`` (docs/analysis.md)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict
from typing import Any

from citybridge.analysis.indicators import (
    MULTIPLE,
    NUMBER,
    SCALE,
    TEXT,
    YESNO,
    Analysis,
    Indicator,
    OptionCount,
)

SCHEMA_VERSION = 1


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "form_id": analysis.form_id,
        "form_version": analysis.form_version,
        "language": analysis.language,
        "as_of": _iso(analysis.as_of),
        "respondents": analysis.respondents,
        "registered": analysis.registered,
        "response_rate": _round(analysis.response_rate),
        "first_submission": _iso(analysis.first_submission),
        "last_submission": _iso(analysis.last_submission),
        "respondents_per_city": [_option(o) for o in analysis.respondents_per_city],
        "responses_over_time": [
            {"day": d.day.isoformat(), "new": d.new, "cumulative": d.cumulative}
            for d in analysis.responses_over_time
        ],
        "questions": {name: indicator_json(i) for name, i in analysis.indicators.items()},
        "notes": list(analysis.notes),
        "other_questions": {
            c.name: {"type": c.type, "label": c.label, "base": c.base, "missing": c.missing}
            | ({"nearest_cities": [_option(o) for o in c.nearest_cities]} if c.type == "geopoint" else {})
            for c in analysis.other_answers
        },
    }
    if analysis.by:
        document["by"] = analysis.by
        document["min_base"] = analysis.min_base
        document["groups"] = [
            {
                "value": g.value,
                "label": g.label,
                "respondents": g.respondents,
                "small_base": g.small_base,
                "questions": {name: indicator_json(i) for name, i in g.indicators.items()},
            }
            for g in analysis.groups
        ]
    return document


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": indicator.type,
        "kind": indicator.kind,
        "label": indicator.label,
        "path": indicator.path,
        "base": indicator.base,
        "missing": indicator.missing,
    }
    if indicator.kind == NUMBER:
        data.update(_summary(indicator))
    elif indicator.kind == TEXT:
        data["sectors"] = [_option(o) for o in indicator.options]
        data["answers"] = [
            {"text": a.text, "sectors": list(a.sectors), "quotable": a.quotable, "city": a.city}
            for a in indicator.answers
        ]
    else:
        data["options"] = [_option(o) for o in indicator.options]
    if indicator.kind == SCALE and indicator.positive and indicator.top_box:
        data["positive_values"] = list(indicator.positive_values)
        data["positive"] = _share(indicator.positive)
        data["top_box"] = _share(indicator.top_box)
    if indicator.kind == YESNO and indicator.yes:
        data["yes"] = _share(indicator.yes)
    if indicator.kind == MULTIPLE:
        data["ranked"] = True
    return data


def _summary(indicator: Indicator) -> dict[str, Any]:
    s = indicator.summary
    data: dict[str, Any] = {"n": s.n if s else 0}
    for key in ("mean", "median", "min", "max", "q1", "q3"):
        data[key] = _round(getattr(s, key)) if s else None
    data["bands"] = [_option(o) for o in indicator.bands]
    data["bins"] = [asdict(b) for b in indicator.bins]
    return data


def _option(option: OptionCount) -> dict[str, Any]:
    return {
        "value": option.value,
        "label": option.label,
        "count": option.count,
        "share": _round(option.share),
        "ci95": [_round(option.ci95[0]), _round(option.ci95[1])],
    }


def _share(share) -> dict[str, Any]:
    return {
        "count": share.count,
        "base": share.base,
        "share": _round(share.share),
        "ci95": [_round(share.ci95[0]), _round(share.ci95[1])],
    }


def _round(value: float | None) -> float | None:
    # NaN and Infinity are not JSON: a figure that is not a finite number is written null.
    return None if value is None or not math.isfinite(value) else round(float(value), 6)


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()
