"""Uploads through the web pages beyond a limit: 413 when too large, 400 when too many columns or
rows, with the limit and the setting that raises it on the page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.uploads.test_limits import _bomb


def _wide(columns: int) -> SimpleUploadedFile:
    header = ",".join(f"c{i}" for i in range(columns))
    return SimpleUploadedFile("wide.csv", (header + "\n" + "x," * (columns - 1) + "x\n").encode())


def test_a_million_column_registration_list_is_refused_with_400(client_as, example):
    url = reverse("front:participants_import", args=[example.training.slug])
    before = example.training.participants.count()
    answer = client_as("organiser").post(url, {"registrations": _wide(1_000_000)})
    assert answer.status_code == 400
    assert "CITYBRIDGE_MAX_COLUMNS" in answer.content.decode()
    assert example.training.participants.count() == before


def test_too_many_rows_are_refused_with_400(client_as, example, monkeypatch):
    monkeypatch.setenv("CITYBRIDGE_MAX_ROWS", "3")
    upload = SimpleUploadedFile("people.csv", b"name,city\n" + b"A,Nukus\n" * 4)
    answer = client_as("organiser").post(
        reverse("front:participants_import", args=[example.training.slug]), {"registrations": upload}
    )
    assert answer.status_code == 400 and "more than 3 rows, the limit" in answer.content.decode()


def test_an_upload_beyond_the_size_limit_is_refused_with_413_on_every_upload_page(
    client_as, example, monkeypatch
):
    monkeypatch.setenv("CITYBRIDGE_MAX_UPLOAD_MB", "1")
    big = b"name,city\n" + b"A,Nukus\n" * 200_000  # 1.6 MB
    organiser = client_as("organiser")
    pages = (
        (reverse("front:participants_import", args=[example.training.slug]), "registrations", "people.csv"),
        (reverse("front:survey_upload", args=[example.training.slug]), "xlsform", "form.xlsx"),
        (reverse("partnerships:catalogue_import"), "file", "partners.csv"),
    )
    for url, field, name in pages:
        answer = organiser.post(url, {field: SimpleUploadedFile(name, big)})
        assert answer.status_code == 413, url
        assert (
            f"{name}: 1.5 MB, more than the 1.0 MB an upload may be; raise CITYBRIDGE_MAX_UPLOAD_MB"
            in answer.content.decode()
        )


def test_an_xlsform_that_unzips_beyond_the_limit_is_refused_with_413(
    client_as, example, monkeypatch, tmp_path
):
    monkeypatch.setenv("CITYBRIDGE_MAX_INFLATED_MB", "20")
    bomb = _bomb(tmp_path / "form.xlsx", 30).read_bytes()
    answer = client_as("organiser").post(
        reverse("front:survey_upload", args=[example.training.slug]),
        {"xlsform": SimpleUploadedFile("form.xlsx", bomb)},
    )
    assert answer.status_code == 413 and "CITYBRIDGE_MAX_INFLATED_MB" in answer.content.decode()
