"""``citybridge waves``: survey waves, their invitations and reminders, webhooks, partnership outcomes.

``citybridge analyze --waves TRAINING`` (in cli.py) calls :func:`analyze_waves` here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Follow-up survey waves: add, list, send invitations and reminders, status, close; hooks; outcomes.",
    no_args_is_help=True,
)
hooks_app = typer.Typer(
    help="Signed outbound events (webhooks): add, list, log, retry.", no_args_is_help=True
)
app.add_typer(hooks_app, name="hooks")

Training = Annotated[str, typer.Argument(help="Training id or slug.")]
WaveRef = Annotated[str, typer.Argument(help="Wave id, or its survey's slug.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]


@contextmanager
def _refusals() -> Iterator[None]:
    """Refusals of the shell (bad kind, days, language, unreachable mail server) as one-line errors."""
    from citybridge.commands.common import UserError
    from citybridge.web.jobs.runner import JobError

    try:
        yield
    except (ValueError, JobError) as error:
        if type(error).__name__ in ("FormError", "AnalysisError", "PipelineError", "SpecError"):
            raise
        raise UserError(str(error)) from None


@app.command("add")
def add(
    training: Training,
    form: Annotated[Path, typer.Argument(help="The wave's XLSForm.")],
    name: Annotated[str, typer.Option(help="The wave's name, e.g. '3 months'.")],
    kind: Annotated[str, typer.Option(help="baseline, post or follow-up.")] = "follow-up",
    offset: Annotated[
        int | None, typer.Option(help="Opens this many days after the training's last day.")
    ] = None,
    opens: Annotated[str | None, typer.Option(help="Opens on this day (YYYY-MM-DD) instead.")] = None,
    remind: Annotated[
        str, typer.Option(help="Reminders, days after opening, e.g. '7,14'; '' for none.")
    ] = "7,14",
    earlier: Annotated[
        str | None, typer.Option(help="Compare with this wave (default: the latest one).")
    ] = None,
) -> None:
    """Add a wave to a training: its XLSForm becomes the wave's survey."""
    from citybridge.commands.common import _day, _existing, _store, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.waves.store import add_wave, find_wave

    found = find_training(training)
    with _refusals():
        days = tuple(int(d) for d in remind.replace(",", " ").split())
        wave = add_wave(
            found, _existing(form), name=name, kind=kind, offset_days=offset, opens_on=_day(opens),
            reminder_days=days, earlier=find_wave(earlier, found) if earlier else None,
        )  # fmt: skip
    opens_text = (
        wave.opens_on.isoformat() if wave.opens_on else "not yet scheduled (give --opens or --offset)"
    )
    console.print(
        f"Wave {wave.pk} '{wave.name}' ({wave.kind}) of {found.slug}: survey '{wave.survey.slug}', opens {opens_text}."
    )


@app.command("list")
def list_waves(training: Training) -> None:
    """List a training's waves with their opening day, reminders and responses."""
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.waves.mail import delivery_table

    table = _table("id", "name", "kind", "survey", "opens", "reminders (days)", "answered", "closed")
    for wave in find_training(training).waves.select_related("survey"):
        counts = delivery_table(wave)
        table.add_row(
            str(wave.pk), wave.name, wave.kind, wave.survey.slug, str(wave.opens_on or ""),
            " ".join(map(str, wave.reminder_days)), f"{counts.answered} of {counts.participants}",
            "yes" if wave.closed_at else "",
        )  # fmt: skip
    console.print(table)


@app.command("languages")
def languages(
    training: Training, csv_file: Annotated[Path, typer.Argument(help="CSV with columns email, language.")]
) -> None:
    """Set the language each participant is written to in (en, ru, uz, uz-cyrl, zh-hans)."""
    from citybridge.commands.common import _existing, _store, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.waves.store import import_languages

    with _refusals():
        count = import_languages(find_training(training), _existing(csv_file))
    console.print(f"Languages set for {count} participant(s).")


