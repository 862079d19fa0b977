from django.urls import path

from citybridge.web.front import views

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
]
