"""Partnership pages: a training's cities and their places, the partner catalogue, explained
matches, and the follow-up board of leads.

Every view is marked with the ability it needs and fetches each object within the user's
organisations (``training_or_404``, ``_lead_or_404``); the catalogue is one file per instance.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge import sectors
from citybridge.matching import MODES, CatalogueError
from citybridge.pipeline.stages import DROPPED, PipelineError
from citybridge.places import PlaceError
from citybridge.web.accounts.access import (
    Ability,
    check,
    may,
    may_anywhere,
    partner_leads_filter,
    requires,
    training_or_404,
    trainings,
)
from citybridge.web.languages import core_language
from citybridge.web.partnerships import board, catalogue_edit, placing
from citybridge.web.partnerships.forms import (
    NAME_FIELDS,
    PARTNER_FIELDS,
    AddPlaceForm,
    CatalogueUploadForm,
    ChoosePlaceForm,
    LeadForm,
    MatchLeadForm,
    MoveForm,
    NoteForm,
    PartnerForm,
)
from citybridge.web.partnerships.matching import catalogue_in_use, city_profiles, matching_result
from citybridge.web.pipeline import store as pipeline
from citybridge.web.pipeline.models import Lead
from citybridge.web.places.store import add_place
from citybridge.web.uploads import upload_refusal

COUNTRY = "UZ"  # the training's cities: the example's country, as the CLI's default


def _who(request: HttpRequest) -> str:
    return request.user.get_username()


# ------------------------------------------------------------------------------------------- home


@requires(Ability.VIEW)
def home(request):
    found = trainings(request.user).select_related("organisation").order_by("-starts_on", "title")
    return render(request, "partnerships/home.html", {"trainings": found})


# ----------------------------------------------------------------------------------------- cities


@requires(Ability.VIEW)
def cities(request, slug: str):
    training = training_or_404(request.user, slug)
    profiles = city_profiles(training, language=core_language(), country=COUNTRY)
    return render(
        request,
        "partnerships/cities.html",
        {
            "training": training,
            "cities": _city_rows(profiles),
            "unresolved": [p for p in profiles if p.place_id is None],
            "can_manage": _may_manage(request, training),
        },
    )


@requires(Ability.VIEW)
def city(request, slug: str, key: str):
    training = training_or_404(request.user, slug)
    language = core_language()
    result = matching_result(training, language=language, country=COUNTRY)
    profile = _profile_or_404(training, key, language)
    _attach_leads(training, [result["suggestions"].get(key, [])])
    return render(
        request,
        "partnerships/city.html",
        {
            "training": training,
            "city": _city_rows([profile])[0],
            "suggestions": result["suggestions"].get(key, []),
            "practices": _practices(training, profile),
            "can_manage": _may_manage(request, training),
        },
    )


@requires(Ability.MANAGE)
def resolve(request, slug: str, key: str):
    """Pick the place a city name means among the gazetteer's candidates, or add the place."""
    training = training_or_404(request.user, slug, Ability.MANAGE)
    profile = _profile_or_404(training, key, core_language())
    if request.method == "POST":
        form = ChoosePlaceForm(request.POST)
        chosen = placing.place(form.data.get("place_id", "")) if form.is_valid() else None
        if chosen is None:
            messages.error(request, _("Choose one of the candidates listed, or add the place below."))
        else:
            placing.choose_place(training, (profile.name, profile.key), chosen.id, who=_who(request))
            messages.success(request, _("%(city)s is now %(place)s.") % {"city": profile.name, "place": chosen.name})
            return redirect("partnerships:cities", slug=training.slug)
    return _resolve_page(request, training, profile, AddPlaceForm(initial={"name": profile.name, "country": COUNTRY}))


@requires(Ability.MANAGE)
@require_POST
def add_city_place(request, slug: str, key: str):
    training = training_or_404(request.user, slug, Ability.MANAGE)
    profile = _profile_or_404(training, key, core_language())
    form = AddPlaceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                stored = add_place(
                    data["name"], country=data["country"], latitude=data["latitude"], longitude=data["longitude"],
                    population=data["population"] or 0, region=data["region"], other_names=form.other_name_list(),
                )  # fmt: skip
                placing.choose_place(training, (profile.name, profile.key), stored.place_id, who=_who(request))
        except PlaceError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("Added %(place)s; %(city)s now resolves to it.") % {
                "place": str(stored), "city": profile.name,  # "Khovos (UZ)", never its id
            })  # fmt: skip
            return redirect("partnerships:cities", slug=training.slug)
    return _resolve_page(request, training, profile, form, status=400)


