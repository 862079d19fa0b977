"""``citybridge leads``: list, create, move and follow up partnership leads."""

from __future__ import annotations

import datetime as dt
import getpass
import os
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Follow up partnership leads: list (the default), add, move, assign, note, due, history, export.",
    invoke_without_command=True,
)

Who = Annotated[str | None, typer.Option("--by", help="Who makes the change (default: your login name).")]


@app.callback()
def list_leads(
    context: typer.Context,
    training: Annotated[str | None, typer.Option(help="Only this training (id or slug).")] = None,
    stage: Annotated[str | None, typer.Option(help="Only this stage.")] = None,
    owner: Annotated[str | None, typer.Option(help="Only this owner.")] = None,
    city: Annotated[
        str | None, typer.Option(help="Only leads whose requesting or partner city contains this.")
    ] = None,
) -> None:
    """List leads (filters combine); with a subcommand, run it instead."""
    if context.invoked_subcommand is not None:
        return
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.pipeline.store import leads

    found = leads(training=_training(training), stage=stage, owner=owner, city=city)
    if not found:
        console.print("No leads match. Create them from matches or with 'citybridge leads add'.")
        return
    table = _table("id", "requesting city", "partner city", "stage", "owner", "due")
    for lead in found:
        due = lead.due_on.isoformat() if lead.due_on else ""
        table.add_row(str(lead.pk), lead.requesting_city, lead.partner_city, lead.stage, lead.owner, due)
    console.print(table)


@app.command("add")
def add(
    city: Annotated[str, typer.Option(help="The requesting city.")],
    partner: Annotated[str, typer.Option(help="The partner city.")],
    training: Annotated[str | None, typer.Option(help="Training id or slug.")] = None,
    owner: Annotated[str, typer.Option(help="Who follows the lead up.")] = "",
    due: Annotated[str | None, typer.Option(help="Next action due on (YYYY-MM-DD).")] = None,
    by: Who = None,
) -> None:
    """Create a lead by hand (at stage 'interest'); prints its id."""
    from citybridge.commands.common import _day, _store, console

    _store()
    from citybridge.web.pipeline.store import create_lead

    lead, created = create_lead(
        city, partner, who=_who(by), training=_training(training), owner=owner, due_on=_day(due)
    )
    state = "created" if created else "already exists"
    console.print(
        f"Lead {lead.pk} {lead.requesting_city} → {lead.partner_city} {state} (stage {lead.stage})."
    )


@app.command("accept")
def accept(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    city: Annotated[str | None, typer.Option(help="Only this requesting city (default: every city).")] = None,
    k: Annotated[int, typer.Option("--k", min=1, help="Partners per city.")] = 3,
    capacity: Annotated[int, typer.Option(min=1, help="Requests one partner city can take.")] = 5,
    owner: Annotated[str, typer.Option(help="Who follows the new leads up.")] = "",
    by: Who = None,
) -> None:
    """Turn the optimal partner assignment of a training into leads (with score and reason)."""
    from citybridge.commands.common import _store, console

    _store()
    from citybridge.web.partnerships.matching import matching_result
    from citybridge.web.pipeline.store import create_lead

    found = _training(training)
    result = matching_result(found, k=k, capacity=capacity, optimal=True)
    matches = [m for m in result["assignments"]["optimal"]["matches"] if not city or m["requesting"] == city]
    created = 0
    for match in matches:
        _, new = create_lead(
            match["requesting"], match["partner"], who=_who(by), training=found, owner=owner,
            score=match["score"], explanation=match["explanation"],
        )  # fmt: skip
        created += new
    console.print(
        f"{created} new lead(s) from {len(matches)} suggested pair(s); list them with 'citybridge leads'."
    )


@app.command("move")
def move_lead(
    lead: Annotated[int, typer.Argument(help="Lead id.")],
    stage: Annotated[
        str, typer.Argument(help="interest, contacted, exchange, agreement, project or dropped.")
    ],
    reason: Annotated[str, typer.Option(help="Why it stopped (required for 'dropped').")] = "",
    by: Who = None,
) -> None:
    """Move a lead to another stage; the change is recorded in its history."""
    from citybridge.commands.common import _store, console

    _store()
    from citybridge.web.pipeline.store import find_lead, move

    moved = move(find_lead(lead), stage, who=_who(by), reason=reason)
    console.print(f"Lead {moved.pk} is now at stage '{moved.stage}'.")


