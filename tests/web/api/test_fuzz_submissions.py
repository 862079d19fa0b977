"""Random submissions, good and bad, sent at once from several threads to a running server: every
valid one is stored exactly once, every invalid one is refused with a 4xx, none gets a 5xx.

Hypothesis draws rounds of submissions; each is valid or spoilt in one way known to make it
invalid (a lone surrogate, a NUL, NaN, a huge number, a wrong type, a missing required answer,
bytes that are not UTF-8...). Optional fields (``submitted_at``, ``age``, ``comment``, ``cities``)
come and go. A round's submissions are sent together, so the server's writer takes them in one
batch, as it would take strangers' submissions arriving at the same moment.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.served import running, served_store

# Any text but NUL and lone surrogates: those are among the spoilers below.
TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=80)
WHEN = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC))


@st.composite
def valid_answers(draw) -> dict:
    answers = {
        "materials": draw(st.sampled_from(["excellent", "good", "poor"])),
        "expected": draw(st.sampled_from(["agree", "disagree"])),
        "china": draw(st.sampled_from(["yes", "no"])),
    }
    if draw(st.booleans()):
        answers["age"] = draw(st.integers(18, 90))
    if draw(st.booleans()):
        answers["comment"] = draw(TEXT)
    if answers["china"] == "yes" and draw(st.booleans()):
        answers["cities"] = draw(
            st.lists(st.sampled_from(["shanghai", "beijing", "urumqi"]), min_size=1, unique=True)
        )
    return answers


def _with(**changes):
    return lambda body: {**body, "answers": {**body["answers"], **changes}}


def _without(name):
    return lambda body: {**body, "answers": {k: v for k, v in body["answers"].items() if k != name}}


# Each turns a valid body into one that must be refused.
SPOILERS = {
    "lone surrogate": _with(comment="before \ud800 after"),
    "lone surrogate in a key": _with(**{"\udc80": "x"}),
    "NUL": _with(comment="a\x00b"),
    "NaN": _with(age=float("nan")),
    "Infinity": _with(age=float("inf")),
    "huge number": _with(age=10**40),
    "huge float": _with(age=1e308),
    "age below the constraint": _with(age=5),
    "wrong type: text for a number": _with(age="eleven"),
    "wrong type: object for a choice": _with(materials={"a": 1}),
    "not a choice": _with(materials="superb"),
    "missing required answer": _without("materials"),
    "unknown question": _with(nonexistent="1"),
    "answers not an object": lambda body: {**body, "answers": ["excellent"]},
    "instance id not text": lambda body: {**body, "instance_id": 12345},
    "instance id too long": lambda body: {**body, "instance_id": "x" * 201},
    "submitted_at not a time": lambda body: {**body, "submitted_at": "0"},
}
RAW_SPOILERS = {  # bodies that are not JSON text at all
    "not UTF-8": lambda text: text.replace(b'"answers"', b'"answers\xff"'),
    "cut short": lambda text: text[: len(text) // 2],
}
ids = itertools.count()


@st.composite
def submissions(draw) -> tuple[bytes, str | None, str | None]:
    """(body, the stored instance id if valid, the spoiler's name if not)."""
    instance_id = f"fuzz-{next(ids)}"
    body = {"instance_id": instance_id, "answers": draw(valid_answers())}
    if draw(st.booleans()):
        body["submitted_at"] = draw(WHEN).isoformat(timespec="seconds")
    spoiler = draw(st.sampled_from([None, None, *SPOILERS, *RAW_SPOILERS]))
    if spoiler in SPOILERS:
        body = SPOILERS[spoiler](body)
    text = json.dumps(body).encode()  # NaN and Infinity written as Python does, as a careless client would
    if spoiler in RAW_SPOILERS:
        text = RAW_SPOILERS[spoiler](text)
    return text, (instance_id if spoiler is None else None), spoiler


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    with (
        served_store(folder / "data") as store,
        running(store, folder / "serve.log", workers=2, threads=4) as served,
    ):
        yield served


def test_random_submissions_sent_together_are_stored_once_if_valid_and_refused_with_4xx_if_not(server):
    valid: Counter[str] = Counter()
    wrong: list[str] = []

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(submissions(), min_size=1, max_size=12))
    def round_of(sent):
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda one: server.post_submission(one[0]), sent))
        for (body, instance_id, spoiler), (status, reply) in zip(sent, answers, strict=True):
            if instance_id is not None:
                valid[instance_id] += 1
                if status not in (200, 201):
                    wrong.append(f"valid {body[:200]!r} got {status}: {reply[:300]!r}")
            elif not 400 <= status < 500:
                wrong.append(f"{spoiler}: {body[:200]!r} got {status}: {reply[:300]!r}")

    round_of()
    assert not wrong, "\n".join(wrong[:10])
    stored = Counter(server.stored_ids())
    assert set(stored) == set(valid), (
        f"lost: {set(valid) - set(stored)}; unexpected: {set(stored) - set(valid)}"
    )
    assert max(stored.values()) == 1
