"""Admin page for memberships: who has which role in which organisation."""

from django.contrib import admin

from citybridge.web.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "partner_city")
    list_filter = ("organisation", "role")
