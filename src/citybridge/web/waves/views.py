"""The organiser's waves page, and the opt-out page a participant reaches from any invitation or reminder."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from citybridge.web.accounts.access import Ability, may, public, requires, training_or_404
from citybridge.web.waves import jobs
from citybridge.web.waves.models import Contact
from citybridge.web.waves.wording import language_of, text


@requires(Ability.VIEW)
def training_waves(request: HttpRequest, slug: str) -> HttpResponse:
    """The organiser's view of a training's waves: deliveries and answers, then the paired change."""
    from citybridge.reports.i18n import Translator
    from citybridge.reports.impact import paired_change_table
    from citybridge.web.languages import core_language
    from citybridge.web.waves.analysis import shown_name, survey_title, training_change, unlinked
    from citybridge.web.waves.mail import delivery_table

    training = training_or_404(request.user, slug)
    language = request.LANGUAGE_CODE
    waves = [
        (
            wave,
            shown_name(wave, language),
            survey_title(wave.survey, language),
            delivery_table(wave),
            jobs.latest_sending(wave),
        )
        for wave in training.waves.select_related("survey")
    ]
    t = Translator(core_language(language))  # the report's words and number formats, in the page's language
    compared = [
        (change, paired_change_table(change, t), unlinked(wave))
        for wave, change in training_change(training, language=request.LANGUAGE_CODE)
    ]
    manage = may(request.user, Ability.MANAGE, training.organisation_id)
    context = {"training": training, "waves": waves, "compared": compared, "manage": manage}
    return render(request, "waves/training.html", context)


@requires(Ability.MANAGE)
@require_POST
def send_now(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue the sending of a wave's due invitations and reminders (``citybridge waves send``), then
    show the job. A press while that wave's sending is still running shows the running job instead
    of queueing another; a second job would send nothing anyway, as each message is recorded first."""
    training = training_or_404(request.user, slug, Ability.MANAGE)
    wave = training.waves.filter(pk=_number(request.POST.get("wave"))).first()
    if wave is None:
        raise Http404("no such wave in this training")
    job = jobs.send_now(wave, user=request.user, language=request.LANGUAGE_CODE)
    return redirect("jobs:detail", pk=job.pk)


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@public
@csrf_exempt  # the token in the address is the credential; mail clients' one-click opt-out posts without a form
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners follow links: they must not opt anyone out); POST opts out at once."""
    contact = Contact.objects.select_related("participant__training").filter(opt_out_token=token).first()
    if contact is None:
        raise Http404("no such opt-out link")
    training = contact.participant.training
    done = contact.opted_out_at is not None
    if request.method == "POST" and not done:
        Contact.objects.filter(pk=contact.pk, opted_out_at__isnull=True).update(opted_out_at=timezone.now())
        done = True
    language = language_of(contact.language, (training.languages or [None])[0])
    words = {
        key: text(language, key, training=training.title)
        for key in ("opt_out_title", "opt_out_ask", "opt_out_button", "opt_out_done")
    }
    return render(request, "waves/opt_out.html", {"done": done, "words": words, "language": language})
