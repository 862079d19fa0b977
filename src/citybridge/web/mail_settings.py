"""E-mail and outbound-event settings, read from the environment (docs/deploy.md lists them).

``CITYBRIDGE_SMTP_*`` names are read first, then Django's own ``EMAIL_*`` names, so a server set up
for any Django application works as it is.
"""

from __future__ import annotations

import os


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"CITYBRIDGE_SMTP_{name}") or os.environ.get(f"EMAIL_{name}") or default


EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = _env("HOST", "localhost")
EMAIL_PORT = int(_env("PORT", "25"))
EMAIL_HOST_USER = _env("HOST_USER") or _env("USER")
EMAIL_HOST_PASSWORD = _env("HOST_PASSWORD") or _env("PASSWORD")
EMAIL_USE_TLS = _env("USE_TLS") == "1"  # STARTTLS, usually port 587
EMAIL_USE_SSL = _env("USE_SSL") == "1"  # TLS from the start, usually port 465
EMAIL_TIMEOUT = 30  # seconds: a mail server that hangs must not hold the job worker for ever
DEFAULT_FROM_EMAIL = os.environ.get("CITYBRIDGE_MAIL_FROM") or os.environ.get(
    "DEFAULT_FROM_EMAIL", "citybridge@localhost"
)
# Links in e-mails are absolute: the address participants reach this server at.
CITYBRIDGE_BASE_URL = os.environ.get("CITYBRIDGE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Outbound events: seconds before the first retry (then doubled each time) and attempts in all.
WEBHOOK_BACKOFF = float(os.environ.get("CITYBRIDGE_WEBHOOK_BACKOFF", "30"))
WEBHOOK_ATTEMPTS = int(os.environ.get("CITYBRIDGE_WEBHOOK_ATTEMPTS", "8"))
WEBHOOK_TIMEOUT = 10
