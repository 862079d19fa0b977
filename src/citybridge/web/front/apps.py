from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "citybridge.web.front"
    label = "front"
