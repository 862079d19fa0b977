"""Media files of submissions: /attachments/<survey>/<instance id>/<file name>."""

from django.urls import path

from citybridge.web.attachments import views

app_name = "attachments"
urlpatterns = [
    path("<slug:survey_slug>/<str:instance_id>/<str:name>", views.attachment, name="file"),
]
