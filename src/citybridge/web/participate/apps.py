from django.apps import AppConfig


class ParticipateConfig(AppConfig):
    name = "citybridge.web.participate"
    label = "participate"
