"""Outbound events are signed so that a receiver can tell them from forgeries and replays."""

from __future__ import annotations

import hashlib
import hmac

from hypothesis import given
from hypothesis import strategies as st

from citybridge.followup.signing import backoff, signature, verify


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body():
    expected = hmac.new(b"s3cret", b"1700000000.{}", hashlib.sha256).hexdigest()
    assert signature("s3cret", b"{}", 1700000000) == f"t=1700000000,v1={expected}"


@given(st.binary(max_size=200), st.text(min_size=1, max_size=20))
def test_a_signature_verifies_with_its_secret_only_and_not_for_another_body(body, secret):
    header = signature(secret, body, 1700000000)
    assert verify(secret, body, header, now=1700000010)
    assert not verify(secret + "x", body, header, now=1700000010)
    assert not verify(secret, body + b"x", header, now=1700000010)


def test_an_old_signature_is_refused_as_a_replay():
    header = signature("k", b"{}", 1700000000)
    assert not verify("k", b"{}", header, now=1700000000 + 301)


def test_back_off_doubles_up_to_its_cap():
    assert [backoff(n, 2.0, cap=10) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 10]
