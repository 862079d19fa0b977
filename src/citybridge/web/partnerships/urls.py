"""URLs of the partnership pages: per training (t/<slug>/...), the instance's catalogue, one lead."""

from django.urls import path

from citybridge.web.partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.home, name="home"),
    path("t/<slug:slug>/cities/", views.cities, name="cities"),
    path("t/<slug:slug>/cities/<str:key>/", views.city, name="city"),
    path("t/<slug:slug>/cities/<str:key>/resolve/", views.resolve, name="resolve"),
    path("t/<slug:slug>/cities/<str:key>/add-place/", views.add_city_place, name="add_place"),
    path("t/<slug:slug>/matches/", views.matches, name="matches"),
    path("t/<slug:slug>/matches/lead/", views.match_to_lead, name="match_to_lead"),
    path("t/<slug:slug>/leads/", views.leads, name="leads"),
    path("t/<slug:slug>/leads/export.<str:fmt>", views.leads_export, name="leads_export"),
    path("t/<slug:slug>/due/", views.due, name="due"),
    path("leads/<int:pk>/", views.lead, name="lead"),
    path("leads/<int:pk>/move/", views.lead_move, name="lead_move"),
    path("leads/<int:pk>/note/", views.lead_note, name="lead_note"),
    path("leads/<int:pk>/save/", views.lead_save, name="lead_save"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/add/", views.catalogue_partner, name="catalogue_add"),
    path("catalogue/import/", views.catalogue_import, name="catalogue_import"),
    path("catalogue/export.<str:fmt>", views.catalogue_export, name="catalogue_export"),
    path("catalogue/<str:key>/", views.catalogue_partner, name="catalogue_edit"),
    path("catalogue/<str:key>/remove/", views.catalogue_remove, name="catalogue_remove"),
    path("for-my-city/", views.partner_leads, name="partner_leads"),
    path("for-my-city/<int:pk>/note/", views.partner_note, name="partner_note"),
]
