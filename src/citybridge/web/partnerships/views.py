"""Partnership pages."""

from __future__ import annotations

from django.shortcuts import render

from citybridge.web.accounts.access import Ability, partner_leads_filter, requires
from citybridge.web.pipeline.models import Lead


@requires(Ability.VIEW)
def home(request):
    return render(request, "partnerships/home.html", {})


@requires(Ability.PARTNER)
def partner_leads(request):
    leads = Lead.objects.filter(partner_leads_filter(request.user)).select_related("training")
    return render(request, "partnerships/partner_leads.html", {"leads": leads})
