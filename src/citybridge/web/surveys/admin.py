"""Admin pages for surveys, form versions and submissions (submissions are read-only)."""

from django.contrib import admin

from citybridge.web.surveys.models import FormVersion, Submission, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "form_id", "training")
    list_filter = ("training",)


@admin.register(FormVersion)
class FormVersionAdmin(admin.ModelAdmin):
    list_display = ("survey", "version", "filename", "created_at")
    readonly_fields = ("definition", "filename", "created_at")
    exclude = ("xlsform",)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("instance_id", "survey", "submitted_at", "received_at", "source")
    list_filter = ("survey", "source")
    search_fields = ("instance_id",)
    # A submission is evidence: it can be read, never edited in place.
    readonly_fields = [f.name for f in Submission._meta.fields]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # nor deleted: the store only ever adds submissions (the dashboard relies on it)

    def has_change_permission(self, request, obj=None) -> bool:
        return False
