"""``citybridge serve``, ``createuser`` and ``worker``: run the web application and its job workers."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every interface.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=0, help="Server processes (default: one per core, at least 2).", show_default=False)
    ] = 0,
    threads: Annotated[int, typer.Option(min=1, help="Threads per process running the application.")] = 8,
) -> None:
    """Start the web application with granian: the store is brought up to date and static files are
    collected first, so a fresh data folder works at once."""
    from citybridge.commands.common import UserError, _store, console

    if not _port_free(host, port):
        raise UserError(f"{host}:{port} is in use (another server?): choose another with --port.")
    _store(migrate=True)
    _check_secret_key()
    _collect_static()
    from citybridge.web.settings import DATABASES, JOBS

    # A process per core, each with several threads: submissions arriving together in one process are
    # checked and stored together (web/surveys/intake.py), and SQLite's single writer has fewer
    # processes to take turns with. More processes than cores only made them wait for each other.
    workers = workers or max(2, os.cpu_count() or 1)
    engine = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    console.print(
        f"citybridge on http://{host}:{port}/ ({engine} store, jobs: {JOBS}, {workers} processes × {threads} threads)."
    )
    console.print("Stop with Ctrl+C. First time? Create an administrator: citybridge createuser NAME --admin")
    _granian(host, port, workers, threads).serve()


def _port_free(host: str, port: int) -> bool:
    """True if the server could listen on the port now.

    With SO_REUSEADDR, as granian binds: connections of a server killed a moment ago linger in
    TIME_WAIT for a minute and must not stop a restart; a socket still listening is refused.
    """
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _check_secret_key() -> None:
    from citybridge.commands.common import UserError
    from citybridge.web import instance
    from citybridge.web.settings import DATA_DIR

    try:
        instance.check_server_key(DATA_DIR)
    except instance.SecretKeyError as exc:
        raise UserError(str(exc)) from None


def _collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _granian(host: str, port: int, workers: int, threads: int):
    """granian runs the WSGI application: its processes accept and read connections in Rust, outside
    Python's interpreter lock, so a busy process does not fall behind in taking new connections and
    the load spreads evenly (with gunicorn all 32 connections of bench/web.py sometimes landed on
    one of two processes, halving what the server could do)."""
    import logging

    from granian import Granian
    from granian.constants import Interfaces

    logging.getLogger("_granian").addFilter(_ThreadsAreMeant())
    return Granian(
        "citybridge.web.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        log_access=True,
        respawn_failed_workers=True,
        workers_kill_timeout=20,
    )


class _ThreadsAreMeant:
    """granian warns when a process has more threads than twice the cores: ours mostly wait, for the
    submissions intake's writer (web/surveys/intake.py), and eight gave 864 submissions/s where
    five gave 753 (bench/web.py's load, 20 s); the warning would only puzzle whoever starts it."""

    def filter(self, record) -> bool:
        return "Python threads, which seems quite high" not in record.getMessage()


def createuser(
    username: Annotated[str, typer.Argument(help="The new user's login name.")],
    email: Annotated[str, typer.Option(help="E-mail address.")] = "",
    admin: Annotated[bool, typer.Option("--admin", help="An administrator: every organisation, the admin pages.")] = False,
    organisation: Annotated[
        str | None, typer.Option(help="Organisation (slug or name) the user works for; created if new.")
    ] = None,
    role: Annotated[str, typer.Option(help="organiser, analyst or partner (with --organisation).")] = "organiser",
    partner_city: Annotated[str, typer.Option(help="For a partner contact: their partner city.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (scripts).")
    ] = False,
) -> None:
    """Create a user: the first administrator, or an organiser, analyst or partner contact."""
    from citybridge.commands.common import UserError, _store, console

    if not admin and not organisation:
        raise UserError("give --admin for an administrator, or --organisation ORG --role ROLE.")
    password = sys.stdin.readline().rstrip("\n") if password_stdin else _ask_password()
    _store(migrate=True)  # the README's first command on a fresh folder: it sets the store up, as init does
    from citybridge.web.accounts.people import PeopleError, create_user

    try:
        user = create_user(
            username, password, email=email, admin=admin, organisation=organisation, role=role,
            partner_city=partner_city,
        )
    except PeopleError as error:
        raise UserError(str(error)) from None
    what = "administrator" if admin else f"{role} of {organisation}"
    console.print(f"User '{user.username}' created ({what}). Log in at /accounts/login/.")


def _ask_password() -> str:
    from citybridge.commands.common import UserError

    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise UserError("the two passwords differ; nothing was created.")
    return first


def worker(
    burst: Annotated[bool, typer.Option("--burst", help="Stop when the queue is empty.")] = False,
) -> None:
    """Run background jobs (reports, booklets) from the Redis queue; needs REDIS_URL."""
    from citybridge.commands.common import UserError, _store, console

    _store()
    from citybridge.web.settings import REDIS_URL

    if not REDIS_URL:
        raise UserError("set REDIS_URL (e.g. redis://127.0.0.1:6379/0): without it, jobs run inside 'serve'.")
    from rq import SimpleWorker

    from citybridge.web.jobs.queue import redis_queue

    queue = redis_queue()
    console.print(f"Worker on {REDIS_URL}, queue '{queue.name}'.")
    # SimpleWorker runs jobs in this process: no fork sharing the parent's database connection. Its
    # scheduler runs the jobs queued for later (webhook retries after their back-off).
    SimpleWorker([queue], connection=queue.connection).work(burst=burst, with_scheduler=True)
