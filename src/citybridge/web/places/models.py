"""A place the user adds to the gazetteer, e.g. Khovos, a town too small for GeoNames' 15,000 list."""

from __future__ import annotations

from django.db import models

from citybridge.places import Place

USER_PREFIX = "user:"


class UserPlace(models.Model):
    slug = models.SlugField(max_length=100, unique=True, help_text="The place's id is user:<slug>")
    name = models.CharField(max_length=200)
    other_names = models.JSONField(default=list, blank=True, help_text="Other spellings, any script")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2, e.g. UZ")
    region = models.CharField(max_length=200, blank=True)
    population = models.PositiveIntegerField(default=0)
    latitude = models.FloatField()
    longitude = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def place_id(self) -> str:
        return f"{USER_PREFIX}{self.slug}"

    def place(self) -> Place:
        """The gazetteer's view of this place."""
        return Place(
            id=self.place_id,
            name=self.name,
            country=self.country,
            region=self.region,
            population=self.population,
            latitude=self.latitude,
            longitude=self.longitude,
            names=tuple(self.other_names),
        )
