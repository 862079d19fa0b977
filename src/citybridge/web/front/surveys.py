"""Survey pages: upload an XLSForm (preview, then confirm), open or close a survey, see a survey."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext

from citybridge.forms import Form, FormError, load_xlsform
from citybridge.web.accounts.access import Ability, may, requires, survey_or_404, training_or_404
from citybridge.web.errors import FormVersionConflict
from citybridge.web.front import pending_forms
from citybridge.web.front.form_preview import form_language, question_rows
from citybridge.web.surveys.store import add_survey
from citybridge.web.trainings.models import Training
from citybridge.web.uploads import status_of, upload_refusal

FORM_SUFFIXES = (".xlsx", ".xls", ".md")


@requires(Ability.MANAGE)
def survey_upload(request: HttpRequest, slug: str) -> HttpResponse:
    training = training_or_404(request.user, slug, Ability.MANAGE)
    if request.method == "POST":
        return _receive(request, training)
    token = request.GET.get("pending", "")
    if token:
        path = pending_forms.find(request.session, training.slug, token)
        if path is None:
            messages.error(request, gettext("That upload is no longer waiting; upload the form again."))
            return redirect("front:survey_upload", slug=training.slug)
        return _preview(request, training, token, load_xlsform(path.read_bytes(), filename=path.name))
    return render(request, "front/survey_upload.html", {"training": training})


def _receive(request: HttpRequest, training: Training) -> HttpResponse:
    """Check the uploaded form, keep it, and send the organiser to its preview."""
    upload = request.FILES.get("xlsform")
    refused = upload_refusal(upload)
    error, status = (str(refused), refused.status) if refused else (_upload_error(upload), 200)
    if error is None:
        data = upload.read()
        try:
            load_xlsform(data, filename=upload.name)
        except FormError as exc:  # pyxform's message, led by the sheet and row where it has them
            error, status = gettext("This form cannot be used: %(reason)s") % {"reason": exc}, status_of(exc)
    if error:
        return render(request, "front/survey_upload.html", {"training": training, "error": error}, status=status)
    token = pending_forms.keep(request.session, training.slug, data, upload.name)
    return redirect(reverse("front:survey_upload", args=[training.slug]) + f"?pending={token}")


def _upload_error(upload) -> str | None:
    if upload is None:
        return gettext("Choose an XLSForm file (.xlsx) to upload.")
    if Path(upload.name).suffix.lower() not in FORM_SUFFIXES:
        return gettext(
            "%(name)s is not an XLSForm; upload the .xlsx file with the survey, choices and settings sheets."
        ) % {"name": upload.name}
    return None


def _preview(request: HttpRequest, training: Training, token: str, form: Form) -> HttpResponse:
    existing = training.surveys.filter(form_id=form.form_id).first()
    context = {
        "training": training,
        "token": token,
        "form": form,
        "questions": question_rows(form, form_language(form, get_language())),
        "existing": existing,
        "version_exists": existing is not None and existing.versions.filter(version=form.version).exists(),
    }
    return render(request, "front/survey_preview.html", context)


@requires(Ability.MANAGE)
def survey_upload_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    training = training_or_404(request.user, slug, Ability.MANAGE)
    if request.method != "POST":  # asked after the access check, so its answer tells outsiders nothing
        return HttpResponseNotAllowed(["POST"])
    token = request.POST.get("pending", "")
    path = pending_forms.find(request.session, training.slug, token)
    if path is None:
        messages.error(request, gettext("That upload is no longer waiting; upload the form again."))
        return redirect("front:survey_upload", slug=training.slug)
    if "cancel" in request.POST:
        pending_forms.discard(request.session, token)
        messages.info(request, gettext("The uploaded form was discarded; nothing was added."))
        return redirect("front:training", slug=training.slug)
    try:
        survey, version, new = add_survey(training, path)
    except FormVersionConflict as exc:
        messages.error(
            request,
            gettext(
                "Nothing was added: this version of the form already exists with other questions. %(detail)s"
            )
            % {"detail": exc},
        )
        return redirect("front:survey_upload", slug=training.slug)
    except FormError as exc:
        messages.error(request, gettext("This form cannot be used: %(reason)s") % {"reason": exc})
        return redirect("front:survey_upload", slug=training.slug)
    finally:
        pending_forms.discard(request.session, token)
    if new:
        messages.success(
            request,
            gettext("Version %(version)s of “%(title)s” added.")
            % {"version": version.version or "-", "title": survey.title},
        )
    else:
        messages.info(
            request,
            gettext("This version of “%(title)s” was stored already; nothing changed.")
            % {"title": survey.title},
        )
    return redirect("front:survey", survey_slug=survey.slug)


@requires(Ability.MANAGE)
def survey_toggle(request: HttpRequest, survey_slug: str) -> HttpResponse:
    found = survey_or_404(request.user, survey_slug, Ability.MANAGE)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    found.is_open = not found.is_open
    found.save(update_fields=["is_open"])
    if found.is_open:
        messages.success(
            request, gettext("“%(title)s” is open: its links accept answers.") % {"title": found.title}
        )
    else:
        messages.success(
            request, gettext("“%(title)s” is closed: its links refuse new answers.") % {"title": found.title}
        )
    if request.POST.get("back") == "training":
        return redirect("front:training", slug=found.training.slug)
    return redirect("front:survey", survey_slug=found.slug)


@requires(Ability.VIEW)
def survey(request: HttpRequest, survey_slug: str) -> HttpResponse:
    found = survey_or_404(request.user, survey_slug)
    versions = found.versions.annotate(submission_count=Count("submissions")).order_by("-created_at", "-id")
    current = versions[0] if versions else None
    form = current.form() if current else None
    context = {
        "survey": found,
        "training": found.training,
        "versions": versions,
        "current": current,
        "form": form,
        "questions": question_rows(form, form_language(form, get_language())) if form else [],
        "submission_count": found.submissions.count(),
        "manage": may(request.user, Ability.MANAGE, found.training.organisation_id),
    }
    return render(request, "front/survey.html", context)
