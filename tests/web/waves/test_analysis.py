"""Change between two stored waves, paired through the participants' personal links."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from citybridge.analysis.change import MCNEMAR, change_json
from citybridge.web.participate.links import create_missing_links
from citybridge.web.waves.analysis import training_change, unlinked
from tests.web.waves.conftest import PEOPLE

INSTANCE = re.compile(r'name="instance_id" value="([^"]+)"')


def answer(wave, person, answers: dict) -> None:
    """Answer the wave as ``person`` through their personal link, as a browser does."""
    create_missing_links(wave.survey)
    path = f"/s/{wave.survey.links.get(participant=person).token}/"
    client = Client()
    instance = INSTANCE.search(client.get(path).content.decode()).group(1)
    assert client.post(path, {**answers, "instance_id": instance}).status_code == 302


@pytest.fixture
def answered(waves, registrants):
    post, follow = waves
    for person in registrants:
        answer(post, person, {"partner": "no", "useful": "neutral"})
    later = [
        ("yes", "agree", "yes"),
        ("yes", "strongly_agree", "yes"),
        ("yes", "neutral", "no"),
        ("no", "disagree", "no"),
    ]
    for person, (partner, useful, applied) in zip([registrants[0], *registrants[2:]], later, strict=True):
        answer(follow, person, {"partner": partner, "useful": useful, "applied": applied, "activity": "no"})
    return post, follow


def test_the_follow_up_is_compared_with_the_post_training_wave_for_who_answered_both(answered):
    ((_, change),) = training_change(answered[0].training)
    assert (change.earlier_wave, change.later_wave) == ("post-training", "3 months")
    partner, top_box, ordinal = change.measures
    assert (partner.comparison, partner.test, partner.base) == ("yes/no", MCNEMAR, 4)
    assert (partner.before, partner.after) == (0, 3)
    assert partner.p_value == pytest.approx(0.25)  # three became yes, none stopped: 2 × 0.5³
    assert (top_box.before, top_box.after, top_box.p_value) == (0, 2, pytest.approx(0.5))
    assert ordinal.changes == {"higher": 2, "same": 1, "lower": 1}


def test_attrition_names_the_participant_who_did_not_answer_the_follow_up_and_their_city(
    answered, registrants
):
    ((_, change),) = training_change(answered[0].training)
    assert change.attrition.dropped == (str(registrants[1].pk),)
    bukhara = next(c for c in change.attrition.by_city if c.city == "Bukhara")
    assert (bukhara.earlier, bukhara.both, bukhara.dropped) == (1, 0, 1)


def test_level_indicators_and_the_json_sentence_come_from_the_stored_answers(answered):
    ((_, change),) = training_change(answered[0].training)
    applied, activity = change.levels
    assert (applied.level, applied.count, applied.base) == (3, 2, 4)
    assert (activity.level, activity.count) == (4, 0)
    data = change_json(change)
    assert data["measures"][0]["sentence"] == (
        "partner (yes/no): 0 of 4 before, 3 after (exact McNemar, p = 0.250, base 4 participants who answered both waves)"
    )


def test_answers_through_no_personal_link_are_counted_as_unlinked_and_left_out_of_pairs(answered, tmp_path):
    from citybridge.web.imports import import_file

    export = tmp_path / "paper.csv"
    export.write_text(
        "_uuid,partner,useful,applied,activity\nc0ffee00-0000-4000-8000-000000000001,yes,agree,yes,yes\n"
    )
    assert unlinked(answered[1]) == 0
    import_file(answered[1].survey, export)
    assert unlinked(answered[1]) == 1
    ((_, change),) = training_change(answered[0].training)
    assert change.measures[0].base == len(PEOPLE) - 1