@app.command("link")
def link(
    wave: WaveRef,
    csv_file: Annotated[Path, typer.Argument(help="CSV with columns _uuid and participant (registration key).")],
) -> None:
    """Link answers collected elsewhere (paper, another tool) to their participants, for pairing."""
    from citybridge.commands.common import _existing, _store, console

    _store()
    from citybridge.web.waves.store import find_wave, link_answers

    found = find_wave(wave)
    with _refusals():
        count = link_answers(found, _existing(csv_file))
    console.print(f"{count} answer(s) of '{found.name}' linked to their participants.")


@app.command("send")
def send(
    wave: WaveRef,
    on: Annotated[str | None, typer.Option(help="Send what is due on this day (default: today).")] = None,
) -> None:
    """Send the invitations and reminders due (run it daily, e.g. from cron; a second run sends nothing)."""
    from citybridge.commands.common import _day, _store, console

    _store()
    from citybridge.web.waves.mail import send_due
    from citybridge.web.waves.store import find_wave

    found = find_wave(wave)
    with _refusals():
        report = send_due(found, today=_day(on))
    console.print(
        f"{found.name}: {report.sent} sent, {report.failed} refused by the mail server (tried again next run), "
        f"{report.taken} taken by another worker."
    )


@app.command("status")
def status(wave: WaveRef, as_json: AsJson = False) -> None:
    """The wave's delivery and response table: messages by step, answers, opt-outs."""
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.waves.mail import delivery_table
    from citybridge.web.waves.store import find_wave

    table = delivery_table(find_wave(wave))
    if as_json:
        _print_json(dataclasses.asdict(table))
        return
    console.print(
        f"{table.wave}: {table.answered} of {table.participants} participants answered; {table.opted_out} opted out; "
        f"{table.no_address} without an e-mail address."
    )
    shown = _table("step", "sent", "refused", "unconfirmed")
    for line in table.steps:
        shown.add_row(line.step, str(line.sent), str(line.failed), str(line.unconfirmed))
    console.print(shown)
    if any(line.unconfirmed for line in table.steps):
        console.print(
            "Unconfirmed: a worker stopped while handing these over; they are not sent again by themselves."
        )


@app.command("close")
def close(wave: WaveRef) -> None:
    """Close a wave: no more answers or reminders; subscribed webhooks get 'wave.closed'."""
    from citybridge.commands.common import _store, console

    _store()
    from citybridge.web.waves.store import close_wave, find_wave

    found = close_wave(find_wave(wave))
    console.print(f"Wave '{found.name}' closed at {found.closed_at:%Y-%m-%d %H:%M} UTC.")


def analyze_waves(training: str, as_json: bool, language: str) -> None:
    """``citybridge analyze --waves TRAINING``: paired change of every wave against its earlier wave."""
    from citybridge.analysis.change import change_json, describe
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.waves.analysis import training_change, unlinked

    compared = training_change(find_training(training), language=language)
    if as_json:
        _print_json(
            {"comparisons": [{**change_json(c), "unlinked_answers": unlinked(w)} for w, c in compared]}
        )
        return
    if not compared:
        console.print(
            "No wave has an earlier wave to compare with: add a follow-up with 'citybridge waves add'."
        )
    for wave, change in compared:
        rest = change.attrition
        console.print(
            f"{change.later_wave} against {change.earlier_wave}: {rest.both} of {rest.earlier} answered both "
            f"({rest.earlier - rest.both} dropped out; {unlinked(wave)} answer(s) through no personal link left out)."
        )
        for measure in change.measures:
            console.print(f"  {describe(measure)}")
        for level in change.levels:
            console.print(f"  level {level.level}, {level.label}: {level.count} of {level.base}")
        table = _table("city", "answered earlier", "answered both", "dropped out")
        for city in rest.by_city:
            table.add_row(city.city, str(city.earlier), str(city.both), str(city.dropped))
        console.print(table)


def demo_follow_up(training, example: Path) -> None:
    """The demo's follow-up: the example's synthetic 3-month wave loaded, then compared."""
    from citybridge.commands.common import console
    from citybridge.web.waves.example import load_follow_up

    post, follow = load_follow_up(training, example)
    console.print(f"Waves: '{post.name}' and '{follow.name}' (synthetic, opens {follow.opens_on}).")
    analyze_waves(training.slug, as_json=False, language="en")


