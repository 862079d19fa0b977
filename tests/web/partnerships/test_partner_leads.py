"""A partner contact sees the leads addressed to their city only, and may add a note."""

from __future__ import annotations

from django.urls import reverse


def test_partner_contact_sees_only_the_leads_to_their_city(client_as, leads):
    page = client_as("partner").get(reverse("partnerships:partner_leads")).content.decode()
    assert f'id="lead-{leads["suzhou"].pk}"' in page and "Namangan → Suzhou" in page
    assert "Shanghai" not in page
    assert "created" in page  # the history


def test_partner_note_is_recorded_with_who_wrote_it(client_as, leads):
    lead = leads["suzhou"]
    answer = client_as("partner").post(
        reverse("partnerships:partner_note", args=[lead.pk]), {"text": "We can host in May"}
    )
    assert answer.status_code == 302
    note = lead.history.last()
    assert (note.what, note.who, note.note) == ("note", "partner", "We can host in May")


def test_partner_contact_cannot_note_another_citys_lead(client_as, leads):
    lead = leads["shanghai"]
    answer = client_as("partner").post(
        reverse("partnerships:partner_note", args=[lead.pk]), {"text": "hello"}
    )
    assert answer.status_code == 404 and lead.history.count() == 1


def test_organisers_and_analysts_cannot_open_the_partner_page(client_as, leads):
    for role in ("organiser", "analyst"):
        assert client_as(role).get(reverse("partnerships:partner_leads")).status_code == 403
