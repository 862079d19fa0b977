"""Leads in the store: every change in the history, the history append-only, exports, the CLI."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from citybridge.pipeline.stages import PipelineError
from citybridge.web.pipeline.models import HistoryIsAppendOnly, LeadEvent
from citybridge.web.pipeline.store import add_note, assign, create_lead, export_leads, leads, move, set_due
from tests.test_cli import invoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(training):
    found, _ = create_lead(
        "Namangan", "Suzhou", who="Dilnoza", training=training, score=0.8, explanation="fit"
    )
    return found


def test_every_change_is_recorded_with_who_and_what(lead):
    move(lead, "contacted", who="Dilnoza")
    assign(lead, "Aziz", who="Dilnoza")
    set_due(lead, dt.date(2020, 12, 1), who="Aziz")
    add_note(lead, "Call with Suzhou's foreign affairs office", who="Aziz")
    events = list(lead.history.all())
    assert [e.what for e in events] == ["created", "stage", "owner", "due", "note"]
    assert events[1].before["stage"] == "interest" and events[1].after["stage"] == "contacted"
    assert events[3].who == "Aziz" and events[3].after["due_on"] == "2020-12-01"


def test_the_history_cannot_be_edited_or_deleted(lead):
    event = lead.history.get()
    event.note = "rewritten"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        LeadEvent.objects.filter(lead=lead).update(note="x")
    with pytest.raises(HistoryIsAppendOnly):
        LeadEvent.objects.filter(lead=lead).delete()
    assert lead.history.get().note == "fit"


def test_dropping_needs_a_reason_and_keeps_it(lead):
    with pytest.raises(PipelineError):
        move(lead, "dropped", who="Aziz")
    move(lead, "dropped", who="Aziz", reason="no budget this year")
    lead.refresh_from_db()
    assert lead.stage == "dropped" and lead.dropped_reason == "no budget this year"
    assert lead.history.count() == 2  # the refused move left no trace


def test_the_same_city_pair_is_one_lead(training, lead):
    again, created = create_lead("Namangan", "Suzhou", who="x", training=training)
    assert not created and again.pk == lead.pk


def test_filters_combine(training, lead):
    create_lead("Bukhara", "Luoyang", who="x", training=training, owner="Aziz")
    assert [x.partner_city for x in leads(owner="aziz")] == ["Luoyang"]
    assert [x.partner_city for x in leads(city="namang")] == ["Suzhou"]
    assert leads(stage="agreement") == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_every_lead(tmp_path, lead, suffix):
    path = export_leads(leads(), tmp_path / f"leads{suffix}")
    if suffix == ".csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert rows[0]["requesting_city"] == "Namangan" and rows[0]["training"] == "cities-2020"
    else:
        sheet = openpyxl.load_workbook(path).active
        assert sheet["C2"].value == "Namangan"


def test_the_cli_moves_a_lead_to_agreement_and_shows_its_history(capsys, lead):
    code, out, err = invoke(capsys, "leads", "move", str(lead.pk), "agreement", "--by", "Aziz")
    assert code == 0, err
    assert "stage 'agreement'" in out
    code, out, _ = invoke(capsys, "leads", "history", str(lead.pk))
    assert code == 0 and "Aziz" in out and "agreement" in out


def test_the_cli_due_list_names_overdue_leads_per_owner(capsys, lead):
    assign(lead, "Aziz", who="x")
    set_due(lead, dt.date(2020, 11, 20), who="x")
    code, out, _ = invoke(capsys, "leads", "due", "--today", "2020-11-23")
    assert code == 0 and "Aziz: 1 overdue" in out and "OVERDUE 2020-11-20" in out


def test_the_cli_refuses_a_drop_without_reason_in_one_line(capsys, lead):
    code, _, err = invoke(capsys, "leads", "move", str(lead.pk), "dropped")
    assert code == 1 and "needs its reason" in err and "Traceback" not in err


def test_accepting_the_optimal_assignment_creates_leads_with_score_and_reason(capsys):
    from citybridge.web.example import load_training_folder
    from tests.reports.test_fidelity import EXAMPLE

    training = load_training_folder(EXAMPLE).training
    code, _, err = invoke(
        capsys, "leads", "accept", "--training", training.slug, "--city", "Namangan", "--by", "Aziz"
    )
    assert code == 0, err
    found = leads(training=training)
    assert found and all(lead.requesting_city == "Namangan" and lead.explanation for lead in found)
    assert all(lead.history.get().who == "Aziz" for lead in found)
    again = invoke(capsys, "leads", "accept", "--training", training.slug, "--city", "Namangan")
    assert "0 new lead(s)" in again[1]
