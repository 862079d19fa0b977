"""Uploading an XLSForm (preview, confirm), version conflicts, opening and closing, the survey page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.web.surveys.models import Survey
from tests.web.conftest import EXAMPLE, MINI_FORM


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _form_file(tmp_path, name="mini_evaluation.md", **replace):
    text = MINI_FORM.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _upload(client, training, path):
    """Upload a form and return the preview page's response (the upload redirects to it)."""
    with path.open("rb") as file:
        return client.post(
            reverse("front:survey_upload", args=[training.slug]), {"xlsform": file}, follow=True
        )


def _confirm(client, training, preview):
    token = preview.context["token"]
    return client.post(
        reverse("front:survey_upload_confirm", args=[training.slug]), {"pending": token}, follow=True
    )


def test_upload_shows_every_question_before_anything_is_stored(client_as, example, tmp_path):
    preview = _upload(client_as("organiser"), example.training, _form_file(tmp_path))
    page = preview.content.decode()
    assert "mini_evaluation" in page and "2024010101" in page and "Mini evaluation" in page
    assert "evaluation/materials" in page and "How do you rate the materials?" in page
    assert "${china} = &#x27;yes&#x27;" in page  # relevant, shown as written
    assert "urumqi" in page and "Urumqi" in page
    assert "Russian (ru)" in page
    assert not Survey.objects.filter(form_id="mini_evaluation", training=example.training).exists()


def test_the_preview_speaks_the_pages_language(client_as, example, tmp_path):
    client = client_as("organiser")
    client.cookies["django_language"] = "ru"
    page = _upload(client, example.training, _form_file(tmp_path)).content.decode()
    assert "Как вы оцениваете материалы?" in page


def test_confirming_adds_the_survey_and_a_changed_form_of_the_same_version_is_refused(
    client_as, example, tmp_path
):
    client = client_as("organiser")
    added = _confirm(client, example.training, _upload(client, example.training, _form_file(tmp_path)))
    survey = Survey.objects.get(form_id="mini_evaluation", training=example.training)
    assert added.redirect_chain[-1][0] == reverse("front:survey", args=[survey.slug])
    assert "Version 2024010101 of “Mini evaluation” added." in added.content.decode()
    assert not any((tmp_path / "uploads" / "forms").iterdir())  # the kept upload is gone

    changed = _form_file(tmp_path, "mini_changed.md", **{"| Comments ": "| Any comments "})
    refused = _confirm(client, example.training, _upload(client, example.training, changed))
    assert "already exists with other questions" in refused.content.decode()
    assert survey.versions.count() == 1


def test_a_higher_version_becomes_the_current_one(client_as, example, tmp_path):
    client = client_as("organiser")
    _confirm(client, example.training, _upload(client, example.training, _form_file(tmp_path)))
    newer = _form_file(
        tmp_path, "mini_v2.md", **{"2024010101": "2024020101", "| Comments ": "| Any comments "}
    )
    preview = _upload(client, example.training, newer)
    assert "adds a new version" in preview.content.decode()
    page = _confirm(client, example.training, preview).content.decode()
    survey = Survey.objects.get(form_id="mini_evaluation", training=example.training)
    assert survey.current_version().version == "2024020101"
    assert "Any comments" in page and "2024010101" in page  # the current questions, every version


def test_the_same_xlsx_again_changes_nothing(client_as, example):
    client = client_as("organiser")
    page = _confirm(client, example.training, _upload(client, example.training, EXAMPLE / "survey.xlsx"))
    assert "was stored already; nothing changed" in page.content.decode()
    assert example.survey.versions.count() == 1


def test_a_broken_form_is_explained_with_its_sheet_and_row(client_as, example, tmp_path):
    broken = _form_file(tmp_path, "broken.md", **{"select_one yesno ": "select_one nolist"})
    page = _upload(client_as("organiser"), example.training, broken).content.decode()
    assert "This form cannot be used" in page and "survey sheet, row 7" in page and "nolist" in page


def test_an_upload_cannot_be_confirmed_from_another_session(client_as, example, tmp_path):
    preview = _upload(client_as("organiser"), example.training, _form_file(tmp_path))
    other = client_as("admin")
    page = _confirm(other, example.training, preview).content.decode()
    assert "no longer waiting" in page
    assert (
        not Survey.objects.filter(form_id="mini_evaluation").exclude(training__slug="another-2021").exists()
    )


def test_uploading_is_forbidden_to_analysts_and_hidden_from_outsiders(client_as, example, tmp_path):
    for role, status in (("analyst", 403), ("outsider", 404)):
        with _form_file(tmp_path).open("rb") as file:
            url = reverse("front:survey_upload", args=[example.training.slug])
            assert client_as(role).post(url, {"xlsform": file}).status_code == status
        url = reverse("front:survey_upload_confirm", args=[example.training.slug])
        assert client_as(role).post(url, {"pending": "x"}).status_code == status


@pytest.mark.parametrize("role", ["organiser", "analyst"])
def test_survey_page_shows_versions_questions_and_state(role, client_as, example):
    page = client_as(role).get(reverse("front:survey", args=[example.survey.slug])).content.decode()
    version = example.survey.current_version()
    assert version.version in page and version.filename in page
    assert example.survey.current_version().form().questions[0].path in page
    assert "open" in page


def test_a_closed_survey_shows_as_closed(client_as, example):
    client = client_as("organiser")
    response = client.post(reverse("front:survey_toggle", args=[example.survey.slug]), follow=True)
    example.survey.refresh_from_db()
    assert not example.survey.is_open
    state = response.content.decode()
    assert '<div class="figure">closed</div>' in state[state.index('id="state"') :]
    training_page = client_as("analyst").get(reverse("front:training", args=[example.training.slug]))
    assert "<strong>closed</strong>" in training_page.content.decode()
    client.post(reverse("front:survey_toggle", args=[example.survey.slug]))
    example.survey.refresh_from_db()
    assert example.survey.is_open


def test_opening_and_closing_is_forbidden_to_analysts_and_hidden_from_outsiders(client_as, example):
    url = reverse("front:survey_toggle", args=[example.survey.slug])
    assert client_as("analyst").post(url).status_code == 403
    assert client_as("outsider").post(url).status_code == 404
    assert client_as("outsider").get(reverse("front:survey", args=[example.survey.slug])).status_code == 404
    example.survey.refresh_from_db()
    assert example.survey.is_open


def test_post_only_addresses_answer_a_get_only_after_the_access_check(client_as, example):
    urls = [
        reverse("front:survey_toggle", args=[example.survey.slug]),
        reverse("front:survey_upload_confirm", args=[example.training.slug]),
        reverse("front:programme_load", args=[example.training.slug]),
    ]
    for url in urls:
        assert client_as("outsider").get(url).status_code == 404, url
        assert client_as("analyst").get(url).status_code == 403, url
        assert client_as("organiser").get(url).status_code == 405, url
