"""Work done once per Form object and kept with it: a form is immutable, so what is derived from it
(the header index, the validation plan) need not be built again for every submission."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from citybridge.forms.model import Form

T = TypeVar("T")
_MEMO = "_citybridge_memo"


def per_form(form: Form, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``'s result for ``form`` and ``key``, built on first use.

    Kept in the instance's own ``__dict__`` (a frozen dataclass refuses attribute assignment, not
    that), so it lives and dies with the form; two threads may both build it once, harmlessly.
    """
    memo = form.__dict__.get(_MEMO)
    if memo is None:
        memo = form.__dict__.setdefault(_MEMO, {})
    found = memo.get(key)
    if found is None:
        found = memo.setdefault(key, build())
    return found
