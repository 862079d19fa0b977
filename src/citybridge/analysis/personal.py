"""Personal data in a survey's answers, and the pseudonymised copy an analyst sees.

Which answers are personal is decided by one rule over the form, so it is the same on every page
and in every export:

- a question whose name, split at ``_``, ``-`` or ``/``, contains one of PERSONAL_WORDS (name,
  surname, email, phone, ...), or whose XLSForm type is one of ODK's personal metadata types or a
  place (geopoint, geotrace, geoshape); the
  city question is not personal (an analysis by city needs it);
- any question the indicators file lists under ``personal_questions``.

A personal answer is replaced by the pseudonym of the registered participant it names (the same
``P-0007`` the participants page shows) or else by a keyed hash (``anon-3f9a1c2b``): equal
answers get equal pseudonyms, so rows can still be counted and linked, but the answer cannot be
read back without the key. Free-text answers keep their text with every registered participant's
name, e-mail and phone replaced by the participant's pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

import polars as pl

from citybridge.analysis.compute import city_question
from citybridge.analysis.spec import IndicatorSpec
from citybridge.forms.model import GEO_TYPES, TEXT, Form

PERSONAL_WORDS = frozenset(
    {
        "name", "fullname", "firstname", "lastname", "surname", "fio", "email", "mail", "phone",
        "telephone", "tel", "mobile", "whatsapp", "telegram", "contact", "address", "passport",
    }
)  # fmt: skip
# XLSForm types (as the survey sheet writes them) whose answers identify a person or a device, and
# places: a respondent's position is as telling as a name.
PERSONAL_TYPES = frozenset(
    {"email", "phonenumber", "phone number", "username", "deviceid", "subscriberid", "simserial", "imei",
     "uri:email", "uri:phonenumber", "uri:username", "uri:deviceid", "uri:subscriberid", "uri:simserial",
     *GEO_TYPES, "gps", "location", "start-geopoint", "background-geopoint"}
)  # fmt: skip
MIN_KNOWN_LENGTH = 3  # shorter registered values ("Li") would be replaced inside ordinary words


def personal_questions(form: Form, spec: IndicatorSpec) -> tuple[str, ...]:
    """The names of the questions whose answers identify a person, in form order."""
    city = city_question(form, spec)
    marked = set(spec.personal_questions)
    found = []
    for question in form.answer_questions:
        words = set(re.split(r"[_\-/]+", question.name.lower()))
        by_rule = bool(words & PERSONAL_WORDS) or {question.type, question.source_type} & PERSONAL_TYPES
        if question.name in marked or (by_rule and (city is None or question.name != city.name)):
            found.append(question.name)
    return tuple(found)


def pseudonymise(
    form: Form,
    frame: pl.DataFrame,
    personal: tuple[str, ...],
    known: Mapping[str, str],
    key: bytes,
) -> pl.DataFrame:
    """``frame`` with personal answers replaced by pseudonyms and known people named in free text
    replaced by theirs. ``known`` maps a participant's name, e-mail or phone to their pseudonym."""
    lookup = {_normal(value): alias for value, alias in known.items() if value and value.strip()}
    changed = [_pseudonyms(frame.get_column(name), lookup, key) for name in personal if name in frame.columns]
    texts = [
        q.name
        for q in form.answer_questions
        if q.type == TEXT and q.name not in personal and q.name in frame.columns
    ]
    mentions = {value: alias for value, alias in known.items() if len(value.strip()) >= MIN_KNOWN_LENGTH}
    if mentions and texts:
        # Longest first, so "Dilnoza Karimova" is replaced whole before "Dilnoza" could be.
        patterns = sorted(mentions, key=len, reverse=True)
        replacements = [mentions[p] for p in patterns]
        changed += [
            pl.col(name).str.replace_many(patterns, replacements, ascii_case_insensitive=True)
            for name in texts
        ]
    return frame.with_columns(changed) if changed else frame


def _pseudonyms(column: pl.Series, lookup: dict[str, str], key: bytes) -> pl.Series:
    """Each distinct answer is hashed once: 100,000 rows of a few hundred people cost a few hundred hashes."""
    text = column.cast(pl.Utf8) if column.dtype != pl.List(pl.Utf8) else column.list.join(", ")
    distinct = text.drop_nulls().unique().to_list()
    mapping = {value: lookup.get(_normal(value)) or _keyed(value, key) for value in distinct}
    return text.replace_strict(mapping, default=None, return_dtype=pl.Utf8).alias(column.name)


def _keyed(value: str, key: bytes) -> str:
    digest = hmac.new(key, _normal(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return f"anon-{digest[:8]}"


def _normal(value: str) -> str:
    return " ".join(value.split()).casefold()
