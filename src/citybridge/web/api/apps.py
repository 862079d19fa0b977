from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "citybridge.web.api"
    label = "api"
    verbose_name = "API access"
