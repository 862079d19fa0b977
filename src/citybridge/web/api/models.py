"""API tokens: each one acts for one organisation and sees only its trainings."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models

from citybridge.web.trainings.models import Organisation


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=200)
    digest = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the token; the token is shown once"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @classmethod
    def issue(cls, organisation: Organisation, name: str) -> tuple[ApiToken, str]:
        token = secrets.token_urlsafe(32)
        return cls.objects.create(organisation=organisation, name=name, digest=hash_token(token)), token
