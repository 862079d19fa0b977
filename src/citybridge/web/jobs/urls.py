from django.urls import path

from citybridge.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/files/<str:name>", views.download, name="download"),
]
