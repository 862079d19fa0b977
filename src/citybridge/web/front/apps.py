from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "citybridge.web.front"
    label = "front"

    def ready(self) -> None:
        # What this process keeps for the dashboard (dashboard_cache.shown) is forgotten as soon as
        # it changes a training, survey or form version.
        from django.db.models.signals import post_delete, post_save

        from citybridge.web.front.dashboard_cache import shown
        from citybridge.web.surveys.models import FormVersion, Survey
        from citybridge.web.trainings.models import Organisation, Training

        for model in (Organisation, Training, Survey, FormVersion):
            post_save.connect(shown.forget, sender=model, weak=False)
            post_delete.connect(shown.forget, sender=model, weak=False)
