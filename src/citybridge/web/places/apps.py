from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "citybridge.web.places"
    label = "places"
    verbose_name = "User-added places"
