"""KoboToolbox's and ODK Central's own JSON (Kobo's API and formpack, Central's OData) in citybridge's shape.

Kobo writes answers at the top level under their group path (``group/q``), next to its bookkeeping
keys (``_uuid``, ``_submission_time``, ``_attachments``...). The bookkeeping is read for the
instance id and the time, or left aside by name; every other key is an answer.
"""

from __future__ import annotations

from typing import Any

# Kobo writes its submission time in UTC without an offset.
_KOBO_TIME = "_submission_time"
_INSTANCE_KEYS = ("meta/instanceID", "_uuid")
_BOOKKEEPING_PREFIXES = ("_", "$", "formhub/", "meta/")


def is_kobo_submission(payload: dict[str, Any]) -> bool:
    return any(key in payload for key in (*_INSTANCE_KEYS, _KOBO_TIME))


def kobo_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """``{"instance_id", "submitted_at", "answers"}`` from one Kobo submission object."""
    instance = next((payload[k] for k in _INSTANCE_KEYS if payload.get(k)), None)
    submitted = payload.get(_KOBO_TIME)
    if isinstance(submitted, str) and submitted and not _has_offset(submitted):
        submitted += "+00:00"
    answers = {
        key: value
        for key, value in payload.items()
        if not key.startswith(_BOOKKEEPING_PREFIXES) and key != "__version__"
    }
    return {"instance_id": instance, "submitted_at": submitted, "answers": answers}


def _has_offset(text: str) -> bool:
    tail = text[10:]
    return tail.endswith("Z") or "+" in tail or tail.count("-") > 0


def is_central_odata(payload: dict[str, Any]) -> bool:
    """ODK Central's OData entity: ``__id`` and ``__system`` beside nested group objects."""
    return "__id" in payload and isinstance(payload.get("__system"), dict)


def central_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """``{"instance_id", "submitted_at", "answers"}`` from one OData submission; groups are nested
    objects (flattened into ``group/q``), and a repeat's link (``member@odata.navigationLink``)
    is left aside: its instances are another entity set."""
    answers: dict[str, Any] = {}
    _flatten(payload, "", answers)
    return {
        "instance_id": payload.get("__id"),
        "submitted_at": payload["__system"].get("submissionDate"),
        "answers": answers,
    }


def _flatten(node: dict[str, Any], prefix: str, into: dict[str, Any]) -> None:
    for key, value in node.items():
        if key.startswith("__") or "@odata" in key or key == "meta":
            continue
        if isinstance(value, dict) and value.get("type") == "Point" and "coordinates" in value:
            into[prefix + key] = _geojson_point(value["coordinates"])
        elif isinstance(value, dict):
            _flatten(value, f"{prefix}{key}/", into)
        else:
            into[prefix + key] = value


def _geojson_point(coordinates: list[float]) -> str:
    """GeoJSON writes longitude first; ODK's geopoint is 'lat lon alt acc'."""
    longitude, latitude, *rest = coordinates
    return " ".join(str(v) for v in (latitude, longitude, *rest))
