"""A person's role in an organisation: organiser, analyst or partner contact.

Administrators are Django superusers and see every organisation. Participants have no account:
they answer through a personal or open survey link (citybridge.web.participate).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from citybridge.web.trainings.models import Organisation


class Role(models.TextChoices):
    ORGANISER = "organiser", "organiser"
    ANALYST = "analyst", "analyst"
    PARTNER = "partner", "partner contact"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    partner_city = models.CharField(
        max_length=200, blank=True, help_text="For a partner contact: the partner city whose leads they see"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_organisation"),
            models.CheckConstraint(
                condition=~models.Q(role="partner") | ~models.Q(partner_city=""),
                name="partner_contact_has_city",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.organisation}"
