"""The example training's synthetic 3-month follow-up (examples/uzbekistan-2020/followup-3m/)."""

from __future__ import annotations

from pathlib import Path

from citybridge.web.imports import import_file
from citybridge.web.trainings.models import Training
from citybridge.web.waves.models import Wave
from citybridge.web.waves.store import add_wave, link_answers

FOLLOW_UP_DAYS = 91


def load_follow_up(training: Training, example: Path) -> tuple[Wave, Wave]:
    """The post-training survey (loaded already) as the first wave, the 3-month follow-up as the
    second, its answers imported and both waves' answers linked to their participants."""
    folder = example / "followup-3m"
    post = add_wave(training, example / "survey.xlsx", name="post-training", kind="post", opens_on=training.ends_on)
    follow = add_wave(
        training, folder / "survey.xlsx", name="3 months", kind="follow-up", offset_days=FOLLOW_UP_DAYS, earlier=post
    )
    import_file(follow.survey, folder / "submissions.csv")
    for wave in (post, follow):
        link_answers(wave, folder / "links.csv")
    return post, follow
