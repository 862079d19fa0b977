"""Web benchmark: the dashboard and the submission API under 32 concurrent clients on 127.0.0.1.

Targets on a 2-core machine, SQLite store, with 100,000 stored submissions of the example survey:

1. the organiser dashboard (`/t/<training>/dashboard/`): p95 latency at most 150 ms;
2. submission POSTs (`/api/v1/surveys/<id>/submissions`, new instance ids, validated and stored):
   at least 500 per second sustained for 60 s with p99 at most 200 ms;
3. zero lost or duplicated submissions: after the run, every 201 answer has its row (the rows
   added are the 201 answers plus at most one in-flight request per connection each time wrk
   stopped), no request failed, and every instance id is stored once.

What one run does:

1. makes a fresh SQLite store (bench/out/web-store), loads the example training as the demo does,
   and copies its submissions' answers into 100,000 stored submissions (new instance ids, arrival
   times spread over the survey's weeks), an organiser account and an API token;
2. starts `citybridge serve` as a child process (granian, the same command a user runs) on a free
   port of 127.0.0.1, and logs in as the organiser;
3. baseline, same run and server: the login page (no database work) under the same 32
   connections, so the figures below can be read against what the server does for nothing;
4. the dashboard under 32 connections (wrk, 20 s), after warm-up requests that let every server
   process compute the figures it then keeps until the data change;
5. submission POSTs under 32 connections (wrk with a Lua script giving each request a new
   instance id and one of the example's real answer sets): 5 s of warm-up (each server process
   reads the form and builds its checks on its first submission; printed, not judged), then 60 s;
6. stops the server, counts and compares the stored submissions, prints every figure with
   PASS/FAIL and adds a row to the "Web" section of docs/benchmarks.md.

    uv run python bench/web.py                  # the full run (about 2 minutes)
    uv run python bench/web.py --rows 10000 --seconds 10   # a quick run, not recorded
    uv run python bench/web.py --check          # exit 1 when a target is missed

Needs `wrk` (Debian package wrk). Traffic goes to 127.0.0.1 only; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from common import machine, machine_text, record  # noqa: E402

EXAMPLE = ROOT / "examples" / "uzbekistan-2020"
OUT = Path(__file__).parent / "out"
CONNECTIONS = 32
TARGET_DASHBOARD_P95_MS = 150.0
TARGET_POSTS_PER_S = 500.0
TARGET_POST_P99_MS = 200.0
PASSWORD = "bench-password-not-secret-42"
# Each server process reads the survey's form and builds its checks on its first submission: the
# first second after a start is slower. The targets are for the sustained load after it.
WARM_UP_SECONDS = 5

SECTION = "## Web: `bench/web.py`"
TABLE_HEADER = (
    "| date | machine | command | stored | baseline req/s (p95 ms) | dashboard req/s | dashboard p95 ms "
    "| POST/s | POST p99 ms | created / stored / failed | result |"
)
SECTION_INTRO = f"""{SECTION}

`citybridge serve` (granian, SQLite) with the example training and N stored submissions, {CONNECTIONS}
concurrent connections from wrk on 127.0.0.1. Targets at 100,000 stored submissions on 2 cores:
dashboard p95 ≤ {TARGET_DASHBOARD_P95_MS:g} ms; submission POSTs ≥ {TARGET_POSTS_PER_S:g}/s sustained for 60 s with
p99 ≤ {TARGET_POST_P99_MS:g} ms after {WARM_UP_SECONDS} s of warm-up; no submission lost or duplicated (*created / stored /
failed*: 201 answers, rows added, requests that failed, warm-up included). The baseline is the login page (no database work) on the same server in
the same run. The load generator runs on the same 2 cores as the server. See `bench/README.md`.

