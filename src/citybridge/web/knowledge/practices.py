"""Which stored good practices speak to a set of sectors, e.g. a city's development priorities."""

from __future__ import annotations

from collections.abc import Iterable

from citybridge import sectors as vocabulary
from citybridge.web.knowledge.models import Practice
from citybridge.web.trainings.models import Training


def practices_for(training: Training, sectors: Iterable[str]) -> list[Practice]:
    """The training's practices sharing at least one sector with ``sectors``, most shared first.

    Aliases (survey choice names) count as their sector and unknown slugs are ignored, so a city's
    priorities can be passed as the survey recorded them. Ties keep the practices file's order.
    """
    wanted = {vocabulary.sector(slug).slug for slug in sectors if vocabulary.is_sector(slug)}
    if not wanted:
        return []
    scored = [
        (len(wanted.intersection(practice.sectors or ())), practice)
        for practice in training.practices.select_related("lecture").order_by("position", "pk")
    ]
    return [practice for overlap, practice in sorted(scored, key=lambda pair: -pair[0]) if overlap > 0]
