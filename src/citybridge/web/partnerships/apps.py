from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "citybridge.web.partnerships"
    label = "partnerships"
