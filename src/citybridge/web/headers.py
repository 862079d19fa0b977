"""Headers on every response of the application (static files aside, which WhiteNoise answers
before this middleware).

- ``Content-Security-Policy``: scripts, styles, images, fonts and requests from this site only;
  no inline script or style (citybridge.js and the CSS files hold what the pages need), no
  plugins, no framing, forms posting only here. An injected ``<script>`` or ``style`` does nothing.
- ``Cache-Control: no-store``: pages and answers show personal data (participants, submissions,
  exports, a participant's form), which must not stay in a shared computer's browser cache or a
  proxy. A view that sets its own Cache-Control (the dashboard's charts: figures, not people)
  keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class SecurityHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Cache-Control", "no-store")
        return response
