"""Admin pages for trainings, their programme and participants."""

from django.contrib import admin

from citybridge.web.trainings.models import (
    City,
    Lecture,
    Organisation,
    Participant,
    Speaker,
    Training,
    TrainingText,
)


class LectureInline(admin.TabularInline):
    model = Lecture
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "organisation", "starts_on", "ends_on")
    list_filter = ("organisation",)
    search_fields = ("title", "slug")
    inlines = [LectureInline]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("name", "affiliation")
    search_fields = ("name", "affiliation")


@admin.register(Lecture)
class LectureAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "speaker", "training")
    list_filter = ("training",)


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ("name", "country")
    search_fields = ("name",)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "organisation", "city", "consent", "training")
    list_filter = ("training", "consent")
    search_fields = ("name", "email", "organisation")


@admin.register(TrainingText)
class TrainingTextAdmin(admin.ModelAdmin):
    list_display = ("training", "key", "language")
    list_filter = ("training", "language")
    search_fields = ("key", "text")
