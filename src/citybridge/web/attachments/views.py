"""A submission's media file, for those who may see the survey's submissions."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from citybridge.forms.model import MEDIA_TYPES
from citybridge.submissions.attachments import AttachmentError, attachment_folder, safe_name
from citybridge.web.accounts.access import Ability, check, requires
from citybridge.web.attachments.store import attachments_root
from citybridge.web.surveys.models import Submission


@requires(Ability.VIEW)
def attachment(request: HttpRequest, submission: int, file_name: str):
    found = get_object_or_404(Submission.objects.select_related("survey__training", "form_version"), pk=submission)
    check(request.user, Ability.VIEW, found.survey.training.organisation_id)
    form = found.form_version.form()
    named = {found.answers.get(q.name) for q in form.answer_questions if q.type in MEDIA_TYPES}
    try:
        if file_name not in named:  # only files an answer names, never anything else in the folder
            raise Http404("no such file")
        path = attachment_folder(attachments_root(), found.survey_id, found.instance_id) / safe_name(file_name)
    except AttachmentError as exc:
        raise Http404("no such file") from exc
    if not path.is_file():
        raise Http404("the file did not come with the submission")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
