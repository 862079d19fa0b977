"""A survey's submissions with their repeats: /repeats/<survey>/linked.zip or linked.xlsx."""

from django.urls import path

from citybridge.web.repeats import views

app_name = "repeats"
urlpatterns = [
    path("<slug:survey_slug>/linked.zip", views.export, {"fmt": "zip"}, name="export_zip"),
    path("<slug:survey_slug>/linked.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
