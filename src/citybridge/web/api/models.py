"""API tokens: each one acts for one organisation and sees only its trainings."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models

from citybridge.web.trainings.models import Organisation


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "read: GET requests only"
        WRITE = "write", "write: read and change"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=200)
    digest = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the token; the token is shown once"
    )
    scope = models.CharField(
        max_length=10, choices=Scope.choices, default=Scope.WRITE, help_text="read tokens may only GET"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @classmethod
    def issue(cls, organisation: Organisation, name: str, scope: str = Scope.WRITE) -> tuple[ApiToken, str]:
        """A new token (shown once; only its digest is kept) and the token itself."""
        token = secrets.token_urlsafe(32)
        issued = cls.objects.create(
            organisation=organisation, name=name, scope=cls.Scope(scope), digest=hash_token(token)
        )
        return issued, token

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.WRITE
