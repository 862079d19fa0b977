"""Media files that come in an export's ZIP are kept, size-limited, and served only to those who
may see the survey's submissions."""

from __future__ import annotations

import zipfile

import pytest

from citybridge.submissions import attachments
from citybridge.submissions.attachments import AttachmentError, safe_name
from citybridge.web.surveys.store import add_survey, import_file
from tests.forms.xlsform_builder import build_xlsform

PHOTO = b"\xff\xd8\xff\xe0 a tiny jpeg"


@pytest.fixture
def photo_survey(example, tmp_path):
    path = build_xlsform(
        tmp_path,
        [{"type": "text", "name": "site", "label": "Site"}, {"type": "image", "name": "photo", "label": "Photo"}],
        settings={"form_id": "site_photos", "version": "1"},
    )
    survey, _, _ = add_survey(example.training, path)
    return survey


def central_zip(tmp_path, files: dict[str, bytes]):
    path = tmp_path / "site_photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("site_photos.csv", "SubmissionDate,site,photo,KEY\n"
                         "2020-11-10T04:00:00.000Z,Chorsu,1604.jpg,uuid:aaa\n"
                         "2020-11-10T05:00:00.000Z,Osh,,uuid:bbb\n")  # fmt: skip
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_a_central_zip_keeps_the_named_photo_for_whoever_may_see_the_survey(photo_survey, tmp_path, client_as):
    report = import_file(photo_survey, central_zip(tmp_path, {"media/1604.jpg": PHOTO, "media/other.jpg": b"x"}))
    assert report.new == 2 and not report.problems
    url = f"/attachments/{photo_survey.slug}/aaa/1604.jpg"
    for role in ("organiser", "analyst", "admin"):
        response = client_as(role).get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PHOTO
        assert response["Content-Disposition"].startswith("attachment")
    assert client_as("outsider").get(url).status_code == 404
    assert client_as("partner").get(url).status_code == 403
    assert client_as("anonymous").get(url).status_code == 302  # to the login page
    # A file no answer names is not kept, and never served.
    assert client_as("organiser").get(f"/attachments/{photo_survey.slug}/aaa/other.jpg").status_code == 404


def test_a_file_over_the_limit_is_not_kept_and_said_so(photo_survey, tmp_path, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 4)
    report = import_file(photo_survey, central_zip(tmp_path, {"media/1604.jpg": PHOTO}))
    assert report.new == 2
    assert [p.reason for p in report.problems] == ["'1604.jpg' is 0.0 MiB; files over 0 MiB are not kept"]


@pytest.mark.parametrize("name", ["../x.jpg", "a/b.jpg", "..", ".hidden", "x\x00.jpg"])
def test_a_name_that_could_leave_its_folder_is_refused(name):
    with pytest.raises(AttachmentError):
        safe_name(name)
