"""Lookups kept in this process for a few seconds: what the busiest requests read the same way.

Under load the submission API is asked hundreds of times a second for the same token and the
same survey, and the dashboard for the same training; reading them from the store costs more than
the rest of the call (the ORM builds each query afresh, and on SQLite every query lets go of the
interpreter lock, then waits to get it back behind the other server threads). A :class:`Recent`
keeps what a lookup found for ``KEPT_SECONDS``. It names the models its values come from: saving
or deleting one of them in this process forgets at once; a change made by another server process
is seen within ``KEPT_SECONDS``. What a lookup did not find is never kept: a token just issued
works at once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

from django.db.models.signals import post_delete, post_save

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
KEPT_SECONDS = 5.0
_everything: list[Recent] = []


class Recent(Generic[K, V]):
    """At most ``size`` values, each for ``seconds`` after it was read, all forgotten when this
    process saves or deletes a row of ``made_of`` (the models the values are read from)."""

    def __init__(self, made_of: Iterable[type], seconds: float = KEPT_SECONDS, size: int = 1024) -> None:
        self.seconds, self.size = seconds, size
        self._values: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()
        for model in made_of:
            post_save.connect(self.forget, sender=model, weak=False)
            post_delete.connect(self.forget, sender=model, weak=False)
        _everything.append(self)

    def get(self, key: K, look_up: Callable[[], V | None]) -> V | None:
        now = time.monotonic()
        with self._lock:
            kept = self._values.get(key)
            if kept is not None and kept[0] > now:
                return kept[1]
        value = look_up()
        if value is not None:
            with self._lock:
                self._values[key] = (now + self.seconds, value)
                self._values.move_to_end(key)
                while len(self._values) > self.size:
                    self._values.popitem(last=False)
        return value

    def forget(self, *_: object, **__: object) -> None:
        """Forget every value (signature of a Django signal receiver)."""
        with self._lock:
            self._values.clear()


def forget_everything() -> None:
    """Every :class:`Recent` of this process forgets (tests, whose ids repeat from test to test)."""
    for recent in _everything:
        recent.forget()
