"""The whole matrix of role × page × organisation: any page that lets someone see or change what is
not theirs fails here.

Every page of the web application is found by walking the URL map (a page added later is checked
without editing this file, or the test names what it lacks). Each page is opened by an
administrator, an organiser, an analyst and a partner contact of the example's organisation, an
organiser of another organisation ("outsider") and an anonymous visitor, with the example's
objects in its address:

- anonymous: sent to the login page (participant pages excepted: they are public);
- VIEW pages: open for admin, organiser, analyst; 403 for the partner contact; 404 for the
  outsider when the address names an object of the example, and otherwise a page without any of
  the example's names;
- MANAGE pages: as VIEW, but 403 for the analyst, and a POST from the analyst or the outsider
  changes nothing;
- PARTNER pages: open for the partner contact and admin, 403 for the others.
The API's own matrix (token × endpoint × organisation) is in tests/web/api.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from citybridge.web.accounts.access import PUBLIC, SIGNED_IN, Ability
from tests.web.attachments.objects import attachment_objects

SKIPPED_NAMESPACES = {"admin", "api-v1"}  # Django's admin checks staff itself; the API has its own matrix
SKIPPED_NAMES = {"set_language"}  # Django's language switch: no data behind it
MARKS = {PUBLIC, SIGNED_IN, *Ability}
HOME_ROLES = ("admin", "organiser", "analyst")


def walk(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from walk(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield (
                (f"{namespace}:{entry.name}" if namespace else entry.name),
                prefix + str(entry.pattern),
                entry,
            )


def pages() -> list[tuple[str, str, URLPattern]]:
    found = []
    for name, route, entry in walk(get_resolver()):
        if name.split(":")[0] in SKIPPED_NAMESPACES or name.split(":")[-1] in SKIPPED_NAMES:
            continue
        found.append((name, route, entry))
    return sorted(found)


PAGES = pages()


def access_of(entry: URLPattern) -> str | None:
    return getattr(entry.callback, "access", None)


def test_every_page_says_who_may_open_it():
    unmarked = [f"{name} ({route})" for name, route, entry in PAGES if access_of(entry) not in MARKS]
    assert not unmarked, "pages without @requires/@public/@signed_in: " + ", ".join(unmarked)


def test_the_matrix_covers_the_pages_of_every_area():
    areas = {name.split(":")[0] for name, _, _ in PAGES}
    assert {"front", "accounts", "jobs", "participate", "partnerships", "knowledge", "waves"} <= areas


def test_sending_a_waves_messages_is_for_those_who_manage_the_training():
    (send,) = [entry for name, _, entry in PAGES if name == "waves:send"]
    assert access_of(send) == Ability.MANAGE  # so the POST test below covers it: analyst 403, outsider 404


@pytest.fixture
def objects(example, people):
    """The example organisation's objects that page addresses name."""
    from citybridge.web.jobs.models import Job
    from citybridge.web.pipeline.store import create_lead

    training, survey = example.training, example.survey
    lead, _ = create_lead("Namangan", "Suzhou", who="organiser", training=training)
    job = Job.objects.create(organisation=training.organisation, training=training, kind="report",
                             status=Job.Status.DONE, files=["report.html"])  # fmt: skip
    job.folder.mkdir(parents=True)
    (job.folder / "report.html").write_text("<p>report</p>")
    values = {
        "slug": training.slug, "training_slug": training.slug, "training": training.slug,
        "survey_slug": survey.slug, "survey": survey.slug,
        "lead_pk": lead.pk, "lead": lead.pk, "job_pk": job.pk, "name": "report.html",
        "city_key": "namangan", "partner_key": "suzhou", "fmt": "csv",
    }  # fmt: skip
    values |= _optional_objects(training)
    values |= attachment_objects(training, job.folder.parent)  # a submission with a photo
    return values


def _optional_objects(training) -> dict:
    """Objects of areas that may hold none yet in the example: a participant link, a practice, a speaker."""
    found: dict = {}
    lecture = training.lectures.select_related("speaker").first()
    if lecture is not None and lecture.speaker is not None:
        found["speaker_pk"] = lecture.speaker.pk
    try:
        from citybridge.web.knowledge.models import Practice

        practice = Practice.objects.filter(training=training).first()
        if practice is not None:
            found["practice_pk"] = practice.pk
    except ImportError:
        pass
    return found


