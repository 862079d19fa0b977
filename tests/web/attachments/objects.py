"""A survey of the example's training with a photo question, one submission and its photo."""

from __future__ import annotations

import zipfile

from tests.forms.xlsform_builder import build_xlsform

PHOTO = b"\xff\xd8\xff\xe0 a tiny jpeg"


def central_zip(folder, files: dict[str, bytes]):
    path = folder / "site_photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("site_photos.csv", "SubmissionDate,site,photo,KEY\n"
                         "2020-11-10T04:00:00.000Z,Chorsu,1604.jpg,uuid:aaa\n"
                         "2020-11-10T05:00:00.000Z,Osh,,uuid:bbb\n")  # fmt: skip
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def photo_survey(training, folder):
    from citybridge.web.surveys.store import add_survey

    path = build_xlsform(
        folder,
        [
            {"type": "text", "name": "site", "label": "Site"},
            {"type": "image", "name": "photo", "label": "Photo"},
        ],
        settings={"form_id": "site_photos", "version": "1"},
        name="site_photos.xlsx",
    )
    survey, _, _ = add_survey(training, path)
    return survey


def attachment_objects(training, folder) -> dict:
    """The role matrix's names for /attachments/<submission>/<file_name>."""
    from citybridge.web.imports import import_file

    survey = photo_survey(training, folder)
    import_file(survey, central_zip(folder, {"media/1604.jpg": PHOTO}))
    return {"submission": survey.submissions.get(instance_id="aaa").pk, "file_name": "1604.jpg"}
