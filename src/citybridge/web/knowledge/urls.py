"""Knowledge hub URLs (prefix /knowledge/)."""

from django.urls import path

from citybridge.web.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.home, name="home"),
    path("speakers/<int:pk>/", views.speaker, name="speaker"),
    path("practices/<int:pk>/", views.practice, name="practice"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("trainings/<slug:slug>/practices/new/", views.practice_new, name="practice_new"),
    path("trainings/<slug:slug>/practices/import/", views.practices_import, name="practices_import"),
    path("trainings/<slug:slug>/booklet/", views.booklet_job, name="booklet"),
]
