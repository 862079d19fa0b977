"""Signing outbound events (HMAC-SHA256) and how long to wait before trying a delivery again.

The signature header reads ``t=<unix seconds>,v1=<hex>``, the HMAC-SHA256 of ``"<t>.<body>"`` with
the receiver's secret: the receiver recomputes it from the raw body, and the timestamp lets it
refuse a delivery replayed long after (the scheme Stripe and others use, so receivers know it).
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-Citybridge-Signature"


def signature(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, *, now: float | None = None, tolerance: int = 300) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` and is at most ``tolerance`` seconds old."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    if not fields.get("t", "").isdigit() or "v1" not in fields:
        return False
    timestamp = int(fields["t"])
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, body, timestamp), f"t={timestamp},v1={fields['v1']}")


def backoff(attempt: int, base: float, cap: float = 3600.0) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...): base, 2×base, 4×base, ... up to cap."""
    return min(cap, base * 2 ** (attempt - 1))
