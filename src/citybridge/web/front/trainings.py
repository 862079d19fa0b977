"""Training pages: create a training, see its summary, programme and surveys, load a programme file."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citybridge.web.accounts.access import Ability, check, may, organisations, requires, training_or_404
from citybridge.web.front.programme_file import (
    ProgrammeFileError,
    detail_changes,
    load_programme_data,
    read_programme,
)
from citybridge.web.status import training_status
from citybridge.web.trainings.store import create_training

# The languages a training is held in (lecture and interpretation languages), by ISO 639-1 code.
TRAINING_LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("uz", _("Uzbek")),
    ("zh", _("Chinese")),
]
MAX_PROGRAMME_BYTES = 2 * 1024 * 1024


class TrainingForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=TRAINING_LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    hosts = forms.CharField(label=_("Hosts"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("One organisation per line."))  # fmt: skip
    partners = forms.CharField(label=_("Partners"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("One organisation per line."))  # fmt: skip
    funders = forms.CharField(label=_("Funders"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("One organisation per line."))  # fmt: skip

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the organisations where the user may manage: the choice itself is the access check.
        self.fields["organisation"].queryset = organisations(user, Ability.MANAGE).order_by("name")

    def clean_ends_on(self):
        starts_on, ends_on = self.cleaned_data.get("starts_on"), self.cleaned_data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            raise forms.ValidationError(_("The training cannot end before it starts; check both dates."))
        return ends_on

    def details(self) -> dict:
        """The keyword arguments of ``create_training`` beside the title and organisation."""
        data = self.cleaned_data
        return {
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "languages": list(data["languages"]),
            **{name: _lines(data[name]) for name in ("hosts", "partners", "funders")},
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@requires(Ability.MANAGE)
def training_new(request: HttpRequest) -> HttpResponse:
    form = TrainingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        check(request.user, Ability.MANAGE, organisation)
        created = create_training(form.cleaned_data["title"], organisation=organisation, **form.details())
        messages.success(request, gettext("Training “%(title)s” created.") % {"title": created.title})
        return redirect("front:training", slug=created.slug)
    return render(request, "front/training_new.html", {"form": form})


@requires(Ability.VIEW)
def training(request: HttpRequest, slug: str) -> HttpResponse:
    from citybridge.web.languages import core_language
    from citybridge.web.reporting import training_summary
    from citybridge.web.waves.analysis import survey_title

    found = training_or_404(request.user, slug)
    lectures = found.lectures.select_related("speaker").order_by("number")
    surveys = found.surveys.annotate(submission_count=Count("submissions")).order_by("created_at", "pk")
    # What is shown is in the page's language where the organisers stored it, else marked as typed;
    # the forms below edit the text as entered.
    shown = training_summary(found, core_language(request.LANGUAGE_CODE))
    context = {
        "training": found,
        "shown": shown,
        "status": training_status(found),
        "lectures": [
            (lecture, material_links(lecture.materials), shown.lecture(f"lecture-{lecture.number}"))
            for lecture in lectures
        ],
        "surveys": [
            (survey, survey.current_version(), survey_title(survey, request.LANGUAGE_CODE))
            for survey in surveys
        ],
        "manage": may(request.user, Ability.MANAGE, found.organisation_id),
        "lecture_form": LectureForm(initial={"number": (max((lc.number for lc in lectures), default=0) + 1)}),
    }
    return render(request, "front/training.html", context)


@requires(Ability.MANAGE)
def programme_load(request: HttpRequest, slug: str) -> HttpResponse:
    """Load a programme file. When it would change the training's details, the organiser is shown
    what would change and chooses: replace them, or load only the lectures and speakers."""
    found = training_or_404(request.user, slug, Ability.MANAGE)
    if request.method != "POST":  # asked after the access check, so its answer tells outsiders nothing
        return HttpResponseNotAllowed(["POST"])
    try:
        name, programme = _posted_programme(request)
        choice = request.POST.get("details")
        changes = detail_changes(found, programme)
        if changes and choice not in ("replace", "keep"):
            text = json.dumps(programme, ensure_ascii=False)
            context = {"training": found, "changes": changes, "programme_text": text, "name": name}
            return render(request, "front/programme_confirm.html", context)
        load_programme_data(found, programme, name, replace_details=choice == "replace")
    except ProgrammeFileError as exc:
        messages.error(request, gettext("Nothing was loaded: %(reason)s") % {"reason": exc})
    else:
        messages.success(
            request,
            gettext("Programme loaded; lectures in the programme: %(count)d.")
            % {"count": found.lectures.count()},
        )
    return redirect("front:training", slug=found.slug)


def _posted_programme(request: HttpRequest) -> tuple[str, dict]:
    """(file name, programme) from the upload, or from the confirmation page that carries it on."""
    if "programme_text" in request.POST:
        name = request.POST.get("name", "programme.json")
        return name, read_programme(request.POST["programme_text"].encode("utf-8"), name)
    upload = request.FILES.get("programme")
    if upload is None:
        raise ProgrammeFileError(gettext("choose a programme file (JSON) to load."))
    if upload.size > MAX_PROGRAMME_BYTES:
        raise ProgrammeFileError(
            gettext("%(name)s is larger than 2 MB; a programme file is much smaller.") % {"name": upload.name}
        )
    return upload.name, read_programme(upload.read(), upload.name)


class LectureForm(forms.Form):
    """One lecture of the programme typed in the page; a lecture with the same number is replaced."""

    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=500)
    speaker = forms.CharField(label=_("Speaker"), max_length=200, required=False)
    affiliation = forms.CharField(label=_("Speaker's affiliation"), max_length=500, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", "–"), *TRAINING_LANGUAGES], required=False
    )
    topics = forms.CharField(label=_("Topics"), required=False, help_text=_("Separated by commas."))
    materials = forms.CharField(
        label=_("Materials"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: a title, a '|', then the address (https://...)."),
    )  # fmt: skip

    def programme(self) -> dict:
        """The lecture as a programme file would give it."""
        data = self.cleaned_data
        lecture = {
            "number": data["number"],
            "title": data["title"].strip(),
            "language": data["language"],
            "topics": [t.strip() for t in data["topics"].split(",") if t.strip()],
            "materials": [_material(line) for line in _lines(data["materials"])],
        }
        speakers = []
        if data["speaker"].strip():
            lecture["speaker"] = data["speaker"].strip()
            speakers = [
                {
                    "key": lecture["speaker"],
                    "name": lecture["speaker"],
                    "affiliation": data["affiliation"].strip(),
                }
            ]
        return {"speakers": speakers, "lectures": [lecture]}


def _material(line: str) -> dict:
    title, _, url = line.rpartition("|")
    return {"title": title.strip() or url.strip(), "url": url.strip()}


@requires(Ability.MANAGE)
def programme_lecture(request: HttpRequest, slug: str) -> HttpResponse:
    """Add or change one lecture through the form on the training page."""
    found = training_or_404(request.user, slug, Ability.MANAGE)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = LectureForm(request.POST)
    if not form.is_valid():
        problems = "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())
        messages.error(request, gettext("The lecture was not saved: %(reason)s") % {"reason": problems})
    else:
        load_programme_data(found, form.programme(), "form")
        messages.success(
            request, gettext("Lecture %(number)d saved.") % {"number": form.cleaned_data["number"]}
        )
    return redirect("front:training", slug=found.slug)


def material_links(materials: list) -> list[tuple[str, str]]:
    """(label, address) of a lecture's materials, which programme files give as links or as
    objects with a title and a url."""
    links = []
    for item in materials or []:
        if isinstance(item, dict):
            url = str(item.get("url") or item.get("href") or "")
            label = str(item.get("title") or item.get("label") or item.get("kind") or url)
        else:
            url = label = str(item)
        if url.startswith(("http://", "https://", "/")):  # never a javascript: link from a file
            links.append((label, url))
    return links
