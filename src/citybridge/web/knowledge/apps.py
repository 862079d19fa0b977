from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "citybridge.web.knowledge"
    label = "knowledge"
