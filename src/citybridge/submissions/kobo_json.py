"""KoboToolbox's own JSON submissions (its API, formpack, kobo-transfer) in citybridge's shape.

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