@app.command("assign")
def assign_lead(
    lead: Annotated[int, typer.Argument(help="Lead id.")],
    owner: Annotated[str, typer.Argument(help="Who follows it up.")],
    due: Annotated[str | None, typer.Option(help="Next action due on (YYYY-MM-DD).")] = None,
    by: Who = None,
) -> None:
    """Set a lead's owner (and its due day)."""
    from citybridge.commands.common import _day, _store, console

    _store()
    from citybridge.web.pipeline.store import assign, find_lead, set_due

    found = assign(find_lead(lead), owner, who=_who(by))
    if due:
        set_due(found, _day(due), who=_who(by))
    console.print(
        f"Lead {found.pk}: owner {found.owner}" + (f", due {found.due_on}" if found.due_on else "") + "."
    )


@app.command("note")
def note(
    lead: Annotated[int, typer.Argument(help="Lead id.")],
    text: Annotated[str, typer.Argument(help="What happened or was agreed.")],
    by: Who = None,
) -> None:
    """Add a note to a lead's history."""
    from citybridge.commands.common import _store, console

    _store()
    from citybridge.web.pipeline.store import add_note, find_lead

    add_note(find_lead(lead), text, who=_who(by))
    console.print(f"Note added to lead {lead}.")


@app.command("history")
def history(lead: Annotated[int, typer.Argument(help="Lead id.")]) -> None:
    """Every change made to a lead: who, when, what."""
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.pipeline.store import find_lead

    found = find_lead(lead)
    table = _table("when", "who", "what", "change", "note")
    for event in found.history.all():
        change = _change(event.before, event.after)
        table.add_row(f"{event.at:%Y-%m-%d %H:%M}", event.who, event.what, change, event.note)
    console.print(f"Lead {found.pk}: {found.requesting_city} → {found.partner_city}")
    console.print(table)


@app.command("due")
def due(
    training: Annotated[str | None, typer.Option(help="Only this training (id or slug).")] = None,
    today: Annotated[
        str | None, typer.Option(help="Count from this day instead of today (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Per owner: open leads that are overdue or due by the end of this week."""
    from citybridge.commands.common import _day, _store, console

    _store()
    from citybridge.web.pipeline.store import due as due_leads

    day = _day(today) or dt.date.today()
    owners = due_leads(day, _training(training))
    if not owners:
        console.print(f"Nothing overdue or due this week (as of {day}).")
    for owner in owners:
        console.print(f"{owner.owner}: {len(owner.overdue)} overdue, {len(owner.this_week)} due this week")
        for lead in owner.overdue:
            console.print(
                f"  OVERDUE {lead.due_on} #{lead.id} {lead.requesting_city} → {lead.partner_city} ({lead.stage})"
            )
        for lead in owner.this_week:
            console.print(
                f"  due {lead.due_on} #{lead.id} {lead.requesting_city} → {lead.partner_city} ({lead.stage})"
            )


@app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="Where to write: a .csv or .xlsx file.")],
    training: Annotated[str | None, typer.Option(help="Only this training (id or slug).")] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="Write cells as stored, without the apostrophe before formulas.")
    ] = False,
) -> None:
    """Export leads to CSV or XLSX (cells that would run as formulas get an apostrophe)."""
    from citybridge.commands.common import _store, console

    _store()
    from citybridge.web.pipeline.store import export_leads, leads

    found = leads(training=_training(training))
    export_leads(found, file, raw=raw)
    console.print(f"Wrote {len(found)} lead(s) to {file}.")


def _training(ref: str | None):
    if ref is None:
        return None
    from citybridge.web.surveys.store import find_training

    return find_training(ref)


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return os.environ.get("CITYBRIDGE_USER") or getpass.getuser()
    except OSError:
        return "unknown"


def _change(before: dict | None, after: dict | None) -> str:
    if not before or not after:
        return ""
    return ", ".join(
        f"{key}: {before.get(key) or '—'} → {value or '—'}"
        for key, value in after.items()
        if before.get(key) != value
    )
