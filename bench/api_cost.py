"""What one API submission costs in-process: CPU and wall ms, and SQL statements, per submission.

A busy machine makes wrk's figures (bench/web.py) hard to compare between two versions of the
code; the CPU time of the same submissions in one process is steadier. This posts N submissions of
the example training (new instance ids, no submitted-at time, as bench/web.py sends them) through
Django's test client, after 50 of warm-up, into a fresh SQLite store in a temporary folder, with
the API's batched intake as the server runs it. Run it from each checkout to compare, interleaved:

    uv run python bench/api_cost.py                # 2,000 submissions: ms per submission
    uv run python bench/api_cost.py --statements   # SQL statements per submission (direct intake)
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 50  # the first submissions read the form and build its checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="submissions timed")
    parser.add_argument("--statements", action="store_true", help="count SQL statements instead of timing")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="api-cost-") as folder:
        os.environ["CITYBRIDGE_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)
        post, count = _poster(options.statements)
        for i in range(WARM_UP):
            post(i)
        if options.statements:
            print(_statements(post, options.n))
        else:
            wall, cpu = time.perf_counter(), time.process_time()
            for i in range(WARM_UP, WARM_UP + options.n):
                post(i)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"{options.n} submissions: {wall / options.n * 1000:.3f} ms wall, {cpu / options.n * 1000:.3f} ms CPU each"
            )
        stored = count()
        if stored != WARM_UP + options.n:
            print(f"stored {stored}, expected {WARM_UP + options.n}", file=sys.stderr)
            return 1
    return 0


def _poster(direct: bool):
    from citybridge.web import bootstrap

    bootstrap.migrate()
    from django.conf import settings
    from django.test import Client

    from citybridge.web.api.models import ApiToken
    from citybridge.web.example import load_training_folder

    if direct:  # in this thread, so that its connection sees the statements
        settings.SUBMISSION_INTAKE = "direct"
    loaded = load_training_folder(ROOT / "examples" / "uzbekistan-2020")
    answer_sets = [s.answers for s in loaded.survey.submissions.order_by("pk")]
    _, token = ApiToken.issue(loaded.training.organisation, "api-cost")
    client, url = Client(), f"/api/v1/surveys/{loaded.survey.pk}/submissions"
    before = loaded.survey.submissions.count()

    def post(i: int) -> None:
        body = json.dumps({"instance_id": f"cost-{i}", "answers": answer_sets[i % len(answer_sets)]})
        answer = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
        if answer.status_code != 201:
            raise SystemExit(f"submission {i} answered {answer.status_code}: {answer.content[:300]!r}")

    return post, lambda: loaded.survey.submissions.count() - before


def _statements(post, n: int) -> str:
    from django.db import connection

    seen: list[str] = []
    connection.ensure_connection()
    connection.connection.set_trace_callback(seen.append)  # raw cursors too, which Django's log misses
    for i in range(WARM_UP, WARM_UP + n):
        post(i)
    connection.connection.set_trace_callback(None)
    kinds = collections.Counter(" ".join(statement.split()[:2]) for statement in seen)
    return f"{len(seen) / n:.2f} SQL statements per submission: " + ", ".join(
        f"{k} ×{v}" for k, v in kinds.most_common()
    )


if __name__ == "__main__":
    sys.exit(main())
