from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "citybridge.web.knowledge"
    label = "knowledge"

    def ready(self) -> None:
        # Keep the full-text index (fulltext.py) in step with every save and delete.
        from django.db.models.signals import post_delete, post_save

        from citybridge.web.knowledge.models import Practice
        from citybridge.web.trainings.models import Lecture, Speaker

        for kind, model in (("lecture", Lecture), ("speaker", Speaker), ("practice", Practice)):
            post_save.connect(_saved(kind), sender=model, weak=False, dispatch_uid=f"fulltext-save-{kind}")
            post_delete.connect(
                _deleted(kind), sender=model, weak=False, dispatch_uid=f"fulltext-delete-{kind}"
            )


def _saved(kind: str):
    def handler(sender, instance, raw=False, **kwargs) -> None:
        from citybridge.web.knowledge.fulltext import refresh

        if not raw:  # loaddata: the fixture's own rows, indexed by reindex
            refresh(kind, instance)

    return handler


def _deleted(kind: str):
    def handler(sender, instance, **kwargs) -> None:
        from citybridge.web.knowledge.fulltext import forget

        forget(kind, instance.pk)

    return handler
