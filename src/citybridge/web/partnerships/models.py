"""Which place a city name written in a training means, as an organiser chose it in the browser.

The gazetteer never guesses: an ambiguous name (Asaka: Uzbekistan or Japan) or a town it lacks
stays unresolved until someone says which place is meant. That choice is stored per training and
per written name, and ``city_profiles`` consults it before the gazetteer.
"""

from __future__ import annotations

from django.db import models

from citybridge.web.trainings.models import Training


class ChosenPlace(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="chosen_places")
    written_name = models.CharField(max_length=200, help_text="The name as the survey or registrations write it")
    place_id = models.CharField(max_length=60, help_text="Gazetteer id, e.g. geonames:1513271 or user:khovos")
    chosen_by = models.CharField(max_length=150)
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "written_name"], name="one_place_per_written_name")
        ]

    def __str__(self) -> str:
        return f"{self.written_name} → {self.place_id}"
