"""Knowledge hub URLs (prefix /knowledge/)."""

from django.urls import path

from citybridge.web.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.home, name="home"),
    path("speakers/<int:pk>/", views.speaker, name="speaker"),
    path("practices/<int:pk>/", views.practice, name="practice"),
    path("trainings/<slug:slug>/practices/import/", views.practices_import, name="practices_import"),
    path("trainings/<slug:slug>/booklet/", views.booklet_job, name="booklet"),
]
