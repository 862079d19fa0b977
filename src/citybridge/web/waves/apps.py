from django.apps import AppConfig


class WavesConfig(AppConfig):
    name = "citybridge.web.waves"
    label = "waves"
    verbose_name = "Follow-up waves"

    def ready(self) -> None:
        from citybridge.web.waves import events

        events.connect()
