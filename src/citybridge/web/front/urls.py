"""Organiser pages: trainings and their set-up (urls_setup), results and reports (urls_results)."""

from citybridge.web.front.urls_results import urlpatterns as results
from citybridge.web.front.urls_setup import urlpatterns as setup

app_name = "front"
urlpatterns = setup + results
