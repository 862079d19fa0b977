from django.urls import path

from citybridge.web.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.home, name="home"),
]
