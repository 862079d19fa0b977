"""Set-up pages: trainings, their programme, participants and surveys."""

from django.urls import path

from citybridge.web.front import participants, surveys, trainings, views

urlpatterns = [
    path("", views.home, name="home"),
    path("trainings/new/", trainings.training_new, name="training_new"),
    path("t/<slug:slug>/", trainings.training, name="training"),
    path("t/<slug:slug>/programme/", trainings.programme_load, name="programme_load"),
    path("t/<slug:slug>/programme/lecture/", trainings.programme_lecture, name="programme_lecture"),
    path("t/<slug:slug>/participants/", participants.participants, name="participants"),
    path("t/<slug:slug>/participants/import/", participants.participants_import, name="participants_import"),
    path("t/<slug:slug>/surveys/upload/", surveys.survey_upload, name="survey_upload"),
    path(
        "t/<slug:slug>/surveys/upload/confirm/", surveys.survey_upload_confirm, name="survey_upload_confirm"
    ),
    path("surveys/<slug:survey_slug>/", surveys.survey, name="survey"),
    path("surveys/<slug:survey_slug>/toggle/", surveys.survey_toggle, name="survey_toggle"),
]
