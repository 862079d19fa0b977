from django.urls import path

from citybridge.web.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.home, name="home"),
    path("for-my-city/", views.partner_leads, name="partner_leads"),
]