@app.command("outcome")
def outcome(
    lead: Annotated[int, typer.Argument(help="Lead id.")],
    kind: Annotated[str, typer.Argument(help="mou, visit or joint-project.")],
    on: Annotated[str, typer.Option(help="When it happened (YYYY-MM-DD).")],
    note: Annotated[str, typer.Option(help="What was signed, who visited, ...")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who records it (default: your login name).")] = None,
) -> None:
    """Record a dated outcome of a lead; the lead moves up to the stage it proves."""
    from citybridge.commands.common import _day, _store, console
    from citybridge.commands.leads import _who

    _store()
    from citybridge.web.pipeline.store import find_lead
    from citybridge.web.waves.outcomes import record_outcome

    found = record_outcome(find_lead(lead), kind, _day(on), who=_who(by), note=note)
    console.print(
        f"Lead {found.lead_id}: {found.kind} on {found.happened_on} recorded; stage {found.lead.stage}."
    )


@app.command("partnerships")
def partnerships(
    training: Training,
    until: Annotated[
        str | None, typer.Option(help="Last month to count (YYYY-MM-DD; default today).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Partnership leads by stage at each month's end, per city and partner city, and outcomes by kind."""
    from citybridge.commands.common import _day, _store, _table, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.waves.outcomes import outcome_counts, partnerships_over_time

    found = find_training(training)
    counts = partnerships_over_time(found, _day(until))
    outcomes = outcome_counts(found)
    if as_json:
        _print_json({"by_stage": [dataclasses.asdict(c) for c in counts], "outcomes": outcomes})
        return
    table = _table("month end", "side", "city", "stage", "leads")
    for row in counts:
        table.add_row(row.as_of.isoformat(), row.side, row.city, row.stage, str(row.leads))
    console.print(table)
    console.print("Outcomes: " + ", ".join(f"{kind} {n}" for kind, n in outcomes.items()) + ".")


@hooks_app.command("add")
def hooks_add(
    training: Training,
    url: Annotated[str, typer.Argument(help="The receiver's address (https://...).")],
    event: Annotated[
        list[str] | None, typer.Option(help="An event to send (repeat); default every event.")
    ] = None,
) -> None:
    """Send the events of the training's organisation to URL; prints the signing secret once."""
    from citybridge.commands.common import UserError, _store, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.waves.events import EVENTS
    from citybridge.web.waves.models import Webhook

    unknown = sorted(set(event or ()) - set(EVENTS))
    if unknown:
        raise UserError(f"event(s) {', '.join(unknown)}: choose from {', '.join(EVENTS)}")
    if not url.startswith(("https://", "http://")):
        raise UserError(f"'{url}' is not a web address: give https://...")
    hook = Webhook.objects.create(
        organisation=find_training(training).organisation, url=url, events=list(event or ())
    )
    console.print(
        f"Webhook {hook.pk} → {hook.url}. Secret (verify X-Citybridge-Signature with it): {hook.secret}"
    )


@hooks_app.command("log")
def hooks_log(limit: Annotated[int, typer.Option(min=1, help="Latest deliveries shown.")] = 30) -> None:
    """The latest deliveries: event, receiver, status, tries, last answer."""
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.waves.models import Delivery

    table = _table("id", "event", "about", "receiver", "status", "tries", "last answer")
    for delivery in Delivery.objects.select_related("webhook").prefetch_related("log")[:limit]:
        last = list(delivery.log.all())[-1:] or None
        answer = (str(last[0].status_code or "") + " " + last[0].error).strip() if last else ""
        table.add_row(
            str(delivery.pk), delivery.event, delivery.key, delivery.webhook.url, delivery.status,
            str(delivery.attempts), answer,
        )  # fmt: skip
    console.print(table)


@hooks_app.command("retry")
def hooks_retry() -> None:
    """Try every pending delivery whose time has come (after a restart; safe to run from cron)."""
    from citybridge.commands.common import _store, console

    _store()
    from citybridge.web.waves.events import retry_due

    console.print(f"{retry_due()} pending deliveries tried.")


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n")


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
