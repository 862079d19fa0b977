from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "citybridge.web.pipeline"
    label = "pipeline"
    verbose_name = "Partnership pipeline"