def _resolve_page(request, training, profile, form, status: int = 200):
    query = request.GET.get("q", "").strip() or profile.name
    try:
        resolution = placing.candidates(query, request.GET.get("country", COUNTRY))
    except PlaceError as exc:
        messages.error(request, str(exc))
        resolution = placing.candidates(query, None)
    context = {"training": training, "city": profile, "query": query, "resolution": resolution, "form": form}
    return render(request, "partnerships/resolve.html", context, status=status)


def _profile_or_404(training, key: str, language: str):
    for profile in city_profiles(training, language=language, country=COUNTRY):
        if profile.key == key:
            return profile
    raise Http404("no such city in this training")


def _city_rows(profiles) -> list[dict]:
    """Each profile with its region and its counts labelled in the page's language, largest first."""
    language = core_language()
    names = {p.key: p.name_in(language) for p in catalogue_in_use().partners}
    places = placing.places([p.place_id for p in profiles if p.place_id])
    return [
        {
            "profile": profile,
            "region": places[profile.place_id].region if profile.place_id in places else "",
            "priorities": _ranked({sectors.label(s, language): n for s, n in profile.priorities.items()}),
            "industries": _ranked({sectors.label(s, language): n for s, n in profile.industries.items()}),
            "preferences": _ranked({names.get(k, k): n for k, n in profile.preferences.items()}),
        }
        for profile in profiles
    ]


def _ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _practices(training, profile) -> list:
    """Good practices for the city's priorities, when the knowledge hub provides them."""
    try:
        from citybridge.web.knowledge.practices import practices_for
    except ImportError:  # the knowledge hub's practices are not there yet
        return []
    return list(practices_for(training, list(profile.priorities)))


def _may_manage(request, training) -> bool:
    return may(request.user, Ability.MANAGE, training.organisation_id)


# -------------------------------------------------------------------------------------- catalogue


@requires(Ability.VIEW)
def catalogue(request):
    found = catalogue_in_use()
    language = core_language()
    return render(
        request,
        "partnerships/catalogue.html",
        {
            "catalogue": found,
            "sector_label": {s.slug: s.label(language) for s in map(sectors.sector, _sectors_in(found))},
            "imported": catalogue_edit.catalogue_path().exists(),
            "can_manage": may_anywhere(request.user, Ability.MANAGE),
            "upload": CatalogueUploadForm(),
        },
    )


def _sectors_in(found) -> set[str]:
    return {s.sector for p in found.partners for s in p.strengths}


@requires(Ability.MANAGE)
def catalogue_partner(request, key: str | None = None):
    """Add a partner city (no key) or edit one; its ties are kept as they are."""
    found = catalogue_in_use()
    partner = _partner_or_404(found, key) if key else None
    if request.method == "POST":
        form = PartnerForm(request.POST)
        if form.is_valid():
            entry = form.entry(catalogue_edit.strengths_from_lines(form.cleaned_data["strengths"]))
            try:
                catalogue_edit.put_partner(entry, replacing=key)
            except CatalogueError as exc:
                form.show_problems(exc.problems)
            else:
                messages.success(request, _("Saved %(name)s in the partner catalogue.") % {"name": entry["name"]})
                return redirect("partnerships:catalogue")
    else:
        form = PartnerForm(initial=_partner_initial(partner) if partner else {})
    return render(request, "partnerships/partner_form.html", {"form": form, "partner": partner})


@requires(Ability.MANAGE)
@require_POST
def catalogue_remove(request, key: str):
    partner = _partner_or_404(catalogue_in_use(), key)
    try:
        catalogue_edit.remove_partner(key)
    except CatalogueError as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("Removed %(name)s from the partner catalogue.") % {"name": partner.name})
    return redirect("partnerships:catalogue")


@requires(Ability.MANAGE)
@require_POST
def catalogue_import(request):
    form = CatalogueUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a catalogue file to upload."))
        return redirect("partnerships:catalogue")
    upload = form.cleaned_data["file"]
    if refused := upload_refusal(upload):
        context = {"error": str(refused), "back": reverse("partnerships:catalogue")}
        return render(request, "upload_refused.html", context, status=refused.status)
    try:
        found = catalogue_edit.import_file(upload.name, upload.read())
    except CatalogueError as exc:
        messages.error(request, _("%(file)s was not imported; the catalogue in use is unchanged. Fix these and upload it again:") % {"file": upload.name})
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("Imported %(count)s partner cities from %(file)s.") % {
            "count": len(found.partners), "file": upload.name,
        })  # fmt: skip
    return redirect("partnerships:catalogue")


