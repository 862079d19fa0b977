"""URL map: the admin and the REST API."""

from django.contrib import admin
from django.urls import path

from citybridge.web.api.routes import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
