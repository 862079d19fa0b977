"""practices_for: the practices that meet a city's priorities, best overlap first."""

from __future__ import annotations

from citybridge.web.knowledge.models import Practice
from citybridge.web.knowledge.practices import practices_for


def test_practices_sharing_more_sectors_come_first(example):
    found = practices_for(example.training, ["ppp", "energy", "environment"])
    overlaps = [len({"ppp", "energy", "environment"} & set(p.sectors)) for p in found]
    assert overlaps == sorted(overlaps, reverse=True) and overlaps[-1] >= 1
    assert found[0].key == "ppp-uzbekistan-first-fields"  # ppp, energy and environment: three shared


def test_ties_keep_the_practices_file_order(example):
    found = practices_for(example.training, ["vocational_education"])
    stored = [
        p.key
        for p in Practice.objects.filter(training=example.training).order_by("position")
        if "vocational_education" in p.sectors
    ]
    assert [p.key for p in found] == stored and len(stored) >= 2


def test_no_shared_sector_or_unknown_slugs_give_nothing(example):
    assert practices_for(example.training, []) == []
    assert practices_for(example.training, ["rocketry"]) == []


def test_another_trainings_practices_never_appear(example, other_training):
    assert practices_for(other_training, ["ppp", "tourism", "vocational_education"]) == []
