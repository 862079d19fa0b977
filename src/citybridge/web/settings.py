"""Django settings, read from the environment.

``CITYBRIDGE_DATA_DIR`` (default ``./citybridge-data``) holds the SQLite store, so the first
command on a fresh machine needs no server; ``DATABASE_URL`` (``postgres://...``) moves the store
to PostgreSQL for a multi-process deployment.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django.conf.locale

from citybridge.web import instance

DATA_DIR = instance.data_dir()
# CITYBRIDGE_SECRET_KEY, else DATA_DIR/secret_key (made by init, serve and demo), else a public
# development key that serve refuses (web/instance.py).
SECRET_KEY = instance.secret_key(DATA_DIR)
DEBUG = os.environ.get("CITYBRIDGE_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("CITYBRIDGE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI's files locally for the API docs
    "citybridge.web.accounts",
    "citybridge.web.jobs",
    "citybridge.web.trainings",
    "citybridge.web.surveys",
    "citybridge.web.repeats",
    "citybridge.web.api",
    "citybridge.web.pipeline",
    "citybridge.web.places",
    "citybridge.web.front",
    "citybridge.web.participate",
    "citybridge.web.partnerships",
    "citybridge.web.knowledge",
    "citybridge.web.waves",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the application itself: offices with poor connectivity get no CDN.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CSP and no-store on every response of the application (after WhiteNoise: not on static files).
    "citybridge.web.headers.SecurityHeaders",
    "citybridge.web.addresses.RefuseNulInAddress",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check reads the POST: the participant page's limit on fields is the form's.
    "citybridge.web.participate.fields.RoomForRepeats",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "citybridge.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "citybridge.web.accounts.context.access",
            ]
        },
    }
]
WSGI_APPLICATION = "citybridge.web.wsgi.application"


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "citybridge.sqlite3",
        "OPTIONS": {
            # WAL lets readers work while an import writes; IMMEDIATE avoids lock upgrades mid-import.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
        # Each server thread keeps its connection: opening one and running the pragmas above cost
        # about a millisecond per request, as much as the rest of a small API call.
        "CONN_MAX_AGE": None,
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
# Participant pages speak all five; organiser pages at least English and Russian. Uzbek Cyrillic is
# not one of Django's own languages, so it is described here (LANG_INFO) and has its own catalogue.
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("uz", "Oʻzbekcha"),
    ("uz-cyrl", "Ўзбекча"),
    ("zh-hans", "中文"),
]
EXTRA_LANG_INFO = {
    "uz-cyrl": {"bidi": False, "code": "uz-cyrl", "name": "Uzbek (Cyrillic)", "name_local": "Ўзбекча"},
}
django.conf.locale.LANG_INFO.update(EXTRA_LANG_INFO)
LOCALE_PATHS = [Path(__file__).parent / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [Path(__file__).parent / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Plain copies: compressing every admin and Swagger file cost half a minute of each first start.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests and 'runserver' read static files from the apps without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Behind HTTPS (CITYBRIDGE_HTTPS=1, set by deploy.md's proxy set-up) cookies never travel in clear.
HTTPS = os.environ.get("CITYBRIDGE_HTTPS", "") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CITYBRIDGE_TRUSTED_ORIGINS", "").split(",") if o]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REDIS_URL = os.environ.get("REDIS_URL", "")


def _caches() -> dict:
    # The login rate limit counts across processes: Redis when there is one, else files in the data
    # folder (shared by the server's worker processes on one machine).
    if REDIS_URL:
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    }


CACHES = _caches()
# Background jobs (reports, booklets): a Redis queue served by 'citybridge worker' when REDIS_URL is
# set, else a thread inside the web process. CITYBRIDGE_JOBS=sync runs them at once (tests).
JOBS = os.environ.get("CITYBRIDGE_JOBS", "redis" if REDIS_URL else "thread")
JOBS_DIR = DATA_DIR / "jobs"
JOBS_QUEUE = os.environ.get("CITYBRIDGE_JOBS_QUEUE", "citybridge")
# Submissions sent over HTTP: checked and stored together by a writer thread ("batched"), or each in
# its sender's thread ("direct": the tests, whose transaction another thread cannot see).
SUBMISSION_INTAKE = os.environ.get("CITYBRIDGE_SUBMISSION_INTAKE", "batched")
# The largest request body taken (files sent in a form are not counted): one submission is a few
# kilobytes. A larger body is answered 413 with this limit and this setting's name.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("CITYBRIDGE_MAX_REQUEST_BYTES", str(2_621_440)))
LOGIN_ATTEMPTS = int(os.environ.get("CITYBRIDGE_LOGIN_ATTEMPTS", "5"))  # per user name and address, 15 min

# Every log-in (site, admin) checks passwords through the log-in limit (accounts/ratelimit.py).
AUTHENTICATION_BACKENDS = ["citybridge.web.accounts.backends.LimitedModelBackend"]

from citybridge.web.mail_settings import *  # noqa: E402, F403  (e-mail and webhooks, from the environment)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Errors go to the server's own output (granian's log), never to the visitor: a 500 page says
# nothing of the code, the log says everything.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
