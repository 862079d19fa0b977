"""A survey's submissions with their repeats: /repeats/<survey>/linked.zip or linked.xlsx."""

from django.urls import path

from citybridge.web.repeats import views

app_name = "repeats"
urlpatterns = [
    path("<slug:survey_slug>/linked.<str:fmt>", views.export, name="export"),
]
