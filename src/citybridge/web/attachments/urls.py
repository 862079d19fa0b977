"""Media files of submissions: /attachments/<submission>/<file name>."""

from django.urls import path

from citybridge.web.attachments import views

app_name = "attachments"
urlpatterns = [
    path("<int:submission>/<str:file_name>", views.attachment, name="file"),
]