{TABLE_HEADER}
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
"""


# ---------------------------------------------------------------------------- the store


def prepare_store(folder: Path, rows: int) -> dict:
    """A fresh store with the example training and ``rows`` submissions; returns what the load needs."""
    shutil.rmtree(folder, ignore_errors=True)
    os.environ["CITYBRIDGE_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    from citybridge.web import bootstrap

    bootstrap.migrate()
    from citybridge.web.accounts.people import create_user
    from citybridge.web.api.models import ApiToken
    from citybridge.web.example import load_training_folder

    loaded = load_training_folder(EXAMPLE)
    answer_sets = copy_submissions(loaded.survey, rows)
    organisation = loaded.training.organisation
    create_user("bench-organiser", PASSWORD, organisation=organisation.slug, role="organiser")
    _, token = ApiToken.issue(organisation, "bench")
    from django.db import connections

    connections.close_all()
    return {
        "training": loaded.training.slug,
        "survey": loaded.survey.pk,
        "token": token,
        "answer_sets": answer_sets,
    }


def copy_submissions(survey, rows: int) -> list[dict]:
    """Store ``rows`` submissions whose answers are the example's own, under new instance ids."""
    from django.db import transaction

    from citybridge.web.surveys.models import Submission

    originals = list(survey.submissions.order_by("pk"))
    have = len(originals)
    batch: list[Submission] = []
    with transaction.atomic():
        for n in range(have, rows):
            source = originals[n % have]
            batch.append(
                Submission(
                    survey=survey,
                    form_version=source.form_version,
                    instance_id=f"bench-{n:07d}",
                    answers=source.answers,
                    submitted_at=source.submitted_at + dt.timedelta(seconds=n % 86_400),
                    received_at=source.received_at,
                    source=Submission.Source.IMPORT,
                    source_name="bench",
                )
            )
            if len(batch) == 5_000:
                Submission.objects.bulk_create(batch)
                batch = []
        Submission.objects.bulk_create(batch)
    return [s.answers for s in originals]


def stored_counts(survey_id: int) -> tuple[int, int]:
    from django.db.models import Count

    from citybridge.web.surveys.models import Submission

    rows = Submission.objects.filter(survey_id=survey_id)
    distinct = rows.aggregate(n=Count("instance_id", distinct=True))["n"]
    return rows.count(), distinct


