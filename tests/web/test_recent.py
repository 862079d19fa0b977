"""Recent: lookups kept in a process for a few seconds, never what was not found."""

from __future__ import annotations

import pytest

from citybridge.web import recent
from citybridge.web.recent import Recent, forget_everything


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    ticking = Clock()
    monkeypatch.setattr(recent.time, "monotonic", ticking)
    return ticking


class Store:
    """Counts how often the store is asked."""

    def __init__(self, value) -> None:
        self.value, self.asked = value, 0

    def __call__(self):
        self.asked += 1
        return self.value


def test_a_value_found_is_kept_for_its_seconds_then_looked_up_again(clock):
    kept, store = Recent(made_of=(), seconds=5), Store("token of UNDP")
    assert kept.get("digest", store) == "token of UNDP"
    clock.now += 4.9
    assert kept.get("digest", store) == "token of UNDP"
    assert store.asked == 1
    clock.now += 0.2
    kept.get("digest", store)
    assert store.asked == 2


def test_nothing_found_is_never_kept(clock):
    kept, store = Recent(made_of=(), seconds=5), Store(None)
    assert kept.get("unknown", store) is None
    assert kept.get("unknown", store) is None
    assert store.asked == 2


def test_forget_makes_the_next_lookup_read_the_store(clock):
    kept, store = Recent(made_of=(), seconds=5), Store(42)
    kept.get("survey 1", store)
    kept.forget()
    kept.get("survey 1", store)
    assert store.asked == 2


def test_forget_everything_reaches_every_recent_of_the_process(clock):
    first, second, store = Recent(made_of=(), seconds=5), Recent(made_of=(), seconds=5), Store("x")
    first.get("a", store), second.get("b", store)
    forget_everything()
    first.get("a", store), second.get("b", store)
    assert store.asked == 4


def test_the_oldest_values_leave_when_it_is_full(clock):
    kept, store = Recent(made_of=(), seconds=60, size=2), Store("v")
    for key in ("a", "b", "c"):
        kept.get(key, store)
    kept.get("c", store), kept.get("b", store)
    assert store.asked == 3
    kept.get("a", store)
    assert store.asked == 4


def test_saving_or_deleting_a_row_it_is_made_of_forgets(db, clock):
    from citybridge.web.trainings.models import Organisation, Training

    kept, store = Recent(made_of=(Organisation,), seconds=60), Store("v")
    kept.get("key", store)
    office = Organisation.objects.create(name="UN office", slug="un-office")
    kept.get("key", store)
    assert store.asked == 2  # the save forgot
    Training.objects.create(organisation=office, title="Another", slug="another").delete()
    kept.get("key", store)
    assert store.asked == 2  # not a model it is made of
    office.delete()
    kept.get("key", store)
    assert store.asked == 3
