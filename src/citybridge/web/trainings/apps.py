from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "citybridge.web.trainings"
    label = "trainings"
    verbose_name = "Trainings"
