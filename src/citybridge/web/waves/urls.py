from django.urls import path

from citybridge.web.waves import views

app_name = "waves"
urlpatterns = [
    path("opt-out/<str:token>/", views.opt_out, name="opt-out"),
    path("training/<slug:slug>/", views.training_waves, name="training"),
    path("training/<slug:slug>/send/", views.send_now, name="send"),
]
