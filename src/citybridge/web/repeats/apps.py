from django.apps import AppConfig


class RepeatsConfig(AppConfig):
    name = "citybridge.web.repeats"
    label = "repeats"
