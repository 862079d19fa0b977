"""The API's URLs alone, mounted where the project mounts them (/api/v1/): the project's urls.py
includes ``api.urls`` at that path; this module lets the API be served or tested on its own."""

from django.urls import path

from citybridge.web.api.routes import api

urlpatterns = [path("api/v1/", api.urls)]
