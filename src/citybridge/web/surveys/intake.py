"""Submissions that arrive one at a time over HTTP, checked and stored together.

Under load the API receives many single submissions at once. Alone, each would pay the fixed
costs of a Polars query to check it and of a transaction, which on SQLite holds the store's only
write lock while the other processes wait for it. The intake hands them to one writer thread per
process: it takes every submission waiting, checks them as one batch through the same path as
every import (``from_payloads``, ``store.prepare``) and stores the valid ones in one transaction
with an INSERT per row that leaves known instance ids out (``bulk.insert_each``); each sender
then gets its own answer: created, already present, or its problems. A lone submission is taken
at once: nothing waits for company.

``settings.SUBMISSION_INTAKE = "direct"`` stores in the caller's thread instead (the tests: their
transaction is not visible to another thread).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from citybridge.submissions import Problem
from citybridge.submissions.batch import ROW
from citybridge.submissions.sources import from_payloads
from citybridge.web.surveys import bulk
from citybridge.web.surveys.models import FormVersion, Survey
from citybridge.web.surveys.store import prepare

CREATED, PRESENT, REJECTED, FAILED = "created", "already present", "rejected", "failed"
MAX_BATCH = 256
WAIT_SECONDS = 60
log = logging.getLogger("citybridge.intake")


@dataclass
class Outcome:
    status: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Pending:
    survey: Survey
    version: FormVersion
    payload: dict[str, Any]
    source: str
    source_name: str
    done: threading.Event = field(default_factory=threading.Event)
    outcome: Outcome | None = None


def submit(survey: Survey, version: FormVersion, payload: dict[str, Any], *, source: str, source_name: str) -> Outcome:
    """Check and store one submission; its outcome once it is in the store (or refused)."""
    pending = _Pending(survey, version, payload, source, source_name)
    if settings.SUBMISSION_INTAKE == "direct":
        _store_together([pending])
    else:
        _writer().put(pending)
        if not pending.done.wait(WAIT_SECONDS):
            return Outcome(FAILED, [Problem(source_name, 1, None, None, "the store did not answer in time")])
    assert pending.outcome is not None
    return pending.outcome


class _Writer:
    def __init__(self) -> None:
        self.waiting: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()  # None: stop
        self.thread = threading.Thread(target=self._run, name="citybridge-intake", daemon=True)
        self.thread.start()

    def put(self, pending: _Pending) -> None:
        self.waiting.put(pending)

    def stop(self) -> None:
        self.waiting.put(None)
        self.thread.join()

    def _run(self) -> None:
        while True:
            taken, stopping = self._take()
            if taken:
                self._store(taken)
            if stopping:
                connections.close_all()  # its own connections: no other thread can close them
                return

    def _take(self) -> tuple[list[_Pending], bool]:
        """Every submission waiting (one at least, unless told to stop), and whether to stop."""
        first = self.waiting.get()
        if first is None:
            return [], True
        taken = [first]
        while len(taken) < MAX_BATCH:
            try:
                pending = self.waiting.get_nowait()
            except queue.Empty:
                break
            if pending is None:
                return taken, True
            taken.append(pending)
        return taken, False

    def _store(self, taken: list[_Pending]) -> None:
        try:
            _store_together(taken)
        except Exception:  # a writer that dies would leave every later sender waiting
            log.exception("storing %d submissions failed", len(taken))
            for pending in taken:
                if pending.outcome is None:
                    reason = "the server could not store it; nothing was stored"
                    pending.outcome = Outcome(FAILED, [Problem(pending.source_name, 1, None, None, reason)])
            connections.close_all()  # a broken connection is opened afresh for the next batch
        finally:
            for pending in taken:
                pending.done.set()


_the_writer: _Writer | None = None
_starting = threading.Lock()


def _writer() -> _Writer:
    global _the_writer
    with _starting:
        if _the_writer is None:
            _the_writer = _Writer()
        return _the_writer


def stop() -> None:
    """Let the writer store what it holds, close its database connection and end; the next
    submission starts a new one. (Tests: a database cannot be dropped while a connection is open.)"""
    global _the_writer
    with _starting:
        writer, _the_writer = _the_writer, None
    if writer is not None:
        writer.stop()


def _store_together(taken: list[_Pending]) -> None:
    groups: dict[tuple, list[_Pending]] = defaultdict(list)
    for pending in taken:
        groups[(pending.survey.pk, pending.version.pk, pending.source, pending.source_name)].append(pending)
    for group in groups.values():
        _store_group(group)


def _store_group(group: list[_Pending]) -> None:
    first = group[0]
    form = first.version.form()
    raw = from_payloads(form, [(row, p.payload) for row, p in enumerate(group, start=1)], source=first.source_name)
    prepared = prepare(form, raw)
    validated = prepared.validated
    problems: dict[int, list[Problem]] = defaultdict(list)
    for problem in validated.problems:
        problems[problem.row or 1].append(problem)
    for row, pending in enumerate(group, start=1):
        if row in problems:
            pending.outcome = Outcome(REJECTED, problems[row])
    with transaction.atomic():
        new = bulk.insert_each(
            first.survey, first.version, prepared.rows, source=first.source, source_name=first.source_name,
            received_at=timezone.now(),
        )  # fmt: skip
    # The INSERT told, row by row, which came first with its instance id.
    for row, is_new in zip(validated.frame[ROW], new, strict=True):
        group[row - 1].outcome = Outcome(CREATED if is_new else PRESENT)
