"""Every submission has a submitted-at time: one stored without it (the API allowed that) takes its
received-at time, and the column refuses a missing time from now on."""

from django.db import migrations, models
from django.db.models import F


def received_as_submitted(apps, schema_editor):
    Submission = apps.get_model("surveys", "Submission")
    Submission.objects.filter(submitted_at__isnull=True).update(submitted_at=F("received_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0003_survey_is_open"),
    ]

    operations = [
        migrations.RunPython(received_as_submitted, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="submission",
            name="submitted_at",
            field=models.DateTimeField(),
        ),
    ]
