from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "citybridge.web.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
