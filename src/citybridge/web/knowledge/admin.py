"""Good practices in the admin, for administrators' corrections."""

from django.contrib import admin

from citybridge.web.knowledge.models import Practice


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ("title", "training", "lecture", "place")
    list_filter = ("training",)
    search_fields = ("key", "title")
