"""The dashboard's figures are kept per state of the data: a new submission shows at once."""

from __future__ import annotations

from django.urls import reverse

from citybridge.submissions.sources import from_payloads
from citybridge.web.front.dashboard_cache import forget_all
from citybridge.web.surveys.models import Submission
from citybridge.web.surveys.store import store_batches


def respondents_shown(client, training) -> int:
    page = client.get(reverse("front:dashboard", args=[training.slug]))
    return page.context["analysis"].respondents


def test_a_new_submission_changes_the_figures_at_once(client_as, example):
    forget_all()
    client, training, survey = client_as("analyst"), example.training, example.survey
    first = respondents_shown(client, training)
    assert respondents_shown(client, training) == first  # the second time from memory
    answers = dict(survey.submissions.order_by("pk").first().answers)
    version = survey.current_version()
    batch = from_payloads(version.form(), [(1, {"instance_id": "uuid:new-one", "answers": answers})])
    store_batches(survey, version, [batch], source=Submission.Source.API, one_by_one=True)
    assert respondents_shown(client, training) == first + 1


def test_each_filter_and_language_has_its_own_figures(client_as, example):
    forget_all()
    client, training = client_as("organiser"), example.training
    url = reverse("front:dashboard", args=[training.slug])
    everyone = client.get(url).context["analysis"].respondents
    early = client.get(url, {"as_of": "2020-11-10"}).context["analysis"].respondents
    assert early < everyone
    assert client.get(url).context["analysis"].respondents == everyone


def test_a_change_to_the_survey_shows_at_once(client_as, example):
    client, training, survey = client_as("organiser"), example.training, example.survey
    url = reverse("front:dashboard", args=[training.slug])
    assert survey.title in client.get(url).content.decode()
    survey.title = "Evaluation, second wave"
    survey.save()
    assert "Evaluation, second wave" in client.get(url).content.decode()


def test_a_user_who_lost_the_role_is_refused_at_once(client_as, example):
    from citybridge.web.accounts.models import Membership

    client, training = client_as("analyst"), example.training
    url = reverse("front:dashboard", args=[training.slug])
    assert client.get(url).status_code == 200
    Membership.objects.filter(organisation=training.organisation, role="analyst").delete()
    assert client.get(url).status_code in (403, 404)  # no role left anywhere: refused before the page
