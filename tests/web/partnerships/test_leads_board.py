"""The leads board: moving, annotating, assigning and dating leads, each change in the history."""

from __future__ import annotations

from django.urls import reverse

from citybridge.web.pipeline.models import Lead


def test_board_has_one_column_per_stage_with_dropped_last(client_as, example, leads):
    page = (
        client_as("analyst").get(reverse("partnerships:leads", args=[example.training.slug])).content.decode()
    )
    stages = ["interest", "contacted", "exchange", "agreement", "project", "dropped"]
    positions = [page.index(f'data-stage="{stage}"') for stage in stages]
    assert positions == sorted(positions)
    assert f'id="lead-{leads["suzhou"].pk}"' in page
    assert 'class="move"' not in page  # analysts see the board, without the forms


def test_moving_a_lead_appends_a_history_event(client_as, example, leads):
    lead = leads["suzhou"]
    board = reverse("partnerships:leads", args=[example.training.slug])
    answer = client_as("organiser").post(
        reverse("partnerships:lead_move", args=[lead.pk]), {"stage": "contacted", "next": board}
    )
    assert answer.status_code == 302 and answer["Location"] == board
    lead.refresh_from_db()
    assert lead.stage == "contacted"
    last = lead.history.last()
    assert (last.what, last.who, last.before["stage"], last.after["stage"]) == (
        "stage", "organiser", "interest", "contacted",
    )  # fmt: skip


def test_dropping_without_a_reason_is_refused_with_a_message(client_as, example, leads):
    lead = leads["suzhou"]
    client = client_as("organiser")
    answer = client.post(reverse("partnerships:lead_move", args=[lead.pk]), {"stage": "dropped"}, follow=True)
    assert "needs its reason" in answer.content.decode()
    lead.refresh_from_db()
    assert lead.stage == "interest" and lead.history.count() == 1
    client.post(
        reverse("partnerships:lead_move", args=[lead.pk]), {"stage": "dropped", "reason": "No budget"}
    )
    lead.refresh_from_db()
    assert (lead.stage, lead.dropped_reason) == ("dropped", "No budget")


def test_htmx_note_answers_with_the_card_alone(client_as, example, leads):
    lead = leads["suzhou"]
    answer = client_as("organiser").post(
        reverse("partnerships:lead_note", args=[lead.pk]),
        {"text": "Sent the letter"},
        headers={"HX-Request": "true"},
    )
    card = answer.content.decode()
    assert answer.status_code == 200 and card.lstrip().startswith(
        f'<article class="card" id="lead-{lead.pk}"'
    )
    assert "Sent the letter" in card and "<main>" not in card


def test_note_owner_and_due_date_show_on_the_card_and_in_the_history(client_as, example, leads):
    lead = leads["shanghai"]
    client = client_as("organiser")
    client.post(reverse("partnerships:lead_note", args=[lead.pk]), {"text": "Called the mayor's office"})
    client.post(reverse("partnerships:lead_save", args=[lead.pk]), {"owner": "Dilnoza"})
    client.post(reverse("partnerships:lead_save", args=[lead.pk]), {"due_on": "2020-12-01"})
    page = client.get(reverse("partnerships:lead", args=[lead.pk])).content.decode()
    assert "Called the mayor&#x27;s office" in page and "Dilnoza" in page and "1 December 2020" in page
    assert [e.what for e in Lead.objects.get(pk=lead.pk).history.all()] == ["created", "note", "owner", "due"]


def test_due_page_groups_overdue_leads_by_owner(client_as, example, leads):
    client = client_as("organiser")
    lead = leads["shanghai"]
    client.post(
        reverse("partnerships:lead_save", args=[lead.pk]), {"owner": "Dilnoza", "due_on": "2020-12-01"}
    )
    page = client.get(reverse("partnerships:due", args=[example.training.slug])).content.decode()
    assert "Dilnoza" in page and "Overdue" in page and "Bukhara → Shanghai" in page
    assert "Namangan → Suzhou" not in page  # no due date: not on the list


