"""The partner catalogue in the browser: a table, an editor, import and export."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citybridge.web.partnerships.matching import catalogue_in_use


def _form(partner: str = "Almaty") -> dict:
    return {
        "key": "almaty", "name": partner, "country": "KZ", "region": "Almaty", "population": "2000000",
        "latitude": "43.25", "longitude": "76.95", "name_ru": "Алматы",
        "strengths": "tourism | Mountain resorts near the city | general knowledge — verify",
    }  # fmt: skip


def test_catalogue_page_says_it_is_shared_by_the_instance(client_as, people):
    page = client_as("analyst").get(reverse("partnerships:catalogue")).content.decode()
    assert "Suzhou" in page and "whole instance" in page
    assert reverse("partnerships:catalogue_add") not in page


def test_adding_then_editing_a_partner_round_trips(client_as, people):
    client = client_as("organiser")
    assert client.post(reverse("partnerships:catalogue_add"), _form()).status_code == 302
    almaty = catalogue_in_use().partner("almaty")
    assert (almaty.country, almaty.names, almaty.strengths[0].sector) == ("KZ", {"ru": "Алматы"}, "tourism")
    edit = reverse("partnerships:catalogue_edit", args=["almaty"])
    shown = client.get(edit).context["form"].initial
    assert (
        client.post(
            edit, {**{k: v for k, v in shown.items() if v is not None}, "name": "Alma-Ata"}
        ).status_code
        == 302
    )
    again = catalogue_in_use().partner("almaty")
    assert again.name == "Alma-Ata" and again.strengths == almaty.strengths and again.names == almaty.names


def test_editing_keeps_a_partners_ties(client_as, people):
    client = client_as("organiser")
    edit = reverse("partnerships:catalogue_edit", args=["luoyang"])
    ties = catalogue_in_use().partner("luoyang").ties
    shown = client.get(edit).context["form"].initial
    client.post(edit, {k: v for k, v in shown.items() if v is not None})
    assert ties and catalogue_in_use().partner("luoyang").ties == ties


def test_a_wrong_partner_is_refused_with_each_problem_beside_its_field(client_as, people):
    client = client_as("organiser")
    data = {**_form(), "country": "KAZ", "strengths": "beaches | Sea | x\ntourism | Resorts"}
    answer = client.post(reverse("partnerships:catalogue_add"), data)
    assert answer.status_code == 200
    errors = answer.context["form"].errors
    assert "country" in errors and "strengths" in errors
    strengths = " ".join(errors["strengths"])
    assert "strength 1: field 'sector': 'beaches' is not a sector" in strengths
    assert "strength 2: field 'source' is required" in strengths
    assert "almaty" not in set(catalogue_in_use().keys())


def test_removing_a_partner(client_as, people):
    client_as("organiser").post(reverse("partnerships:catalogue_remove", args=["kashgar"]))
    assert "kashgar" not in set(catalogue_in_use().keys())


def test_export_then_import_gives_the_same_catalogue(client_as, people):
    client = client_as("organiser")
    before = catalogue_in_use()
    for fmt in ("yaml", "csv"):
        exported = client.get(reverse("partnerships:catalogue_export", args=[fmt])).content
        upload = SimpleUploadedFile(f"partners.{fmt}", exported)
        answer = client.post(reverse("partnerships:catalogue_import"), {"file": upload}, follow=True)
        assert "Imported 18 partner cities" in answer.content.decode(), fmt
        assert catalogue_in_use() == before, fmt


def test_an_import_with_problems_names_each_and_changes_nothing(client_as, people):
    client = client_as("organiser")
    text = "key,name,country,sector,text,source\nalmaty,Almaty,KZ,beaches,Sea,x\nbad key,,KZ,,,\n"
    upload = SimpleUploadedFile("mine.csv", text.encode())
    page = client.post(
        reverse("partnerships:catalogue_import"), {"file": upload}, follow=True
    ).content.decode()
    assert "was not imported" in page and "mine.csv" in page and "&#x27;beaches&#x27; is not a sector" in page
    assert "almaty" not in set(catalogue_in_use().keys())


def test_analysts_may_not_edit_the_catalogue(client_as, people):
    client = client_as("analyst")
    assert client.post(reverse("partnerships:catalogue_add"), _form()).status_code == 403
    assert client.post(reverse("partnerships:catalogue_remove", args=["kashgar"])).status_code == 403
    assert "kashgar" in set(catalogue_in_use().keys())
