from django.urls import path

from citybridge.web.front import views

urlpatterns = [
    path("", views.home, name="home"),
]
