"""What the CLI and the API say to a person, written once so the two cannot drift apart.

As pyxform keeps its errors in one module, every message here is a named English template with
``{named}`` values; :func:`say` translates it through the core's gettext catalogues
(``reports/locale/<lang>/LC_MESSAGES/citybridge.po``, kept by ``scripts/messages.py``, which the
report uses too) and fills the values in. Values (file names, slugs, commands) are never translated.
The CLI speaks English; the API speaks the language of the request's ``Accept-Language``.
"""

from __future__ import annotations

from functools import cache

from citybridge.reports.i18n import Translator


def gettext(message: str) -> str:
    """Marks a template for the extractor (``scripts/messages.py``); :func:`say` translates it on use."""
    return message


# A command a message tells the person to run: the same words in every language.
TOKEN_COMMAND = "citybridge token create NAME --training SLUG"

# The store and the files the CLI reads.
STORE_NOT_READY = gettext("the store is not set up (or not up to date): run 'citybridge init' first.")
NO_SUCH_FILE = gettext("{path}: no such file or folder.")
DAY_AS_ISO = gettext("--as-of '{text}': write the day as YYYY-MM-DD, e.g. 2020-11-10.")

# All-or-nothing: what was refused, and that nothing was stored or changed.
FILE_REJECTED = gettext(
    "{file}: {problems} problem(s) in {rows} row(s); nothing was stored. "
    "Fix the file, or use --skip-invalid to store the valid rows."
)
LIST_REJECTED = gettext(
    "{file}: {problems} problem(s); nothing was stored. Fix the file, or use --skip-invalid to store the valid rows."
)
SUBMISSION_REJECTED = gettext("the submission does not fit the form; nothing was stored")
REQUEST_REJECTED = gettext("the request does not fit this endpoint; nothing was changed")
CHANGE_REFUSED = gettext("{reason}; nothing was changed")
FILES_REFUSED = gettext("the files sent do not match the submission's media answers; nothing was stored")
NO_SUBMISSION_PART = gettext(
    "send multipart/form-data with the submission's JSON in a part named 'submission' and each file in a "
    "part whose file name is the answer's value"
)
SUBMISSION_PART_NOT_JSON = gettext("the 'submission' part is not a submission's JSON: {error}")

# API tokens: issued by the CLI, asked for by the API.
TOKEN_SCOPES = gettext("--scope '{scope}': choose read (GET requests only) or write.")
NO_TOKEN = gettext("no token")
UNKNOWN_TOKEN = gettext("the token given is not known (revoked or mistyped)")
HOW_TO_GET_A_TOKEN = gettext(
    "{given}: send 'Authorization: Bearer <token>'; an organiser issues a token with "
    "'{command}' (add '--scope read' for a read-only one)"
)
READ_TOKEN = gettext(
    "the token '{name}' has the read scope; {method} needs a write token ('{command} --scope write')"
)

# What the API cannot find for a token's organisation, and where to look instead.
NO_TRAINING = gettext("no training '{slug}' for this token's organisation; GET /api/v1/trainings lists them")
NO_SURVEY = gettext(
    "no survey {survey} for this token's organisation; GET /api/v1/trainings/{{slug}}/surveys lists them"
)
NO_LEAD = gettext(
    "no lead {lead} for this token's organisation; GET /api/v1/trainings/{{slug}}/leads lists them"
)
NOTHING_AT = gettext("nothing at {path}; the endpoints are listed at /api/v1/docs")

# Failures nobody planned for: the person gets words, never a stack trace.
UNEXPECTED = gettext("unexpected {kind}: {error}")
RUN_WITH_DEBUG = gettext("Run again with CITYBRIDGE_DEBUG=1 to see the details, and report it.")
SERVER_FAILED = gettext("the server could not handle this request; nothing was stored")


def say(message: str, language: str = "en", /, **values: object) -> str:
    """``message`` (one of this module's templates) in ``language``, with ``values`` filled in."""
    return _translator(language).gettext(message).format(**values)


@cache
def _translator(language: str) -> Translator:
    return Translator(language)
