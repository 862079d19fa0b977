from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "citybridge.web.surveys"
    label = "surveys"
    verbose_name = "Surveys and submissions"