# ---------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CITYBRIDGE_DEBUG", "REDIS_URL")}
    env["CITYBRIDGE_DATA_DIR"] = str(folder)
    command = [sys.executable, "-c", "from citybridge.entry import main; main()", "serve", "--port", str(port)]
    command += ["--workers", str(workers)] if workers else []
    command += ["--threads", str(threads)] if threads else []
    log = (OUT / "web-server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start-up; see {OUT / 'web-server.log'}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("the server did not answer within 120 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def session_cookie(base: str) -> str:
    """Log in through the login form, as a browser would; returns the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{base}/accounts/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode({"username": "bench-organiser", "password": PASSWORD}).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=form, headers={"X-CSRFToken": csrf})
    opener.open(request).read()
    if not any(c.name == "sessionid" for c in jar):
        raise SystemExit("could not log in as the bench organiser")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def warm_up(url: str, cookie: str) -> None:
    """Each server process computes the dashboard's figures once per state of the data, then keeps
    them: ask often enough, in parallel, that every process has done so before the timing starts."""
    from concurrent.futures import ThreadPoolExecutor

    def ask(_: int) -> int:
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        return urllib.request.urlopen(request, timeout=300).status

    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        statuses = list(pool.map(ask, range(4 * CONNECTIONS)))
    if set(statuses) != {200}:
        raise SystemExit(f"the dashboard answered {sorted(set(statuses))} while warming up")


# ---------------------------------------------------------------------------- the load


@dataclass
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statuses: dict[str, int]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


LUA_COMMON = r"""
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function response(status, headers, body)
  local key = "s" .. status
  seen[key] = (seen[key] or 0) + 1
end
function done(summary, latency, requests)
  local totals = {}
  for _, t in ipairs(threads) do
    for key, n in pairs(t:get("seen")) do totals[key] = (totals[key] or 0) + n end
  end
  local parts = {}
  for key, n in pairs(totals) do table.insert(parts, key .. "=" .. n) end
  io.write(string.format("RESULT requests=%d duration_us=%d p50=%.3f p95=%.3f p99=%.3f %s\n",
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, table.concat(parts, " ")))
end
"""

LUA_GET = r"""
seen = {}
function init(args) seen = {} end
"""

LUA_POST = r"""
seen = {}
local counter = 0
local prefix = ""
function init(args)
  seen = {}
  prefix = "wrk-" .. args[1] .. "-" .. id .. "-"
end
function request()
  counter = counter + 1
  local answers = ANSWERS[(counter % #ANSWERS) + 1]
  local body = '{"instance_id":"' .. prefix .. counter .. '","answers":' .. answers .. '}'
  return wrk.format("POST", nil, nil, body)
end
"""


def wrk(url: str, seconds: int, headers: dict[str, str], script: str, args: list[str] | None = None) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + LUA_COMMON)
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s", "-s", lua.name]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    if args:
        command += ["--", *args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(lua.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    fields = dict(part.split("=", 1) for part in line.split()[1:])
    statuses = {k[1:]: int(v) for k, v in fields.items() if re.fullmatch(r"s\d{3}", k)}
    return Load(
        requests=int(fields["requests"]),
        seconds=int(fields["duration_us"]) / 1e6,
        p50_ms=float(fields["p50"]),
        p95_ms=float(fields["p95"]),
        p99_ms=float(fields["p99"]),
        statuses=statuses,
    )


def post_script(answer_sets: list[dict]) -> str:
    table = ",\n".join("[==[" + json.dumps(a, ensure_ascii=False) + "]==]" for a in answer_sets)
    return f"ANSWERS = {{\n{table}\n}}\n" + LUA_POST


# ---------------------------------------------------------------------------- main


@dataclass
class Measured:
    stored_before: int
    baseline: Load
    dashboard: Load
    first_posts: Load  # the warm-up: not timed against the targets, but every one counted
    posts: Load
    added: int
    distinct: int

    @property
    def created(self) -> int:
        return sum(load.statuses.get("201", 0) for load in (self.first_posts, self.posts))

    @property
    def failed(self) -> int:
        return sum(n for load in (self.first_posts, self.posts) for status, n in load.statuses.items() if status != "201")


def run(rows: int, seconds: int, workers: int, threads: int) -> Measured:
    OUT.mkdir(exist_ok=True)
    folder = OUT / "web-store"
    print(f"Preparing a store with {rows:,} submissions in {folder} ...", flush=True)
    prepared = prepare_store(folder, rows)
    before, _ = stored_counts(prepared["survey"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(folder, port, workers, threads)
    try:
        cookie = session_cookie(base)
        dashboard_url = f"{base}/t/{prepared['training']}/dashboard/"
        warm_up(dashboard_url, cookie)
        print("Baseline: the login page ...", flush=True)
        baseline = wrk(f"{base}/accounts/login/", 10, {}, LUA_GET)
        print("Dashboard ...", flush=True)
        dashboard = wrk(dashboard_url, 20, {"Cookie": cookie}, LUA_GET)
        headers = {"Authorization": f"Bearer {prepared['token']}", "Content-Type": "application/json"}
        api = f"{base}/api/v1/surveys/{prepared['survey']}/submissions"
        script = post_script(prepared["answer_sets"])
        print(f"Submission POSTs: {WARM_UP_SECONDS} s of warm-up ...", flush=True)
        first = wrk(api, WARM_UP_SECONDS, headers, script, [f"warm-{int(time.time())}"])
        print(f"Submission POSTs for {seconds} s ...", flush=True)
        posts = wrk(api, seconds, headers, script, [str(int(time.time()))])
    finally:
        stop_server(server)
    after, distinct = stored_counts(prepared["survey"])
    return Measured(before, baseline, dashboard, first, posts, after - before, distinct)


def verdicts(m: Measured) -> dict[str, tuple[bool, str]]:
    # When wrk stops, up to one request per connection is still in flight: stored, but its answer
    # never read. wrk stops twice (warm-up, timed run), so at most 2 x CONNECTIONS more rows than
    # 201 answers; never fewer (that is a loss).
    in_flight = m.added - m.created
    lossless = 0 <= in_flight <= 2 * CONNECTIONS and m.failed == 0 and m.distinct == m.stored_before + m.added
    return {
        "dashboard p95": (m.dashboard.p95_ms <= TARGET_DASHBOARD_P95_MS, f"{m.dashboard.p95_ms:.1f} ms"),
        "POST throughput": (m.posts.per_second >= TARGET_POSTS_PER_S, f"{m.posts.per_second:.0f}/s"),
        "POST p99": (m.posts.p99_ms <= TARGET_POST_P99_MS, f"{m.posts.p99_ms:.1f} ms"),
        "no loss, no duplicate": (
            lossless, f"{m.created} answered 201, {m.added} stored ({in_flight} in flight at the stop), {m.failed} failed"
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="stored submissions before the load")
    parser.add_argument("--seconds", type=int, default=60, help="duration of the POST load")
    parser.add_argument("--workers", type=int, default=0, help="server processes (default: serve's own)")
    parser.add_argument("--threads", type=int, default=0, help="threads per server process (default: serve's own)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-record", action="store_true", help="leave docs/benchmarks.md alone")
    options = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    load_before = os.getloadavg()
    m = run(options.rows, options.seconds, options.workers, options.threads)
    print(f"Stored before the load: {m.stored_before:,}")
    print(
        f"Baseline (login page): {m.baseline.per_second:.0f} req/s, p95 {m.baseline.p95_ms:.1f} ms, "
        f"statuses {m.baseline.statuses}"
    )
    print(
        f"Dashboard: {m.dashboard.per_second:.0f} req/s, p50 {m.dashboard.p50_ms:.1f} ms, "
        f"p95 {m.dashboard.p95_ms:.1f} ms, statuses {m.dashboard.statuses}"
    )
    print(
        f"POSTs, warm-up (server just started): {m.first_posts.per_second:.0f}/s over {m.first_posts.seconds:.0f} s, "
        f"p50 {m.first_posts.p50_ms:.1f} ms, p99 {m.first_posts.p99_ms:.1f} ms, statuses {m.first_posts.statuses}"
    )
    print(
        f"POSTs: {m.posts.per_second:.0f}/s over {m.posts.seconds:.0f} s, p50 {m.posts.p50_ms:.1f} ms, "
        f"p99 {m.posts.p99_ms:.1f} ms, statuses {m.posts.statuses}"
    )
    results = verdicts(m)
    for name, (ok, text) in results.items():
        print(f"  {name}: {text} — {'PASS' if ok else 'FAIL'}")
    print(f"Load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    passed = all(ok for ok, _ in results.values())
    full = options.rows == 100_000 and options.seconds >= 60
    if full and not options.no_record:
        command = "uv run python bench/web.py" + (" " + shlex.join(argv or sys.argv[1:]) if (argv or sys.argv[1:]) else "")
        info = machine()
        record(SECTION, SECTION_INTRO, [
            dt.date.today().isoformat(), f"{machine_text(info)}, {info['os']}", command, f"{m.stored_before:,}",
            f"{m.baseline.per_second:.0f} ({m.baseline.p95_ms:.1f})", f"{m.dashboard.per_second:.0f}",
            f"{m.dashboard.p95_ms:.1f}", f"{m.posts.per_second:.0f}", f"{m.posts.p99_ms:.1f}",
            f"{m.created} / {m.added} / {m.failed}", "PASS" if passed else "FAIL",
        ])  # fmt: skip
    return 1 if options.check and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
