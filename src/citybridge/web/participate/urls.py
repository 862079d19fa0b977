"""Participant links (/s/<token>/) and the organiser's link list (/s/manage/<survey>/links/)."""

from django.urls import path

from citybridge.web.participate import views

app_name = "participate"
urlpatterns = [
    path("manage/<slug:survey_slug>/links/", views.links, name="links"),
    path("manage/<slug:survey_slug>/links.csv", views.links_csv, name="links_csv"),
    path("<str:token>/", views.form, name="form"),
    path("<str:token>/relevance/", views.relevance, name="relevance"),
    path("<str:token>/thanks/", views.thanks, name="thanks"),
]
