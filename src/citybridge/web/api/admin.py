"""Admin page for API tokens (the digest only; a token is shown once, when issued)."""

from django.contrib import admin

from citybridge.web.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "scope", "created_at")
    readonly_fields = ("digest", "created_at")