@requires(Ability.VIEW)
def catalogue_export(request, fmt: str):
    if fmt not in ("yaml", "csv"):
        raise Http404("export the catalogue as .yaml or .csv")
    found = catalogue_in_use()
    if fmt == "csv":
        response = HttpResponse(catalogue_edit.export_csv(found, raw=request.GET.get("raw") == "1"), content_type="text/csv; charset=utf-8")
    else:
        from citybridge.matching.catalogue import write_catalogue

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "partners.yaml"
            write_catalogue(found, path)
            response = HttpResponse(path.read_text(encoding="utf-8"), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="partners.{fmt}"'
    return response


def _partner_or_404(found, key: str):
    try:
        return found.partner(key)
    except KeyError:
        raise Http404("no such partner city") from None


def _partner_initial(partner) -> dict:
    initial = {name: getattr(partner, name) for name in PARTNER_FIELDS}
    initial.update({f: partner.names.get(language, "") for f, language in NAME_FIELDS.items()})
    initial["strengths"] = catalogue_edit.strengths_as_lines(partner.strengths)
    return initial


# ---------------------------------------------------------------------------------------- matches


@requires(Ability.VIEW)
def matches(request, slug: str):
    training = training_or_404(request.user, slug)
    mode, k, capacity = _match_options(request.GET)
    language = core_language()
    result = matching_result(training, mode=mode, k=k, capacity=capacity, optimal=True, language=language, country=COUNTRY)
    _attach_leads(training, result["suggestions"].values())
    return render(
        request,
        "partnerships/matches.html",
        {
            "training": training, "result": result, "mode": mode, "k": k, "capacity": capacity, "modes": MODES,
            "can_manage": _may_manage(request, training),
        },
    )  # fmt: skip


def _attach_leads(training, suggestion_lists) -> None:
    """Set each suggestion's ``lead``: the lead made from it, with its stage and latest dated outcome."""
    english = {p.key: p.name for p in catalogue_in_use().partners}
    pairs = board.lead_pairs(board.with_notes(pipeline.leads(training=training)))
    for suggestions in suggestion_lists:
        for match in suggestions:
            match["lead"] = board.existing_lead(pairs, match, english.get(match["partner_key"], match["partner"]))


def _match_options(data) -> tuple[str, int, int]:
    mode = data.get("mode") if data.get("mode") in MODES else "new"
    return mode, _whole(data.get("k"), 3, 1, 20), _whole(data.get("capacity"), 5, 1, 100)


def _whole(value, default: int, low: int, high: int) -> int:
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


@requires(Ability.MANAGE)
@require_POST
def match_to_lead(request, slug: str):
    """Turn one suggestion into a lead, with its score and its explanation (in English, as stored)."""
    training = training_or_404(request.user, slug, Ability.MANAGE)
    form = MatchLeadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That suggestion could not be read; open the matches page again."))
        return redirect("partnerships:matches", slug=training.slug)
    mode, k, capacity = _match_options(request.POST)
    back = reverse("partnerships:matches", args=[training.slug]) + f"?mode={mode}&k={k}&capacity={capacity}"
    result = matching_result(training, mode=mode, k=k, capacity=capacity, language="en", country=COUNTRY)
    wanted = (form.cleaned_data["requesting_key"], form.cleaned_data["partner_key"])
    match = next(
        (m for m in result["suggestions"].get(wanted[0], []) if (m["requesting_key"], m["partner_key"]) == wanted),
        None,
    )
    if match is None:
        messages.error(request, _("That pair is no longer among the suggestions; the page shows the current ones."))
        return redirect(back)
    lead, created = pipeline.create_lead(
        match["requesting"], match["partner"], who=_who(request), training=training,
        score=match["score"], explanation=match["explanation"],
    )  # fmt: skip
    if created:
        messages.success(request, _("Lead created: %(lead)s.") % {"lead": f"{lead.requesting_city} → {lead.partner_city}"})
    else:
        messages.info(request, _("This pair is already a lead."))
    return redirect(back)


# ------------------------------------------------------------------------------------------ leads


@requires(Ability.VIEW)
def leads(request, slug: str):
    training = training_or_404(request.user, slug)
    return render(
        request,
        "partnerships/leads.html",
        {
            "training": training,
            "columns": board.board(pipeline.leads(training=training)),
            "can_manage": _may_manage(request, training),
            "stages": MoveForm.base_fields["stage"].choices,
        },
    )


LEAD_FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@requires(Ability.VIEW)
def leads_export(request, slug: str, fmt: str):
    training = training_or_404(request.user, slug)
    if fmt not in LEAD_FORMATS:
        raise Http404("export leads as .csv or .xlsx")
    name = f"leads-{training.slug}.{fmt}"
    with tempfile.TemporaryDirectory() as folder:
        content = pipeline.export_leads(
            pipeline.leads(training=training), Path(folder) / name, raw=request.GET.get("raw") == "1"
        ).read_bytes()
    response = HttpResponse(content, content_type=LEAD_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Ability.VIEW)
def due(request, slug: str):
    training = training_or_404(request.user, slug)
    today = timezone.localdate()
    return render(
        request, "partnerships/due.html", {"training": training, "owners": pipeline.due(today, training), "today": today}
    )


@requires(Ability.VIEW)
def lead(request, pk: int):
    found = _lead_or_404(request, pk, Ability.VIEW)
    return render(request, "partnerships/lead.html", _lead_context(request, found))


def _lead_context(request, found: Lead) -> dict:
    board.with_notes([found])
    initial = {"stage": found.stage, "owner": found.owner, "due_on": found.due_on}
    return {
        "lead": found,
        "form": LeadForm(initial=initial),
        "history": found.history.all(),
        "can_manage": _may_manage(request, found.training),
        "stages": MoveForm.base_fields["stage"].choices,
    }


def _lead_or_404(request, pk: int, ability: Ability) -> Lead:
    found = Lead.objects.select_related("training").filter(pk=pk).first()
    if found is None or found.training is None:
        raise Http404("no such lead")  # a lead outside any training belongs to no organisation's pages
    check(request.user, ability, found.training.organisation_id)
    return found


def _after_change(request, found: Lead, error: str | None = None):
    """htmx swaps the card in place; a plain form goes back to where it came from (POST-redirect-GET)."""
    if request.headers.get("HX-Request"):
        found.refresh_from_db()
        board.with_notes([found])
        context = {
            "lead": found, "can_manage": True, "error": error, "stages": MoveForm.base_fields["stage"].choices,
            "back": request.POST.get("next", ""),
        }  # fmt: skip
        return render(request, "partnerships/_lead_card.html", context)
    if error:
        messages.error(request, error)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("partnerships:lead", pk=found.pk)


def _lead_action(change):
    """A MANAGE action on one lead: fetch it in the user's organisations, apply, answer."""

    def view(request, pk: int):
        found = _lead_or_404(request, pk, Ability.MANAGE)
        try:
            change(request, found)
        except PipelineError as exc:
            return _after_change(request, found, str(exc))
        return _after_change(request, found)

    view.__name__ = change.__name__
    view.__doc__ = change.__doc__
    return requires(Ability.MANAGE)(require_POST(view))


def _move(request, found: Lead) -> None:
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise PipelineError(_("Choose a stage from the list."))
    if form.cleaned_data["stage"] == DROPPED and not form.cleaned_data["reason"].strip():
        raise PipelineError(_("A dropped lead needs its reason: write why it stopped, then move it again."))
    pipeline.move(found, form.cleaned_data["stage"], who=_who(request), reason=form.cleaned_data["reason"])


def _note(request, found: Lead) -> None:
    form = NoteForm(request.POST)
    if not form.is_valid():
        raise PipelineError(_("A note needs some text."))
    pipeline.add_note(found, form.cleaned_data["text"], who=_who(request))


lead_move = _lead_action(_move)
lead_note = _lead_action(_note)


@requires(Ability.MANAGE)
@require_POST
def lead_save(request, pk: int):
    """Every field of the lead's form saved at once, or nothing with the reason and the typed values."""
    found = _lead_or_404(request, pk, Ability.MANAGE)
    form = LeadForm(request.POST)
    error = _lead_form_error(form)
    if error is None:
        try:
            changed = pipeline.edit(found, who=_who(request), **form.changes())
        except PipelineError as exc:
            error = str(exc)
    if error is not None and not request.headers.get("HX-Request"):
        context = _lead_context(request, found) | {"form": form, "error": error}
        return render(request, "partnerships/lead.html", context, status=400)
    if error is None and not request.headers.get("HX-Request"):
        messages.success(request, _("Saved.") if changed else _("Nothing to change."))
    return _after_change(request, found, error)


def _lead_form_error(form: LeadForm) -> str | None:
    if not form.is_valid():
        if "due_on" in form.errors:
            return _("Write the due date as YYYY-MM-DD, or leave it empty.")
        return _("Check the fields below: nothing was saved.")
    if form.cleaned_data["stage"] == DROPPED and not form.cleaned_data["reason"].strip():
        return _("A dropped lead needs its reason: write why it stopped, then move it again.")
    return None


# ---------------------------------------------------------------------------------- partner contact


@requires(Ability.PARTNER)
def partner_leads(request):
    found = list(
        Lead.objects.filter(partner_leads_filter(request.user))
        .select_related("training")
        .prefetch_related("history")
        .order_by("requesting_city")
    )
    return render(request, "partnerships/partner_leads.html", {"leads": board.with_notes(found)})


@requires(Ability.PARTNER)
@require_POST
def partner_note(request, pk: int):
    found = Lead.objects.filter(partner_leads_filter(request.user), pk=pk).first()
    if found is None:
        raise Http404("no such lead for your city")
    form = NoteForm(request.POST)
    if form.is_valid():
        pipeline.add_note(found, form.cleaned_data["text"], who=_who(request))
        messages.success(request, _("Your note was added."))
    else:
        messages.error(request, _("A note needs some text."))
    return redirect("partnerships:partner_leads")
