"""``citybridge serve`` and ``createuser`` as a new user runs them: a fresh data folder, a real
server process on 127.0.0.1, a log-in through the form, the static files served locally."""

from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

PASSWORD = "serve-test-password-42"


def _command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from citybridge.entry import main; main()", *args]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env["CITYBRIDGE_DATA_DIR"] = str(folder)
    # The README's two commands, as written, on a fresh folder: createuser sets the store up itself.
    created = subprocess.run(
        _command("createuser", "first-admin", "--admin", "--password-stdin"),
        input=PASSWORD + "\n", capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        _command("serve", "--port", str(port), "--workers", "2", "--threads", "2"),
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                time.sleep(0.25)
        else:
            pytest.fail("citybridge serve did not answer within 60 s")
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_server_sends_a_visitor_to_the_login_page(server):
    with urllib.request.urlopen(f"{server}/") as response:
        assert response.url.startswith(f"{server}/accounts/login/")
        assert "<h1>Log in</h1>" in response.read().decode()


def test_static_files_are_served_by_the_application_itself(server):
    for path in ("/static/citybridge/citybridge.css", "/static/citybridge/vendor/htmx-2.0.11.min.js"):
        with urllib.request.urlopen(server + path) as response:
            assert response.status == 200 and len(response.read()) > 1000


def test_the_first_administrator_logs_in_through_the_form(server):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{server}/accounts/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode({"username": "first-admin", "password": PASSWORD, "csrfmiddlewaretoken": csrf})
    with opener.open(f"{server}/accounts/login/", data=form.encode()) as response:
        assert response.url == f"{server}/"
        assert "Log out first-admin" in response.read().decode()


def test_a_port_in_use_is_named_before_anything_starts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env["CITYBRIDGE_DATA_DIR"] = str(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(_command("serve", "--port", str(port)), env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert f"127.0.0.1:{port} is in use" in done.stderr and "Traceback" not in done.stderr


def test_zero_threads_is_refused_before_anything_starts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env["CITYBRIDGE_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(_command("serve", "--threads", "0"), env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "--threads" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "citybridge.sqlite3").exists()  # nothing was started or created


def _serve_until_it_answers(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        _command("serve", "--port", str(port), "--workers", "1", "--threads", "1"),
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2).read()
            return process
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stdout.read().decode())
            time.sleep(0.25)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("citybridge serve did not answer within 60 s")


def test_a_port_left_in_time_wait_by_a_killed_server_is_taken_at_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env["CITYBRIDGE_DATA_DIR"] = str(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    first = _serve_until_it_answers(env, port)
    held = socket.create_connection(("127.0.0.1", port))  # open while the server dies: the server closes first
    held.sendall(b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    held.recv(1)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    held.settimeout(30)
    while held.recv(65536):  # until the dead server's end closes (its FIN): that end goes to TIME_WAIT
        pass
    held.close()
    with socket.socket() as plain, pytest.raises(OSError):  # the port is in TIME_WAIT: a plain bind fails
        plain.bind(("127.0.0.1", port))
    second = _serve_until_it_answers(env, port)
    try:
        # while it runs, the port is really in use: refused in one line
        done = subprocess.run(_command("serve", "--port", str(port)), env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 1 and done.stderr.strip().count("\n") == 0
        assert f"127.0.0.1:{port} is in use" in done.stderr
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
