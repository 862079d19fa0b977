"""URL map: one include per area of the product."""

from django.contrib import admin
from django.urls import include, path

from citybridge.web.api.routes import api

urlpatterns = [
    path("", include("citybridge.web.front.urls")),
    path("accounts/", include("citybridge.web.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("s/", include("citybridge.web.participate.urls")),
    path("attachments/", include("citybridge.web.attachments.urls")),
    path("repeats/", include("citybridge.web.repeats.urls")),
    path("partnerships/", include("citybridge.web.partnerships.urls")),
    path("knowledge/", include("citybridge.web.knowledge.urls")),
    path("jobs/", include("citybridge.web.jobs.urls")),
    path("waves/", include("citybridge.web.waves.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
