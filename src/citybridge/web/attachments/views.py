"""A submission's media file, for those who may see the survey's submissions."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from citybridge.forms.model import MEDIA_TYPES
from citybridge.submissions.attachments import AttachmentError, attachment_folder, safe_name
from citybridge.web.accounts.access import Ability, check, requires
from citybridge.web.attachments.store import attachments_root
from citybridge.web.surveys.models import Submission, Survey


@requires(Ability.VIEW)
def attachment(request: HttpRequest, survey_slug: str, instance_id: str, name: str):
    survey = get_object_or_404(Survey.objects.select_related("training"), slug=survey_slug)
    check(request.user, Ability.VIEW, survey.training.organisation_id)
    submission = get_object_or_404(Submission, survey=survey, instance_id=instance_id)
    form = submission.form_version.form()
    named = {submission.answers.get(q.name) for q in form.answer_questions if q.type in MEDIA_TYPES}
    try:
        if name not in named:  # only files an answer names, never anything else in the folder
            raise Http404("no such file")
        path = attachment_folder(attachments_root(), survey.pk, instance_id) / safe_name(name)
    except AttachmentError as exc:
        raise Http404("no such file") from exc
    if not path.is_file():
        raise Http404("the file did not come with the submission")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