def test_analysts_may_not_change_leads_and_outsiders_do_not_find_them(client_as, example, leads):
    lead = leads["suzhou"]
    for name in ("lead_move", "lead_note", "lead_save"):
        url = reverse(f"partnerships:{name}", args=[lead.pk])
        data = {"stage": "contacted", "text": "x", "note": "x", "owner": "x", "due_on": "2021-01-01"}
        assert client_as("analyst").post(url, data).status_code == 403, name
        assert client_as("outsider").post(url, data).status_code == 404, name
    assert client_as("outsider").get(reverse("partnerships:lead", args=[lead.pk])).status_code == 404
    assert Lead.objects.get(pk=lead.pk).history.count() == 1


def test_leads_export_as_csv_holds_every_lead_of_the_training(client_as, example, leads):
    answer = client_as("analyst").get(
        reverse("partnerships:leads_export", args=[example.training.slug, "csv"])
    )
    lines = answer.content.decode().splitlines()
    assert lines[0].startswith("id,training,requesting_city,partner_city,stage")
    assert sorted(line.split(",")[3] for line in lines[1:]) == ["Shanghai", "Suzhou"]


def test_the_lead_page_saves_stage_owner_due_day_and_note_in_one_form(client_as, example, leads):
    lead = leads["suzhou"]
    client = client_as("organiser")
    page = client.get(reverse("partnerships:lead", args=[lead.pk])).content.decode()
    form = page[page.index('id="lead-form"') :]
    form = form[: form.index("</form>")]
    for field in ('name="stage"', 'name="reason"', 'name="owner"', 'name="due_on"', 'name="note"'):
        assert field in form, field  # every field in the one form, one button
    assert form.count('type="submit"') == 1
    answer = client.post(
        reverse("partnerships:lead_save", args=[lead.pk]),
        {
            "stage": "contacted",
            "reason": "",
            "owner": "Dilnoza",
            "due_on": "2020-12-01",
            "note": "Letter sent",
        },
    )
    assert answer.status_code == 302
    lead = Lead.objects.get(pk=lead.pk)
    assert (lead.stage, lead.owner, lead.due_on.isoformat()) == ("contacted", "Dilnoza", "2020-12-01")
    assert [e.what for e in lead.history.all()] == ["created", "stage", "owner", "due", "note"]
    assert lead.history.last().note == "Letter sent"


def test_saving_the_same_values_again_adds_nothing_to_the_history(client_as, example, leads):
    lead = leads["suzhou"]
    client = client_as("organiser")
    same = {"stage": lead.stage, "owner": lead.owner, "due_on": "", "note": ""}
    client.post(reverse("partnerships:lead_save", args=[lead.pk]), same)
    assert Lead.objects.get(pk=lead.pk).history.count() == 1


def test_a_refused_save_changes_nothing_and_keeps_what_was_typed(client_as, example, leads):
    lead = leads["suzhou"]
    answer = client_as("organiser").post(
        reverse("partnerships:lead_save", args=[lead.pk]),
        {
            "stage": "dropped",
            "reason": "",
            "owner": "Dilnoza",
            "due_on": "2020-12-01",
            "note": "No budget yet",
        },
    )
    page = answer.content.decode()
    assert answer.status_code == 400 and "needs its reason" in page
    assert 'value="Dilnoza"' in page and "No budget yet</textarea>" in page and 'value="2020-12-01"' in page
    assert Lead.objects.get(pk=lead.pk).history.count() == 1 and Lead.objects.get(pk=lead.pk).owner == ""


def test_the_history_and_card_speak_russian_with_one_date_format(client_as, example, leads):
    lead = leads["suzhou"]
    client = client_as("organiser")
    client.post(
        reverse("partnerships:lead_save", args=[lead.pk]), {"stage": "contacted", "due_on": "2020-12-01"}
    )
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("partnerships:lead", args=[lead.pk])).content.decode()
    assert "интерес → контакт установлен" in page  # stage names in the history, translated
    history = page[page.index('<ol class="history">') :]
    assert "interest" not in history and "contacted" not in history
    assert "1 декабря 2020\u202fг." in history and "2020-12-01" not in history  # CLDR: a narrow space
