from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "citybridge.web.api"
    label = "api"
    verbose_name = "API access"

    def ready(self) -> None:
        # What a process keeps of tokens and surveys (citybridge.web.recent) is forgotten as soon
        # as this process changes them.
        from django.db.models.signals import post_delete, post_save

        from citybridge.web.api.auth import known_tokens
        from citybridge.web.api.models import ApiToken
        from citybridge.web.api.scoping import surveys_taking_submissions
        from citybridge.web.surveys.models import FormVersion, Survey
        from citybridge.web.trainings.models import Organisation, Training

        for model in (ApiToken, Organisation):
            post_save.connect(known_tokens.forget, sender=model, weak=False)
            post_delete.connect(known_tokens.forget, sender=model, weak=False)
        for model in (Survey, FormVersion, Training, Organisation):
            post_save.connect(surveys_taking_submissions.forget, sender=model, weak=False)
            post_delete.connect(surveys_taking_submissions.forget, sender=model, weak=False)
