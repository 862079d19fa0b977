"""Turning a suggested match into a lead, with its score and its explanation."""

from __future__ import annotations

from django.urls import reverse

from citybridge.web.pipeline.models import Lead


def _suggestion(training):
    from citybridge.web.partnerships.matching import matching_result

    return matching_result(training)["suggestions"]["namangan"][0]


def test_turning_a_match_into_a_lead_keeps_score_and_explanation(client_as, example):
    client = client_as("organiser")
    match = _suggestion(example.training)
    url = reverse("partnerships:match_to_lead", args=[example.training.slug])
    answer = client.post(
        url, {"requesting_key": "namangan", "partner_key": match["partner_key"], "mode": "new", "k": 3}
    )
    assert answer.status_code == 302
    lead = Lead.objects.get(training=example.training)
    assert (lead.requesting_city, lead.partner_city, lead.stage) == ("Namangan", match["partner"], "interest")
    assert lead.score == match["score"] and lead.explanation == match["explanation"]
    assert lead.history.get().who == "organiser"
    page = client.get(reverse("partnerships:matches", args=[example.training.slug])).content.decode()
    assert reverse("partnerships:lead", args=[lead.pk]) in page  # the existing lead shows as such


def test_a_pair_outside_the_suggestions_makes_no_lead(client_as, example):
    url = reverse("partnerships:match_to_lead", args=[example.training.slug])
    answer = client_as("organiser").post(
        url, {"requesting_key": "namangan", "partner_key": "nowhere"}, follow=True
    )
    assert "no longer among the suggestions" in answer.content.decode()
    assert not Lead.objects.exists()


def test_analysts_may_not_make_leads_and_outsiders_do_not_find_the_training(client_as, example):
    url = reverse("partnerships:match_to_lead", args=[example.training.slug])
    data = {"requesting_key": "namangan", "partner_key": "suzhou"}
    assert client_as("analyst").post(url, data).status_code == 403
    assert client_as("outsider").post(url, data).status_code == 404
    assert not Lead.objects.exists()
