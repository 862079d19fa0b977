"""Nothing acknowledged is lost when the server is killed: submissions are POSTed from several
threads to a running ``citybridge serve`` while its whole process group is killed with SIGKILL
three times and started again at once. Every submission answered 201 (or 200, already present)
is stored, exactly once; one cut off unanswered is sent again, as a client would, and is stored
once too. Loopback only, on ephemeral ports; bounded: three kills, 1.5 s of load between them, and
at most 60 s for each start (no time is asserted: speed is the benchmarks' business)."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections import Counter

from tests.web.served import running, served_store

SENDERS = 4
KILLS = 3
LOAD_SECONDS = 1.5  # of submissions between two kills
ANSWERS = {"materials": "good", "expected": "agree", "china": "yes", "cities": ["beijing"], "age": 44}


class Sender(threading.Thread):
    """Sends submissions one after another; one without an answer is sent again until answered."""

    def __init__(self, server, number: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.server, self.number, self.stop = server, number, stop
        self.acknowledged: list[str] = []
        self.unexpected: list[str] = []

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            instance_id = f"crash-{self.number}-{n}"
            body = json.dumps({"instance_id": instance_id, "answers": ANSWERS}).encode()
            while not self.stop.is_set():
                try:
                    status, reply = self.server.post_submission(body)
                except (OSError, http.client.HTTPException):  # down, or killed mid-reply: send it again
                    time.sleep(0.05)
                    continue
                if status in (200, 201):
                    self.acknowledged.append(instance_id)
                    break
                if status >= 500 or status in (400, 422):
                    self.unexpected.append(f"{instance_id}: {status} {reply[:200]!r}")
                    break
                time.sleep(0.05)  # 503 and the like while a worker starts: try again
            n += 1


def test_submissions_acknowledged_before_a_kill_9_are_all_stored_once(tmp_path):
    started = time.monotonic()
    with (
        served_store(tmp_path / "data") as store,
        running(store, tmp_path / "serve.log", workers=1) as server,
    ):
        stop = threading.Event()
        senders = [Sender(server, number, stop) for number in range(SENDERS)]
        for sender in senders:
            sender.start()
        for _ in range(KILLS):
            time.sleep(LOAD_SECONDS)
            server.kill()  # SIGKILL to granian and its workers, mid-request
            server.start()  # at once (on a fresh port: the senders follow server.port), 60 s at most
        time.sleep(LOAD_SECONDS)
        stop.set()
        for sender in senders:
            sender.join(timeout=30)
        stored = Counter(server.stored_ids())
    acknowledged = [i for sender in senders for i in sender.acknowledged]
    assert [u for sender in senders for u in sender.unexpected] == []
    assert len(acknowledged) > 50, "too little load to mean anything"
    lost = set(acknowledged) - set(stored)
    duplicated = [i for i, count in stored.items() if count > 1]
    assert (sorted(lost), duplicated) == ([], [])
    print(
        f"{len(acknowledged)} acknowledged, {sum(stored.values())} stored, in {time.monotonic() - started:.0f} s"
    )
