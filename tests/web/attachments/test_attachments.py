"""Media files that come in an export's ZIP are kept, size-limited, and served only to those who
may see the survey's submissions."""

from __future__ import annotations

import pytest

from citybridge.submissions import attachments
from citybridge.submissions.attachments import AttachmentError, safe_name
from citybridge.web.imports import import_file
from tests.web.attachments.objects import PHOTO, central_zip, photo_survey


@pytest.fixture
def photo(example, tmp_path):
    return photo_survey(example.training, tmp_path)


def test_a_central_zip_keeps_the_named_photo_for_whoever_may_see_the_survey(photo, tmp_path, client_as):
    report = import_file(photo, central_zip(tmp_path, {"media/1604.jpg": PHOTO, "media/other.jpg": b"x"}))
    assert report.new == 2 and not report.problems
    pk = photo.submissions.get(instance_id="aaa").pk
    url = f"/attachments/{pk}/1604.jpg"
    for role in ("organiser", "analyst", "admin"):
        response = client_as(role).get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PHOTO
        assert response["Content-Disposition"].startswith("attachment")
    assert client_as("outsider").get(url).status_code == 404
    assert client_as("partner").get(url).status_code == 403
    assert client_as("anonymous").get(url).status_code == 302  # to the login page
    # A file no answer names is not kept, and never served.
    assert client_as("organiser").get(f"/attachments/{pk}/other.jpg").status_code == 404


def test_a_file_over_the_limit_is_not_kept_and_said_so(photo, tmp_path, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 4)
    report = import_file(photo, central_zip(tmp_path, {"media/1604.jpg": PHOTO}))
    assert report.new == 2
    assert [p.reason for p in report.problems] == ["'1604.jpg' is 0.0 MiB; files over 0 MiB are not kept"]


@pytest.mark.parametrize("name", ["../x.jpg", "a/b.jpg", "..", ".hidden", "x\x00.jpg"])
def test_a_name_that_could_leave_its_folder_is_refused(name):
    with pytest.raises(AttachmentError):
        safe_name(name)
