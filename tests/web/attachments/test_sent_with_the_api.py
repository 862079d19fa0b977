"""POST /api/v1/surveys/{id}/submissions/multipart: a submission with its files, as ODK and Kobo
send one; the files are checked against the answers, kept, and served to those who may see them."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from citybridge.web.api.models import ApiToken
from citybridge.web.attachments.store import attachments_root
from tests.web.attachments.objects import PHOTO, photo_survey


@pytest.fixture
def photo(example, tmp_path):
    return photo_survey(example.training, tmp_path)


@pytest.fixture
def token(example):
    return ApiToken.issue(example.training.organisation, "field team")[1]


def submission(instance="uuid:sent-1", photo_name="1604.jpg") -> str:
    answers = {"site": "Chorsu"} | ({"photo": photo_name} if photo_name else {})
    return json.dumps(
        {"instance_id": instance, "submitted_at": "2020-11-10T09:00:00+05:00", "answers": answers}
    )


def send(client, survey, token, body: str | None, files: dict[str, tuple[str, bytes]] | None = None):
    data = {} if body is None else {"submission": body}
    for part, (name, content) in (files or {}).items():
        data[part] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(
        f"/api/v1/surveys/{survey.pk}/submissions/multipart",
        data,
        headers={"Authorization": f"Bearer {token}"},
    )


def stored_files() -> list[str]:
    root = attachments_root()
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_submission_with_its_photo_is_stored_and_served_to_who_may_see_it(client, photo, token, client_as):
    response = send(client, photo, token, submission(), {"1604.jpg": ("1604.jpg", PHOTO)})
    assert (response.status_code, response.json()["status"]) == (201, "created")
    pk = photo.submissions.get(instance_id="sent-1").pk
    for role in ("organiser", "analyst", "admin"):
        served = client_as(role).get(f"/attachments/{pk}/1604.jpg")
        assert served.status_code == 200, role
        assert b"".join(served.streaming_content) == PHOTO
    assert client_as("outsider").get(f"/attachments/{pk}/1604.jpg").status_code == 404
    assert client_as("partner").get(f"/attachments/{pk}/1604.jpg").status_code == 403
    assert client_as("anonymous").get(f"/attachments/{pk}/1604.jpg").status_code == 302


def test_a_read_token_may_not_send_files(client, photo, example):
    read = ApiToken.issue(example.training.organisation, "dashboard", scope="read")[1]
    response = send(client, photo, read, submission(), {"1604.jpg": ("1604.jpg", PHOTO)})
    assert response.status_code == 403
    assert not photo.submissions.exists() and stored_files() == []


def test_another_organisations_token_finds_no_survey(client, photo):
    from citybridge.web.trainings.models import Organisation

    other = ApiToken.issue(Organisation.objects.create(name="Elsewhere", slug="elsewhere"), "them")[1]
    assert send(client, photo, other, submission(), {"1604.jpg": ("1604.jpg", PHOTO)}).status_code == 404


def test_a_named_file_not_sent_is_refused_naming_it(client, photo, token):
    response = send(client, photo, token, submission())
    assert response.status_code == 422
    assert response.json()["problems"] == [
        {"column": "files.1604.jpg", "value": "1604.jpg",
         "reason": "the answer 'photo' names '1604.jpg', but no file of that name was sent"}
    ]  # fmt: skip
    assert not photo.submissions.exists()


def test_a_file_no_answer_names_is_refused_not_dropped(client, photo, token):
    files = {"1604.jpg": ("1604.jpg", PHOTO), "extra": ("extra.jpg", PHOTO)}
    response = send(client, photo, token, submission(), files)
    assert response.status_code == 422
    assert [p["reason"] for p in response.json()["problems"]] == [
        "no media answer names 'extra.jpg'; send only the files the answers name"
    ]
    assert not photo.submissions.exists() and stored_files() == []


def test_a_file_over_the_upload_limit_answers_413(client, photo, token, monkeypatch):
    monkeypatch.setenv("CITYBRIDGE_MAX_UPLOAD_MB", "1")
    big = PHOTO + b"\0" * (1024 * 1024)
    response = send(client, photo, token, submission(), {"1604.jpg": ("1604.jpg", big)})
    assert response.status_code == 413
    assert "1.0 MiB, more than the 1.0 MiB a file may be" in response.json()["problems"][0]["reason"]
    assert not photo.submissions.exists() and stored_files() == []


def test_a_file_that_is_not_a_picture_is_refused_for_an_image_question(client, photo, token):
    response = send(client, photo, token, submission(), {"1604.jpg": ("1604.jpg", b"MZ\x90\0 a program")})
    assert response.status_code == 422
    assert response.json()["problems"][0]["reason"] == "'1604.jpg' is not an image file, which 'photo' takes"


def test_a_file_name_that_climbs_out_of_its_folder_stays_inside(client, photo, token, tmp_path):
    # The answer itself may not name another folder ...
    response = send(client, photo, token, submission(photo_name="../../x.jpg"), {"f": ("../../x.jpg", PHOTO)})
    assert response.status_code == 422
    assert not photo.submissions.exists()
    # ... and a part's path is cut to its last step before anything is matched or written.
    response = send(client, photo, token, submission(), {"f": ("../../../1604.jpg", PHOTO)})
    assert response.status_code == 201
    assert [p.relative_to(attachments_root()).parts[-1] for p in attachments_root().rglob("*.jpg")] == [
        "1604.jpg"
    ]
    assert not list(attachments_root().parent.parent.glob("*.jpg"))


def test_no_submission_part_is_one_line(client, photo, token):
    response = send(client, photo, token, None, {"1604.jpg": ("1604.jpg", PHOTO)})
    assert response.status_code == 400
    assert "part named 'submission'" in response.json()["message"]
    response = send(client, photo, token, "{not json")
    assert response.status_code == 422 and "is not a submission's JSON" in response.json()["message"]


def test_a_resent_submission_keeps_the_file_it_lacked_and_stores_nothing_twice(client, photo, token):
    send(client, photo, token, submission(), {"1604.jpg": ("1604.jpg", PHOTO)})
    response = send(client, photo, token, submission(), {"1604.jpg": ("1604.jpg", PHOTO)})
    assert (response.status_code, response.json()["status"]) == (200, "already present")
    assert photo.submissions.count() == 1 and stored_files() == ["1604.jpg"]


@pytest.fixture
def batched(settings):
    """The intake as it runs in a server: one writer thread takes every submission waiting."""
    from citybridge.web.surveys import intake

    settings.SUBMISSION_INTAKE = "batched"
    yield
    intake.stop()


@pytest.mark.django_db(transaction=True)  # the writer thread reads committed data only
def test_bad_requests_at_the_same_time_do_not_break_good_ones(batched, example, tmp_path):
    survey = photo_survey(example.training, tmp_path)
    token = ApiToken.issue(example.training.organisation, "field team")[1]
    answers: dict[str, int] = {}

    def good(n: int) -> None:
        body = submission(instance=f"good-{n}", photo_name=f"g{n}.jpg")
        answers[f"good-{n}"] = send(Client(), survey, token, body, {"p": (f"g{n}.jpg", PHOTO)}).status_code

    def bad(n: int) -> None:
        files = {"p": (f"b{n}.jpg", b"not a picture"), "x": ("stray.jpg", PHOTO)}
        answers[f"bad-{n}"] = send(
            Client(), survey, token, submission(f"bad-{n}", f"b{n}.jpg"), files
        ).status_code

    threads = [threading.Thread(target=f, args=(n,)) for n in range(6) for f in (good, bad)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {k: v for k, v in answers.items() if k.startswith("good")} == {f"good-{n}": 201 for n in range(6)}
    assert {k: v for k, v in answers.items() if k.startswith("bad")} == {f"bad-{n}": 422 for n in range(6)}
    assert sorted(survey.submissions.values_list("instance_id", flat=True)) == [f"good-{n}" for n in range(6)]
    assert stored_files() == sorted(f"g{n}.jpg" for n in range(6))