# The pk of each page, by the page's name: which object it is.
PK_OF = {
    "jobs:": "job_pk",
    "partnerships:lead": "lead_pk",
    "partnerships:partner_note": "lead_pk",
    "knowledge:practice": "practice_pk",
    "knowledge:speaker": "speaker_pk",
}


def address(name: str, entry: URLPattern, objects: dict) -> str:
    kwargs = {}
    for key in entry.pattern.regex.groupindex:
        if key == "pk":
            source = next((v for prefix, v in PK_OF.items() if name.startswith(prefix)), None)
            value = objects.get(source) if source else None
        elif key == "key":
            value = (
                objects["partner_key"] if name.startswith("partnerships:catalogue") else objects["city_key"]
            )
        else:
            value = objects.get(key)
        if value is None:
            pytest.fail(f"the role matrix cannot fill <{key}> of {name}: add it to objects() or PK_OF")
        kwargs[key] = value
    return reverse(name, kwargs=kwargs)


def example_names(example) -> list[str]:
    return [example.training.title, example.training.slug, example.survey.slug, example.survey.title]


@pytest.mark.parametrize(("name", "route", "entry"), PAGES, ids=[p[0] for p in PAGES])
def test_each_role_sees_only_what_is_its_own(name, route, entry, objects, client_as, example):
    mark = access_of(entry)
    if mark == PUBLIC:
        pytest.skip("public page: checked by its own tests (a participant link's token)")
    url = address(name, entry, objects)
    names_an_object = bool(entry.pattern.regex.groupindex) and name not in INSTANCE_WIDE
    anonymous = client_as("anonymous").get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url, f"{name}: anonymous"
    for role in ("admin", "organiser", "analyst", "partner", "outsider"):
        response = client_as(role).get(url)
        expected = _expected(mark, role, names_an_object)
        if response.status_code == 405 and expected != 403:
            # A GET to a POST-only address is refused before any object is looked up: it tells
            # nothing of the object; the POST test below checks who may post.
            continue
        if expected == "open":
            assert response.status_code in (200, 302), f"{name} as {role}: {response.status_code}"
        else:
            assert response.status_code == expected, (
                f"{name} as {role}: {response.status_code}, not {expected}"
            )
        if role == "outsider" and response.status_code == 200:
            body = response.content.decode(errors="replace")
            leaked = [text for text in example_names(example) if text and text in body]
            assert not leaked, f"{name} shows the outsider {leaked}"


# Pages whose object belongs to the instance, not to an organisation: the partner catalogue is one
# file shared by every organisation of an installation (docs/matching.md).
INSTANCE_WIDE = {
    "partnerships:catalogue_edit",
    "partnerships:catalogue_remove",
    "partnerships:catalogue_export",
}


def _expected(mark: str, role: str, names_an_object: bool):
    if mark == SIGNED_IN or role == "admin":
        return "open"
    if mark == Ability.PARTNER:
        return "open" if role == "partner" else 403
    if role == "partner":
        return 403
    if role == "outsider":
        return 404 if names_an_object else "open"
    if mark == Ability.MANAGE and role == "analyst":
        return 403
    return "open"


MANAGE_PAGES = [p for p in PAGES if access_of(p[2]) == Ability.MANAGE]


@pytest.mark.parametrize(("name", "route", "entry"), MANAGE_PAGES, ids=[p[0] for p in MANAGE_PAGES])
def test_a_post_without_the_right_role_changes_nothing(name, route, entry, objects, client_as):
    from django.apps import apps

    url = address(name, entry, objects)
    before = _row_counts(apps)
    assert client_as("analyst").post(url, {}).status_code == 403, f"{name}: analyst POST"
    if entry.pattern.regex.groupindex and name not in INSTANCE_WIDE:
        assert client_as("outsider").post(url, {}).status_code == 404, f"{name}: outsider POST"
    assert client_as("partner").post(url, {}).status_code == 403, f"{name}: partner POST"
    assert _row_counts(apps) == before, f"{name}: a refused POST changed the store"


def _row_counts(apps) -> dict[str, int]:
    skipped = {"sessions.session", "admin.logentry"}
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in skipped and not model._meta.proxy
    }
