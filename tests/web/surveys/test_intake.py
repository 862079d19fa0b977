"""Submissions sent at the same moment are checked and stored together, each sender answered alone."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from citybridge.web.surveys import intake
from citybridge.web.surveys.models import Submission

pytestmark = pytest.mark.django_db(transaction=True)  # the writer thread reads committed data only


@pytest.fixture
def batched(settings):
    settings.SUBMISSION_INTAKE = "batched"
    yield
    intake.stop()


def test_a_stopped_writer_is_started_again_by_the_next_submission(batched, example):
    survey = example.survey
    first = intake.submit(survey, survey.current_version(), payload(survey, "uuid:before-stop"),
                          source=Submission.Source.API, source_name="API")  # fmt: skip
    intake.stop()
    second = intake.submit(survey, survey.current_version(), payload(survey, "uuid:after-stop"),
                           source=Submission.Source.API, source_name="API")  # fmt: skip
    assert (first.status, second.status) == (intake.CREATED, intake.CREATED)


def payload(survey, instance_id: str, **changes) -> dict:
    answers = dict(survey.submissions.order_by("pk").first().answers) | changes
    return {"instance_id": instance_id, "answers": answers}


def test_many_senders_at_once_each_get_their_own_answer(batched, example):
    survey, version = example.survey, example.survey.current_version()
    before = Submission.objects.filter(survey=survey).count()
    sent = [payload(survey, f"uuid:together-{n}") for n in range(60)]
    sent += [payload(survey, "uuid:together-7")]  # the same submission again
    sent += [payload(survey, "uuid:bad-one", age="eleven")]  # not a whole number

    def send(one):
        return intake.submit(survey, version, one, source=Submission.Source.API, source_name="API")

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(send, sent))
    statuses = [o.status for o in outcomes]
    assert statuses.count(intake.CREATED) == 60
    assert statuses.count(intake.PRESENT) == 1
    assert outcomes[-1].status == intake.REJECTED
    assert outcomes[-1].problems[0].column == "answers.age"
    stored = Submission.objects.filter(survey=survey)
    assert stored.count() == before + 60
    assert stored.filter(instance_id__startswith="together-").values("instance_id").distinct().count() == 60


def test_a_lone_submission_is_stored_at_once(batched, example):
    survey = example.survey
    outcome = intake.submit(survey, survey.current_version(), payload(survey, "uuid:alone"),
                            source=Submission.Source.API, source_name="API")  # fmt: skip
    assert outcome.status == intake.CREATED
    assert Submission.objects.filter(survey=survey, instance_id="alone").exists()


def test_a_submission_the_store_cannot_take_fails_alone_and_the_rest_of_its_batch_is_stored(example):
    # Past the API's own check (storable.payload_problems), a lone surrogate breaks the batch it is
    # in (Polars cannot hold it): the writer then stores each submission alone.
    survey, version = example.survey, example.survey.current_version()
    sent = [payload(survey, f"uuid:neighbour-{n}") for n in range(5)]
    sent.insert(2, payload(survey, "uuid:broken", city="\ud800"))
    taken = [intake._Pending(survey, version, one, Submission.Source.API, "API") for one in sent]
    intake._store_together(taken)
    statuses = [p.outcome.status for p in taken]
    assert statuses == [intake.CREATED] * 2 + [intake.FAILED] + [intake.CREATED] * 3
    assert Submission.objects.filter(survey=survey, instance_id__startswith="neighbour-").count() == 5
    assert not Submission.objects.filter(survey=survey, instance_id="broken").exists()
